#include "analysis/statistics.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

using rotsim::moments;
using rotsim::quantile;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
// Sorted: -1, 0.5, 2, 3.5, 4, 7.25, 10.
const std::vector<double> kSample = {3.5, -1.0, 7.25, 2.0, 10.0, 0.5, 4.0};
} // namespace

TEST_CASE("moments: mean and sample standard deviation", "[analysis]") {
    const auto m = moments(kSample);
    CHECK(m.mean == 3.75); // 26.25 / 7
    // Squared deviations sum to 87.625; divided by n - 1 = 6.
    CHECK(m.sd == Approx(std::sqrt(87.625 / 6)).epsilon(1e-15));
    CHECK(m.sd == Approx(3.8215398292660336).epsilon(1e-15)); // numpy.std(x, ddof=1)
}

TEST_CASE("moments: one value, none, and NaN", "[analysis]") {
    const auto one = moments({42.0});
    CHECK(one.mean == 42.0);
    CHECK(one.sd == 0.0);
    const auto none = moments({});
    CHECK(std::isnan(none.mean));
    CHECK(std::isnan(none.sd));
    const auto all_nan = moments({kNaN, kNaN});
    CHECK(std::isnan(all_nan.mean));
    const auto some = moments({1.0, kNaN, 3.0});
    CHECK(some.mean == 2.0);
    CHECK(some.sd == Approx(std::sqrt(2.0)));
}

TEST_CASE("moments stay accurate for large USD totals", "[analysis]") {
    std::vector<double> values;
    for (int i = 0; i < 10; ++i)
        values.push_back(264e6 + 0.1 * i);
    const auto m = moments(values);
    CHECK(m.mean == Approx(264000000.45).epsilon(1e-15));
    // A one-pass sum of squares loses every digit here.
    CHECK(m.sd == Approx(0.302765037597168).epsilon(1e-6));
}

TEST_CASE("quantile: type 7, by hand", "[analysis]") {
    CHECK(quantile(kSample, 0.0) == -1.0);
    CHECK(quantile(kSample, 1.0) == 10.0);
    CHECK(quantile(kSample, 0.5) == 3.5);    // the middle of seven
    CHECK(quantile(kSample, 0.25) == 1.25);  // h = 1.5: halfway from 0.5 to 2
    CHECK(quantile(kSample, 0.75) == 5.625); // h = 4.5: halfway from 4 to 7.25
    CHECK(quantile({1.0, 2.0}, 0.5) == 1.5);
    CHECK(quantile({5.0}, 0.95) == 5.0);
}

TEST_CASE("quantile: the same numbers as numpy.quantile", "[analysis]") {
    // numpy 1.24: numpy.quantile(x, q) with the default method 'linear'.
    const std::vector<std::pair<double, double>> expected = {{0.05, -0.5499999999999999},
                                                             {0.1, -0.09999999999999987},
                                                             {0.9, 8.350000000000001},
                                                             {0.95, 9.174999999999997}};
    for (const auto& [q, value] : expected) {
        INFO("q = " << q);
        CHECK(quantile(kSample, q) == value);
    }
    CHECK(quantile({0.1, 0.2, 0.3}, 0.3) == 0.16);
    CHECK(quantile({0.1, 0.2, 0.3}, 0.7) == 0.24);
    std::vector<double> usd;
    for (int i = 0; i < 10; ++i)
        usd.push_back(264e6 + 0.1 * i);
    CHECK(quantile(usd, 0.05) == 264000000.045);
    CHECK(quantile(usd, 0.95) == 264000000.85500002);
}

TEST_CASE("quantile: NaN is skipped, nothing gives NaN, q outside [0, 1] is refused",
          "[analysis]") {
    CHECK(quantile({kNaN, 1.0, kNaN, 3.0}, 0.5) == 2.0);
    CHECK(std::isnan(quantile({}, 0.5)));
    CHECK(std::isnan(quantile({kNaN}, 0.5)));
    CHECK_THROWS_AS(quantile(kSample, 1.5), std::invalid_argument);
    CHECK_THROWS_AS(quantile(kSample, -0.1), std::invalid_argument);
    CHECK_THROWS_AS(quantile(kSample, kNaN), std::invalid_argument);
}

TEST_CASE("quantile does not depend on the input order", "[analysis]") {
    std::vector<double> reversed(kSample.rbegin(), kSample.rend());
    for (double q : {0.05, 0.3, 0.5, 0.77, 0.95})
        CHECK(quantile(reversed, q) == quantile(kSample, q));
}

TEST_CASE("column bands: per-column mean and quantiles over chosen rows", "[analysis]") {
    // 4 rows x 2 columns; row 2 is left out, and a NaN in row 3 is skipped.
    const std::vector<double> block = {1.0, 10.0, 2.0, 20.0, 100.0, 100.0, 3.0, kNaN};
    const std::vector<double> levels = {0.0, 0.5, 1.0};
    const std::vector<double> bands = rotsim::column_bands(block, 2, {0, 1, 3}, levels);
    REQUIRE(bands.size() == 8);
    CHECK(bands[0] == 2.0);  // mean of 1, 2, 3
    CHECK(bands[1] == 15.0); // mean of 10, 20
    CHECK(bands[2] == 1.0);
    CHECK(bands[4] == 2.0);
    CHECK(bands[5] == 15.0);
    CHECK(bands[6] == 3.0);
    CHECK(bands[7] == 20.0);
    for (const double q : {0.05, 0.25, 0.75, 0.95})
        CHECK(rotsim::sorted_quantile({-1.0, 0.5, 2.0, 3.5, 4.0, 7.25, 10.0}, q) ==
              quantile(kSample, q));
}
