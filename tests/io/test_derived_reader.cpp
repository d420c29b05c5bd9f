// Derived metrics as the readers offer them: computed from the stored rows of a written file,
// checked against values worked out by hand, with --every, --series and missing rows.
#include "io/hdf5_reader.hpp"
#include "io/hdf5_writer.hpp"
#include "io_test_support.hpp"
#include "model/error.hpp"
#include "sim/derived.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

using namespace rotsim;
using namespace rotsim::test;

namespace {

constexpr int kTicks = 10;

// Run `row`: a deployment whose counts and pay are simple functions of the day t.
ReplicationResult run_of(std::int64_t row) {
    ReplicationResult r = make_result(row, kTicks, false);
    const std::int64_t k = row + 1;
    for (int t = 0; t < kTicks; ++t) {
        r.series(metric::killed_in_action, t) = k * t;
        r.series(metric::wounded, t) = 3 * k * t;
        r.series(metric::died_of_wounds, t) = k * t; // a third of the wounded die in hospital
        r.series(metric::killed, t) = 2 * k * t;
        r.series(metric::captured, t) = t / 2;
        r.series(metric::served, t) = 1000 * t; // none on day 0
        // Run 0 accrues 100 USD a day; run 1 (t + 1)^2 USD by the end of day t.
        const std::int64_t usd = row == 0 ? 100 * (t + 1) : (t + 1) * (t + 1);
        r.series(metric::accrued_usd, t) = usd * kUnitsPerUsd;
    }
    r.summary[s_killed_in_action] = static_cast<double>(k * 9);
    r.summary[s_wounded] = static_cast<double>(3 * k * 9);
    r.summary[s_died_of_wounds] = static_cast<double>(k * 9);
    r.summary[s_killed] = row == 2 ? 0.0 : static_cast<double>(2 * k * 9);
    r.summary[s_captured] = 4;
    r.summary[s_served] = 9000;
    r.summary[s_accrued_usd] = 1e6;
    return r;
}

RunFileHeader header(int every, std::vector<std::string> series = {}) {
    RunFileHeader h;
    h.scenario_text = "[run]\n";
    h.ticks = kTicks;
    h.start_date = "2024-12-30";
    h.runs = 3;
    h.every = every;
    h.series = std::move(series);
    return h;
}

void write_rows(const std::string& path, const RunFileHeader& h, std::vector<std::int64_t> rows) {
    ResultWriter writer(path, h, false);
    for (const std::int64_t row : rows)
        writer.write(run_of(row), row);
    writer.close();
}

bool offers(const SeriesReader& reader, const std::string& name) {
    return std::find(reader.series().begin(), reader.series().end(), name) != reader.series().end();
}

} // namespace

TEST_CASE("derived series from a file written with --every 4, and NaN in rows never written") {
    TempDir dir;
    const std::string path = dir.file("every.h5");
    write_rows(path, header(4), {0, 1}); // row 2 never arrives
    const SeriesReader reader(path);
    REQUIRE(reader.ticks() == std::vector<int>{0, 4, 8, 9});
    for (const char* name : {"casualties", "killed_per_1000_served", "accrued_per_month_usd"})
        CHECK(offers(reader, name));
    CHECK(reader.units("casualties") == "events");
    CHECK(reader.units("accrued_per_month_usd") == "USD per month");
    CHECK(reader.units("killed") == "events");

    const std::vector<double> casualties = reader.read("casualties", 0, 3);
    // Run 1 (k = 2) on day 8: 16 killed in action + 48 wounded + 4 captured; its 16 deaths of
    // wounds are among the 48 wounded, not added again.
    CHECK(casualties[4 + 2] == 16 + 48 + 4);
    CHECK(casualties[0 + 3] == 9 + 27 + 4);
    for (std::size_t k = 8; k < 12; ++k)
        CHECK(std::isnan(casualties[k]));

    const std::vector<double> per_1000 = reader.read("killed_per_1000_served", 0, 2);
    CHECK(std::isnan(per_1000[0])); // day 0: nobody has served yet
    CHECK(per_1000[1] == Approx(1000.0 * 8 / 4000));
    CHECK(per_1000[4 + 3] == Approx(1000.0 * 36 / 9000));

    const double month = 365.0 / 12.0;
    const std::vector<double> monthly = reader.read("accrued_per_month_usd", 0, 2);
    for (std::size_t k = 0; k < 4; ++k)
        CHECK(monthly[k] == Approx(100 * month).epsilon(1e-14));
    // (t + 1)^2 stored on days 0, 4, 8, 9: 1 USD over 1 day, 24 over 4, 56 over 4, 19 over 1.
    const std::vector<double> expected = {1 * month, 6 * month, 14 * month, 19 * month};
    for (std::size_t k = 0; k < 4; ++k)
        CHECK(monthly[4 + k] == Approx(expected[k]).epsilon(1e-14));
}

TEST_CASE("derived summaries beside the stored ones, as summarize and sweeps read them") {
    TempDir dir;
    const std::string path = dir.file("summaries.h5");
    write_rows(path, header(1), {0, 1, 2});
    SummaryTable table = read_summary_table(path);
    REQUIRE(table.names.size() == kSummaryCount); // the reader of stored datasets is unchanged
    append_derived_summaries(table.names, table.values);
    auto column = [&](const std::string& name) {
        const auto at = std::find(table.names.begin(), table.names.end(), name);
        REQUIRE(at != table.names.end());
        return table.values[static_cast<std::size_t>(at - table.names.begin())];
    };
    CHECK(column("casualties") == std::vector<double>{9 + 27 + 4, 18 + 54 + 4, 27 + 81 + 4});
    CHECK(column("killed_per_1000_served")[1] == Approx(1000.0 * 36 / 9000));
    CHECK(column("usd_per_death")[0] == Approx(1e6 / 18));
    CHECK(std::isnan(column("usd_per_death")[2])); // nobody killed in run 2
}

TEST_CASE("a derived series whose inputs were not stored is not offered, and names them") {
    TempDir dir;
    const std::string path = dir.file("some.h5");
    write_rows(path, header(1, {"served", "killed", "accrued_usd"}), {0, 1, 2});
    const SeriesReader reader(path);
    CHECK(offers(reader, "killed_per_1000_served"));
    CHECK(offers(reader, "accrued_per_month_usd"));
    CHECK_FALSE(offers(reader, "casualties"));
    CHECK_THROWS_MATCHES(
        reader.read("casualties", 0, 1), InputError,
        Catch::Matchers::Message("derived series metric 'casualties' needs "
                                 "/timeseries/killed_in_action, which '" +
                                 path +
                                 "' does not store (it was written with --series; add "
                                 "killed_in_action to the list)"));
    CHECK_THROWS_WITH(reader.read("no_such_series", 0, 1), Catch::Contains("no dataset"));
}
