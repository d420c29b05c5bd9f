// The /sensitivity group: its layout, the refusal to replace it unasked, and a failed write that
// leaves the file as it was.
#include "io/hdf5_writer.hpp"
#include "io/sensitivity_file.hpp"
#include "io_test_support.hpp"
#include "model/error.hpp"

#include <H5Cpp.h>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

using rotsim::test::TempDir;

namespace {

std::string run_file(const TempDir& dir) {
    rotsim::RunFileHeader header;
    header.scenario_text = "[run]\nhorizon_days = 3\n";
    header.ticks = 3;
    header.start_date = "2024-10-01";
    header.runs = 2;
    const std::string path = dir.file("run.h5");
    rotsim::ResultWriter writer(path, header, false);
    for (std::int64_t row = 0; row < 2; ++row)
        writer.write(rotsim::test::make_result(row, 3, false), row);
    writer.close();
    return path;
}

rotsim::SensitivityRecord record() {
    rotsim::SensitivityRecord r;
    r.method = "sobol";
    r.metrics = {"killed", "served", "accrued_usd"};
    r.keys = {"casualties.p_kia", "strength.max_tours"};
    r.columns.push_back({"first", "", "first-order index", {1, 2, 3, 4, 5, 6}, true});
    r.columns.push_back({"base_samples", "samples", "used", {64, 63, 64}, false});
    r.bootstrap_resamples = 1000;
    r.bootstrap_seed = 7;
    r.command_line = "rotsim sensitivity run.h5";
    return r;
}

std::string bytes_of(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t files_in(const std::string& path) {
    const auto dir = std::filesystem::path(path).parent_path();
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir),
                                                  std::filesystem::directory_iterator()));
}

} // namespace

TEST_CASE("sensitivity: /sensitivity holds the indices by metric and key", "[io][sensitivity]") {
    const TempDir dir;
    const std::string path = run_file(dir);
    rotsim::store_sensitivity(path, record(), false);
    const H5::H5File file(path, H5F_ACC_RDONLY);
    const H5::Group group = file.openGroup("sensitivity");
    CHECK(rotsim::test::string_attribute(group, "method") == "sobol");
    const H5::DataSet first = group.openDataSet("first");
    hsize_t dims[2] = {0, 0};
    REQUIRE(first.getSpace().getSimpleExtentNdims() == 2);
    first.getSpace().getSimpleExtentDims(dims);
    CHECK(dims[0] == 3);
    CHECK(dims[1] == 2);
    std::vector<double> values(6);
    first.read(values.data(), H5::PredType::NATIVE_DOUBLE);
    CHECK(values == std::vector<double>{1, 2, 3, 4, 5, 6});
    CHECK(group.openDataSet("base_samples").getSpace().getSimpleExtentNpoints() == 3);
    CHECK(group.openDataSet("metric").getSpace().getSimpleExtentNpoints() == 3);
    CHECK(group.openDataSet("key").getSpace().getSimpleExtentNpoints() == 2);
    // The summaries are still there, untouched.
    CHECK(file.nameExists("summary/killed"));
}

TEST_CASE("sensitivity: an existing /sensitivity is replaced only when asked",
          "[io][sensitivity]") {
    const TempDir dir;
    const std::string path = run_file(dir);
    rotsim::store_sensitivity(path, record(), false);
    const std::string before = bytes_of(path);
    CHECK_THROWS_WITH(rotsim::store_sensitivity(path, record(), false),
                      Catch::Matchers::Contains("already") &&
                          Catch::Matchers::Contains("--overwrite"));
    CHECK(bytes_of(path) == before);
    CHECK(files_in(path) == 1);
    rotsim::SensitivityRecord other = record();
    other.columns[0].values = {6, 5, 4, 3, 2, 1};
    rotsim::store_sensitivity(path, other, true);
    const H5::H5File file(path, H5F_ACC_RDONLY);
    std::vector<double> values(6);
    file.openDataSet("sensitivity/first").read(values.data(), H5::PredType::NATIVE_DOUBLE);
    CHECK(values.front() == 6);
}

TEST_CASE("sensitivity: a write that fails halfway leaves the file as it was",
          "[io][sensitivity]") {
    const TempDir dir;
    const std::string path = run_file(dir);
    const std::string before = bytes_of(path);
    rotsim::SensitivityRecord bad = record();
    // The group and its first dataset are written before this one fails.
    bad.columns.push_back({"total", "", "total index", {1, 2, 3}, true});
    CHECK_THROWS_WITH(rotsim::store_sensitivity(path, bad, false),
                      Catch::Matchers::Contains("the file is unchanged"));
    CHECK(bytes_of(path) == before);
    CHECK(files_in(path) == 1); // no copy left behind
    CHECK_THROWS_AS(rotsim::store_sensitivity(dir.file("none.h5"), record(), false),
                    rotsim::InputError);
}

TEST_CASE("sensitivity: a run file is not a sweep file", "[io][sensitivity]") {
    const TempDir dir;
    const std::string path = run_file(dir);
    CHECK_THROWS_WITH(rotsim::read_sweep_summaries(path),
                      Catch::Matchers::Contains("run.h5") &&
                          Catch::Matchers::Contains("not a sweep file"));
}
