#pragma once

#include <cstdint>
#include <vector>

#include "model/scenario.hpp"
#include "sim/random.hpp"
#include "sim/soldiers.hpp"

namespace rotsim {

// The multiplier of model-spec.md applied to every casualty probability on `day` for a soldier
// of hazard multiplier `hazard_multiplier`, with `training_days` of training received and
// `experience` (completed days at the front, or their exposure: see ExperienceClock) before that
// day.
double front_multiplier(const Scenario& scenario, double hazard_multiplier, int training_days,
                        double experience, int day);

// How experience grows at the front over the days [first, last): one a day (`calendar`), or that
// day's intensity (`exposure`, kept as prefix sums so a window costs two lookups).
class ExperienceClock {
public:
    ExperienceClock(const Scenario& scenario, int first, int last);
    // Experience gained by being at the front on the days [from, to), first <= from <= to <= last.
    double gained(int from, int to) const {
        if (exposure_.empty()) return static_cast<double>(to) - static_cast<double>(from);
        return exposure_[static_cast<std::size_t>(to - first_)] -
               exposure_[static_cast<std::size_t>(from - first_)];
    }

private:
    int first_ = 0;
    std::vector<double> exposure_; // exposure_[k]: intensity summed over [first, first + k)
};

struct FrontEvent {
    int day = -1;              // meaningless when nothing happens
    Event event = Event::none; // none: nothing happens before `end`
};

// What the front needs to know of a soldier at the start of a spell there.
struct FrontSoldier {
    std::uint64_t id = 0;
    double hazard_multiplier = 1.0;
    int training_days = 0;
    double experience = 0.0; // before the spell
};

// First casualty of a soldier who is at the front from day `from` until (not including) `end`,
// drawn exactly as if the per-day rule were applied every day, but at the cost of the days on
// which something happens. Thinning of a Bernoulli process: candidate days come with geometric
// gaps at q_max, the largest daily probability the soldier can face in the window, and a candidate
// on day t is kept with probability q(t) / q_max. q_max is exact: the maximum of a piecewise-linear
// intensity on an interval is at an end or a knot, and the personal factor only falls, since
// experience never decreases (calendar days, or exposure summed over intensities >= 0). Each
// candidate uses one draw of the soldier's stream `purpose`, counted in `draws`.
FrontEvent first_front_event(const Scenario& scenario, const KeyedStreams& streams,
                             const FrontSoldier& soldier, const ExperienceClock& clock, int from,
                             int end, std::uint32_t& draws, Purpose purpose = Purpose::front);

} // namespace rotsim
