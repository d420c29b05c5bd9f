// The netCDF-4 dimension scales of run files (engine/io/hdf5_scales.cpp): which datasets are
// coordinates, that they share storage with /runs, follow a file cut short, and that the readers
// do not take them for metrics.
#include "io/hdf5_reader.hpp"
#include "io/hdf5_writer.hpp"
#include "io_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace rotsim;
using namespace rotsim::test;

namespace {

RunFileHeader header_for(std::int64_t runs) {
    RunFileHeader h;
    h.scenario_text = "[run]\n";
    h.ticks = 10;
    h.every = 4; // ticks 0, 4, 8, 9
    h.start_date = "2024-12-30";
    h.runs = runs;
    return h;
}

// The HDF5 object a path leads to: two names of one dataset give the same address.
haddr_t address_of(const H5::H5File& file, const char* path) {
    H5O_info_t info{};
    REQUIRE(H5Oget_info_by_name(file.getId(), path, &info, H5P_DEFAULT) >= 0);
    return info.addr;
}

std::string fixed_string_attribute(const H5::DataSet& ds, const char* name) {
    const H5::Attribute attribute = ds.openAttribute(name);
    std::string text;
    attribute.read(attribute.getStrType(), text);
    return text.substr(0, text.find('\0'));
}

bool none_is_coordinate(const std::vector<std::string>& names) {
    return std::none_of(names.begin(), names.end(), [](const std::string& n) {
        return n == "run" || n == "time" || n == "date" || n == "replication" || n == "seed" ||
               n == "point";
    });
}

} // namespace

TEST_CASE("scales: a run file names its axes run and time for netCDF readers", "[io]") {
    TempDir dir;
    const std::string path = dir.file("run.h5");
    const RunFileHeader h = header_for(3);
    {
        ResultWriter writer(path, h, false);
        for (std::int64_t row = 0; row < h.runs; ++row)
            writer.write(make_result(row, h.ticks, false), row);
        writer.close();
    }
    const H5::H5File file(path, H5F_ACC_RDONLY);
    const H5::DataSet run = file.openDataSet("timeseries/run");
    CHECK(fixed_string_attribute(run, "CLASS") == "DIMENSION_SCALE");
    CHECK(read_array<std::int64_t>(file, "timeseries/run").values ==
          std::vector<std::int64_t>{0, 1, 2});
    CHECK(read_array<std::int64_t>(file, "timeseries/time").values ==
          std::vector<std::int64_t>{0, 4, 8, 9});
    const H5::DataSet date = file.openDataSet("timeseries/date");
    CHECK(string_attribute(date, "units") == "days since 2024-12-30");
    CHECK(date.attrExists("DIMENSION_LIST"));
    // The coordinates of /summary and /timeseries are /runs' datasets under more names.
    CHECK(address_of(file, "summary/replication") == address_of(file, "runs/replication"));
    CHECK(address_of(file, "timeseries/seed") == address_of(file, "runs/seed"));
    // Each group has a `run` scale of its own, so that each lists only its group's datasets.
    CHECK(address_of(file, "summary/run") != address_of(file, "timeseries/run"));
    CHECK(fixed_string_attribute(file.openDataSet("summary/run"), "CLASS") == "DIMENSION_SCALE");
    CHECK_FALSE(file.nameExists("timeseries/point")); // sweep files only
    const H5::DataSet killed = file.openDataSet("timeseries/killed");
    CHECK(killed.attrExists("DIMENSION_LIST"));
    CHECK(string_attribute(killed, "coordinates") == "date replication seed");
    CHECK(string_attribute(killed, "long_name") == string_attribute(killed, "description"));
    CHECK(string_attribute(file.openDataSet("summary/served"), "coordinates") ==
          "replication seed");

    const SummaryTable table = read_summary_table(path);
    CHECK(table.names.size() == static_cast<std::size_t>(kSummaryCount));
    CHECK(none_is_coordinate(table.names));
    const SeriesReader series(path);
    CHECK(none_is_coordinate(series.series()));
}

TEST_CASE("scales: a file cut to fewer runs cuts its run coordinate", "[io]") {
    TempDir dir;
    const std::string path = dir.file("cut.h5");
    const RunFileHeader h = header_for(5);
    {
        ResultWriter writer(path, h, false);
        for (std::int64_t row = 0; row < 2; ++row)
            writer.write(make_result(row, h.ticks, false), row);
        writer.keep_rows(2);
        writer.close();
    }
    const H5::H5File file(path, H5F_ACC_RDONLY);
    CHECK(read_array<std::int64_t>(file, "summary/run").values == std::vector<std::int64_t>{0, 1});
    CHECK(read_array<std::int64_t>(file, "timeseries/run").values ==
          std::vector<std::int64_t>{0, 1});
    CHECK(read_array<std::int64_t>(file, "timeseries/replication").dims == std::vector<hsize_t>{2});
}
