#include "analysis/precision.hpp"

#include <algorithm>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

using namespace rotsim;

namespace {

std::vector<double> normal_sample(std::size_t n, double mean, double sd, unsigned seed) {
    boost::random::mt19937 engine(seed);
    boost::random::normal_distribution<double> normal(mean, sd);
    std::vector<double> out(n);
    for (double& x : out)
        x = normal(engine);
    return out;
}

// The count the rule settles on when rows arrive in `order`.
std::int64_t settle(const std::vector<double>& values, const std::vector<std::int64_t>& order,
                    double relative, std::int64_t min_runs) {
    PrecisionRule rule({{"killed", relative}}, min_runs, static_cast<std::int64_t>(values.size()));
    for (const std::int64_t row : order)
        if (const auto n = rule.add(row, {values[static_cast<std::size_t>(row)]})) return *n;
    return -1;
}

} // namespace

TEST_CASE("Student's t quantile matches tables") {
    CHECK(t_quantile_975(1) == Approx(12.7062).epsilon(1e-5));
    CHECK(t_quantile_975(9) == Approx(2.262157).epsilon(1e-6));
    CHECK(t_quantile_975(1000) == Approx(1.962339).epsilon(1e-6));
}

TEST_CASE("the rule stops at the first count whose interval is narrow enough") {
    const std::vector<double> values = normal_sample(2000, 100.0, 10.0, 3);
    std::vector<std::int64_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    const std::int64_t n = settle(values, order, 0.01, 20);
    // The same criterion computed directly: first n >= 20 with t * sd / sqrt(n) <= 1 % of mean.
    std::int64_t expected = -1;
    for (std::size_t k = 20; k <= values.size() && expected < 0; ++k) {
        const double mean = std::accumulate(values.begin(), values.begin() + k, 0.0) / k;
        double ss = 0.0;
        for (std::size_t i = 0; i < k; ++i)
            ss += (values[i] - mean) * (values[i] - mean);
        const double half =
            t_quantile_975(static_cast<std::int64_t>(k) - 1) * std::sqrt(ss / (k - 1) / k);
        if (half <= 0.01 * mean) expected = static_cast<std::int64_t>(k);
    }
    REQUIRE(expected > 20);
    CHECK(n == expected);
    // sd/mean = 0.1, so about (1.96 * 0.1 / 0.01)^2 = 384 runs.
    CHECK(n > 250);
    CHECK(n < 550);
}

TEST_CASE("the settled count does not depend on the order runs finish in") {
    const std::vector<double> values = normal_sample(1500, 50.0, 7.0, 9);
    std::vector<std::int64_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    const std::int64_t in_order = settle(values, order, 0.01, 20);
    boost::random::mt19937 engine(5);
    // Worker threads finish out of order, but never far out of it: shuffle within windows.
    for (std::size_t first = 0; first < order.size(); first += 37) {
        const std::size_t last = std::min(order.size(), first + 37);
        for (std::size_t i = last - 1; i > first; --i)
            std::swap(order[i], order[first + engine() % (i - first + 1)]);
    }
    CHECK(settle(values, order, 0.01, 20) == in_order);
}

TEST_CASE("the rule waits for the minimum, skips NaN, and stops at the cap") {
    SECTION("identical values are precise at once, but not before the minimum") {
        std::vector<double> same(100, 4.0);
        std::vector<std::int64_t> order(same.size());
        std::iota(order.begin(), order.end(), 0);
        CHECK(settle(same, order, 0.01, 30) == 30);
    }
    SECTION("NaN values do not count towards the minimum") {
        PrecisionRule rule({{"payout_in_home_months", 0.5}}, 3, 10);
        CHECK_FALSE(rule.add(0, {std::numeric_limits<double>::quiet_NaN()}));
        CHECK_FALSE(rule.add(1, {1.0}));
        CHECK_FALSE(rule.add(2, {1.0}));
        CHECK(rule.add(3, {1.0}) == 4);
        CHECK(rule.status()[0].runs == 3);
    }
    SECTION("the cap ends it, unmet") {
        PrecisionRule rule({{"killed", 1e-6}}, 2, 4);
        for (std::int64_t row = 0; row < 3; ++row)
            CHECK_FALSE(rule.add(row, {static_cast<double>(row)}));
        CHECK(rule.add(3, {3.0}) == 4);
        CHECK_FALSE(rule.status()[0].met);
    }
    SECTION("every target must hold") {
        PrecisionRule rule({{"killed", 0.5}, {"served", 1e-9}}, 2, 50);
        for (std::int64_t row = 0; row < 10; ++row)
            CHECK_FALSE(rule.add(row, {10.0 + static_cast<double>(row % 2), 5.0 + row}));
    }
}
