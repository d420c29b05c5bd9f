#include "sim/front.hpp"

#include <algorithm>
#include <boost/random/geometric_distribution.hpp>
#include <cmath>

namespace rotsim {

namespace {

// Everything in the multiplier but intensity: the soldier's own factors on a day at the front.
double personal_factor(const Scenario& sc, double hazard_multiplier, int training_days,
                       double experience) {
    const double inexperience = 1.0 + sc.inexperience * std::exp(-experience / sc.experience_days);
    const double gap =
        1.0 + sc.training_gap * std::max(0.0, 1.0 - static_cast<double>(training_days) /
                                                        sc.training_reference_days);
    return hazard_multiplier * inexperience * gap;
}

} // namespace

double front_multiplier(const Scenario& sc, double hazard_multiplier, int training_days,
                        double experience, int day) {
    return sc.intensity.at(day) * personal_factor(sc, hazard_multiplier, training_days, experience);
}

ExperienceClock::ExperienceClock(const Scenario& sc, int first, int last) : first_(first) {
    if (sc.experience != Experience::exposure) return;
    const auto days = static_cast<std::size_t>(std::max(last - first, 0));
    exposure_.assign(days + 1, 0.0);
    for (std::size_t k = 0; k < days; ++k)
        exposure_[k + 1] = exposure_[k] + sc.intensity.at(first + static_cast<int>(k));
}

FrontEvent first_front_event(const Scenario& sc, const KeyedStreams& streams,
                             const FrontSoldier& soldier, const ExperienceClock& clock, int from,
                             int end, std::uint32_t& draws, Purpose purpose) {
    const double base = sc.p_kia + sc.p_wia + sc.p_captured;
    if (base <= 0.0 || from >= end) return {};
    const double q_max =
        std::min(1.0, base * sc.intensity.max_over(from, end) *
                          personal_factor(sc, soldier.hazard_multiplier, soldier.training_days,
                                          soldier.experience));
    if (q_max <= 0.0) return {};
    boost::random::geometric_distribution<std::int64_t, double> gap(q_max < 1.0 ? q_max : 0.5);
    boost::random::uniform_01<double> unit;

    std::int64_t day = from;
    while (true) {
        Stream s = streams.stream(soldier.id, purpose, draws++);
        if (q_max < 1.0) day += gap(s);
        if (day >= end) return {};
        const int d = static_cast<int>(day);
        const double q =
            base * front_multiplier(sc, soldier.hazard_multiplier, soldier.training_days,
                                    soldier.experience + clock.gained(from, d), d);
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
