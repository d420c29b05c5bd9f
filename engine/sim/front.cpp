#include "sim/front.hpp"

#include <algorithm>
#include <boost/random/geometric_distribution.hpp>
#include <cmath>

namespace rotsim {

namespace {

// Everything in the multiplier but intensity: the soldier's own factors on a day at the front.
double personal_factor(const Scenario& sc, double hazard_multiplier, int training_days,
                       int days_at_front) {
    const double inexperience =
        1.0 + sc.inexperience * std::exp(-static_cast<double>(days_at_front) / sc.experience_days);
    const double gap =
        1.0 + sc.training_gap * std::max(0.0, 1.0 - static_cast<double>(training_days) /
                                                        sc.training_reference_days);
    return hazard_multiplier * inexperience * gap;
}

} // namespace

double front_multiplier(const Scenario& sc, double hazard_multiplier, int training_days,
                        int days_at_front, int day) {
    return sc.intensity.at(day) *
           personal_factor(sc, hazard_multiplier, training_days, days_at_front);
}

FrontEvent first_front_event(const Scenario& sc, const KeyedStreams& streams, std::uint64_t soldier,
                             double hazard_multiplier, int training_days, int days_at_front,
                             int from, int end, std::uint32_t& draws) {
    const double base = sc.p_kia + sc.p_wia + sc.p_captured;
    if (base <= 0.0 || from >= end) return {};
    // The personal factor only falls as experience grows, and the maximum of a piecewise-linear
    // intensity over the window is exact, so their product bounds every day of the window.
    const double q_max =
        std::min(1.0, base * sc.intensity.max_over(from, end) *
                          personal_factor(sc, hazard_multiplier, training_days, days_at_front));
    if (q_max <= 0.0) return {};
    boost::random::geometric_distribution<std::int64_t, double> gap(q_max < 1.0 ? q_max : 0.5);
    boost::random::uniform_01<double> unit;

    std::int64_t day = from;
    while (true) {
        Stream s = streams.stream(soldier, Purpose::front, draws++);
        if (q_max < 1.0) day += gap(s);
        if (day >= end) return {};
        const int d = static_cast<int>(day);
        const double q = base * front_multiplier(sc, hazard_multiplier, training_days,
                                                 days_at_front + (d - from), d);
        if (unit(s) * q_max < q) {
            const double pick = unit(s) * base;
            const Event e = pick < sc.p_kia              ? Event::killed_in_action
                            : pick < sc.p_kia + sc.p_wia ? Event::wounded
                                                         : Event::captured;
            return {d, e};
        }
        ++day;
    }
}

} // namespace rotsim
