#include "analysis/abc_smc.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "analysis/statistics.hpp"

using namespace rotsim;

TEST_CASE("weighted statistics: equal weights give the sample's, and weights shift them", "[smc]") {
    const std::vector<double> values = {4, 1, 3, 2, 5};
    const std::vector<double> equal(5, 0.2);
    CHECK(weighted_mean(values, equal) == Approx(3));
    CHECK(weighted_variance(values, equal) == Approx(moments(values).sd * moments(values).sd));
    CHECK(effective_sample_size(equal) == Approx(5));
    // numpy.interp(q, cumsum(w) - w / 2, sorted values): midpoints 0.1, 0.3, ..., 0.9.
    CHECK(weighted_quantile(values, equal, 0.5) == Approx(3));
    CHECK(weighted_quantile(values, equal, 0.2) == Approx(1.5));
    CHECK(weighted_quantile(values, equal, 0.05) == 1);      // held flat below the first
    CHECK(weighted_quantile(values, equal, 0.95) == 5);      // and above the last
    const std::vector<double> heavy = {0, 0.1, 0, 0.1, 0.8}; // mostly 5
    CHECK(weighted_mean(values, heavy) == Approx(0.1 * 1 + 0.1 * 2 + 0.8 * 5));
    // Midpoints: 1 at 0.05, 2 at 0.15, 5 at 0.6; weightless values take no part.
    CHECK(weighted_quantile(values, heavy, 0.6) == Approx(5));
    CHECK(weighted_quantile(values, heavy, 0.375) == Approx(3.5));
    CHECK(effective_sample_size(heavy) == Approx(1 / (0.01 + 0.01 + 0.64)));
    CHECK(std::isnan(weighted_quantile({}, {}, 0.5)));
    CHECK_THROWS(weighted_mean({1, 2}, {1}));
    CHECK_THROWS(weighted_mean({1, 2}, {1, -1}));
}

TEST_CASE("proposals are keyed draws inside the prior, on each key's grain", "[smc]") {
    const std::vector<SmcKey> keys = {{"casualties.p_kia", 0.0, 0.01, 0.0},
                                      {"strength.max_tours", 1, 4, 1}};
    const Particles population{{{0.001, 1}, {0.009, 4}, {0.005, 2}}, {0.2, 0.3, 0.5}};
    const std::vector<double> scales = kernel_scales(population, keys);
    REQUIRE(scales.size() == 2);
    CHECK(scales[1] >= 1); // at least the grain
    for (std::int64_t i = 0; i < 200; ++i) {
        const std::vector<double> p = smc_proposal(population, scales, keys, 7, 3, i);
        CHECK(p == smc_proposal(population, scales, keys, 7, 3, i));
        CHECK(p[0] >= 0);
        CHECK(p[0] <= 0.01);
        CHECK(p[1] == std::round(p[1]));
        CHECK(p[1] >= 1);
        CHECK(p[1] <= 4);
    }
    CHECK(smc_proposal(population, scales, keys, 7, 3, 0) !=
          smc_proposal(population, scales, keys, 7, 4, 0));
}

TEST_CASE("importance weights are normalised and favour what the kernel rarely proposes", "[smc]") {
    const std::vector<SmcKey> keys = {{"k", 0.0, 10.0, 0.0}};
    const Particles previous{{{2.0}, {2.1}, {8.0}}, {0.45, 0.45, 0.1}};
    const std::vector<double> scales = {1.0};
    const std::vector<double> w = smc_weights({{2.0}, {8.0}, {5.0}}, previous, scales, keys);
    CHECK(std::accumulate(w.begin(), w.end(), 0.0) == Approx(1.0));
    // 8 is proposed less often than 2 (weight 0.1 against 0.9), so it weighs more.
    CHECK(w[1] > w[0]);
    // 5 lies between both clusters, proposed least of all.
    CHECK(w[2] > w[1]);
}

// A cheap model with a known truth: two noisy observations of 10 theta. ABC-SMC with the library's
// pieces recovers theta = 0.42 within its 90 % interval, with tolerances that fall.
TEST_CASE("sequential ABC recovers the parameter of a simple model", "[smc]") {
    const std::vector<SmcKey> keys = {{"theta", 0.0, 1.0, 0.0}};
    auto distance = [](double theta, std::int64_t draw) {
        // Deterministic noise of sd about 0.1 per observation.
        const double noise = 0.1 * std::sin(static_cast<double>(draw) * 12.9898) * 1.7;
        return std::hypot(10 * theta + noise - 4.2, 10 * theta - noise - 4.2) / std::sqrt(2.0);
    };
    const int n = 100;
    std::int64_t draws = 0;
    Particles population;
    std::vector<double> d;
    for (int i = 0; i < n; ++i) {
        const double theta = (i + 0.5) / n;
        population.values.push_back({theta});
        population.weights.push_back(1.0 / n);
        d.push_back(distance(theta, draws++));
    }
    double last = INFINITY;
    for (int g = 1; g <= 5; ++g) {
        const double tolerance = weighted_quantile(d, population.weights, 0.5);
        CHECK(tolerance < last);
        last = tolerance;
        const std::vector<double> scales = kernel_scales(population, keys);
        std::vector<std::vector<double>> kept;
        std::vector<double> kept_d;
        for (std::int64_t i = 0; static_cast<int>(kept.size()) < n; ++i) {
            REQUIRE(i < 100'000);
            const std::vector<double> p = smc_proposal(population, scales, keys, 1, g, i);
            const double x = distance(p[0], draws++);
            if (x <= tolerance) {
                kept.push_back(p);
                kept_d.push_back(x);
            }
        }
        population.weights = smc_weights(kept, population, scales, keys);
        population.values = kept;
        d = kept_d;
        CHECK(std::accumulate(population.weights.begin(), population.weights.end(), 0.0) ==
              Approx(1.0));
    }
    std::vector<double> theta;
    for (const auto& p : population.values)
        theta.push_back(p[0]);
    const double q05 = weighted_quantile(theta, population.weights, 0.05);
    const double q95 = weighted_quantile(theta, population.weights, 0.95);
    INFO("90 % interval " << q05 << " to " << q95);
    CHECK(q05 < 0.42);
    CHECK(0.42 < q95);
    CHECK(q95 - q05 < 0.05);
}

TEST_CASE("the weighted calibration summarises the particles by their weights", "[smc]") {
    // Three points, one run each; particles at points 0 and 2 weighing 0.25 and 0.75.
    CalibrationRuns runs;
    runs.points = 3;
    runs.point = {0, 1, 2};
    runs.done = {true, true, true};
    runs.simulated = {{1, 2, 3}};
    CalibrationTarget target;
    target.metric = "killed";
    target.value = 3;
    target.uncertainty = 1;
    const CalibrationKey key{"k", {10, 20, 30}, 0, 40};
    const Calibration c = smc_calibration(runs, {target}, {key}, {0, 2}, {0.25, 0.75});
    CHECK(c.accepted == std::vector<bool>{true, false, true});
    CHECK(c.weight == std::vector<double>{0.25, 0, 0.75});
    CHECK(c.ranking == std::vector<std::int64_t>{2, 0}); // closest first
    CHECK(c.best == 2);
    CHECK(c.posterior[0].mean == Approx(25));
    CHECK(c.fit[0].best == 3);
    CHECK(c.fit[0].median == Approx(weighted_quantile({1, 3}, {0.25, 0.75}, 0.5)));
}
