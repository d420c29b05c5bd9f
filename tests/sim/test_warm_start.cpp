// strength.start = warm (issue 11): a run that starts near its steady state, without the waves
// of a cold start.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "test_scenarios.hpp"

using namespace rotsim;
using namespace rotsim::testing;

namespace {

// Each replication of the article runs 11,000 soldiers for a year; a few make the mean smooth.
constexpr int kWarmReplications = 4;

// The mean over replications of the number at the front on each day.
std::vector<double> mean_deployed(const Scenario& sc, int replications) {
    std::vector<double> mean(static_cast<std::size_t>(sc.horizon_days), 0.0);
    for (int rep = 0; rep < replications; ++rep) {
        const ReplicationResult r = run_replication(sc, 2024, rep);
        for (int t = 0; t < sc.horizon_days; ++t)
            mean[static_cast<std::size_t>(t)] +=
                static_cast<double>(r.series(metric::n_deployed, t)) / replications;
    }
    return mean;
}

// Largest relative distance of the mean front count from its mean over the run:
// max over t of |m(t) - M| / M, with M the mean of m over t.
double largest_swing(const std::vector<double>& m) {
    double level = 0;
    for (const double x : m)
        level += x / static_cast<double>(m.size());
    double swing = 0;
    for (const double x : m)
        swing = std::max(swing, std::abs(x - level) / level);
    return swing;
}

} // namespace

TEST_CASE("a warm start holds the article's front count within 3 % of its mean from day 0") {
    // The article's scenario with a flat target, so that only the start can make waves.
    const std::vector<std::string> flat = {"strength.target_strength=0:11000"};
    std::vector<std::string> warm = flat;
    warm.emplace_back("strength.start=warm");
    const Scenario cold_sc =
        load_scenario(std::string(ROTSIM_SOURCE_DIR) + "/scenarios/article-2024.ini", flat);
    const Scenario warm_sc =
        load_scenario(std::string(ROTSIM_SOURCE_DIR) + "/scenarios/article-2024.ini", warm);
    const auto warm_front = mean_deployed(warm_sc, kWarmReplications);
    const auto cold_front = mean_deployed(cold_sc, kWarmReplications);
    const double warm_swing = largest_swing(warm_front);
    const double cold_swing = largest_swing(cold_front);
    INFO("warm: largest swing " << warm_swing << ", day 0 " << warm_front.front()
                                << "; cold: largest swing " << cold_swing << ", day 0 "
                                << cold_front.front());
    CHECK(warm_swing < 0.03);
    // The cold start's waves: nobody at the front on day 0, then most of the force at once.
    CHECK(cold_swing > 0.4);
}
