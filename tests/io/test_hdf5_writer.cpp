#include "io/hdf5_reader.hpp"
#include "io/hdf5_schema.hpp"
#include "io/hdf5_writer.hpp"
#include "io_test_support.hpp"
#include "model/error.hpp"
#include "model/state.hpp"
#include "version.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <iterator>
#include <numeric>

using namespace rotsim;
using namespace rotsim::test;
using Catch::Matchers::Contains;

namespace {

RunFileHeader make_header(std::int64_t runs, int ticks, std::int64_t agent_runs) {
    RunFileHeader h;
    h.scenario_text =
        "[run]\nhorizon_days = " + std::to_string(ticks) + "\n# Kim Jong Un, 김정은\n";
    h.seed = 0xDEAD'BEEF'CAFE'F00DULL;
    h.ticks = ticks;
    h.start_date = "2024-10-01";
    h.runs = runs;
    h.agent_runs = agent_runs;
    h.command_line = "rotsim run scenario.ini --runs " + std::to_string(runs);
    return h;
}

void write_file(const std::string& path, const RunFileHeader& header,
                const std::vector<std::int64_t>& order, std::size_t soldiers = 0) {
    ResultWriter writer(path, header, false);
    for (std::int64_t row : order)
        writer.write(make_result(row, header.ticks, row < header.agent_runs, soldiers), row);
    writer.close();
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void check_units(const H5::DataSet& ds, std::string_view units, std::string_view description) {
    CHECK(string_attribute(ds, "units") == units);
    CHECK(string_attribute(ds, "description") == description);
}

} // namespace

TEST_CASE("a run file holds every dataset and attribute, rows in place though written out of order",
          "[io]") {
    TempDir dir;
    const std::string path = dir.file("run.h5");
    const int ticks = 9;
    const std::int64_t runs = 5;
    const std::vector<hsize_t> series_dims = {5, 9};
    const RunFileHeader header = make_header(runs, ticks, 3);
    write_file(path, header, {3, 1, 4, 0, 2});

    const H5::H5File file(path, H5F_ACC_RDONLY);
    SECTION("root attributes") {
        CHECK(string_attribute(file, "scenario") == header.scenario_text);
        CHECK(string_attribute(file, "engine_version") == kEngineVersion);
        CHECK(string_attribute(file, "git_revision") == kGitRevision);
        CHECK(string_attribute(file, "start_date") == "2024-10-01");
        CHECK(string_attribute(file, "command_line") == header.command_line);
        const std::string created = string_attribute(file, "created");
        REQUIRE(created.size() == 20);
        CHECK(created[10] == 'T');
        CHECK(created.back() == 'Z');
        std::uint64_t seed = 0;
        file.openAttribute("seed").read(H5::PredType::NATIVE_UINT64, &seed);
        CHECK(seed == header.seed);
        std::int64_t value = 0;
        file.openAttribute("runs").read(H5::PredType::NATIVE_INT64, &value);
        CHECK(value == runs);
        file.openAttribute("agent_runs").read(H5::PredType::NATIVE_INT64, &value);
        CHECK(value == 3);
        file.openAttribute("rows_written").read(H5::PredType::NATIVE_INT64, &value);
        CHECK(value == runs);
        int small = 0;
        file.openAttribute("ticks").read(H5::PredType::NATIVE_INT, &small);
        CHECK(small == ticks);
        file.openAttribute("format_version").read(H5::PredType::NATIVE_INT, &small);
        CHECK(small == kFileFormatVersion);
    }
    SECTION("time series: counts as int64, money as USD, chunked and compressed") {
        for (int m = 0; m < kMetricCount; ++m) {
            const std::string name = "/timeseries/" + std::string(kMetrics[m].name);
            INFO(name);
            const H5::DataSet ds = file.openDataSet(name);
            check_units(ds, metric_units(kMetrics[m].unit), kMetrics[m].description);
            const bool money = kMetrics[m].unit == Unit::money;
            CHECK(ds.getTypeClass() == (money ? H5T_FLOAT : H5T_INTEGER));
            CHECK(ds.getDataType().getSize() == 8);
            const H5::DSetCreatPropList plist = ds.getCreatePlist();
            CHECK(plist.getLayout() == H5D_CHUNKED);
            CHECK(plist.getNfilters() == 2);
            const Array<double> a = read_array<double>(file, name);
            REQUIRE(a.dims == series_dims);
            for (std::int64_t r = 0; r < runs; ++r)
                for (int t = 0; t < ticks; ++t) {
                    const std::int64_t v = series_value(r, m, t);
                    REQUIRE(a.values[static_cast<std::size_t>(r * ticks + t)] ==
                            (money ? to_usd(v) : static_cast<double>(v)));
                }
        }
    }
    SECTION("summary and runs") {
        for (int s = 0; s < kSummaryCount; ++s) {
            const std::string name = "/summary/" + std::string(kSummaries[s].name);
            INFO(name);
            check_units(file.openDataSet(name), summary_units(static_cast<Summary>(s)),
                        kSummaries[s].description);
            const Array<double> a = read_array<double>(file, name);
            REQUIRE(a.dims == std::vector<hsize_t>{5});
            for (std::int64_t r = 0; r < runs; ++r)
                CHECK(a.values[static_cast<std::size_t>(r)] == summary_value(r, s));
        }
        const Array<std::int64_t> replication = read_array<std::int64_t>(file, "/runs/replication");
        CHECK(replication.values == std::vector<std::int64_t>{10, 11, 12, 13, 14});
        const Array<std::uint64_t> seeds = read_array<std::uint64_t>(file, "/runs/seed");
        REQUIRE(seeds.values.size() == 5);
        CHECK(seeds.values[4] == 0xFFFF'FFFF'0000'0004ULL);
    }
    SECTION("agents: the stored replications in row order, with their row") {
        const Array<std::int64_t> run = read_array<std::int64_t>(file, "/agents/run");
        std::vector<std::int64_t> expected_run, expected_id;
        for (std::int64_t r = 0; r < 3; ++r)
            for (std::size_t i = 0; i < soldiers_in(r); ++i) {
                expected_run.push_back(r);
                expected_id.push_back(r * 1000 + static_cast<std::int64_t>(i));
            }
        CHECK(run.values == expected_run);
        CHECK(read_array<std::int64_t>(file, "/agents/id").values == expected_id);
        for (const AgentField& f : kAgentFields) {
            const std::string name = "/agents/" + std::string(f.name);
            INFO(name);
            const H5::DataSet ds = file.openDataSet(name);
            check_units(ds, f.units, f.description);
            CHECK(ds.getDataType().getSize() == element_size(f.element));
            CHECK(read_array<double>(file, name).dims == std::vector<hsize_t>{15});
        }
        const H5::DataSet state = file.openDataSet("/agents/final_state");
        CHECK(state.getDataType() == H5::PredType::STD_I8LE);
        const std::vector<std::string> names = string_array_attribute(state, "state_names");
        CHECK(names == std::vector<std::string>(kStateNames.begin(), kStateNames.end()));
        const Array<double> accrued = read_array<double>(file, "/agents/accrued_usd");
        CHECK(accrued.values[3] == 1.0);      // row 1, soldier 0
        CHECK(accrued.values[14] == 2 + 1.5); // row 2, soldier 6
    }
    SECTION("the reader returns the same") {
        const SummaryTable table = read_summary_table(path);
        REQUIRE(table.names.size() == kSummaryCount);
        for (int s = 0; s < kSummaryCount; ++s)
            CHECK(table.names[s] == kSummaries[s].name);
        CHECK(table.values[s_killed][2] == summary_value(2, s_killed));
        CHECK(table.runs == runs);
        CHECK(table.seed == header.seed);
        CHECK(table.scenario_text == header.scenario_text);
        CHECK(table.engine_version == kEngineVersion);
        const SeriesTable series = read_series(path, "paid_by_russia_usd");
        CHECK(series.runs == runs);
        CHECK(series.ticks == ticks);
        CHECK(series.values[ticks + 2] == to_usd(series_value(1, metric::paid_by_russia_usd, 2)));
    }
}

TEST_CASE("long horizons and many soldiers span several chunk blocks", "[io]") {
    TempDir dir;
    const std::string path = dir.file("long.h5");
    const int ticks = 40'000; // three runs per 1 MiB chunk
    const RunFileHeader header = make_header(7, ticks, 2);
    write_file(path, header, {6, 5, 4, 3, 2, 1, 0}, 40'000); // 80,000 soldiers: two agent chunks

    const H5::H5File file(path, H5F_ACC_RDONLY);
    hsize_t chunk[2] = {0, 0};
    file.openDataSet("/timeseries/n_deployed").getCreatePlist().getChunk(2, chunk);
    CHECK(chunk[0] == 3);
    CHECK(chunk[1] == ticks);
    const SeriesTable series = read_series(path, "n_deployed");
    for (std::int64_t r = 0; r < 7; ++r)
        REQUIRE(series.values[static_cast<std::size_t>(r * ticks + ticks - 1)] ==
                series_value(r, metric::n_deployed, ticks - 1));
    const Array<std::int64_t> id = read_array<std::int64_t>(file, "/agents/id");
    REQUIRE(id.values.size() == 80'000);
    CHECK(id.values[39'999] == 39'999);
    CHECK(id.values[40'000] == 1000);
}

TEST_CASE("the bytes of a file do not depend on the order rows arrive in", "[io]") {
    TempDir dir;
    const RunFileHeader header = make_header(7, 40'000, 4);
    write_file(dir.file("a.h5"), header, {0, 1, 2, 3, 4, 5, 6});
    write_file(dir.file("b.h5"), header, {5, 3, 6, 1, 0, 4, 2});
    std::string a = file_bytes(dir.file("a.h5"));
    std::string b = file_bytes(dir.file("b.h5"));
    // Only the creation time may differ.
    for (auto [bytes, name] : {std::pair{&a, "a.h5"}, std::pair{&b, "b.h5"}}) {
        const std::string created =
            string_attribute(H5::H5File(dir.file(name), H5F_ACC_RDONLY), "created");
        for (auto at = bytes->find(created); at != std::string::npos; at = bytes->find(created))
            bytes->replace(at, created.size(), std::string(created.size(), '?'));
    }
    REQUIRE(a.size() == b.size());
    CHECK(a == b);
}

TEST_CASE("an existing file is replaced only when asked", "[io]") {
    TempDir dir;
    const std::string path = dir.file("run.h5");
    const RunFileHeader header = make_header(2, 5, 0);
    write_file(path, header, {0, 1});
    REQUIRE_THROWS_MATCHES(ResultWriter(path, header, false), InputError,
                           Catch::Matchers::Message("output file '" + path +
                                                    "' exists; pass --overwrite to replace it"));
    CHECK(read_summary_table(path).runs == 2); // untouched

    RunFileHeader other = make_header(3, 5, 0);
    {
        ResultWriter writer(path, other, true);
        writer.write(make_result(0, 5, false), 0);
    } // the destructor closes
    const SummaryTable table = read_summary_table(path);
    CHECK(table.runs == 3);
    CHECK(table.values[s_served][0] == summary_value(0, s_served));
}

TEST_CASE("rows that never arrive read as missing, not as zero", "[io]") {
    TempDir dir;
    const std::string path = dir.file("partial.h5");
    write_file(path, make_header(3, 4, 2), {1}); // row 0's agents never arrive
    const SummaryTable table = read_summary_table(path);
    CHECK(std::isnan(table.values[s_killed][0]));
    CHECK(table.values[s_killed][1] == summary_value(1, s_killed));
    CHECK(std::isnan(table.values[s_killed][2]));
    CHECK(read_series(path, "n_home").values[0] == -1);
    CHECK(std::isnan(read_series(path, "food_usd").values[0]));
    const H5::H5File file(path, H5F_ACC_RDONLY);
    CHECK(read_array<std::int64_t>(file, "/agents/run").values ==
          std::vector<std::int64_t>(soldiers_in(1), 1));
    std::int64_t written = 0;
    file.openAttribute("rows_written").read(H5::PredType::NATIVE_INT64, &written);
    CHECK(written == 1);
}

TEST_CASE("a file with no runs is still a valid run file", "[io]") {
    TempDir dir;
    const std::string path = dir.file("empty.h5");
    write_file(path, make_header(0, 30, 0), {});
    const SummaryTable table = read_summary_table(path);
    CHECK(table.names.size() == kSummaryCount);
    CHECK(table.values[0].empty());
    CHECK(read_series(path, "n_deployed").values.empty());
}

TEST_CASE("misuse of the writer is caught", "[io]") {
    TempDir dir;
    ResultWriter writer(dir.file("run.h5"), make_header(2, 5, 1), false);
    CHECK_THROWS_AS(writer.write(make_result(2, 5, false), 2), std::out_of_range);
    CHECK_THROWS_AS(writer.write(make_result(1, 6, false), 1), std::invalid_argument);
    CHECK_THROWS_AS(writer.write(make_result(0, 5, false), 0), std::invalid_argument);
    writer.write(make_result(1, 5, false), 1);
    CHECK_THROWS_AS(writer.write(make_result(1, 5, false), 1), std::invalid_argument);
    CHECK_THROWS_WITH(ResultWriter(dir.file("no/such/dir/run.h5"), make_header(1, 5, 0), false),
                      Contains("no/such/dir/run.h5") && Contains("does not exist"));
}
