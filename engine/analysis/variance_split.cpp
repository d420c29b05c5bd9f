#include "analysis/variance_split.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "analysis/statistics.hpp"

namespace rotsim {

VarianceSplit split_variance(const std::vector<double>& values,
                             const std::vector<std::int64_t>& point, const std::vector<bool>& use) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    VarianceSplit s;
    std::vector<double> all;
    std::map<std::int64_t, std::vector<double>> by_point;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!use[i] || std::isnan(values[i])) continue;
        all.push_back(values[i]);
        by_point[point[i]].push_back(values[i]);
    }
    s.points = static_cast<std::int64_t>(by_point.size());
    s.runs = static_cast<std::int64_t>(all.size());
    if (all.empty()) {
        s.mean = s.variance = s.q05 = s.q50 = s.q95 = s.within = s.between = s.input_share = nan;
        return s;
    }
    const Moments pooled = moments(all);
    s.mean = pooled.mean;
    s.variance = all.size() > 1 ? pooled.sd * pooled.sd : nan;
    std::sort(all.begin(), all.end());
    s.q05 = sorted_quantile(all, 0.05);
    s.q50 = sorted_quantile(all, 0.50);
    s.q95 = sorted_quantile(all, 0.95);

    // Within: the mean of the points' own variances (points of two runs or more); between: the
    // variance of the point means, less the noise each mean still carries.
    std::vector<double> variances, means;
    double inverse_runs = 0;
    for (const auto& [p, runs] : by_point) {
        const Moments m = moments(runs);
        if (runs.size() > 1) variances.push_back(m.sd * m.sd);
        means.push_back(m.mean);
        inverse_runs += 1.0 / static_cast<double>(runs.size());
    }
    s.within = variances.empty() ? nan : moments(variances).mean;
    inverse_runs /= static_cast<double>(by_point.size());
    const double spread = moments(means).sd;
    s.between = means.size() > 1 && !variances.empty()
                    ? std::max(0.0, spread * spread - s.within * inverse_runs)
                    : nan;
    const double sum = s.between + s.within;
    s.input_share = sum > 0 ? s.between / sum : (sum == 0 ? 0.0 : nan);
    return s;
}

} // namespace rotsim
