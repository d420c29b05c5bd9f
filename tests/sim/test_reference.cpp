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

// ---- The rules of issue 11: contingents, durations by dispatch date, exposure, warm start. ----

namespace {

// One number of a replication: metric `metric` at tick `tick`, of contingent `contingent` (its
// index in Scenario::contingents) or of the whole force (-1).
struct Observed {
    int contingent = -1;
    int metric = 0;
    int tick = 0;
};

template <class Run>
std::vector<Sample> sample_of(Run run, int replications, const std::vector<Observed>& at) {
    std::vector<double> sum(at.size()), sum2(at.size());
    for (int rep = 0; rep < replications; ++rep) {
        const ReplicationResult r = run(rep);
        for (std::size_t k = 0; k < at.size(); ++k) {
            const Observed& o = at[k];
            const auto x = static_cast<double>(
                o.contingent < 0 ? r.series(o.metric, o.tick)
                                 : r.contingents[static_cast<std::size_t>(o.contingent)].series(
                                       o.metric, o.tick));
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

// The bound on the largest of `count` standardized differences that equal means would cross with
// probability 1e-4 if the seeds were drawn afresh (Bonferroni over normal tails: each is crossed
// with probability 1e-4 / count). The seeds are fixed, so the tests are deterministic; the bound
// says how unlikely a failure is by chance, and grows slowly with the number of statistics.
double z_bound(std::size_t count) {
    const double each = 1e-4 / static_cast<double>(count);
    double lo = 0, hi = 10; // two-sided tail erfc(z / sqrt 2) falls in z
    for (int k = 0; k < 60; ++k) {
        const double z = (lo + hi) / 2;
        (std::erfc(z / std::sqrt(2.0)) > each ? lo : hi) = z;
    }
    return hi;
}

// The fast loop and the reference stepper on `sc`: the largest standardized difference of the
// means of `at` over `replications`, the means written out where the check fails.
double compare(const Scenario& sc, std::uint64_t seed, int replications,
               const std::vector<Observed>& at) {
    const auto fast =
        sample_of([&](int rep) { return run_replication(sc, seed, rep); }, replications, at);
    const auto slow =
        sample_of([&](int rep) { return reference::run(sc, seed, rep); }, replications, at);
    const double z = largest_z(fast, slow, replications);
    for (std::size_t k = 0; k < at.size(); ++k)
        UNSCOPED_INFO("contingent " << at[k].contingent << " metric " << at[k].metric << " tick "
                                    << at[k].tick << ": fast " << fast[k].mean << " (sd "
                                    << std::sqrt(fast[k].variance) << "), reference "
                                    << slow[k].mean << " (sd " << std::sqrt(slow[k].variance)
                                    << ")");
    UNSCOPED_INFO("largest difference " << z << " standard errors");
    return z;
}

// Statistics of the force, or of one contingent, that every comparison below looks at: the
// states on day 0 (what a warm start places), early and late, and the events.
std::vector<Observed> observed_of(int contingent, int horizon) {
    const int last = horizon - 1, mid = horizon / 2;
    return {{contingent, metric::n_deployed, 0},          {contingent, metric::n_wounded, 0},
            {contingent, metric::n_russia_training, 0},   {contingent, metric::n_transit_out, 0},
            {contingent, metric::n_deployed, 10},         {contingent, metric::n_deployed, mid},
            {contingent, metric::n_wounded, mid},         {contingent, metric::killed, mid},
            {contingent, metric::killed_in_action, last}, {contingent, metric::wounded, 20},
            {contingent, metric::wounded, last},          {contingent, metric::captured, last},
            {contingent, metric::died_of_wounds, last},   {contingent, metric::evacuated, last},
            {contingent, metric::returned_to_duty, last}, {contingent, metric::served, last},
            {contingent, metric::rotated_out, last},      {contingent, metric::accrued_usd, last}};
}

// kVaryingHazards as contingents: the same hazards for a combat contingent, a rear one with a
// third of the exposure, its own stays and a fixed dispatch, and builders with none.
const char* kContingents = R"(
[contingent.combat]
target_strength = 0:300, 40:450
[contingent.rear]
dispatch_schedule = 0:3
initial_strength = 150
hazard_multiplier = 0.3
stay_days = 50..80
[contingent.builders]
target_strength = 0:100
hazard_multiplier = 0
)";

// Durations that change by dispatch date: stays, transit and training for soldiers sent from day
// 30 and again from day 70, training shorter than before.
const std::vector<std::string> kDatedDurations = {
    "durations.stay_days=30..70, 30:60..90, 70:20..40", "durations.transit_in_days=7..14, 30:2..4",
    "durations.russia_training_days=3..42, 70:1..10",
    "durations.transit_out_days=7..14, 40:20..30"};

// Exposure experience with an intensity that is 0 for weeks: soldiers who wait there stay green.
const std::vector<std::string> kExposure = {"casualties.experience=exposure",
                                            "casualties.intensity=0:1, 20:0, 50:0, 51:3, 90:0.5"};

const std::vector<std::string> kWarm = {"strength.start=warm"};

std::vector<std::string> joined(std::initializer_list<std::vector<std::string>> parts) {
    std::vector<std::string> out;
    for (const auto& p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}

} // namespace

TEST_CASE("without casualties the reference stepper follows contingents and dated durations "
          "exactly") {
    const std::vector<std::string> none = {"casualties.p_kia=0", "casualties.p_wia=0",
                                           "casualties.p_captured=0"};
    const Scenario sc =
        scenario(std::string(kVaryingHazards) + kContingents, joined({none, kDatedDurations}));
    for (int rep = 0; rep < 3; ++rep) {
        const ReplicationResult fast = run_replication(sc, 21, rep, checked());
        const ReplicationResult slow = reference::run(sc, 21, rep);
        REQUIRE(slow.contingents.size() == 3);
        for (int m = 0; m <= metric::accrued_usd; ++m) {
            REQUIRE(fast.series.row(m) == slow.series.row(m));
            for (std::size_t k = 0; k < 3; ++k)
                REQUIRE(fast.contingents[k].series.row(m) == slow.contingents[k].series.row(m));
        }
    }
}

TEST_CASE("contingents: the fast loop has the reference stepper's distribution") {
    const Scenario sc = scenario(std::string(kVaryingHazards) + kContingents);
    auto at = observed_of(-1, 150);
    for (int k = 0; k < 3; ++k)
        for (const Observed& o : observed_of(k, 150))
            if (o.metric != metric::n_transit_out) at.push_back(o);
    CHECK(compare(sc, 41, kReplications, at) < z_bound(at.size()));
}

TEST_CASE("durations by dispatch date: the fast loop has the reference stepper's distribution") {
    const Scenario sc = scenario(kVaryingHazards, kDatedDurations);
    const auto at = observed_of(-1, 150);
    CHECK(compare(sc, 42, kReplications, at) < z_bound(at.size()));
}

TEST_CASE("exposure experience: the fast loop has the reference stepper's distribution") {
    const Scenario sc = scenario(kVaryingHazards, kExposure);
    auto at = observed_of(-1, 150);
    // The first week of combat after the quiet weeks, where exposure matters most.
    at.push_back({-1, metric::wounded, 51});
    at.push_back({-1, metric::wounded, 57});
    at.push_back({-1, metric::killed_in_action, 57});
    CHECK(compare(sc, 43, kReplications, at) < z_bound(at.size()));
}

TEST_CASE("warm start: the fast loop has the reference stepper's distribution") {
    // The reference places its soldiers by its own draws, stepping each one's past day by day,
    // so this checks the fast loop's placement and its thinning before day 0.
    const Scenario sc = scenario(kVaryingHazards, kWarm);
    auto at = observed_of(-1, 150);
    at.push_back({-1, metric::n_pipeline, 0});
    at.push_back({-1, metric::n_home, 5});
    at.push_back({-1, metric::killed, 5});
    CHECK(compare(sc, 44, kReplications, at) < z_bound(at.size()));
}

TEST_CASE("all four together: the fast loop has the reference stepper's distribution") {
    const Scenario sc = scenario(std::string(kVaryingHazards) + kContingents,
                                 joined({kDatedDurations, kExposure, kWarm}));
    auto at = observed_of(-1, 150);
    for (int k = 0; k < 2; ++k)
        for (const Observed& o : observed_of(k, 150))
            at.push_back(o);
    CHECK(compare(sc, 45, kReplications, at) < z_bound(at.size()));
}

TEST_CASE("the warm-start comparison has the power to see a past at the wrong intensity") {
    // Guards the warm-start test against passing for lack of precision: the fast loop whose past
    // (and day 0) runs at 0.7 of the intensity must be rejected, on the states of day 0 alone.
    const Scenario sc = scenario(kVaryingHazards, kWarm);
    const Scenario wrong = scenario(kVaryingHazards, {"strength.start=warm",
                                                      "casualties.intensity=0:0.7, 1:1.0666667, "
                                                      "30:3, 60:3, 90:0.5"});
    const std::vector<Observed> day0 = {{-1, metric::n_deployed, 0},
                                        {-1, metric::n_wounded, 0},
                                        {-1, metric::n_russia_training, 0},
                                        {-1, metric::n_transit_out, 0}};
    const auto fast =
        sample_of([&](int rep) { return run_replication(wrong, 44, rep); }, kReplications, day0);
    const auto slow =
        sample_of([&](int rep) { return reference::run(sc, 44, rep); }, kReplications, day0);
    const double z = largest_z(fast, slow, kReplications);
    INFO("largest difference " << z << " standard errors");
    CHECK(z > z_bound(day0.size()));
}

TEST_CASE("the exposure comparison has the power to tell exposure from calendar experience") {
    // Guards the exposure test against passing for lack of precision: a fast loop that counted
    // calendar days must be rejected.
    const Scenario sc = scenario(kVaryingHazards, kExposure);
    const Scenario calendar =
        scenario(kVaryingHazards, {"casualties.intensity=0:1, 20:0, 50:0, 51:3, 90:0.5"});
    const std::vector<Observed> at = {{-1, metric::wounded, 57},
                                      {-1, metric::killed_in_action, 57},
                                      {-1, metric::wounded, 149},
                                      {-1, metric::killed_in_action, 149}};
    const auto fast =
        sample_of([&](int rep) { return run_replication(calendar, 43, rep); }, kReplications, at);
    const auto slow =
        sample_of([&](int rep) { return reference::run(sc, 43, rep); }, kReplications, at);
    const double z = largest_z(fast, slow, kReplications);
    INFO("largest difference " << z << " standard errors");
    CHECK(z > z_bound(at.size()));
}
