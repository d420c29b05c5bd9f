#pragma once

#include <cstdint>

#include "model/scenario.hpp"
#include "sim/random.hpp"
#include "sim/soldiers.hpp"

namespace rotsim {

// The multiplier of model-spec.md applied to every casualty probability on `day` for a soldier
// of hazard multiplier `hazard_multiplier`, with `training_days` of training received and
// `days_at_front` completed days at the front before that day.
double front_multiplier(const Scenario& scenario, double hazard_multiplier, int training_days,
                        int days_at_front, int day);

struct FrontEvent {
    int day = -1; // -1: nothing happens before `end`
    Event event = Event::none;
};

// First casualty of a soldier who is at the front from day `from` until (not including) `end`,
// drawn exactly as if the per-day rule were applied every day, but at the cost of the days on
// which something happens. Thinning of a Bernoulli process: candidate days come with geometric
// gaps at q_max, the largest daily probability the soldier can face in the window (the
// inexperience factor only falls, the intensity maximum on an interval is exact), and a candidate
// on day t is kept with probability q(t) / q_max. Each candidate uses one draw of the soldier's
// front stream, counted in `draws`.
FrontEvent first_front_event(const Scenario& scenario, const KeyedStreams& streams,
                             std::uint64_t soldier, double hazard_multiplier, int training_days,
                             int days_at_front, int from, int end, std::uint32_t& draws);

} // namespace rotsim
