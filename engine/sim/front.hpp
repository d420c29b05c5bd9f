#pragma once

#include <array>
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

// Survival tables for the exact inversion of a spell's first casualty. Where experience is counted
// in calendar days and the intensity is flat over a spell, a soldier's daily probability on a day
// when he has j days of experience is q(j) = scale * (1 + inexperience * exp(-j /
// experience_days)), `scale` holding everything else (probabilities, intensity, class, training
// gap). Survival to experience x is then the product of (1 - q(j)) over j < x, the same for every
// spell of that scale: one table per scale, grown as far as a spell needs, so a spell costs one
// block and a search of the table, with no log or exp. A replication makes its own (they are not
// shared).
class FrontTables {
public:
    explicit FrontTables(const Scenario& scenario);
    // Whether spells over [from, end) can be drawn from a table.
    bool applies(int from, int end) const {
        return calendar_ && (flat_ || sc_.intensity.flat_over(from, end));
    }
    struct Entry {
        double survival;     // product of (1 - q(j)) over j < x
        double log_survival; // its log, for where the product underflows
    };
    // The table of `scale`, with entries for x = 0 .. upto at least; nullptr when the scenario
    // has more distinct scales than tables are kept for (the caller then thins).
    const std::vector<Entry>* table(double scale, int upto);

private:
    const Scenario& sc_;
    bool calendar_;                            // experience counts calendar days
    bool flat_;                                // the intensity is one value on every day
    static constexpr std::size_t kSlots = 512; // a power of two
    std::vector<double> scales_;
    std::vector<std::vector<Entry>> tables_;
    std::array<std::int16_t, kSlots> slots_; // index into scales_ and tables_; -1: empty
};

// First casualty of a soldier who is at the front from day `from` until (not including) `end`,
// with the law of the per-day rule applied every day, at the cost of one block per spell where
// `tables` applies (exact inversion of the survival product), otherwise of the days on which
// something happens: thinning of a Bernoulli process, candidate days with geometric gaps at q_max,
// the largest daily probability the soldier can face in the window, each kept with probability
// q(t) / q_max. q_max is exact: the maximum of a piecewise-linear intensity on an interval is at
// an end or a knot, and the personal factor only falls, since experience never decreases
// (calendar days, or exposure summed over intensities >= 0). Each spell or candidate takes one
// block of the soldier's stream `purpose`, counted in `draws`. `tables` may be null.
FrontEvent first_front_event(const Scenario& scenario, const KeyedStreams& streams,
                             const FrontSoldier& soldier, const ExperienceClock& clock, int from,
                             int end, std::uint32_t& draws, FrontTables* tables,
                             Purpose purpose = Purpose::front);

} // namespace rotsim
