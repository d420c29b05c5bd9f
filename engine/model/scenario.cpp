#include "model/scenario.hpp"

#include <algorithm>

namespace rotsim {

double Scenario::worst_front_probability() const {
    // Only days inside the run matter: a knot of the schedule after the horizon is never reached.
    double intensity_max = intensity.max_over(0, horizon_days);
    double hazard_max = classes.empty() ? 1.0 : 0.0;
    for (const SoldierClass& c : classes)
        hazard_max = std::max(hazard_max, c.hazard_multiplier);
    // A soldier is least experienced on his first day at the front, and no one reaches it with less
    // training than the shortest draw of russia_training_days.
    double inexperience_factor = 1.0 + inexperience;
    double training_factor =
        1.0 + training_gap * std::max(0.0, 1.0 - shortest_training() / training_reference_days);
    return (p_kia + p_wia + p_captured) * intensity_max * hazard_max * inexperience_factor *
           training_factor;
}

const DayRange& Scenario::duration(Leg leg, int dispatch_day) const {
    static_assert(kLegCount == 4);
    const DayRange* range = leg == Leg::transit_in        ? &transit_in_days
                            : leg == Leg::russia_training ? &russia_training_days
                            : leg == Leg::stay            ? &stay_days
                                                          : &transit_out_days;
    for (const DurationChange& change : duration_changes[static_cast<std::size_t>(leg)]) {
        if (change.day > dispatch_day) break;
        range = &change.range;
    }
    return *range;
}

int Scenario::shortest_training() const {
    int shortest = russia_training_days.min;
    for (const DurationChange& change :
         duration_changes[static_cast<std::size_t>(Leg::russia_training)])
        shortest = std::min(shortest, change.range.min);
    return shortest;
}

} // namespace rotsim
