#include "model/schedule.hpp"

#include <algorithm>

namespace rotsim {

Schedule::Schedule(std::vector<std::pair<int, double>> points) : points_(std::move(points)) {}

Schedule::Schedule(std::vector<std::pair<int, double>> points, std::vector<bool> dated)
    : points_(std::move(points)), dated_(std::move(dated)) {}

double Schedule::at(int day) const {
    if (points_.empty()) return 0.0;
    if (day <= points_.front().first) return points_.front().second;
    if (day >= points_.back().first) return points_.back().second;
    auto upper = std::upper_bound(points_.begin(), points_.end(), day,
                                  [](int d, const auto& p) { return d < p.first; });
    const auto& [d1, v1] = *upper;
    const auto& [d0, v0] = *(upper - 1);
    return v0 + (v1 - v0) * static_cast<double>(day - d0) / static_cast<double>(d1 - d0);
}

double Schedule::max_over(int from, int to) const {
    if (to <= from) return at(from);
    double best = std::max(at(from), at(to - 1));
    // Only the knots strictly inside the window: found by binary search, so a front spell costs
    // the knots it spans, not every knot of a long schedule.
    auto knot = std::upper_bound(points_.begin(), points_.end(), from,
                                 [](int d, const auto& p) { return d < p.first; });
    for (; knot != points_.end() && knot->first < to - 1; ++knot)
        best = std::max(best, knot->second);
    return best;
}

bool Schedule::flat_over(int from, int to) const {
    if (to <= from + 1) return true;
    const double first = at(from);
    if (at(to - 1) != first) return false;
    auto knot = std::upper_bound(points_.begin(), points_.end(), from,
                                 [](int d, const auto& p) { return d < p.first; });
    for (; knot != points_.end() && knot->first < to - 1; ++knot)
        if (knot->second != first) return false;
    return true;
}

double Schedule::max_value() const {
    double best = points_.empty() ? 0.0 : points_.front().second;
    for (const auto& p : points_)
        best = std::max(best, p.second);
    return best;
}

double Schedule::min_value() const {
    double best = points_.empty() ? 0.0 : points_.front().second;
    for (const auto& p : points_)
        best = std::min(best, p.second);
    return best;
}

} // namespace rotsim
