// The fast calendar loop against the plain per-day reference stepper (tests/support).
#include <catch2/catch.hpp>
#include <cmath>

#include "reference_stepper.hpp"
#include "test_scenarios.hpp"

using namespace rotsim;
using namespace rotsim::testing;

namespace {

// Hazards that vary in every way the model allows: an intensity schedule, inexperience that
// wears off, a training gap that differs between soldiers, two classes, and high rates so that
// a few hundred replications measure the distributions sharply. Small, so the reference is cheap.
const char* kVaryingHazards = R"(
[run]
horizon_days = 150
[strength]
target_strength = 0:400, 40:600
[durations]
russia_training_days = 3..42
stay_days = 30..70
[casualties]
p_kia = 0.002
p_wia = 0.01
p_captured = 0.001
intensity = 0:1, 30:3, 60:3, 90:0.5
inexperience = 2
experience_days = 10
training_gap = 1
[class.storm_corps]
share = 0.7
[class.regular]
share = 0.3
hazard_multiplier = 1.5
)";

struct Sample {
    double mean = 0, variance = 0;
};

// Mean and variance over replications of one metric at one tick.
template <class Run>
std::vector<Sample> sample(Run run, int replications, const std::vector<std::pair<int, int>>& at) {
    std::vector<double> sum(at.size()), sum2(at.size());
    for (int rep = 0; rep < replications; ++rep) {
        const ReplicationResult r = run(rep);
        for (std::size_t k = 0; k < at.size(); ++k) {
            const double x = static_cast<double>(r.series(at[k].first, at[k].second));
            sum[k] += x;
            sum2[k] += x * x;
        }
    }
    std::vector<Sample> out(at.size());
    for (std::size_t k = 0; k < at.size(); ++k) {
        out[k].mean = sum[k] / replications;
        out[k].variance = (sum2[k] - replications * out[k].mean * out[k].mean) / (replications - 1);
    }
    return out;
}

// Largest standardized difference of means: |m1 - m2| / sqrt(v1/n + v2/n). The two samples
// share their duration draws, which only makes the difference less variable, so this bound is
// conservative.
double largest_z(const std::vector<Sample>& a, const std::vector<Sample>& b, int n) {
    double z = 0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        const double se = std::sqrt((a[k].variance + b[k].variance) / n);
        z = std::max(z, std::abs(a[k].mean - b[k].mean) / std::max(se, 1e-12));
    }
    return z;
}

const std::vector<std::pair<int, int>> kObserved = {
    {metric::killed_in_action, 60},  {metric::killed_in_action, 149}, {metric::wounded, 60},
    {metric::wounded, 149},          {metric::captured, 149},         {metric::died_of_wounds, 149},
    {metric::returned_to_duty, 149}, {metric::n_deployed, 100},       {metric::n_wounded, 100},
    {metric::served, 149},           {metric::evacuated, 149},        {metric::accrued_usd, 149}};

// Fixed seeds make this deterministic; 4.5 standard errors over 12 statistics would be crossed
// by chance with probability about 1e-4 if the seeds were drawn afresh.
constexpr double kZ = 4.5;
constexpr int kReplications = 300;

} // namespace

TEST_CASE("without casualties the fast loop and the reference stepper agree exactly") {
    const Scenario sc = scenario(
        kVaryingHazards, {"casualties.p_kia=0", "casualties.p_wia=0", "casualties.p_captured=0"});
    for (int rep = 0; rep < 3; ++rep) {
        const ReplicationResult fast = run_replication(sc, 21, rep, checked());
        const ReplicationResult slow = reference::run(sc, 21, rep);
        for (int m = 0; m <= metric::accrued_usd; ++m)
            REQUIRE(fast.series.row(m) == slow.series.row(m));
    }
}

TEST_CASE("with time-varying hazards the fast loop has the reference stepper's distribution") {
    const Scenario sc = scenario(kVaryingHazards);
    const auto fast =
        sample([&](int rep) { return run_replication(sc, 31, rep); }, kReplications, kObserved);
    const auto slow =
        sample([&](int rep) { return reference::run(sc, 31, rep); }, kReplications, kObserved);
    CHECK(largest_z(fast, slow, kReplications) < kZ);
    for (std::size_t k = 0; k < kObserved.size(); ++k)
        INFO(k << ": " << fast[k].mean << " vs " << slow[k].mean);
}

TEST_CASE("the comparison has the power to see a 15 % error in a hazard") {
    // Guards the test above against passing for lack of precision: the same comparison must
    // reject a fast loop whose killed-in-action rate is 15 % too high.
    const Scenario sc = scenario(kVaryingHazards);
    const Scenario wrong = scenario(kVaryingHazards, {"casualties.p_kia=0.0023"});
    const std::vector<std::pair<int, int>> kia = {{metric::killed_in_action, 149}};
    const auto fast =
        sample([&](int rep) { return run_replication(wrong, 31, rep); }, kReplications, kia);
    const auto slow =
        sample([&](int rep) { return reference::run(sc, 31, rep); }, kReplications, kia);
    CHECK(largest_z(fast, slow, kReplications) > kZ);
}
