// Rejection ABC over a sampled design (docs/calibration.md).
#include "analysis/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "analysis/statistics.hpp"

namespace rotsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_runs(const CalibrationRuns& runs) {
    const std::size_t n = runs.point.size();
    if (runs.done.size() != n)
        throw std::invalid_argument("calibration: point and done differ in length");
    for (const auto& column : runs.simulated)
        if (column.size() != n)
            throw std::invalid_argument("calibration: a target's column is not one value a run");
    for (const std::int64_t p : runs.point)
        if (p < 0 || p >= runs.points)
            throw std::invalid_argument("calibration: a run's point is outside the design");
}

} // namespace

std::vector<std::vector<double>> point_means(const CalibrationRuns& runs) {
    check_runs(runs);
    const std::size_t targets = runs.simulated.size();
    const auto points = static_cast<std::size_t>(runs.points);
    std::vector<std::vector<double>> sum(points, std::vector<double>(targets, 0.0));
    std::vector<std::vector<std::int64_t>> count(points, std::vector<std::int64_t>(targets, 0));
    for (std::size_t r = 0; r < runs.point.size(); ++r) {
        if (!runs.done[r]) continue;
        const auto p = static_cast<std::size_t>(runs.point[r]);
        for (std::size_t t = 0; t < targets; ++t) {
            const double v = runs.simulated[t][r];
            if (std::isnan(v)) continue;
            sum[p][t] += v;
            ++count[p][t];
        }
    }
    for (std::size_t p = 0; p < points; ++p)
        for (std::size_t t = 0; t < targets; ++t)
            sum[p][t] = count[p][t] > 0 ? sum[p][t] / static_cast<double>(count[p][t]) : kNaN;
    return sum;
}

double calibration_distance(const std::vector<double>& simulated,
                            const std::vector<CalibrationTarget>& targets) {
    if (simulated.size() != targets.size() || targets.empty())
        throw std::invalid_argument("calibration_distance: one simulated value a target");
    double squares = 0.0;
    for (std::size_t t = 0; t < targets.size(); ++t) {
        const double z = (simulated[t] - targets[t].value) / targets[t].uncertainty;
        squares += z * z;
    }
    return std::sqrt(squares / static_cast<double>(targets.size()));
}

std::vector<bool> accept_points(const std::vector<double>& distance, const AcceptanceRule& rule) {
    std::vector<bool> accepted(distance.size(), false);
    if (rule.by_tolerance()) {
        for (std::size_t p = 0; p < distance.size(); ++p)
            accepted[p] = distance[p] <= rule.tolerance; // false for NaN
        return accepted;
    }
    if (!(rule.fraction > 0 && rule.fraction <= 1))
        throw std::invalid_argument("accept_points: fraction outside (0, 1]");
    std::vector<std::size_t> order;
    for (std::size_t p = 0; p < distance.size(); ++p)
        if (!std::isnan(distance[p])) order.push_back(p);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return distance[a] < distance[b]; });
    // Rounded up, so that a small design still keeps a point.
    const auto keep = std::min(
        order.size(),
        static_cast<std::size_t>(std::ceil(rule.fraction * static_cast<double>(order.size()))));
    for (std::size_t k = 0; k < keep; ++k)
        accepted[order[k]] = true;
    return accepted;
}

PosteriorSummary posterior_summary(const std::string& key, const std::vector<double>& values,
                                   const std::vector<bool>& accepted, double prior_lo,
                                   double prior_hi) {
    if (values.size() != accepted.size())
        throw std::invalid_argument("posterior_summary: one value and one flag a point");
    std::vector<double> sample;
    for (std::size_t p = 0; p < values.size(); ++p)
        if (accepted[p]) sample.push_back(values[p]);
    PosteriorSummary s;
    s.key = key;
    s.prior_lo = prior_lo;
    s.prior_hi = prior_hi;
    const Moments m = moments(sample);
    s.mean = m.mean;
    s.sd = m.sd;
    s.q05 = quantile(sample, 0.05);
    s.q50 = quantile(sample, 0.50);
    s.q95 = quantile(sample, 0.95);
    return s;
}

Calibration calibrate(const CalibrationRuns& runs, const std::vector<CalibrationTarget>& targets,
                      const std::vector<CalibrationKey>& keys, const AcceptanceRule& rule) {
    if (runs.simulated.size() != targets.size())
        throw std::invalid_argument("calibrate: one column of simulated values a target");
    Calibration c;
    c.means = point_means(runs);
    for (const auto& means : c.means)
        c.distance.push_back(calibration_distance(means, targets));
    c.accepted = accept_points(c.distance, rule);
    for (std::size_t p = 0; p < c.distance.size(); ++p) {
        if (c.accepted[p]) c.ranking.push_back(static_cast<std::int64_t>(p));
        if (!std::isnan(c.distance[p]) &&
            (c.best < 0 || c.distance[p] < c.distance[static_cast<std::size_t>(c.best)]))
            c.best = static_cast<std::int64_t>(p);
    }
    c.weight.assign(c.accepted.size(), 0.0);
    for (const std::int64_t p : c.ranking)
        c.weight[static_cast<std::size_t>(p)] = 1.0 / static_cast<double>(c.ranking.size());
    std::stable_sort(c.ranking.begin(), c.ranking.end(), [&](std::int64_t a, std::int64_t b) {
        return c.distance[static_cast<std::size_t>(a)] < c.distance[static_cast<std::size_t>(b)];
    });
    for (const CalibrationKey& key : keys) {
        if (key.values.size() != c.accepted.size())
            throw std::invalid_argument("calibrate: key " + key.name + " lacks a value a point");
        c.posterior.push_back(
            posterior_summary(key.name, key.values, c.accepted, key.prior_lo, key.prior_hi));
    }
    for (std::size_t t = 0; t < targets.size(); ++t) {
        std::vector<double> band;
        for (std::size_t r = 0; r < runs.point.size(); ++r)
            if (runs.done[r] && c.accepted[static_cast<std::size_t>(runs.point[r])])
                band.push_back(runs.simulated[t][r]);
        TargetFit fit;
        fit.best = c.best < 0 ? kNaN : c.means[static_cast<std::size_t>(c.best)][t];
        fit.median = quantile(band, 0.50);
        fit.q05 = quantile(band, 0.05);
        fit.q95 = quantile(band, 0.95);
        c.fit.push_back(fit);
    }
    return c;
}

} // namespace rotsim
