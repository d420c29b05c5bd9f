// Run files of scenarios with [contingent.NAME] sections: each contingent's series and summaries
// under /contingents, the soldiers' contingent in /agents, and what the reader makes of them.
#include "io/hdf5_reader.hpp"
#include "io/hdf5_schema.hpp"
#include "io/hdf5_writer.hpp"
#include "io_test_support.hpp"
#include "model/scenario_loader.hpp"
#include "sim/replication.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

using namespace rotsim;
using namespace rotsim::test;
using Catch::Matchers::Contains;

namespace {

RunFileHeader contingent_header(std::int64_t runs, int ticks, std::int64_t agent_runs) {
    RunFileHeader h;
    h.scenario_text = "[run]\nhorizon_days = " + std::to_string(ticks) + "\n";
    h.seed = 7;
    h.ticks = ticks;
    h.start_date = "2024-10-08";
    h.runs = runs;
    h.agent_runs = agent_runs;
    h.command_line = "rotsim run contingents.ini";
    h.contingents = {{"combat", 1.5}, {"builders", 0.0}};
    return h;
}

// A synthetic run whose contingents are distinct functions of (row, contingent, metric, tick) and
// whose totals are their sums, as sim/force.cpp makes them.
ReplicationResult contingent_result(std::int64_t row, int ticks, bool agents) {
    ReplicationResult r = make_result(row, ticks, agents);
    r.series.setZero();
    for (int k = 0; k < 2; ++k) {
        ContingentResult c;
        c.series.resize(kMetricCount, ticks);
        for (int m = 0; m < kMetricCount; ++m)
            for (int t = 0; t < ticks; ++t)
                c.series(m, t) = series_value(row, m, t) * (k + 1) + std::int64_t{36'500} * k;
        for (int s = 0; s < kSummaryCount; ++s)
            c.summary[static_cast<std::size_t>(s)] = summary_value(row, s) + 1000.0 * (k + 1);
        r.series += c.series;
        r.contingents.push_back(c);
    }
    if (agents)
        for (std::size_t i = 0; i < r.agents.size(); ++i)
            r.agents.contingent.push_back(static_cast<std::int32_t>(i % 2));
    return r;
}

void write_contingent_file(const std::string& path, const RunFileHeader& header) {
    ResultWriter writer(path, header, false);
    for (std::int64_t row = header.runs - 1; row >= 0; --row)
        writer.write(contingent_result(row, header.ticks, row < header.agent_runs), row);
    writer.close();
}

std::vector<std::int32_t> read_int32(const H5::H5File& file, const std::string& path) {
    const H5::DataSet ds = file.openDataSet(path);
    std::vector<std::int32_t> out(static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints()));
    if (!out.empty()) ds.read(out.data(), H5::PredType::NATIVE_INT32);
    return out;
}

} // namespace

TEST_CASE("contingents: each one's series and summaries under /contingents/NAME", "[io]") {
    TempDir dir;
    const std::string path = dir.file("contingents.h5");
    const int ticks = 7;
    const std::int64_t runs = 4;
    const RunFileHeader header = contingent_header(runs, ticks, 2);
    write_contingent_file(path, header);

    const H5::H5File file(path, H5F_ACC_RDONLY);
    const H5::Group all = file.openGroup("contingents");
    CHECK(string_array_attribute(all, "names") == std::vector<std::string>{"combat", "builders"});
    for (std::size_t k = 0; k < 2; ++k) {
        const std::string name = header.contingents[k].name;
        const H5::Group group = file.openGroup("contingents/" + name);
        double hazard = -1;
        group.openAttribute("hazard_multiplier").read(H5::PredType::NATIVE_DOUBLE, &hazard);
        CHECK(hazard == header.contingents[k].hazard_multiplier);
        std::int32_t index = -1;
        group.openAttribute("index").read(H5::PredType::NATIVE_INT32, &index);
        CHECK(index == static_cast<std::int32_t>(k));
        for (int m = 0; m < kMetricCount; ++m) {
            const MetricInfo& info = kMetrics[static_cast<std::size_t>(m)];
            const std::string where =
                "contingents/" + name + "/timeseries/" + std::string(info.name);
            const H5::DataSet ds = file.openDataSet(where);
            CHECK(string_attribute(ds, "units") == metric_units(info.unit));
            CHECK(string_attribute(ds, "description") == info.description);
            const bool money = info.unit == Unit::money;
            CHECK(ds.getTypeClass() == (money ? H5T_FLOAT : H5T_INTEGER));
            const auto values = read_array<double>(file, where);
            REQUIRE(values.dims == std::vector<hsize_t>{runs, ticks});
            const auto total = read_array<double>(file, "timeseries/" + std::string(info.name));
            const auto other =
                read_array<double>(file, "contingents/" + header.contingents[1 - k].name +
                                             "/timeseries/" + std::string(info.name));
            for (std::int64_t row = 0; row < runs; ++row)
                for (int t = 0; t < ticks; ++t) {
                    const auto i = static_cast<std::size_t>(row * ticks + t);
                    const std::int64_t units =
                        series_value(row, m, t) * static_cast<std::int64_t>(k + 1) +
                        36'500 * static_cast<std::int64_t>(k);
                    CHECK(values.values[i] == (money ? to_usd(units) : static_cast<double>(units)));
                    // The contingents sum to the totals, to the ledger unit.
                    CHECK(values.values[i] + other.values[i] ==
                          Approx(total.values[i]).epsilon(1e-15));
                }
        }
        for (int s = 0; s < kSummaryCount; ++s) {
            const auto values = read_array<double>(file, "contingents/" + name + "/summary/" +
                                                             std::string(kSummaries[s].name));
            REQUIRE(values.dims == std::vector<hsize_t>{runs});
            for (std::int64_t row = 0; row < runs; ++row)
                CHECK(values.values[static_cast<std::size_t>(row)] ==
                      summary_value(row, s) + 1000.0 * static_cast<double>(k + 1));
        }
    }

    // Soldiers: their contingent, named by the attribute, for the stored runs only.
    const H5::DataSet contingent = file.openDataSet("agents/contingent");
    CHECK(string_array_attribute(contingent, "contingent_names") ==
          std::vector<std::string>{"combat", "builders"});
    CHECK(contingent.getDataType().getSize() == 4);
    const std::vector<std::int32_t> index = read_int32(file, "agents/contingent");
    const auto agent_run = read_array<std::int64_t>(file, "agents/run");
    REQUIRE(index.size() == soldiers_in(0) + soldiers_in(1));
    REQUIRE(agent_run.values.size() == index.size());
    for (std::size_t i = 0; i < index.size(); ++i) {
        const std::size_t in_run = agent_run.values[i] == 0 ? i : i - soldiers_in(0);
        CHECK(index[i] == static_cast<std::int32_t>(in_run % 2));
    }

    // The reader: the totals as before, then each contingent's summaries in the file's order.
    const SummaryTable table = read_summary_table(path);
    REQUIRE(table.contingents.size() == 2);
    CHECK(table.contingents[0].name == "combat");
    CHECK(table.contingents[0].hazard_multiplier == 1.5);
    CHECK(table.contingents[1].name == "builders");
    CHECK(table.contingents[1].names == table.names);
    CHECK(table.contingents[1].values[0][3] == summary_value(3, 0) + 2000.0);
    const SeriesTable killed = read_series(path, "killed", "builders");
    CHECK(killed.runs == runs);
    CHECK(killed.ticks == ticks);
    CHECK(killed.values[0] == static_cast<double>(series_value(0, metric::killed, 0) * 2 + 36'500));
    CHECK_THROWS_WITH(read_series(path, "killed", "deminers"),
                      Contains("no contingent 'deminers'"));
}

TEST_CASE("contingents: --every, --series and --single-precision apply as to /timeseries", "[io]") {
    TempDir dir;
    const std::string path = dir.file("small.h5");
    RunFileHeader header = contingent_header(3, 10, 0);
    header.every = 4;
    header.series = {"killed", "accrued_usd"};
    header.single_precision = true;
    write_contingent_file(path, header);
    const H5::H5File file(path, H5F_ACC_RDONLY);
    const H5::Group series = file.openGroup("contingents/builders/timeseries");
    CHECK(series.getNumObjs() == 2 + 5); // and run, time, date, replication, seed
    const H5::DataSet killed = series.openDataSet("killed");
    CHECK(killed.getTypeClass() == H5T_FLOAT);
    CHECK(killed.getDataType().getSize() == 4);
    const auto values = read_array<double>(file, "contingents/builders/timeseries/killed");
    REQUIRE(values.dims == std::vector<hsize_t>{3, 4}); // ticks 0, 4, 8, 9
    CHECK(values.values[2] == static_cast<double>(series_value(0, metric::killed, 8) * 2 + 36'500));
    CHECK(file.openGroup("contingents/builders/summary").getNumObjs() ==
          static_cast<hsize_t>(kSummaryCount) + 3); // and run, replication, seed
}

TEST_CASE("contingents: a file without them has no /contingents and no /agents/contingent",
          "[io]") {
    TempDir dir;
    const std::string path = dir.file("plain.h5");
    RunFileHeader header = contingent_header(2, 5, 1);
    header.contingents.clear();
    ResultWriter writer(path, header, false);
    for (std::int64_t row = 0; row < 2; ++row)
        writer.write(make_result(row, 5, row < 1), row);
    writer.close();
    const H5::H5File file(path, H5F_ACC_RDONLY);
    CHECK_FALSE(file.nameExists("contingents"));
    CHECK_FALSE(file.openGroup("agents").nameExists("contingent"));
    CHECK(read_summary_table(path).contingents.empty());
    CHECK_THROWS_WITH(read_series(path, "killed", "combat"), Contains("no group /contingents"));
}

TEST_CASE("contingents: what does not fit the file is refused before anything is written", "[io]") {
    TempDir dir;
    RunFileHeader header = contingent_header(2, 5, 1);
    SECTION("a sweep file keeps the totals only") {
        header.agent_runs = 0;
        SweepHeader sw;
        sw.kind = "grid";
        sw.points = 1;
        sw.replications = 2;
        sw.overrides = {""};
        sw.sweep_runs = 2;
        sw.rows = {0, 1};
        header.sweep = sw;
        CHECK_THROWS_WITH(ResultWriter(dir.file("sweep.h5"), header, false),
                          Contains("run files only"));
    }
    SECTION("an expected-value file keeps the totals only") {
        header.expectation = "exact";
        CHECK_THROWS_WITH(ResultWriter(dir.file("expect.h5"), header, false),
                          Contains("run files only"));
    }
    SECTION("a name that is not a plain HDF5 link name, or a name twice") {
        header.contingents[1].name = "a/b";
        CHECK_THROWS_WITH(ResultWriter(dir.file("slash.h5"), header, false),
                          Contains("letters, digits"));
        header.contingents[1].name = "combat";
        CHECK_THROWS_WITH(ResultWriter(dir.file("twice.h5"), header, false), Contains("twice"));
    }
    SECTION("a run with another number of contingents, or without their soldiers' contingent") {
        ResultWriter writer(dir.file("run.h5"), header, false);
        ReplicationResult one = contingent_result(0, 5, true);
        one.contingents.pop_back();
        CHECK_THROWS_WITH(writer.write(one, 0), Contains("1 contingents, the file 2"));
        ReplicationResult untagged = contingent_result(0, 5, true);
        untagged.agents.contingent.clear();
        CHECK_THROWS_WITH(writer.write(untagged, 0), Contains("contingent has the wrong length"));
        writer.write(contingent_result(0, 5, true), 0); // the row is still free
        writer.write(contingent_result(1, 5, false), 1);
        writer.close();
    }
}

TEST_CASE("contingents: an engine run's contingents sum to the totals, tick by tick", "[io]") {
    const Scenario scenario = parse_scenario("[run]\n"
                                             "horizon_days = 200\n"
                                             "[contingent.combat]\n"
                                             "target_strength = 0:1000\n"
                                             "[contingent.builders]\n"
                                             "hazard_multiplier = 0\n"
                                             "dispatch_schedule = 0:10, 100:0\n",
                                             "contingents.ini");
    REQUIRE(scenario.contingents.size() == 2);
    RunFileHeader header;
    header.scenario_text = scenario.resolved_text;
    header.seed = 3;
    header.ticks = scenario.horizon_days;
    header.start_date = scenario.start_date;
    header.runs = 3;
    header.agent_runs = 1;
    header.every = 7;
    for (const Contingent& c : scenario.contingents)
        header.contingents.push_back({c.name, c.hazard_multiplier});
    TempDir dir;
    const std::string path = dir.file("engine.h5");
    {
        ResultWriter writer(path, header, false);
        ReplicationOptions options;
        for (std::int64_t row = 0; row < header.runs; ++row) {
            options.keep_agents = row < header.agent_runs;
            writer.write(run_replication(scenario, header.seed, row, options), row);
        }
        writer.close();
    }
    const H5::H5File file(path, H5F_ACC_RDONLY);
    for (const MetricInfo& m : kMetrics) {
        const std::string name(m.name);
        const auto total = read_array<double>(file, "timeseries/" + name);
        const auto combat = read_array<double>(file, "contingents/combat/timeseries/" + name);
        const auto builders = read_array<double>(file, "contingents/builders/timeseries/" + name);
        REQUIRE(combat.dims == total.dims);
        for (std::size_t i = 0; i < total.values.size(); ++i) {
            INFO(name << " value " << i);
            if (m.unit == Unit::money)
                CHECK(combat.values[i] + builders.values[i] ==
                      Approx(total.values[i]).margin(1e-6));
            else
                CHECK(combat.values[i] + builders.values[i] == total.values[i]);
        }
    }
    // A contingent's summaries are its own series at the horizon; those that count add up.
    const SummaryTable table = read_summary_table(path);
    REQUIRE(table.contingents.size() == 2);
    for (const char* name : {"served", "dispatched", "killed", "wounded", "captured", "home"}) {
        const auto m = static_cast<std::size_t>(
            std::find(table.names.begin(), table.names.end(), name) - table.names.begin());
        REQUIRE(m < table.names.size());
        for (std::int64_t row = 0; row < header.runs; ++row) {
            const auto r = static_cast<std::size_t>(row);
            CHECK(table.contingents[0].values[m][r] + table.contingents[1].values[m][r] ==
                  table.values[m][r]);
        }
    }
    const auto killed = read_series(path, "killed", "builders");
    CHECK(std::all_of(killed.values.begin(), killed.values.end(), [](double v) { return v == 0; }));
    const auto served = read_series(path, "served", "builders");
    CHECK(served.values.back() > 0);
    // Each soldier's contingent; ids unique across contingents within the run.
    const std::vector<std::int32_t> index = read_int32(file, "agents/contingent");
    const auto ids = read_array<std::int64_t>(file, "agents/id");
    REQUIRE(index.size() == ids.values.size());
    CHECK(std::count(index.begin(), index.end(), 0) > 0);
    CHECK(std::count(index.begin(), index.end(), 1) > 0);
    CHECK(std::is_sorted(index.begin(), index.end())); // contingent by contingent
    std::vector<std::int64_t> sorted = ids.values;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
}
