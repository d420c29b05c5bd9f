#include "io/hdf5_reader.hpp"
#include "io/hdf5_writer.hpp"
#include "io_test_support.hpp"
#include "model/error.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace rotsim;
using namespace rotsim::test;
using Catch::Matchers::Contains;

namespace {

// A genuine run file of 4 runs x 6 ticks, for the tests to damage.
std::string write_run_file(const TempDir& dir, const std::string& name) {
    const std::string path = dir.file(name);
    RunFileHeader header;
    header.scenario_text = "[run]\nhorizon_days = 6\n";
    header.seed = 7;
    header.ticks = 6;
    header.start_date = "2024-10-01";
    header.runs = 4;
    ResultWriter writer(path, header, false);
    for (std::int64_t row = 0; row < 4; ++row)
        writer.write(make_result(row, 6, false), row);
    writer.close();
    return path;
}

// Replaces one dataset of a run file by another of the given shape and type.
void replace_dataset(const std::string& path, const std::string& name,
                     const std::vector<hsize_t>& dims, const H5::DataType& type) {
    H5::H5File file(path, H5F_ACC_RDWR);
    file.unlink(name);
    file.createDataSet(name, type, H5::DataSpace(static_cast<int>(dims.size()), dims.data()));
}

} // namespace

TEST_CASE("the reader names the file and what is wrong with it", "[io]") {
    TempDir dir;

    SECTION("a missing file") {
        const std::string path = dir.file("missing.h5");
        CHECK_THROWS_MATCHES(
            read_summary_table(path), InputError,
            Catch::Matchers::Message("cannot read result file '" + path + "': no such file"));
        CHECK_THROWS_WITH(read_series(path, "n_deployed"), Contains(path));
    }
    SECTION("a directory") {
        CHECK_THROWS_WITH(read_summary_table(dir.file("")), Contains("directory"));
    }
    SECTION("a file that is not HDF5") {
        const std::string path = dir.file("scenario.ini");
        std::ofstream(path) << "[run]\nhorizon_days = 10\n";
        CHECK_THROWS_WITH(read_summary_table(path), Contains(path) && Contains("not an HDF5 file"));
        CHECK_THROWS_WITH(read_series(path, "n_deployed"), Contains("not an HDF5 file"));
    }
    SECTION("an empty file") {
        const std::string path = dir.file("empty.h5");
        std::ofstream{path};
        CHECK_THROWS_AS(read_summary_table(path), InputError);
    }
    SECTION("an HDF5 file that is not a rotsim run file") {
        const std::string path = dir.file("other.h5");
        {
            H5::H5File file(path, H5F_ACC_TRUNC);
            const hsize_t n = 3;
            file.createDataSet("data", H5::PredType::NATIVE_DOUBLE, H5::DataSpace(1, &n));
        }
        CHECK_THROWS_WITH(read_summary_table(path), Contains(path) && Contains("runs") &&
                                                        Contains("not a rotsim result file"));
        CHECK_THROWS_WITH(read_series(path, "n_deployed"), Contains("not a rotsim result file"));
    }
    SECTION("a run file whose /summary group is missing") {
        const std::string path = write_run_file(dir, "run.h5");
        H5::H5File(path, H5F_ACC_RDWR).unlink("summary");
        CHECK_THROWS_WITH(read_summary_table(path), Contains("no group /summary"));
    }
    SECTION("a summary dataset of the wrong shape") {
        const std::string path = write_run_file(dir, "run.h5");
        replace_dataset(path, "/summary/killed", {4, 2}, H5::PredType::NATIVE_DOUBLE);
        CHECK_THROWS_MATCHES(
            read_summary_table(path), InputError,
            Catch::Matchers::Message("cannot read run file '" + path +
                                     "': dataset /summary/killed has shape (4, 2), expected (4)"));
    }
    SECTION("a summary dataset of the wrong length") {
        const std::string path = write_run_file(dir, "run.h5");
        replace_dataset(path, "/summary/served", {5}, H5::PredType::NATIVE_DOUBLE);
        CHECK_THROWS_WITH(read_summary_table(path), Contains("/summary/served has shape (5)"));
    }
    SECTION("a summary dataset that is not numeric") {
        const std::string path = write_run_file(dir, "run.h5");
        replace_dataset(path, "/summary/home", {4}, H5::StrType(H5::PredType::C_S1, 8));
        CHECK_THROWS_WITH(read_summary_table(path), Contains("/summary/home is not numeric"));
    }
    SECTION("a time series of the wrong shape, or missing") {
        const std::string path = write_run_file(dir, "run.h5");
        CHECK(read_series(path, "n_deployed").values.size() == 24);
        replace_dataset(path, "/timeseries/n_deployed", {4, 7}, H5::PredType::NATIVE_INT64);
        CHECK_THROWS_WITH(read_series(path, "n_deployed"),
                          Contains("/timeseries/n_deployed has shape (4, 7), expected (4, 6)"));
        CHECK_THROWS_WITH(read_series(path, "no_such_metric"),
                          Contains(path) && Contains("no dataset /timeseries/no_such_metric"));
        CHECK_THROWS_WITH(read_series(path, "../summary"), Contains("not a metric name"));
    }
    SECTION("a root attribute of the wrong type") {
        const std::string path = write_run_file(dir, "run.h5");
        {
            H5::H5File file(path, H5F_ACC_RDWR);
            file.removeAttr("seed");
            file.createAttribute("seed", H5::PredType::NATIVE_DOUBLE, H5::DataSpace(H5S_SCALAR));
        }
        CHECK_THROWS_WITH(read_summary_table(path), Contains("'seed' has the wrong type"));
    }
    SECTION("a truncated run file") {
        const std::string path = write_run_file(dir, "run.h5");
        std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
        CHECK_THROWS_WITH(read_summary_table(path), Contains(path));
        CHECK_THROWS_WITH(read_series(path, "n_deployed"), Contains(path));
    }
}
