#include "analysis/compare.hpp"

#include "analysis/statistics.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace rotsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double t_quantile(double dof, double level) {
    // A variance of exactly 0 (a metric every run shares) has no noise to widen by.
    if (std::isinf(dof)) return 0.0;
    return boost::math::quantile(boost::math::students_t(dof), 0.5 + level / 2.0);
}

std::vector<double> finite_values(const std::vector<double>& values) {
    std::vector<double> kept;
    for (const double v : values)
        if (!std::isnan(v)) kept.push_back(v);
    return kept;
}

void check_level(double level) {
    if (!(level > 0.0 && level < 1.0))
        throw std::invalid_argument("compare: the interval's level must lie in (0, 1)");
}

// The difference and its percent without an interval.
Difference means_only(double mean_a, double mean_b) {
    Difference d;
    d.mean_a = mean_a;
    d.mean_b = mean_b;
    d.difference = mean_b - mean_a;
    d.percent = mean_a != 0.0 ? 100.0 * (mean_b / mean_a - 1.0) : kNaN;
    d.lo = d.hi = d.percent_lo = d.percent_hi = d.dof = d.correlation = kNaN;
    return d;
}

// Welch-Satterthwaite: the degrees of freedom of a sum of independent variance terms, each
// estimated with dof_i; a term of 0 (a side without noise) adds nothing, and all 0 is exact.
double satterthwaite(double u1, double dof1, double u2, double dof2) {
    double denominator = 0.0;
    if (u1 > 0.0) denominator += u1 * u1 / dof1;
    if (u2 > 0.0) denominator += u2 * u2 / dof2;
    if (denominator == 0.0) return std::numeric_limits<double>::infinity();
    return (u1 + u2) * (u1 + u2) / denominator;
}

} // namespace

bool Difference::has_interval() const {
    return !std::isnan(lo);
}

Difference paired_difference(const std::vector<double>& a, const std::vector<double>& b,
                             double level) {
    check_level(level);
    if (a.size() != b.size())
        throw std::invalid_argument("paired_difference: A and B differ in length");
    std::vector<double> xa, xb;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!std::isnan(a[i]) && !std::isnan(b[i])) {
            xa.push_back(a[i]);
            xb.push_back(b[i]);
        }
    const auto n = static_cast<std::int64_t>(xa.size());
    const Moments ma = moments(xa), mb = moments(xb);
    Difference d = means_only(ma.mean, mb.mean);
    d.runs_a = d.runs_b = n;
    if (n < 2) return d;
    std::vector<double> diff(xa.size()), linear(xa.size());
    const double ratio = mb.mean / ma.mean;
    double cross = 0.0;
    for (std::size_t i = 0; i < xa.size(); ++i) {
        diff[i] = xb[i] - xa[i];
        linear[i] = (xb[i] - ratio * xa[i]) / ma.mean;
        cross += (xa[i] - ma.mean) * (xb[i] - mb.mean);
    }
    const auto dof = static_cast<double>(n - 1);
    const double sd = moments(diff).sd;
    d.correlation = cross / dof / (ma.sd * mb.sd); // NaN when one side never varies
    d.dof = sd > 0.0 ? dof : std::numeric_limits<double>::infinity();
    const double half = t_quantile(d.dof, level) * sd / std::sqrt(static_cast<double>(n));
    d.lo = d.difference - half;
    d.hi = d.difference + half;
    if (ma.mean != 0.0) {
        const double sd_linear = moments(linear).sd;
        const double percent_half = 100.0 * t_quantile(sd_linear > 0.0 ? dof : d.dof, level) *
                                    sd_linear / std::sqrt(static_cast<double>(n));
        d.percent_lo = d.percent - percent_half;
        d.percent_hi = d.percent + percent_half;
    }
    return d;
}

Difference welch_difference(const std::vector<double>& a, const std::vector<double>& b,
                            bool a_exact, bool b_exact, double level) {
    check_level(level);
    const std::vector<double> xa = finite_values(a), xb = finite_values(b);
    if ((a_exact && xa.size() != 1) || (b_exact && xb.size() != 1))
        throw std::invalid_argument("welch_difference: an exact side is one expected value");
    const Moments ma = moments(xa), mb = moments(xb);
    Difference d = means_only(ma.mean, mb.mean);
    d.runs_a = static_cast<std::int64_t>(xa.size());
    d.runs_b = static_cast<std::int64_t>(xb.size());
    if ((a_exact && b_exact) || (!a_exact && d.runs_a < 2) || (!b_exact && d.runs_b < 2)) return d;
    const auto na = static_cast<double>(d.runs_a);
    const auto nb = static_cast<double>(d.runs_b);
    const double ua = a_exact ? 0.0 : ma.sd * ma.sd / na;
    const double ub = b_exact ? 0.0 : mb.sd * mb.sd / nb;
    d.dof = satterthwaite(ua, na - 1.0, ub, nb - 1.0);
    const double half = t_quantile(d.dof, level) * std::sqrt(ua + ub);
    d.lo = d.difference - half;
    d.hi = d.difference + half;
    if (ma.mean != 0.0) {
        const double ratio = mb.mean / ma.mean;
        const double ra = ratio * ratio * ua / (ma.mean * ma.mean);
        const double rb = ub / (ma.mean * ma.mean);
        const double percent_half = 100.0 *
                                    t_quantile(satterthwaite(ra, na - 1.0, rb, nb - 1.0), level) *
                                    std::sqrt(ra + rb);
        d.percent_lo = d.percent - percent_half;
        d.percent_hi = d.percent + percent_half;
    }
    return d;
}

std::vector<std::pair<std::size_t, std::size_t>> paired_rows(const std::vector<RunKey>& a,
                                                             const std::vector<RunKey>& b) {
    std::map<RunKey, std::size_t> rows_of_b;
    for (std::size_t j = 0; j < b.size(); ++j)
        if (b[j].replication >= 0) rows_of_b.emplace(b[j], j);
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    std::map<RunKey, bool> used;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].replication < 0) continue;
        const auto at = rows_of_b.find(a[i]);
        if (at == rows_of_b.end() || !used.emplace(a[i], true).second) continue;
        pairs.emplace_back(i, at->second);
    }
    return pairs;
}

} // namespace rotsim
