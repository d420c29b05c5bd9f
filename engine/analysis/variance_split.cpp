#include "analysis/variance_split.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace rotsim {
namespace {

// numpy.quantile's default (linear interpolation between order statistics, "type 7").
double quantile(const std::vector<double>& sorted, double q) {
    const double at = q * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(at));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (at - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

struct Moments {
    std::int64_t n = 0;
    double mean = 0, m2 = 0; // Welford: stable for money totals of 1e8 with spreads of 1e2
    void add(double x) {
        ++n;
        const double d = x - mean;
        mean += d / static_cast<double>(n);
        m2 += d * (x - mean);
    }
    double variance() const {
        return n > 1 ? m2 / static_cast<double>(n - 1) : std::numeric_limits<double>::quiet_NaN();
    }
};

} // namespace

VarianceSplit split_variance(const std::vector<double>& values,
                             const std::vector<std::int64_t>& point, const std::vector<bool>& use) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    VarianceSplit s;
    Moments all;
    std::map<std::int64_t, Moments> by_point;
    std::vector<double> sorted;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!use[i] || std::isnan(values[i])) continue;
        all.add(values[i]);
        by_point[point[i]].add(values[i]);
        sorted.push_back(values[i]);
    }
    s.points = static_cast<std::int64_t>(by_point.size());
    s.runs = all.n;
    if (s.runs == 0) {
        s.mean = s.variance = s.q05 = s.q50 = s.q95 = s.within = s.between = s.input_share = nan;
        return s;
    }
    std::sort(sorted.begin(), sorted.end());
    s.mean = all.mean;
    s.variance = all.variance();
    s.q05 = quantile(sorted, 0.05);
    s.q50 = quantile(sorted, 0.50);
    s.q95 = quantile(sorted, 0.95);

    Moments within, means;
    double inverse_runs = 0;
    for (const auto& [p, m] : by_point) {
        if (m.n > 1) within.add(m.variance());
        means.add(m.mean);
        inverse_runs += 1.0 / static_cast<double>(m.n);
    }
    s.within = within.n > 0 ? within.mean : nan;
    inverse_runs /= static_cast<double>(by_point.size());
    s.between = means.n > 1 && within.n > 0
                    ? std::max(0.0, means.variance() - s.within * inverse_runs)
                    : nan;
    const double sum = s.between + s.within;
    s.input_share = sum > 0 ? s.between / sum : (sum == 0 ? 0.0 : nan);
    return s;
}

} // namespace rotsim
