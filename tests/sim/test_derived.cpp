// The derived metrics' table and formulas, against values worked out by hand.
#include "sim/derived.hpp"
#include "sim/metrics.hpp"
#include "sim/result.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <string>
#include <vector>

using namespace rotsim;

namespace {

std::vector<std::string> summary_names() {
    std::vector<std::string> names;
    for (const SummaryInfo& s : kSummaries)
        names.emplace_back(s.name);
    return names;
}

std::vector<std::string> series_names() {
    std::vector<std::string> names;
    for (const MetricInfo& m : kMetrics)
        names.emplace_back(m.name);
    return names;
}

// A summary row of the stored metrics, all zero but for the values given.
std::vector<std::vector<double>> row_of(const std::vector<std::pair<Summary, double>>& values) {
    std::vector<std::vector<double>> columns(kSummaryCount, std::vector<double>{0.0});
    for (const auto& [s, v] : values)
        columns[static_cast<std::size_t>(s)][0] = v;
    return columns;
}

double derived_summary(const std::vector<std::vector<double>>& stored, const std::string& name) {
    std::vector<std::string> names = summary_names();
    std::vector<std::vector<double>> values = stored;
    append_derived_summaries(names, values);
    for (std::size_t m = 0; m < names.size(); ++m)
        if (names[m] == name) return values[m].at(0);
    FAIL("no derived summary " << name);
    return 0;
}

} // namespace

TEST_CASE("derived: every input is a stored metric of its kind, and names are not stored ones") {
    const std::vector<std::string> summaries = summary_names(), series = series_names();
    std::set<std::pair<std::string, DerivedKind>> seen;
    for (const DerivedMetric& m : derived_metrics()) {
        INFO(m.name);
        const bool summary = m.kind == DerivedKind::summary;
        CHECK(seen.emplace(std::string(m.name), m.kind).second);
        CHECK_FALSE(m.inputs.empty());
        CHECK_FALSE(m.formula.empty());
        CHECK_FALSE(m.units.empty());
        CHECK((summary ? m.summary != nullptr : m.series != nullptr));
        CHECK_FALSE(missing_input(m, summary ? summaries : series));
        const auto& stored = summary ? summaries : series;
        CHECK(std::find(stored.begin(), stored.end(), m.name) == stored.end());
        // The formula names exactly its inputs, so a reader of the docs needs nothing else.
        for (const std::string_view input : m.inputs)
            CHECK(m.formula.find("[\"" + std::string(input) + "\"]") != std::string_view::npos);
    }
    for (const char* name : {"casualties", "killed_per_1000_served", "usd_per_death"})
        CHECK(find_derived(name, DerivedKind::summary));
    for (const char* name : {"casualties", "killed_per_1000_served", "accrued_per_month_usd"})
        CHECK(find_derived(name, DerivedKind::series));
    CHECK_FALSE(find_derived("usd_per_death", DerivedKind::series));
}

TEST_CASE("derived: casualties count a soldier wounded who then dies of wounds once") {
    // 4 killed at the front, 10 wounding events of which 3 ended in death in hospital, 2
    // captured: 16 casualties. Adding died_of_wounds (or killed) would count the 3 twice.
    const auto stored = row_of({{s_killed_in_action, 4},
                                {s_died_of_wounds, 3},
                                {s_killed, 7},
                                {s_wounded, 10},
                                {s_captured, 2}});
    CHECK(derived_summary(stored, "casualties") == 16);

    const DerivedMetric& series = *find_derived("casualties", DerivedKind::series);
    const std::vector<int> ticks = {0, 1, 2};
    // killed_in_action, wounded, captured; one run of three days.
    const std::vector<std::vector<double>> inputs = {{0, 1, 4}, {2, 6, 10}, {0, 0, 2}};
    CHECK(derive_series(series, inputs, ticks, 1) == std::vector<double>{2, 7, 16});
}

TEST_CASE("derived: killed per 1,000 served and USD per death, NaN over zero") {
    const auto stored = row_of({{s_killed, 7}, {s_served, 2000}, {s_accrued_usd, 3.5e6}});
    CHECK(derived_summary(stored, "killed_per_1000_served") == 3.5);
    CHECK(derived_summary(stored, "usd_per_death") == 500'000.0);
    const auto empty = row_of({{s_accrued_usd, 1.0}});
    CHECK(std::isnan(derived_summary(empty, "killed_per_1000_served")));
    CHECK(std::isnan(derived_summary(empty, "usd_per_death")));

    const DerivedMetric& series = *find_derived("killed_per_1000_served", DerivedKind::series);
    const std::vector<double> out =
        derive_series(series, {{0, 1, 3}, {0, 400, 600}}, std::vector<int>{0, 1, 2}, 1);
    CHECK(std::isnan(out[0]));
    CHECK(out[1] == 2.5);
    CHECK(out[2] == 5.0);
}

TEST_CASE("derived: accrued per month from cumulative accrued, every day or every N-th") {
    const DerivedMetric& m = *find_derived("accrued_per_month_usd", DerivedKind::series);
    const double month = 365.0 / 12.0;
    // 100 USD a day, stored every day: the monthly rate every day.
    const std::vector<double> daily = {100, 200, 300, 400};
    for (const double v : derive_series(m, {daily}, {0, 1, 2, 3}, 1))
        CHECK(v == Approx(100 * month));
    // Stored on days 0, 4, 8 and 9 (--every 4 over 10 days) of accrued (t + 1)^2 USD: 1 USD over
    // day 0, then 24, 56 and 19 USD over 4, 4 and 1 days.
    const std::vector<double> every = {1, 25, 81, 100};
    const std::vector<double> out = derive_series(m, {every}, {0, 4, 8, 9}, 1);
    const std::vector<double> expected = {1 * month, 6 * month, 14 * month, 19 * month};
    for (std::size_t k = 0; k < out.size(); ++k)
        CHECK(out[k] == Approx(expected[k]).epsilon(1e-14));
    // A first stored column after day 0 holds the days 0..t0.
    CHECK(derive_series(m, {{30}}, {2}, 1)[0] == Approx(10 * month));
    // Rows are independent.
    const std::vector<double> two = derive_series(m, {{100, 200, 1, 25}}, {0, 1}, 2);
    CHECK(two[2] == Approx(month));
    CHECK(two[3] == Approx(24 * month));
}

TEST_CASE("derived: a metric is unavailable when a stored input is missing, by name") {
    const DerivedMetric& m = *find_derived("casualties", DerivedKind::series);
    const auto missing = missing_input(m, {"served", "killed_in_action", "captured"});
    REQUIRE(missing);
    CHECK(*missing == "wounded");
    const std::string message = unavailable_message(m, *missing, "small.h5");
    CHECK_THAT(message, Catch::Contains("'casualties'") && Catch::Contains("/timeseries/wounded") &&
                            Catch::Contains("small.h5") && Catch::Contains("--series"));

    std::vector<std::string> names = {"served", "killed"};
    std::vector<std::vector<double>> values = {{1000}, {5}};
    append_derived_summaries(names, values);
    CHECK(names == std::vector<std::string>{"served", "killed", "killed_per_1000_served"});
    CHECK(values[2][0] == 5.0);
}
