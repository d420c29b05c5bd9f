#include "analysis/sensitivity.hpp"

#include "analysis/statistics.hpp"
#include "sim/random.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace rotsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// The Philox key's second word for bootstrap draws: apart from every replication's streams
// (keyed by (seed, replication)) and from the design's draws.
constexpr std::uint64_t kBootstrapKey = 0x424f'4f54'5354'5250ULL;

Indices undefined(Eigen::Index k) {
    const Eigen::VectorXd nan = Eigen::VectorXd::Constant(k, kNaN);
    return {nan, nan, nan, nan};
}

double upper_quantile(double level) {
    return boost::math::quantile(boost::math::normal(), 0.5 + level / 2);
}

double sample_sd(const Eigen::VectorXd& v) {
    if (v.size() < 2) return 0.0;
    return std::sqrt((v.array() - v.mean()).square().sum() / static_cast<double>(v.size() - 1));
}

// Least squares of y on the columns of z (already centred, so without an intercept). Rank
// deficiency (an input that is a combination of others) leaves the coefficients undefined.
void standardized_fit(const Eigen::MatrixXd& z, const Eigen::VectorXd& u, RegressionIndices& out,
                      const std::vector<Eigen::Index>& columns) {
    const auto n = z.rows(), k = z.cols();
    const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(z);
    if (qr.rank() < k) return;
    const Eigen::VectorXd beta = qr.solve(u);
    const double rss = (u - z * beta).squaredNorm();
    // u has variance 1, so its total sum of squares is n - 1.
    out.r_squared = 1.0 - rss / static_cast<double>(n - 1);
    const auto dof = n - k - 1;
    const Eigen::MatrixXd inverse =
        (z.transpose() * z).ldlt().solve(Eigen::MatrixXd::Identity(k, k));
    const double t = dof > 0
                         ? boost::math::quantile(boost::math::students_t(static_cast<double>(dof)),
                                                 0.5 + kConfidence / 2)
                         : kNaN;
    for (Eigen::Index j = 0; j < k; ++j) {
        const auto i = columns[static_cast<std::size_t>(j)];
        const double se =
            dof > 0 ? std::sqrt(rss / static_cast<double>(dof) * inverse(j, j)) : kNaN;
        out.src.value(i) = beta(j);
        out.src.se(i) = se;
        out.src.lo(i) = beta(j) - t * se;
        out.src.hi(i) = beta(j) + t * se;
    }
}

// The part of v that the columns of others (centred) do not explain.
Eigen::VectorXd residual(const Eigen::MatrixXd& others, const Eigen::VectorXd& v) {
    if (others.cols() == 0) return v;
    return v - others * others.colPivHouseholderQr().solve(v);
}

void partial_rank_correlations(const Eigen::MatrixXd& rx, const Eigen::VectorXd& ry,
                               RegressionIndices& out, const std::vector<Eigen::Index>& columns) {
    const auto n = rx.rows(), k = rx.cols();
    const auto dof = n - 3 - (k - 1);
    const double z975 = upper_quantile(kConfidence);
    for (Eigen::Index j = 0; j < k; ++j) {
        Eigen::MatrixXd others(n, k - 1);
        for (Eigen::Index c = 0, o = 0; c < k; ++c)
            if (c != j) others.col(o++) = rx.col(c);
        const Eigen::VectorXd ex = residual(others, rx.col(j)), ey = residual(others, ry);
        // When the other inputs' ranks fix those of x_j or of y (to rounding), nothing is left
        // to correlate: the partial correlation is undefined, not whatever the rounding gives.
        constexpr double kLeft = 1e-9;
        if (ex.norm() <= kLeft * rx.col(j).norm() || ey.norm() <= kLeft * ry.norm()) continue;
        const double norms = ex.norm() * ey.norm();
        const double r = std::clamp(ex.dot(ey) / norms, -1.0, 1.0);
        const auto i = columns[static_cast<std::size_t>(j)];
        out.prcc.value(i) = r;
        if (dof <= 0) continue;
        // Fisher's z: atanh(r) is close to normal with variance 1 / dof.
        const double z = std::atanh(r), se = 1.0 / std::sqrt(static_cast<double>(dof));
        out.prcc.lo(i) = std::tanh(z - z975 * se);
        out.prcc.hi(i) = std::tanh(z + z975 * se);
        out.prcc.se(i) = se * (1 - r * r);
    }
}

struct SobolEstimate {
    Eigen::VectorXd first, total;
    double variance = 0.0;
};

// The estimators over the base samples `rows` (a bootstrap resample, or every row).
SobolEstimate estimate(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                       const Eigen::MatrixXd& ab, const std::vector<Eigen::Index>& rows) {
    const auto k = ab.cols();
    const auto n = static_cast<double>(rows.size());
    double sum = 0.0;
    for (const auto j : rows)
        sum += a(j) + b(j);
    const double mean = sum / (2 * n);
    double squares = 0.0;
    Eigen::VectorXd first = Eigen::VectorXd::Zero(k), total = Eigen::VectorXd::Zero(k);
    for (const auto j : rows) {
        squares += (a(j) - mean) * (a(j) - mean) + (b(j) - mean) * (b(j) - mean);
        for (Eigen::Index i = 0; i < k; ++i) {
            const double d = ab(j, i) - a(j);
            // Centred: E[c (ab - a)] = 0 for any constant c, so subtracting the mean leaves
            // the estimator's expectation as it was, and removes the variance that a mean large
            // against the spread (counts in the thousands, USD in the millions) would add.
            first(i) += (b(j) - mean) * d;
            total(i) += d * d;
        }
    }
    SobolEstimate e;
    e.variance = squares / (2 * n);
    e.first = first / (n * e.variance);
    e.total = total / (2 * n * e.variance);
    return e;
}

void bootstrap(Indices& indices, const std::vector<Eigen::VectorXd>& resampled, Eigen::Index i) {
    std::vector<double> values;
    values.reserve(resampled.size());
    for (const Eigen::VectorXd& r : resampled)
        values.push_back(std::isfinite(r(i)) ? r(i) : kNaN);
    const double tail = (1 - kConfidence) / 2;
    indices.lo(i) = quantile(values, tail);
    indices.hi(i) = quantile(values, 1 - tail);
    indices.se(i) = moments(values).sd;
}

} // namespace

Eigen::VectorXd ranks(const Eigen::VectorXd& values) {
    std::vector<Eigen::Index> order(static_cast<std::size_t>(values.size()));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](Eigen::Index p, Eigen::Index q) { return values(p) < values(q); });
    Eigen::VectorXd out(values.size());
    for (std::size_t first = 0; first < order.size();) {
        std::size_t last = first;
        while (last + 1 < order.size() && values(order[last + 1]) == values(order[first]))
            ++last;
        // Tied values share the mean of the ranks first+1..last+1.
        const double rank = static_cast<double>(first + last) / 2 + 1;
        for (std::size_t t = first; t <= last; ++t)
            out(order[t]) = rank;
        first = last + 1;
    }
    return out;
}

RegressionIndices regression_indices(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
    if (x.rows() != y.size())
        throw std::invalid_argument("regression_indices: x has " + std::to_string(x.rows()) +
                                    " rows, y " + std::to_string(y.size()));
    const auto n = x.rows(), k = x.cols();
    RegressionIndices out;
    out.src = undefined(k);
    out.prcc = undefined(k);
    out.r_squared = kNaN;
    out.points = n;
    const double sd_y = sample_sd(y);
    if (n < 2 || !(sd_y > 0)) return out;
    // An input that does not vary explains nothing and would make the fit singular.
    std::vector<Eigen::Index> varying;
    for (Eigen::Index i = 0; i < k; ++i)
        if (sample_sd(x.col(i)) > 0) varying.push_back(i);
    const auto kv = static_cast<Eigen::Index>(varying.size());
    if (n <= kv + 1) return out;
    Eigen::MatrixXd z(n, kv), rx(n, kv);
    for (Eigen::Index j = 0; j < kv; ++j) {
        const Eigen::VectorXd c = x.col(varying[static_cast<std::size_t>(j)]);
        z.col(j) = (c.array() - c.mean()) / sample_sd(c);
        const Eigen::VectorXd r = ranks(c);
        rx.col(j) = r.array() - r.mean();
    }
    const Eigen::VectorXd u = (y.array() - y.mean()) / sd_y;
    const Eigen::VectorXd r = ranks(y);
    standardized_fit(z, u, out, varying);
    partial_rank_correlations(rx, r.array() - r.mean(), out, varying);
    return out;
}

SobolIndices sobol_indices(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                           const Eigen::MatrixXd& ab, int resamples, std::uint64_t seed) {
    const auto n = a.size(), k = ab.cols();
    if (b.size() != n || ab.rows() != n)
        throw std::invalid_argument("sobol_indices: a, b and ab need one row per base sample");
    if (resamples < 0) throw std::invalid_argument("sobol_indices: negative resamples");
    SobolIndices out;
    out.first = undefined(k);
    out.total = undefined(k);
    out.base_samples = n;
    if (n < 2) return out;
    std::vector<Eigen::Index> rows(static_cast<std::size_t>(n));
    std::iota(rows.begin(), rows.end(), Eigen::Index{0});
    const SobolEstimate all = estimate(a, b, ab, rows);
    out.variance = all.variance;
    if (!(all.variance > 0)) return out;
    out.first.value = all.first;
    out.total.value = all.total;

    std::vector<Eigen::VectorXd> first, total;
    boost::random::uniform_int_distribution<Eigen::Index> pick(0, n - 1);
    for (int r = 0; r < resamples; ++r) {
        Stream stream(Philox::ctr_type{{static_cast<std::uint64_t>(r), 0, 0, 0}},
                      Philox::ukey_type{{seed, kBootstrapKey}});
        for (auto& row : rows)
            row = pick(stream);
        // A resample of identical outputs has no variance; its NaN indices are skipped.
        const SobolEstimate e = estimate(a, b, ab, rows);
        first.push_back(e.first);
        total.push_back(e.total);
    }
    if (resamples == 0) return out;
    for (Eigen::Index i = 0; i < k; ++i) {
        bootstrap(out.first, first, i);
        bootstrap(out.total, total, i);
    }
    return out;
}

PointMeans average_replications(const std::vector<double>& values,
                                const std::vector<std::int64_t>& point,
                                const std::vector<std::int64_t>& replication, std::int64_t points) {
    if (values.size() != point.size() || values.size() != replication.size())
        throw std::invalid_argument("average_replications: one point and replication per value");
    PointMeans out;
    const auto size = static_cast<std::size_t>(points);
    std::vector<double> sum(size, 0.0);
    out.n.assign(size, 0);
    std::vector<std::size_t> runs; // the finite ones
    std::int64_t replications = 0;
    for (std::size_t r = 0; r < values.size(); ++r) {
        if (!std::isfinite(values[r])) continue;
        if (point[r] < 0 || point[r] >= points || replication[r] < 0)
            throw std::invalid_argument("average_replications: point outside the design");
        sum[static_cast<std::size_t>(point[r])] += values[r];
        ++out.n[static_cast<std::size_t>(point[r])];
        replications = std::max(replications, replication[r] + 1);
        runs.push_back(r);
    }
    out.mean.assign(size, kNaN);
    std::int64_t finite = 0;
    double inverse_n = 0.0;
    for (std::size_t p = 0; p < size; ++p) {
        if (out.n[p] == 0) continue;
        out.mean[p] = sum[p] / static_cast<double>(out.n[p]);
        inverse_n += 1.0 / static_cast<double>(out.n[p]);
        ++finite;
    }
    // The part of each replication's deviations that all points share.
    const auto rs = static_cast<std::size_t>(replications);
    std::vector<double> shared(rs, 0.0);
    std::vector<std::int64_t> count(rs, 0);
    auto deviation = [&](std::size_t r) {
        return values[r] - out.mean[static_cast<std::size_t>(point[r])];
    };
    for (const std::size_t r : runs) {
        shared[static_cast<std::size_t>(replication[r])] += deviation(r);
        ++count[static_cast<std::size_t>(replication[r])];
    }
    double squares = 0.0;
    for (const std::size_t r : runs) {
        const auto k = static_cast<std::size_t>(replication[r]);
        const double e = deviation(r) - shared[k] / static_cast<double>(count[k]);
        squares += e * e;
    }
    const auto used = static_cast<std::int64_t>(
        std::count_if(count.begin(), count.end(), [](std::int64_t c) { return c > 0; }));
    const auto dof = static_cast<std::int64_t>(runs.size()) - finite - used + 1;
    const double spread = moments(out.mean).sd;
    out.noise_share = dof > 0 && spread > 0
                          ? squares / static_cast<double>(dof) *
                                (inverse_n / static_cast<double>(finite)) / (spread * spread)
                          : kNaN;
    return out;
}

} // namespace rotsim
