// The intervals of `rotsim compare` on small samples written out here, against the same formulas
// evaluated with mpmath at 40 digits (Student's t quantile by root-finding on the regularized
// incomplete beta): scipy 1.10's t quantile is off by about 1e-10, Boost's is not.
#include "analysis/compare.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

using rotsim::Difference;

namespace {

const std::vector<double> kA = {10, 12, 9, 14, 11, 13};
const std::vector<double> kB = {12, 13, 11, 17, 12, 15};
const std::vector<double> kC = {20, 25, 18, 30, 22};
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

TEST_CASE("paired difference: t interval of the pairs' differences, as scipy's ttest_rel") {
    const Difference d = rotsim::paired_difference(kA, kB);
    CHECK(d.runs_a == 6);
    CHECK(d.difference == Approx(1.8333333333333333));
    CHECK(d.lo == Approx(1.0433468828413810).epsilon(1e-12));
    CHECK(d.hi == Approx(2.6233197838252856).epsilon(1e-12));
    CHECK(d.dof == 5);
    CHECK(d.correlation == Approx(0.9498713802919553).epsilon(1e-12));
    // Delta method on the linearized values (b - R a) / mean_a.
    CHECK(d.percent == Approx(15.94202898550725));
    CHECK(d.percent_lo == Approx(9.5138850145646695).epsilon(1e-12));
    CHECK(d.percent_hi == Approx(22.370172956449823).epsilon(1e-12));
}

TEST_CASE("paired difference skips a pair with a NaN on either side") {
    std::vector<double> a = kA, b = kB;
    a.push_back(kNaN);
    b.push_back(100.0);
    a.insert(a.begin(), 5.0);
    b.insert(b.begin(), kNaN);
    const Difference d = rotsim::paired_difference(a, b);
    CHECK(d.runs_a == 6);
    CHECK(d.lo == Approx(1.0433468828413810).epsilon(1e-12));
}

TEST_CASE("Welch's interval with Welch-Satterthwaite degrees of freedom") {
    const Difference d = rotsim::welch_difference(kA, kC);
    CHECK(d.runs_a == 6);
    CHECK(d.runs_b == 5);
    CHECK(d.difference == Approx(11.5));
    CHECK(d.dof == Approx(5.059765691323786).epsilon(1e-12));
    CHECK(d.lo == Approx(5.7819196727589087).epsilon(1e-12));
    CHECK(d.hi == Approx(17.218080327241091).epsilon(1e-12));
    CHECK(std::isnan(d.correlation));
    CHECK(d.percent == Approx(100.0));
    CHECK(d.percent_lo == Approx(47.546026625742403).epsilon(1e-12));
    CHECK(d.percent_hi == Approx(152.45397337425760).epsilon(1e-12));
}

TEST_CASE("an expected value on one side leaves the other's one-sample interval") {
    const Difference d = rotsim::welch_difference({15.0}, kC, true, false);
    CHECK(d.difference == Approx(8.0));
    CHECK(d.dof == 4);
    CHECK(d.lo == Approx(2.1760796144196921).epsilon(1e-12));
    CHECK(d.hi == Approx(13.823920385580308).epsilon(1e-12));
    const Difference both = rotsim::welch_difference({15.0}, {18.0}, true, true);
    CHECK(both.difference == 3.0);
    CHECK(both.percent == Approx(20.0));
    CHECK_FALSE(both.has_interval());
    CHECK_THROWS(rotsim::welch_difference(kA, kC, true, false));
}

TEST_CASE("fewer than 2 runs on a side that varies give the means and no interval") {
    const Difference one = rotsim::welch_difference({3.0}, kC);
    CHECK(one.mean_a == 3.0);
    CHECK(one.mean_b == Approx(23.0));
    CHECK_FALSE(one.has_interval());
    const Difference pair = rotsim::paired_difference({1.0, kNaN}, {2.0, 4.0});
    CHECK(pair.runs_a == 1);
    CHECK(pair.difference == 1.0);
    CHECK_FALSE(pair.has_interval());
}

TEST_CASE("a metric every run shares has a zero-width interval, and a mean of 0 no percent") {
    const Difference d = rotsim::welch_difference({0, 0, 0}, {2, 2, 2});
    CHECK(d.lo == 2.0);
    CHECK(d.hi == 2.0);
    CHECK(std::isnan(d.percent));
    CHECK(std::isnan(d.percent_lo));
    const Difference p = rotsim::paired_difference({1, 2, 3}, {2, 3, 4});
    CHECK(p.lo == 1.0);
    CHECK(p.hi == 1.0);
}

TEST_CASE("runs pair by (seed, replication); rows that hold no run never pair") {
    using rotsim::RunKey;
    const std::vector<RunKey> a = {{7, 0}, {7, 1}, {7, 2}, {0, -1}, {7, 3}};
    const std::vector<RunKey> b = {{7, 3}, {7, 1}, {0, -1}, {9, 0}};
    const auto pairs = rotsim::paired_rows(a, b);
    REQUIRE(pairs.size() == 2);
    CHECK(pairs[0] == std::pair<std::size_t, std::size_t>{1, 1});
    CHECK(pairs[1] == std::pair<std::size_t, std::size_t>{4, 0});
    CHECK(rotsim::paired_rows(a, {{8, 0}, {8, 1}}).empty());
}
