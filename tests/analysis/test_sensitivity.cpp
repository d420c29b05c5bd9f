// The estimators of analysis/sensitivity against functions whose indices are known in closed
// form. Every sample and bootstrap is seeded, so the numbers are the same on every run; the
// tolerances are a few bootstrap (or least-squares) standard errors, so they are the estimators'
// own precision rather than numbers tuned to pass.
#include "analysis/sensitivity.hpp"
#include "ensemble/design.hpp"
#include "sim/random.hpp"

#include <boost/random/normal_distribution.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

using rotsim::Indices;

namespace {

constexpr double kPi = std::numbers::pi;

// Uniform on [0, 1), a function of (seed, row, column) only.
double uniform(std::uint64_t seed, std::uint64_t row, std::uint64_t column) {
    rotsim::Stream s(rotsim::Philox::ctr_type{{row, column, 0, 0}},
                     rotsim::Philox::ukey_type{{seed, 7}});
    return boost::random::uniform_01<double>()(s);
}

double normal(std::uint64_t seed, std::uint64_t row) {
    rotsim::Stream s(rotsim::Philox::ctr_type{{row, 99, 0, 0}},
                     rotsim::Philox::ukey_type{{seed, 7}});
    return boost::random::normal_distribution<double>()(s);
}

// The estimate is within `z` standard errors of the truth, and the 95% interval covers it.
void check_index(const Indices& indices, Eigen::Index i, double truth, double z = 4.0) {
    INFO("index " << i << ": " << indices.value(i) << " [" << indices.lo(i) << ", " << indices.hi(i)
                  << "], se " << indices.se(i) << ", truth " << truth);
    CHECK(indices.se(i) > 0);
    CHECK(std::fabs(indices.value(i) - truth) <= z * indices.se(i) + 1e-12);
    CHECK(indices.lo(i) <= truth);
    CHECK(truth <= indices.hi(i));
}

// Ishigami and Homma (1990): f = sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3.
constexpr double kA = 7.0, kB = 0.1;

double ishigami(double x1, double x2, double x3) {
    return std::sin(x1) + kA * std::pow(std::sin(x2), 2) + kB * std::pow(x3, 4) * std::sin(x1);
}

struct IshigamiTruth {
    double variance, first[3], total[3];
};

IshigamiTruth ishigami_truth() {
    const double pi4 = std::pow(kPi, 4), pi8 = pi4 * pi4;
    const double v1 = 0.5 * std::pow(1 + kB * pi4 / 5, 2), v2 = kA * kA / 8;
    const double v13 = kB * kB * pi8 * (1.0 / 18 - 1.0 / 50);
    const double v = v1 + v2 + v13;
    return {v, {v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

} // namespace

TEST_CASE("sensitivity: the closed-form Ishigami indices are those of the literature",
          "[analysis][sensitivity]") {
    const IshigamiTruth t = ishigami_truth();
    CHECK(t.first[0] == Approx(0.3139).margin(5e-5));
    CHECK(t.first[1] == Approx(0.4424).margin(5e-5));
    CHECK(t.total[0] == Approx(0.5576).margin(5e-5));
    CHECK(t.total[1] == Approx(0.4424).margin(5e-5));
    CHECK(t.total[2] == Approx(0.2437).margin(5e-5));
}

TEST_CASE("sensitivity: Sobol' indices of the Ishigami function from Saltelli's design",
          "[analysis][sensitivity]") {
    // As `rotsim sweep --sobol 4096` lays it out: A and B are the two halves of points
    // 4096..8191 of the 6-dimensional Sobol' sequence.
    constexpr int n = 4096, k = 3;
    const std::vector<double> u = rotsim::sobol_points(2 * k, n, n);
    auto x = [&](int j, int column) { return -kPi + 2 * kPi * u[std::size_t(j * 2 * k + column)]; };
    Eigen::VectorXd a(n), b(n);
    Eigen::MatrixXd ab(n, k);
    for (int j = 0; j < n; ++j) {
        a(j) = ishigami(x(j, 0), x(j, 1), x(j, 2));
        b(j) = ishigami(x(j, 3), x(j, 4), x(j, 5));
        for (int i = 0; i < k; ++i) {
            double v[3] = {x(j, 0), x(j, 1), x(j, 2)};
            v[i] = x(j, k + i);
            ab(j, i) = ishigami(v[0], v[1], v[2]);
        }
    }
    const rotsim::SobolIndices s = rotsim::sobol_indices(a, b, ab, 1000, 2010);
    const IshigamiTruth t = ishigami_truth();
    CHECK(s.base_samples == n);
    CHECK(s.variance == Approx(t.variance).epsilon(0.02));
    for (int i = 0; i < k; ++i) {
        check_index(s.first, i, t.first[i]);
        check_index(s.total, i, t.total[i]);
    }
    // Indices of f + c are those of f: a large mean (USD totals) costs no precision.
    const Eigen::VectorXd shift = Eigen::VectorXd::Constant(n, 1e6);
    const rotsim::SobolIndices shifted = rotsim::sobol_indices(
        a + shift, b + shift, ab + Eigen::MatrixXd::Constant(n, k, 1e6), 1000, 2010);
    for (int i = 0; i < k; ++i) {
        CHECK(shifted.first.value(i) == Approx(s.first.value(i)).margin(1e-6));
        CHECK(shifted.first.se(i) == Approx(s.first.se(i)).margin(1e-6));
        CHECK(shifted.total.value(i) == Approx(s.total.value(i)).margin(1e-6));
    }
    // The same seed gives the same intervals; another seed other ones, around the same values.
    const rotsim::SobolIndices again = rotsim::sobol_indices(a, b, ab, 1000, 2010);
    CHECK(again.first.lo == s.first.lo);
    CHECK(again.total.hi == s.total.hi);
    const rotsim::SobolIndices other = rotsim::sobol_indices(a, b, ab, 1000, 2011);
    CHECK(other.first.value == s.first.value);
    CHECK(other.first.lo != s.first.lo);
}

TEST_CASE("sensitivity: Sobol' indices of a constant output are undefined",
          "[analysis][sensitivity]") {
    const Eigen::VectorXd a = Eigen::VectorXd::Constant(8, 3.0);
    const rotsim::SobolIndices s =
        rotsim::sobol_indices(a, a, Eigen::MatrixXd::Constant(8, 2, 3.0), 100, 1);
    CHECK(s.variance == 0.0);
    CHECK(std::isnan(s.first.value(0)));
    CHECK(std::isnan(s.total.hi(1)));
}

TEST_CASE("sensitivity: SRC of a linear model with noise are b_i sd_i / sd_y",
          "[analysis][sensitivity]") {
    constexpr int n = 2000;
    const double b[3] = {2.0, -1.0, 0.5};
    const double lo[3] = {0.0, 10.0, -3.0}, hi[3] = {1.0, 12.0, 5.0};
    constexpr double sigma = 0.4;
    Eigen::MatrixXd x(n, 3);
    Eigen::VectorXd y(n);
    for (int r = 0; r < n; ++r) {
        y(r) = sigma * normal(11, std::uint64_t(r));
        for (int i = 0; i < 3; ++i) {
            x(r, i) = lo[i] + (hi[i] - lo[i]) * uniform(11, std::uint64_t(r), std::uint64_t(i));
            y(r) += b[i] * x(r, i);
        }
    }
    double explained = 0, sd[3];
    for (int i = 0; i < 3; ++i) {
        sd[i] = (hi[i] - lo[i]) / std::sqrt(12.0);
        explained += b[i] * b[i] * sd[i] * sd[i];
    }
    const double sd_y = std::sqrt(explained + sigma * sigma);
    const rotsim::RegressionIndices r = rotsim::regression_indices(x, y);
    CHECK(r.points == n);
    for (int i = 0; i < 3; ++i)
        check_index(r.src, i, b[i] * sd[i] / sd_y);
    CHECK(r.r_squared == Approx(explained / (sd_y * sd_y)).margin(0.02));
    // Without noise the fit is exact, whatever the sample.
    Eigen::VectorXd exact = x * Eigen::Vector3d(b[0], b[1], b[2]);
    const rotsim::RegressionIndices e = rotsim::regression_indices(x, exact);
    CHECK(e.r_squared == Approx(1.0).margin(1e-12));
}

TEST_CASE("sensitivity: PRCC of a monotone nonlinear function, with a dummy input",
          "[analysis][sensitivity]") {
    constexpr int n = 500;
    Eigen::MatrixXd x(n, 3);
    Eigen::VectorXd y(n);
    for (int r = 0; r < n; ++r) {
        for (int i = 0; i < 3; ++i)
            x(r, i) = uniform(5, std::uint64_t(r), std::uint64_t(i));
        // Increasing in x1, decreasing in x2, far from linear in both; x3 plays no part.
        y(r) = std::exp(6 * (x(r, 0) - 0.5 * x(r, 1)));
    }
    const rotsim::RegressionIndices r = rotsim::regression_indices(x, y);
    INFO("prcc " << r.prcc.value.transpose() << ", src " << r.src.value.transpose() << ", R^2 "
                 << r.r_squared);
    CHECK(r.prcc.value(0) > 0.95);
    CHECK(r.prcc.value(1) < -0.95);
    // A dummy's PRCC is noise of sd about 1 / sqrt(n - 3 - 2); its interval covers 0.
    CHECK(std::fabs(r.prcc.value(2)) < 4 / std::sqrt(n - 5.0));
    CHECK(r.prcc.lo(2) <= 0.0);
    CHECK(r.prcc.hi(2) >= 0.0);
    // The linear fit sees much less of the dependence than the ranks do.
    CHECK(r.r_squared < 0.7);
    CHECK(std::fabs(r.src.value(0)) < r.prcc.value(0));
}

TEST_CASE("sensitivity: ranks share ties", "[analysis][sensitivity]") {
    Eigen::VectorXd v(6);
    v << 3.0, 1.0, 3.0, 2.0, 3.0, 0.5;
    Eigen::VectorXd expected(6);
    expected << 5.0, 2.0, 5.0, 3.0, 5.0, 1.0;
    CHECK(rotsim::ranks(v) == expected);
}

TEST_CASE("sensitivity: regression needs more points than inputs, and a varying output",
          "[analysis][sensitivity]") {
    Eigen::MatrixXd x(3, 2);
    x << 0, 1, 1, 0, 2, 2;
    const rotsim::RegressionIndices few = rotsim::regression_indices(x, Eigen::Vector3d(1, 2, 3));
    CHECK(std::isnan(few.src.value(0)));
    CHECK(std::isnan(few.prcc.value(1)));
    Eigen::MatrixXd more(6, 2);
    more << 0, 1, 1, 0, 2, 2, 3, 1, 4, 0, 5, 3;
    const rotsim::RegressionIndices flat =
        rotsim::regression_indices(more, Eigen::VectorXd::Constant(6, 4.0));
    CHECK(std::isnan(flat.src.value(0)));
    CHECK(std::isnan(flat.r_squared));
    // An input that does not vary gets no index; the others still do.
    more.col(1).setConstant(1.0);
    const rotsim::RegressionIndices one = rotsim::regression_indices(more, more.col(0) * 2.0);
    CHECK(one.src.value(0) == Approx(1.0));
    CHECK(std::isnan(one.src.value(1)));
}

TEST_CASE("sensitivity: replication means and the share of noise", "[analysis][sensitivity]") {
    const double nan = std::nan("");
    // Point 0: 1, 3 (mean 2); point 1: 10, 12 and a failed run (mean 11); point 2: nothing.
    const std::vector<double> values = {1, 3, 10, 12, nan, nan};
    const std::vector<std::int64_t> point = {0, 0, 1, 1, 1, 2}, replication = {0, 1, 0, 1, 2, 0};
    const rotsim::PointMeans f = rotsim::average_replications(values, point, replication, 3);
    CHECK(f.mean[0] == 2.0);
    CHECK(f.mean[1] == 11.0);
    CHECK(std::isnan(f.mean[2]));
    CHECK(f.n == std::vector<std::int64_t>{2, 2, 0});
    // Replication 0 is 1 below the mean at both points, replication 1 is 1 above: noise common
    // to every point (common random numbers) moves no index.
    CHECK(f.noise_share == 0.0);
    // Deviations -1, +1 and -2, +2: the shared part is -1.5, +1.5, and +-0.5 is left at each
    // run, a residual variance of 1 (1 degree of freedom), 0.5 for a mean of two, against the
    // means' (2 and 12) variance of 50.
    const rotsim::PointMeans g =
        rotsim::average_replications({1, 3, 10, 14}, {0, 0, 1, 1}, {0, 1, 0, 1}, 2);
    CHECK(g.noise_share == Approx(0.5 / 50));
    const rotsim::PointMeans single = rotsim::average_replications({1, 2}, {0, 1}, {0, 0}, 2);
    CHECK(std::isnan(single.noise_share));
}
