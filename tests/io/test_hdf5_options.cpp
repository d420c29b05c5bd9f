// The writer's choices that keep big files small: which series, every N-th tick, single precision.
#include "io/hdf5_reader.hpp"
#include "io/hdf5_writer.hpp"
#include "io_test_support.hpp"
#include "model/error.hpp"

#include <catch2/catch.hpp>

using namespace rotsim;
using namespace rotsim::test;

namespace {

RunFileHeader header_for(int ticks) {
    RunFileHeader h;
    h.scenario_text = "[run]\n";
    h.ticks = ticks;
    h.start_date = "2024-12-30";
    h.runs = 3;
    return h;
}

void write_all(const std::string& path, const RunFileHeader& h) {
    ResultWriter writer(path, h, false);
    for (std::int64_t row = 0; row < h.runs; ++row)
        writer.write(make_result(row, h.ticks, false), row);
    writer.close();
}

std::vector<std::string> read_strings(const H5::H5File& file, const std::string& path) {
    const H5::DataSet ds = file.openDataSet(path);
    const auto n = static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints());
    std::vector<char*> raw(n);
    ds.read(raw.data(), ds.getStrType());
    std::vector<std::string> out(raw.begin(), raw.end());
    H5Dvlen_reclaim(ds.getStrType().getId(), ds.getSpace().getId(), H5P_DEFAULT, raw.data());
    return out;
}

} // namespace

TEST_CASE("every file has a time axis of ticks and calendar dates") {
    TempDir dir;
    const std::string path = dir.file("time.h5");
    write_all(path, header_for(4));
    const H5::H5File file(path, H5F_ACC_RDONLY);
    CHECK(read_array<std::int64_t>(file, "/time/tick").values ==
          std::vector<std::int64_t>{0, 1, 2, 3});
    CHECK(read_strings(file, "/time/date") ==
          std::vector<std::string>{"2024-12-30", "2024-12-31", "2025-01-01", "2025-01-02"});
}

TEST_CASE("every: keeps every N-th tick and the last one") {
    CHECK(stored_ticks(10, 1).size() == 10);
    CHECK(stored_ticks(10, 3) == std::vector<int>{0, 3, 6, 9});
    CHECK(stored_ticks(10, 4) == std::vector<int>{0, 4, 8, 9});
    CHECK(stored_ticks(1, 30) == std::vector<int>{0});

    TempDir dir;
    const std::string path = dir.file("every.h5");
    RunFileHeader h = header_for(10);
    h.every = 4;
    write_all(path, h);
    const H5::H5File file(path, H5F_ACC_RDONLY);
    const auto served = read_array<std::int64_t>(file, "/timeseries/served");
    REQUIRE(served.dims == std::vector<hsize_t>{3, 4});
    const std::vector<int> ticks = {0, 4, 8, 9};
    for (std::int64_t row = 0; row < 3; ++row)
        for (std::size_t k = 0; k < ticks.size(); ++k)
            REQUIRE(served.values[static_cast<std::size_t>(row) * 4 + k] ==
                    series_value(row, metric::served, ticks[k]));
    const SeriesTable table = read_series(path, "served");
    CHECK(table.ticks == 4);
}

TEST_CASE("series: stores only the chosen series, and an unknown name is refused") {
    TempDir dir;
    const std::string path = dir.file("series.h5");
    RunFileHeader h = header_for(5);
    h.series = {"served", "party_fund_usd"};
    write_all(path, h);
    const H5::H5File file(path, H5F_ACC_RDONLY);
    const H5::Group group = file.openGroup("timeseries");
    // The two series and the coordinates of netCDF readers (hdf5_scales.cpp).
    CHECK(group.getNumObjs() == 2 + 5);
    CHECK(group.nameExists("served"));
    CHECK(group.nameExists("party_fund_usd"));
    CHECK_FALSE(group.nameExists("killed"));

    h.series = {"served", "kiled"};
    CHECK_THROWS_WITH(ResultWriter(dir.file("bad.h5"), h, false), Catch::Contains("'kiled'"));
    CHECK_FALSE(std::filesystem::exists(dir.file("bad.h5")));
}

TEST_CASE("single precision: stores the series as 32-bit floats") {
    TempDir dir;
    const std::string path = dir.file("single.h5");
    RunFileHeader h = header_for(6);
    h.single_precision = true;
    write_all(path, h);
    const H5::H5File file(path, H5F_ACC_RDONLY);
    const H5::DataSet ds = file.openDataSet("/timeseries/accrued_usd");
    CHECK(ds.getDataType().getSize() == 4);
    const auto values = read_array<double>(file, "/timeseries/served").values;
    CHECK(values[7] ==
          Approx(static_cast<double>(series_value(1, metric::served, 1))).epsilon(1e-7));
}

TEST_CASE("close() leaves the file complete on disk while the writer still exists") {
    TempDir dir;
    const std::string path = dir.file("closed.h5");
    RunFileHeader h = header_for(30);
    h.runs = 20;
    ResultWriter writer(path, h, false);
    for (std::int64_t row = 0; row < h.runs; ++row)
        writer.write(make_result(row, h.ticks, false), row);
    writer.close();
    // HDF5 writes the file's last metadata when its last open object closes: before the fix,
    // the file on disk was a fraction of its final size until the writer was destroyed.
    const auto size = std::filesystem::file_size(path);
    const H5::H5File file(path, H5F_ACC_RDONLY);
    CHECK(read_array<std::int64_t>(file, "/timeseries/served").dims ==
          std::vector<hsize_t>{20, 30});
    CHECK(size > 20 * 30 * 2);
}
