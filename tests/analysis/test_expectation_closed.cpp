// The expected-value model against closed forms, its refusals, and its file.
#include <H5Cpp.h>
#include <array>
#include <catch2/catch.hpp>
#include <filesystem>
#include <vector>

#include "analysis/expectation.hpp"
#include "io/hdf5_reader.hpp"
#include "io/hdf5_writer.hpp"
#include "model/error.hpp"
#include "test_scenarios.hpp"

using namespace rotsim;
using namespace rotsim::testing;

namespace {

// No casualties: every soldier's course is a sum of uniform durations, so each count can be
// written down by enumerating them, independently of the projection.
const char* kNoCasualties = R"(
[run]
horizon_days = 100
[strength]
target_strength = 0:200
dispatch = schedule
dispatch_schedule = 0:50
[durations]
transit_in_days = 3..9
russia_training_days = 5..15
stay_days = 20..40
transit_out_days = 2..4
[casualties]
p_kia = 0
p_wia = 0
p_captured = 0
)";

constexpr int kDays = 100;
using Counts = std::array<std::vector<double>, kMetricCount>;

// Adds `mass` to metric m on the days [from, to) inside the horizon.
void add(Counts& c, int m, int from, int to, double mass) {
    for (int t = std::max(0, from); t < std::min(to, kDays); ++t)
        c[static_cast<std::size_t>(m)][static_cast<std::size_t>(t)] += mass;
}

// One soldier's course given all his durations: pipeline from `sent` (-1: placed in Russia on
// day 0), arrival A, training T from `trained`, rotation date R, journey home O.
void follow(Counts& c, double w, int sent, int arrival, int trained, int T, int R, int O) {
    if (sent >= 0) add(c, metric::n_pipeline, sent, arrival, w);
    const int end = trained + T;
    add(c, metric::n_russia_training, arrival, std::min(end, R), w);
    if (end < R) add(c, metric::n_deployed, end, R, w);
    add(c, metric::n_transit_out, R, R + O, w);
    add(c, metric::n_home, R + O, kDays, w);
    add(c, metric::in_russia, arrival, R, w);
    add(c, metric::served, arrival, kDays, w);
    add(c, metric::rotated_out, R, kDays, w);
}

Counts enumerate(const Scenario& sc) {
    Counts c;
    for (auto& row : c)
        row.assign(kDays, 0.0);
    const DayRange in = sc.transit_in_days, tr = sc.russia_training_days, st = sc.stay_days,
                   out = sc.transit_out_days;
    auto n = [](DayRange r) { return r.max - r.min + 1.0; };
    const double each = 1.0 / (n(tr) * n(st) * n(out));
    const int spread = sc.initial_arrival_spread_days;
    for (int T = tr.min; T <= tr.max; ++T)
        for (int S = st.min; S <= st.max; ++S)
            for (int O = out.min; O <= out.max; ++O) {
                for (int a = -spread; a <= -1; ++a)
                    follow(c, sc.initial_strength * each / spread, -1, 0, 0, T, std::max(0, a + S),
                           O);
                for (int sent = 0; sent < kDays; ++sent)
                    for (int D = in.min; D <= in.max; ++D)
                        follow(c, 50 * each / n(in), sent, sent + D, sent + D, T, sent + D + S, O);
            }
    return c;
}

} // namespace

TEST_CASE("without casualties the expected counts are those of the duration distributions") {
    const Scenario sc = scenario(kNoCasualties);
    const Expectation e = expect_scenario(sc);
    const Counts c = enumerate(sc);
    const double pay = static_cast<double>(daily_pay_units(sc.monthly_pay_cents));
    double accrued = 0;
    for (int t = 0; t < kDays; ++t) {
        INFO("tick " << t);
        for (int m :
             {metric::n_pipeline, metric::n_russia_training, metric::n_deployed,
              metric::n_transit_out, metric::n_home, metric::in_russia, metric::rotated_out}) {
            INFO(kMetrics[static_cast<std::size_t>(m)].name);
            REQUIRE(e.series(m, t) == Approx(c[static_cast<std::size_t>(m)][t]).margin(1e-9));
        }
        // The initial soldiers count as served from the start.
        REQUIRE(e.series(metric::served, t) ==
                Approx(c[metric::served][static_cast<std::size_t>(t)]).margin(1e-9));
        REQUIRE(e.series(metric::dispatched, t) == 50.0 * (t + 1));
        accrued += pay * c[metric::in_russia][static_cast<std::size_t>(t)];
        REQUIRE(e.series(metric::accrued_usd, t) == Approx(accrued).epsilon(1e-10));
        REQUIRE(e.series(metric::killed, t) == 0);
    }
}

TEST_CASE("11,000 held in Russia for 365 days accrue 264,000,000.00 USD in expectation too") {
    // One training length keeps the front's grid to one block (the stay outlasts the horizon).
    const Expectation e =
        expect_scenario(scenario(kHeldInRussia, {"durations.russia_training_days=14..14"}));
    CHECK_FALSE(e.exact); // dispatch = target: the mean field, with nothing to dispatch here
    // Floating point, not the engine's whole units: equal to about a millionth of a cent.
    CHECK(e.series(metric::accrued_usd, 364) ==
          Approx(264'000'000.0 * kUnitsPerUsd).epsilon(1e-14));
    CHECK(e.summary[s_accrued_usd] == Approx(264'000'000.0).epsilon(1e-14));
    CHECK(e.summary[s_accrued_per_month_usd] == Approx(22'000'000.0).epsilon(1e-12));
    for (int t = 0; t < 365; ++t)
        REQUIRE(e.series(metric::in_russia, t) == Approx(11000.0).epsilon(1e-14));
    CHECK(e.series(metric::dispatched, 364) == Approx(0).margin(1e-6));
}

TEST_CASE("the expectation refuses what it does not model, naming the key") {
    using Catch::Contains;
    REQUIRE_THROWS_AS(expect_scenario(scenario("[strength]\nmax_tours = 2\n")), InputError);
    REQUIRE_THROWS_WITH(expect_scenario(scenario("[strength]\nmax_tours = 2\n")),
                        Contains("strength.max_tours = 2"));
    REQUIRE_THROWS_WITH(
        expect_scenario(scenario("[strength]\nrotation_policy = unit\nunit_size = 10\n")),
        Contains("strength.rotation_policy = unit") && Contains("dispatch = schedule"));
    REQUIRE_THROWS_WITH(expect_scenario(scenario("[durations]\nstay_days = 60..9000\n")),
                        Contains("durations.stay_days = 60..9000"));
}

TEST_CASE("rotsim expect's file: fractional expected values in a run file's layout") {
    const Scenario sc = scenario(kNoCasualties, {"casualties.p_kia=0.001"});
    const Expectation e = expect_scenario(sc);
    const auto path = std::filesystem::temp_directory_path() / "rotsim_expectation_test.h5";
    RunFileHeader header;
    header.scenario_text = sc.resolved_text;
    header.ticks = sc.horizon_days;
    header.start_date = sc.start_date;
    header.runs = 1;
    header.expectation = "exact: test";
    {
        ResultWriter writer(path.string(), header, true);
        writer.write(expectation_result(e), 0);
    }
    const SeriesTable deployed = read_series(path.string(), "n_deployed");
    const SeriesTable party = read_series(path.string(), "party_fund_usd");
    REQUIRE(deployed.runs == 1);
    for (int t = 0; t < sc.horizon_days; ++t) {
        REQUIRE(deployed.values[static_cast<std::size_t>(t)] == e.series(metric::n_deployed, t));
        REQUIRE(party.values[static_cast<std::size_t>(t)] ==
                e.series(metric::party_fund_usd, t) / kUnitsPerUsd);
    }
    CHECK(deployed.values[50] != std::round(deployed.values[50])); // not rounded to soldiers
    const SummaryTable summary = read_summary_table(path.string());
    CHECK(summary.values[s_killed][0] == e.summary[s_killed]);
    {
        H5::H5File file(path.string(), H5F_ACC_RDONLY);
        const H5::Attribute attribute = file.openAttribute("expectation");
        std::string text;
        attribute.read(attribute.getStrType(), text);
        CHECK(text == "exact: test");
    }
    std::filesystem::remove(path);
}
