#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace rotsim {

// A piecewise-linear function of the day, held flat before the first and after the last point.
// Used for target strength and combat intensity.
class Schedule {
public:
    Schedule() = default;
    // Points must be sorted by strictly increasing day; the parser guarantees it.
    explicit Schedule(std::vector<std::pair<int, double>> points);
    // `dated[k]`: knot k was written as a calendar date, so the resolved text writes it as one
    // again and it keeps its date when run.start_date changes.
    Schedule(std::vector<std::pair<int, double>> points, std::vector<bool> dated);

    double at(int day) const;
    // Largest value on the days [from, to); the maximum of a piecewise-linear function on an
    // interval sits at an end or at a knot, so this is exact.
    double max_over(int from, int to) const;
    // Whether the value is the same on every day of [from, to).
    bool flat_over(int from, int to) const;
    double max_value() const;
    double min_value() const;
    const std::vector<std::pair<int, double>>& points() const { return points_; }
    bool dated(std::size_t knot) const { return knot < dated_.size() && dated_[knot]; }

private:
    std::vector<std::pair<int, double>> points_;
    std::vector<bool> dated_;
};

} // namespace rotsim
