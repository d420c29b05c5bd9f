// The expected-value model against the agent model's Monte Carlo mean, with enough power to see a
// 15 % error in a hazard.
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>

#include "analysis/expectation.hpp"
#include "test_scenarios.hpp"

using namespace rotsim;
using namespace rotsim::testing;

namespace {

// Fixed dispatch, so the expectation is exact. Every rule is exercised: zero-day transit and
// training, initial soldiers whose rotation date is clamped to day 0, an intensity schedule,
// inexperience, a training gap that differs between soldiers, two classes with their own hazard
// and pay, hospital returns and deaths, a death lump, and settlements inside the horizon. Rates
// are high so that 300 replications measure the means sharply; small, so that they take a second.
const char* kSmall = R"(
[run]
horizon_days = 120
[strength]
target_strength = 0:300
dispatch = schedule
dispatch_schedule = 0:4, 40:10, 80:6
[durations]
transit_in_days = 0..5
russia_training_days = 0..20
stay_days = 25..55
recovery_days = 5..30
transit_out_days = 0..6
[casualties]
p_kia = 0.003
p_wia = 0.015
p_captured = 0.001
intensity = 0:1, 30:2.5, 60:2.5, 90:0.5
inexperience = 2
experience_days = 10
training_gap = 1
training_reference_days = 20
[pay]
settlement_days = 20
[compensation]
death_lump_usd = 100
[class.storm_corps]
share = 0.7
[class.regular]
share = 0.3
hazard_multiplier = 1.5
monthly_pay_usd = 1500
)";

// Settlement days (19, 39, ...) and days between them.
const std::vector<int> kTicks = {5, 19, 40, 79, 100, 119};
constexpr int kReplications = 300;
// Fixed seeds make this deterministic; with seeds drawn afresh, 4.5 standard errors over the 186
// statistics of one scenario would be crossed by chance with probability about 1e-3.
constexpr double kZ = 4.5;

struct Moments {
    SeriesValues sum, sum2;
    int n = 0;
};

Moments monte_carlo(const Scenario& sc, std::uint64_t seed) {
    Moments mc{SeriesValues::Zero(kMetricCount, sc.horizon_days),
               SeriesValues::Zero(kMetricCount, sc.horizon_days), kReplications};
    for (int rep = 0; rep < kReplications; ++rep) {
        const SeriesValues x = run_replication(sc, seed, rep).series.cast<double>();
        mc.sum += x;
        mc.sum2 += x.cwiseProduct(x);
    }
    return mc;
}

// The largest |mean - expectation| / tolerance over every metric at kTicks; above 1 rejects.
// The tolerance is kZ standard errors of the mean, plus what a sample cannot resolve: three
// soldiers in all the replications for rare counts whose sample variance may be zero, and the
// ledger's rounding to whole units (a few units a soldier a settlement) for money.
double worst_ratio(const Moments& mc, const Expectation& e, std::string& where) {
    double worst = 0;
    for (int m = 0; m < kMetricCount; ++m) {
        const bool money = kMetrics[static_cast<std::size_t>(m)].unit == Unit::money;
        for (int t : kTicks) {
            const double mean = mc.sum(m, t) / mc.n;
            const double var = std::max(0.0, (mc.sum2(m, t) - mc.n * mean * mean) / (mc.n - 1));
            const double slack = money ? 1e4 + 1e-9 * std::abs(mean) : 3.0 / mc.n;
            const double ratio =
                std::abs(mean - e.series(m, t)) / (kZ * std::sqrt(var / mc.n) + slack);
            if (ratio <= worst) continue;
            worst = ratio;
            std::ostringstream text;
            text << kMetrics[static_cast<std::size_t>(m)].name << " at tick " << t << ": mean "
                 << mean << ", expected " << e.series(m, t);
            where = text.str();
        }
    }
    return worst;
}

} // namespace

TEST_CASE("with a fixed dispatch the Monte Carlo mean converges to the expectation") {
    const Scenario sc = scenario(kSmall);
    const Expectation e = expect_scenario(sc);
    CHECK(e.exact);
    std::string where;
    const double worst = worst_ratio(monte_carlo(sc, 41), e, where);
    INFO("worst: " << where);
    CHECK(worst < 1.0);
}

TEST_CASE("the expectation holds for any pay states, to every account of the ledger") {
    // Pay in the pipeline, in transit and at home, none in training, and the dead paid on: every
    // money channel of the projection is used, and soldiers at home are paid at settlements.
    const Scenario sc =
        scenario(kSmall, {"pay.pay_states=pipeline, deployed, wounded, transit_out, home, killed",
                          "allocation.soldier=0.3", "allocation.party_fund=0.2",
                          "compensation.death_compensation_share=0.5"});
    const Expectation e = expect_scenario(sc);
    std::string where;
    const double worst = worst_ratio(monte_carlo(sc, 43), e, where);
    INFO("worst: " << where);
    CHECK(worst < 1.0);
}

TEST_CASE("with dispatch = target the mean field is within what 300 replications resolve") {
    // Not exact (docs/expectation.md), but for this force of 300 to 450 its drift from the agent
    // model's mean is below 4.5 standard errors of 300 replications in every series: a guard on
    // the mean field's dispatch, which the exact comparisons above do not use.
    const std::vector<std::string> target = {"strength.dispatch=target",
                                             "strength.target_strength=0:300, 60:450"};
    const Expectation e = expect_scenario(scenario(kSmall, target));
    CHECK_FALSE(e.exact);
    std::string where;
    const double worst = worst_ratio(monte_carlo(scenario(kSmall, target), 5), e, where);
    INFO("worst: " << where);
    CHECK(worst < 1.0);
}

TEST_CASE("the comparison has the power to reject a 15 % error in p_kia") {
    const Scenario sc = scenario(kSmall);
    const Expectation wrong = expect_scenario(scenario(kSmall, {"casualties.p_kia=0.00345"}));
    std::string where;
    const double worst = worst_ratio(monte_carlo(sc, 41), wrong, where);
    INFO("worst: " << where);
    CHECK(worst > 1.0);
}

TEST_CASE("the expected ledger balances: every account sums to what was accrued") {
    const Expectation e = expect_scenario(scenario(kSmall));
    for (int t = 0; t < e.series.cols(); ++t) {
        double sum = 0;
        for (int m = metric::receivable_usd; m <= metric::food_usd; ++m)
            sum += e.series(m, t);
        REQUIRE(sum == Approx(e.series(metric::accrued_usd, t)).epsilon(1e-12).margin(1e-3));
        REQUIRE(e.series(metric::paid_by_russia_usd, t) + e.series(metric::receivable_usd, t) ==
                Approx(e.series(metric::accrued_usd, t)).epsilon(1e-12));
    }
}

TEST_CASE("units that share transit and stay have the expectation of individuals") {
    // Each soldier's own course has the same law either way, and expectations add up; only the
    // spread differs. Five a unit: the schedule's 4, 10 and 6 a day become 5, 10 and 10.
    const std::vector<std::string> units = {"strength.rotation_policy=unit",
                                            "strength.unit_size=5"};
    const Expectation e = expect_scenario(scenario(kSmall, units));
    CHECK(e.series == expect_scenario(scenario(kSmall, {"strength.unit_size=5"})).series);
    std::string where;
    const double worst = worst_ratio(monte_carlo(scenario(kSmall, units), 47), e, where);
    INFO("worst: " << where);
    CHECK(worst < 1.0);
}
