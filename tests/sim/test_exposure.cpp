// casualties.experience = exposure (issue 11): days behind the line at intensity 0 teach nothing,
// so the first week of combat is deadlier than the calendar rule says.
#include <catch2/catch.hpp>
#include <cmath>

#include "test_scenarios.hpp"

using namespace rotsim;
using namespace rotsim::testing;

namespace {

// 1,000 soldiers at the front from their training's end, with no combat for 60 days and then
// full intensity. Stays outlast the run, so nobody rotates and nobody is replaced before day 60:
// on day 60 everyone has weeks at the front by the calendar and none by exposure.
const char* kQuietThenCombat = R"(
[run]
horizon_days = 70
[strength]
target_strength = 0:1000
[durations]
russia_training_days = 5..10
stay_days = 150..150
[casualties]
p_kia = 0.001
p_wia = 0.01
p_captured = 0
intensity = 0:0, 59:0, 60:1
)";

// Killed and wounded on the days 60..66, the first week of combat.
double first_week(const ReplicationResult& r) {
    auto during = [&](int m) { return static_cast<double>(r.series(m, 66) - r.series(m, 59)); };
    return during(metric::killed) + during(metric::wounded);
}

struct Moments {
    double mean = 0, variance = 0;
};

Moments first_week_moments(const Scenario& sc, int replications) {
    double sum = 0, sum2 = 0;
    for (int rep = 0; rep < replications; ++rep) {
        const double x = first_week(run_replication(sc, 60, rep));
        sum += x;
        sum2 += x * x;
    }
    Moments m;
    m.mean = sum / replications;
    m.variance = (sum2 - replications * m.mean * m.mean) / (replications - 1);
    return m;
}

} // namespace

TEST_CASE("exposure experience makes the first week at intensity > 0 deadlier than calendar") {
    const Scenario calendar = scenario(kQuietThenCombat);
    const Scenario exposure = scenario(kQuietThenCombat, {"casualties.experience=exposure"});
    constexpr int kReplications = 20;
    const Moments c = first_week_moments(calendar, kReplications);
    const Moments e = first_week_moments(exposure, kReplications);
    // The difference of two independent means, in standard errors from their variances; fixed
    // seeds make it deterministic, and 4.5 standard errors would be crossed by chance with
    // probability about 3e-6 if the seeds were drawn afresh and the means were equal.
    const double se = std::sqrt((c.variance + e.variance) / kReplications);
    INFO("first week killed + wounded: exposure " << e.mean << ", calendar " << c.mean
                                                  << ", standard error " << se);
    CHECK(e.mean - c.mean > 4.5 * se);
    // The size it should have: by the calendar everyone has 50 days or more at the front (factor
    // about 1.03); by exposure none, so the inexperience factor averages 1 + mean of exp(-k/14)
    // over the week's k = 0..6, about 1.81: the ratio of the two about 1.75.
    CHECK(e.mean / c.mean > 1.5);
    CHECK(e.mean / c.mean < 2.0);
    // Before day 60 there is no combat, under either rule.
    const ReplicationResult r = run_replication(exposure, 60, 0);
    CHECK(r.series(metric::killed, 59) + r.series(metric::wounded, 59) == 0);
}
