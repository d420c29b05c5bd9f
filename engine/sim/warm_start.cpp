// strength.start = warm: the soldiers of day 0 placed as if the rotation had been running at the
// day-0 strength for longer than any tour (docs/model.md, 3.3.7).
//
// In a rotation that has been running at a steady strength, the soldiers in Russia on a given day
// are a renewal process seen at a random moment: a soldier's stay is drawn with probability in
// proportion to its length (long stays are more often under way), and the part of it already
// served is uniform over the stay. Each placed soldier's past is then run by the model's own
// rules: his training, and at the front the exact casualty law on the days before day 0, with
// wounds, hospital stays and returns to duty. One whose past ends in death, capture or evacuation
// before day 0 is not there on day 0: his place is drawn again, as a relief would have taken it.
// Soldiers on their way on day 0 are placed too, sent at the rate that keeps the strength.
#include <cmath>
#include <stdexcept>
#include <string>

#include "model/error.hpp"
#include "sim/replication.hpp"

namespace rotsim {

namespace {

// A whole number of days in [range.min, range.max] with probability in proportion to its length:
// the inverse of the cumulative sum of k over min..k, solved in closed form and then adjusted
// for rounding. `u` is uniform in [0, 1).
int length_biased(const DayRange& range, double u) {
    const double lo = range.min, hi = range.max;
    if (range.min == range.max) return range.min;
    auto below = [&](double k) { return (k * (k + 1.0) - (lo - 1.0) * lo) / 2.0; }; // sum lo..k
    const double target = u * below(hi);
    auto k = static_cast<int>(
        std::ceil((-1.0 + std::sqrt(1.0 + 4.0 * (2.0 * target + (lo - 1.0) * lo))) / 2.0));
    k = std::clamp(k, range.min, range.max);
    while (k > range.min && below(k - 1) > target)
        --k;
    while (k < range.max && below(k) <= target)
        ++k;
    return k;
}

int uniform_days(Stream& s, int lo, int hi) {
    return lo == hi ? lo : boost::random::uniform_int_distribution<int>(lo, hi)(s);
}

// A soldier's past can end before day 0 only by death, capture or evacuation; so many of those
// in a row means the front kills nearly everyone who reaches it.
constexpr std::uint64_t kMostAttempts = 1000;

// Unit draws of the warm-start purpose sit far from the soldiers' attempt indices.
constexpr std::uint64_t kUnitIndex = std::uint64_t{1} << 40;

} // namespace

void Replication::place_warm_start() {
    const bool by_unit = sc_.rotation_policy == RotationPolicy::unit;
    std::int64_t placed = 0;
    while (placed < sc_.initial_strength) {
        const std::int64_t unit_id = next_unit_++;
        const std::int64_t members =
            by_unit ? std::min<std::int64_t>(sc_.unit_size, sc_.initial_strength - placed) : 1;
        int length = 0, elapsed = 0;
        if (by_unit) {
            Stream s =
                rng_.stream(static_cast<std::uint64_t>(unit_id), Purpose::warm_start, kUnitIndex);
            length = length_biased(sc_.stay_days, boost::random::uniform_01<double>()(s));
            elapsed = uniform_days(s, 0, length - 1);
        }
        for (std::int64_t k = 0; k < members; ++k) {
            const std::uint32_t i = recruit(unit_id, State::russia_training, 0);
            soldiers_.tours[i] = 1;
            ++recruited_;
            place_warm_soldier(i, unit_id, length, elapsed);
        }
        if (by_unit) {
            const int rotation = length - elapsed;
            counted_in_russia_ += members;
            if (rotation < static_cast<int>(rotating_on_.size()))
                rotating_on_[static_cast<std::size_t>(rotation)] += members;
            if (rotation < sc_.horizon_days)
                unit_rotations_[static_cast<std::size_t>(rotation)] += members;
        }
        placed += members;
    }
    cumulative_[metric::served] += placed;
    cumulative_[metric::arrivals] += placed;
    place_warm_pipeline();
}

// `unit_length` and `unit_elapsed` are the unit's stay and the part of it served (unit policy);
// with the individual policy each attempt draws the soldier's own.
void Replication::place_warm_soldier(std::uint32_t i, std::int64_t unit_id, int unit_length,
                                     int unit_elapsed) {
    const bool by_unit = sc_.rotation_policy == RotationPolicy::unit;
    const std::uint64_t id = id_of(i);
    const auto& cls = sc_.classes[static_cast<std::size_t>(soldiers_.soldier_class[i])];
    boost::random::uniform_01<double> unit;
    std::uint32_t front_draws = 0;
    std::uint64_t recoveries = 0;
    for (std::uint64_t attempt = 0; attempt < kMostAttempts; ++attempt) {
        Stream s = rng_.stream(id, Purpose::warm_start, attempt);
        const int length = by_unit ? unit_length : length_biased(sc_.stay_days, unit(s));
        const int elapsed = by_unit ? unit_elapsed : uniform_days(s, 0, length - 1);
        const int training =
            uniform_days(s, sc_.russia_training_days.min, sc_.russia_training_days.max);
        const int arrival = -elapsed, rotation = length - elapsed; // rotation >= 1
        const int trained = arrival + training;
        State state = State::russia_training;
        int since = arrival, days_at_front = 0, wounds = 0;
        double experience = 0.0;
        Event next = trained < rotation ? Event::end_training : Event::rotate;
        int next_tick = std::min(trained, rotation);
        // At the front before day 0: spells from `from`, ended by a wound he recovers from.
        bool present = true;
        for (int from = trained; next == Event::end_training && trained < 0;) {
            const FrontSoldier soldier{id, cls.hazard_multiplier, training, experience};
            const FrontEvent e = first_front_event(sc_, rng_, soldier, clock_, from, 0, front_draws,
                                                   Purpose::warm_front);
            if (e.day < 0) {
                state = State::deployed;
                since = from;
                break;
            }
            days_at_front += e.day + 1 - from;
            experience += clock_.gained(from, e.day + 1);
            if (e.event != Event::wounded) {
                present = false;
                break;
            }
            ++wounds;
            Stream r = rng_.stream(id, Purpose::warm_recovery, recoveries++);
            const int back = e.day + uniform_days(r, sc_.recovery_days.min, sc_.recovery_days.max);
            if (back >= 0) {
                state = State::wounded;
                since = e.day;
                next = Event::recover;
                next_tick = back;
                break;
            }
            const double dies = unit(r), fit = unit(r);
            // Back before day 0 and so before his rotation date, which is after it.
            if (dies < sc_.p_died_of_wounds || fit >= sc_.p_return_to_duty) {
                present = false;
                break;
            }
            from = back;
        }
        if (!present) continue;

        soldiers_.unit[i] = unit_id;
        soldiers_.arrival_tick[i] = arrival;
        soldiers_.rotation_tick[i] = rotation;
        soldiers_.training_days[i] = state == State::russia_training ? 0 : training;
        soldiers_.days_at_front[i] = days_at_front;
        soldiers_.experience[i] = experience;
        soldiers_.wounds[i] = wounds;
        soldiers_.state[i] = state;
        soldiers_.state_since[i] = since;
        admit(i, 0);
        if (!by_unit && rotation < static_cast<int>(rotating_on_.size()))
            ++rotating_on_[static_cast<std::size_t>(rotation)];
        if (state == State::deployed) {
            // No casualty before day 0; from day 0 on, the front draws as for anyone there.
            const FrontSoldier soldier{id, cls.hazard_multiplier, training,
                                       experience + clock_.gained(since, 0)};
            const FrontEvent e =
                first_front_event(sc_, rng_, soldier, clock_, 0,
                                  std::min(rotation, sc_.horizon_days), soldiers_.front_draws[i]);
            next = e.day >= 0 ? e.event : Event::rotate;
            next_tick = e.day >= 0 ? e.day : rotation;
        }
        schedule(i, next, next_tick);
        return;
    }
    throw InputError(
        "strength.start = warm: soldier " + std::to_string(id) +
        " could not be placed: " + std::to_string(kMostAttempts) +
        " draws of his past all ended in death, capture or evacuation before day 0, "
        "so the front kills nearly everyone who reaches it; use strength.start = cold");
}

// Soldiers sent on each of the days before day 0 at the rate that keeps the initial strength
// (initial_strength / the mean stay; dispatch_schedule(0) with dispatch = schedule), who are still
// on their way: those sent on day d with a transit of more than -d days.
void Replication::place_warm_pipeline() {
    const bool by_unit = sc_.rotation_policy == RotationPolicy::unit;
    const DayRange& transit = sc_.transit_in_days;
    const double per_day =
        sc_.dispatch == Dispatch::schedule
            ? sc_.dispatch_schedule.at(0)
            : sc_.initial_strength / ((sc_.stay_days.min + sc_.stay_days.max) / 2.0);
    const double groups_per_day = by_unit ? per_day / sc_.unit_size : per_day;
    for (int back = 1; back <= transit.max; ++back) {
        const int d = -back;
        const auto sent = static_cast<std::int64_t>(std::floor(groups_per_day * back) -
                                                    std::floor(groups_per_day * (back - 1)));
        for (std::int64_t g = 0; g < sent; ++g) {
            const auto place =
                static_cast<std::uint64_t>(back) << 32 | static_cast<std::uint64_t>(g);
            Stream s = rng_.stream(place, Purpose::warm_pipeline, 0);
            const int arrival = d + uniform_days(s, transit.min, transit.max);
            if (arrival < 0) continue; // arrived already: among the soldiers placed in Russia
            const std::int64_t unit_id = next_unit_;
            const int stay = by_unit ? rng_.days(sc_.stay_days, static_cast<std::uint64_t>(unit_id),
                                                 Purpose::unit_stay, 0)
                                     : 0;
            std::int64_t members = 0;
            for (; members < (by_unit ? sc_.unit_size : 1); ++members) {
                if (sc_.pool_size >= 0 && recruited_ >= sc_.pool_size) break;
                const std::uint32_t i = recruit(unit_id, State::pipeline, d);
                admit(i, 0);
                ++recruited_;
                soldiers_.tours[i] = 1;
                soldiers_.rotation_tick[i] = by_unit ? arrival + stay : -1;
                schedule(i, Event::arrive, arrival);
            }
            if (members == 0) return; // the pool is spent
            ++next_unit_;
            if (by_unit) {
                counted_pipeline_ += members;
                if (arrival < sc_.horizon_days)
                    unit_arrivals_[static_cast<std::size_t>(arrival)].push_back(
                        {members, arrival + stay});
            }
        }
    }
}

} // namespace rotsim
