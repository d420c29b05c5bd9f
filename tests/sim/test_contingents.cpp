// Contingents (issue 11): each a force of its own on its own streams, summed into the totals.
#include <catch2/catch.hpp>
#include <cmath>

#include "test_scenarios.hpp"

using namespace rotsim;
using namespace rotsim::testing;

namespace {

// Three contingents that differ in every way a contingent can: a target strength that grows, a
// fixed dispatch with its own stays and half the exposure, and builders with no exposure at all
// and their own pay. High rates, so that the exposed ones have casualties in a short run.
const char* kThree = R"(
[run]
horizon_days = 120
[casualties]
p_kia = 0.002
p_wia = 0.01
p_captured = 0.001
[class.storm_corps]
share = 0.7
[class.regular]
share = 0.3
hazard_multiplier = 1.5
[contingent.combat]
target_strength = 0:300, 40:400
[contingent.deminers]
dispatch_schedule = 0:4
initial_strength = 100
stay_days = 40..60
hazard_multiplier = 0.5
[contingent.builders]
target_strength = 0:200
hazard_multiplier = 0
monthly_pay_usd = 1500
)";

bool same(double a, double b) {
    return a == b || (std::isnan(a) && std::isnan(b));
}

} // namespace

TEST_CASE("per-contingent series sum to the totals at every tick, for every metric") {
    const Scenario sc = scenario(kThree);
    REQUIRE(sc.contingents.size() == 3);
    for (int rep = 0; rep < 3; ++rep) {
        const ReplicationResult r = run_replication(sc, 11, rep, checked());
        REQUIRE(r.contingents.size() == 3);
        for (const ContingentResult& c : r.contingents) {
            REQUIRE(c.series.rows() == kMetricCount);
            REQUIRE(c.series.cols() == sc.horizon_days);
        }
        for (int m = 0; m < kMetricCount; ++m)
            for (int t = 0; t < sc.horizon_days; ++t) {
                std::int64_t sum = 0;
                for (const ContingentResult& c : r.contingents)
                    sum += c.series(m, t);
                INFO("metric " << m << ", tick " << t);
                REQUIRE(sum == r.series(m, t));
            }
        // Every contingent has soldiers, and money moves in each.
        for (const ContingentResult& c : r.contingents) {
            CHECK(c.series(metric::in_russia, 0) > 0);
            CHECK(c.series(metric::accrued_usd, sc.horizon_days - 1) > 0);
            CHECK(c.series(metric::party_fund_usd, sc.horizon_days - 1) > 0);
        }
    }
}

TEST_CASE("per-contingent summaries are those of the per-contingent series") {
    const Scenario sc = scenario(kThree);
    const ReplicationResult r = run_replication(sc, 12, 0, checked());
    const auto last = sc.horizon_days - 1;
    for (std::size_t k = 0; k < r.contingents.size(); ++k) {
        const ContingentResult& c = r.contingents[k];
        const Scenario& own = *sc.contingents[k].scenario;
        const auto expected = summarize_series(own, c.series.cast<double>());
        for (int s = 0; s < kSummaryCount; ++s) {
            INFO("contingent " << sc.contingents[k].name << ", summary " << s);
            CHECK(same(c.summary[static_cast<std::size_t>(s)],
                       expected[static_cast<std::size_t>(s)]));
        }
        // And read off the series by hand, for a few.
        CHECK(c.summary[s_served] == static_cast<double>(c.series(metric::served, last)));
        CHECK(c.summary[s_killed] == static_cast<double>(c.series(metric::killed, last)));
        CHECK(c.summary[s_peak_in_russia] ==
              static_cast<double>(c.series.row(metric::in_russia).maxCoeff()));
        CHECK(c.summary[s_accrued_usd] ==
              Approx(static_cast<double>(c.series(metric::accrued_usd, last)) / kUnitsPerUsd));
    }
    // The force's summary is that of the summed series.
    const auto total = summarize_series(sc, r.series.cast<double>());
    for (int s = 0; s < kSummaryCount; ++s)
        CHECK(same(r.summary[static_cast<std::size_t>(s)], total[static_cast<std::size_t>(s)]));
}

TEST_CASE("a contingent with hazard multiplier 0 has no casualties while the others do") {
    const Scenario sc = scenario(kThree);
    const auto last = sc.horizon_days - 1;
    for (int rep = 0; rep < 3; ++rep) {
        const ReplicationResult r = run_replication(sc, 13, rep, checked());
        const ContingentResult& builders = r.contingents[2];
        REQUIRE(sc.contingents[2].name == "builders");
        REQUIRE(builders.series.row(metric::n_deployed).maxCoeff() > 0); // at the front, unhurt
        for (const int m :
             {metric::killed, metric::killed_in_action, metric::wounded, metric::captured,
              metric::died_of_wounds, metric::n_wounded, metric::n_killed, metric::n_captured})
            CHECK(builders.series.row(m).maxCoeff() == 0);
        for (std::size_t k = 0; k < 2; ++k) {
            INFO(sc.contingents[k].name);
            CHECK(r.contingents[k].series(metric::killed, last) > 0);
            CHECK(r.contingents[k].series(metric::wounded, last) > 0);
        }
        CHECK(r.series(metric::captured, last) > 0);
    }
}

TEST_CASE("a contingent's numbers do not depend on the others or on their order") {
    // Streams are keyed by the contingent's name: removing one contingent and reordering the
    // others leaves each one's series as it was.
    const Scenario sc = scenario(kThree);
    const Scenario other = scenario(R"(
[run]
horizon_days = 120
[casualties]
p_kia = 0.002
p_wia = 0.01
p_captured = 0.001
[class.storm_corps]
share = 0.7
[class.regular]
share = 0.3
hazard_multiplier = 1.5
[contingent.builders]
target_strength = 0:200
hazard_multiplier = 0
monthly_pay_usd = 1500
[contingent.combat]
target_strength = 0:300, 40:400
)");
    const ReplicationResult a = run_replication(sc, 14, 0);
    const ReplicationResult b = run_replication(other, 14, 0);
    CHECK(a.contingents[0].series == b.contingents[1].series);
    CHECK(a.contingents[2].series == b.contingents[0].series);
}
