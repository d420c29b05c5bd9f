#include "analysis/variance_split.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

using rotsim::split_variance;

TEST_CASE("the variance splits into inputs and noise as the law of total variance says",
          "[variance_split]") {
    // Three points of two runs: means 1, 3, 5 (variance 4); within each point the runs differ by
    // 2 (variance 2), so the inputs' part is 4 - 2 / 2 = 3 and their share 3 / (3 + 2).
    const std::vector<double> y = {0, 2, 2, 4, 4, 6};
    const std::vector<std::int64_t> point = {0, 0, 1, 1, 2, 2};
    const auto s = split_variance(y, point, std::vector<bool>(6, true));
    CHECK(s.points == 3);
    CHECK(s.runs == 6);
    CHECK(s.mean == Approx(3));
    CHECK(s.variance == Approx(4.4)); // numpy.var(y, ddof=1)
    CHECK(s.within == Approx(2));
    CHECK(s.between == Approx(3));
    CHECK(s.input_share == Approx(0.6));
    CHECK(s.q05 == Approx(0.5)); // numpy.quantile(y, 0.05)
    CHECK(s.q50 == Approx(3));
}

TEST_CASE("runs left out, NaN values and single runs are handled", "[variance_split]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> y = {0, 2, nan, 2, 4, 100};
    const std::vector<std::int64_t> point = {0, 0, 1, 1, 1, 2};
    const std::vector<bool> use = {true, true, true, true, true, false};
    const auto s = split_variance(y, point, use);
    CHECK(s.runs == 4);
    CHECK(s.points == 2);
    CHECK(s.within == Approx(2));
    // Point means 1 and 3: variance 2, less 2 x mean(1/2, 1/2) = 1.
    CHECK(s.between == Approx(1));
    // One run per point: the noise cannot be estimated, and the split says so with NaN.
    const auto one = split_variance({1, 2, 3}, {0, 1, 2}, std::vector<bool>(3, true));
    CHECK(std::isnan(one.within));
    CHECK(std::isnan(one.input_share));
    CHECK(one.variance == Approx(1));
    // The inputs' part is never negative, even when noise alone makes the means differ.
    const auto noise = split_variance({0, 10, 10, 0}, {0, 0, 1, 1}, std::vector<bool>(4, true));
    CHECK(noise.between == 0);
    CHECK(noise.input_share == 0);
}
