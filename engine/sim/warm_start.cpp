// strength.start = warm: the soldiers of day 0 placed as if the rotation had been running at the
// day-0 strength for longer than any tour (docs/model.md, 3.3.7).
//
// If soldiers have been arriving at a steady rate, the ones in Russia (or on their way home) on
// day 0 are those who arrived `elapsed` days ago, for any elapsed, and whose course since then has
// kept them there. So each candidate gets an elapsed time uniform over every age that can still
// be present, and his whole course since his arrival is run by the model's own rules: his stay,
// his training, the exact casualty law at the front on the days before day 0, his wounds,
// hospital stays, returns to duty and his journey home. He is placed if that course leaves him in
// Russia or in transit home on day 0; if not (he has died, been captured or reached home) he is
// not there and the next candidate is drawn. This is rejection sampling of the stationary law, so
// long stays are seen more often than short ones, survivors more often than the dead, without a
// formula for either. Soldiers on their way to Russia on day 0 are placed too, sent at the rate
// that keeps the strength.
#include <cmath>
#include <stdexcept>
#include <string>

#include "model/error.hpp"
#include "sim/replication.hpp"

namespace rotsim {

// What a candidate's course before day 0 left him as on day 0.
struct WarmPast {
    bool present = false;
    int soldier_class = 0;
    State state = State::russia_training;
    int since = 0;           // entered `state` (for the front: the start of the current spell)
    int arrival = 0;         // in Russia
    int rotation = 0;        // his rotation date
    int exit = -1;           // left Russia (transit_out)
    int training_days = 0;   // completed (0 while still training: counted when training ends)
    int days_at_front = 0;   // completed spells
    double experience = 0.0; // of completed spells
    int wounds = 0;
    Event next = Event::none; // his pending event, on day next_tick >= 0
    int next_tick = 0;
};

namespace {

// Candidates that were not there on day 0, in a row, before a warm start gives up: the front
// kills nearly everyone who reaches it.
constexpr std::uint64_t kMostMisses = 100000;

// The course of candidate `candidate`, who arrived in Russia `elapsed` days before day 0 on a stay
// of `length` days, up to day 0. His draws are the warm-start purposes' own, keyed by the
// candidate, so that a candidate who is not placed takes no soldier's numbers.
WarmPast past_of(const Scenario& sc, const KeyedStreams& rng, const ExperienceClock& clock,
                 FrontTables& tables, std::uint64_t candidate, int elapsed, int length) {
    WordStream s(rng, candidate, Purpose::warm_start, 0);
    WarmPast p;
    p.soldier_class = sc.classes.size() == 1 ? 0 : class_for(sc, s.unit());
    const double hazard = sc.classes[static_cast<std::size_t>(p.soldier_class)].hazard_multiplier;
    const int training = s.days(sc.russia_training_days);
    const int home_days = s.days(sc.transit_out_days);
    p.arrival = -elapsed;
    p.rotation = p.arrival + length;
    const int trained = p.arrival + training;
    // Leaves Russia on day `day` (< 0): on his way home on day 0 unless already there.
    auto leave = [&](int day) {
        p.present = day + home_days >= 0;
        p.state = State::transit_out;
        p.since = p.exit = day;
        p.next = Event::reach_home;
        p.next_tick = day + home_days;
        return p;
    };
    if (trained >= p.rotation) {
        if (p.rotation < 0) return leave(p.rotation); // trained until his rotation date
        p.present = true;
        p.since = p.arrival;
        p.next = Event::rotate;
        p.next_tick = p.rotation;
        return p;
    }
    if (trained >= 0) {
        p.present = true;
        p.since = p.arrival;
        p.next = Event::end_training;
        p.next_tick = trained;
        return p;
    }
    p.training_days = training;
    std::uint32_t front_draws = 0;
    std::uint64_t recoveries = 0;
    for (int from = trained;;) {
        const int end = std::min(p.rotation, 0);
        const FrontSoldier soldier{candidate, hazard, training, p.experience};
        const FrontEvent e = first_front_event(sc, rng, soldier, clock, from, end, front_draws,
                                               &tables, Purpose::warm_front);
        if (e.event == Event::none) {
            if (p.rotation >= 0) { // at the front on day 0
                p.present = true;
                p.state = State::deployed;
                p.since = from;
                return p;
            }
            p.days_at_front += end - from;
            p.experience += clock.gained(from, end);
            return leave(p.rotation);
        }
        p.days_at_front += e.day + 1 - from;
        p.experience += clock.gained(from, e.day + 1);
        if (e.event != Event::wounded) return p; // killed or captured: not there
        ++p.wounds;
        WordStream r(rng, candidate, Purpose::warm_recovery, recoveries++);
        const int back = e.day + r.days(sc.recovery_days);
        if (back >= 0) {
            p.present = true;
            p.state = State::wounded;
            p.since = e.day;
            p.next = Event::recover;
            p.next_tick = back;
            return p;
        }
        const double dies = r.unit(), fit = r.unit();
        if (dies < sc.p_died_of_wounds) return p;
        if (fit >= sc.p_return_to_duty || back >= p.rotation) return leave(back);
        from = back;
    }
}

} // namespace

void Replication::place_warm_start() {
    const bool by_unit = sc_.rotation_policy == RotationPolicy::unit;
    // Every age at which a soldier can still be in Russia or on his way home.
    const int ages = warm_past_days(sc_);
    place_warm_pipeline();
    // With dispatch = target, initial_strength is the strength as dispatch counts it: in Russia and
    // on the way, less those due to rotate within relief_lead_days, so that day 0's dispatch finds
    // the force at its level (in Russia it holds a few percent more, the reliefs sent ahead).
    // With dispatch = schedule it is the number in Russia.
    const bool counted = sc_.dispatch == Dispatch::target;
    std::int64_t in_russia = 0; // placed in Russia (unit policy: nominal unit strength)
    std::int64_t relief = 0;    // of those, due to rotate within relief_lead_days of day 0
    auto strength = [&] {
        return counted ? counted_in_russia_ + counted_pipeline_ - relief : in_russia;
    };
    std::uint64_t candidate = 0, misses = 0;
    for (std::uint64_t draw = 0; strength() < sc_.initial_strength; ++draw) {
        if (misses > kMostMisses)
            throw InputError(
                "strength.start = warm: " + std::to_string(kMostMisses) +
                " soldiers in a row drawn as if the rotation had been running were dead, "
                "captured or home by day 0, so the front kills nearly everyone who reaches it; "
                "use strength.start = cold");
        // The unit policy draws a unit's stay and elapsed time once for all its members.
        WordStream s(rng_, draw, Purpose::warm_unit, 0);
        const int elapsed = s.days({0, ages - 1});
        const int length = s.days(sc_.stay_days);
        const bool unit_present = by_unit && elapsed < length;
        const std::int64_t members =
            by_unit ? std::min<std::int64_t>(sc_.unit_size, sc_.initial_strength - strength()) : 1;
        const std::int64_t unit_id = next_unit_;
        std::int64_t placed = 0;
        for (std::int64_t k = 0; k < members; ++k) {
            const WarmPast past =
                past_of(sc_, rng_, clock_, front_tables_, candidate++, elapsed, length);
            if (!past.present) continue;
            place_warm_soldier(past, unit_id);
            ++placed;
            if (by_unit || !is_in_russia(past.state)) continue;
            ++in_russia;
            relief += int{past.rotation >= 0 && past.rotation < sc_.relief_lead_days};
        }
        misses = placed > 0 || unit_present ? 0 : misses + 1;
        if (placed > 0 || unit_present) ++next_unit_;
        if (!unit_present) continue;
        // A unit counts at its nominal strength until its rotation date, casualties or not.
        const int rotation = length - elapsed;
        in_russia += members;
        if (rotation < sc_.relief_lead_days) relief += members;
        counted_in_russia_ += members;
        if (rotation < static_cast<int>(rotating_on_.size()))
            rotating_on_[static_cast<std::size_t>(rotation)] += members;
        if (rotation < sc_.horizon_days)
            unit_rotations_[static_cast<std::size_t>(rotation)] += members;
    }
}

void Replication::place_warm_soldier(const WarmPast& past, std::int64_t unit_id) {
    const std::int64_t id = next_id_++;
    const std::uint32_t i = soldiers_.add(id, past.soldier_class, unit_id, past.state, 0);
    ++recruited_;
    soldiers_[i].tours = 1;
    soldiers_[i].arrival_tick = past.arrival;
    soldiers_[i].rotation_tick = past.rotation;
    soldiers_[i].exit_tick = past.exit;
    soldiers_[i].training_days = past.training_days;
    soldiers_[i].days_at_front = past.days_at_front;
    soldiers_[i].experience = past.experience;
    soldiers_[i].wounds = past.wounds;
    soldiers_[i].state_since = past.since;
    admit(i, 0);
    if (is_in_russia(past.state)) {
        ++cumulative_[metric::served];
        ++cumulative_[metric::arrivals];
        // One wounded before his rotation date may still be in hospital after it.
        if (sc_.rotation_policy == RotationPolicy::individual && past.rotation >= 0 &&
            past.rotation < static_cast<int>(rotating_on_.size()))
            ++rotating_on_[static_cast<std::size_t>(past.rotation)];
    }
    Event next = past.next;
    int next_tick = past.next_tick;
    if (past.state == State::deployed) {
        // Nothing happened to him before day 0; from day 0 on he draws as anyone at the front.
        const auto& cls = sc_.classes[static_cast<std::size_t>(past.soldier_class)];
        const FrontSoldier soldier{id_of(i), cls.hazard_multiplier, past.training_days,
                                   past.experience + clock_.gained(past.since, 0)};
        const FrontEvent e = first_front_event(sc_, rng_, soldier, clock_, 0,
                                               std::min(past.rotation, sc_.horizon_days),
                                               soldiers_[i].front_draws, &front_tables_);
        next = e.event != Event::none ? e.event : Event::rotate;
        next_tick = e.event != Event::none ? e.day : past.rotation;
    }
    schedule(i, next, next_tick);
}

// Soldiers sent on each of the days before day 0 at the rate that keeps the initial strength
// (initial_strength / the mean stay; dispatch_schedule(0) with dispatch = schedule) who are still
// on their way: those sent on day d with a transit of more than -d days.
void Replication::place_warm_pipeline() {
    const bool by_unit = sc_.rotation_policy == RotationPolicy::unit;
    const DayRange& transit = sc_.transit_in_days;
    const double per_day = sc_.dispatch == Dispatch::schedule
                               ? sc_.dispatch_schedule.at(0)
                               : sc_.initial_strength / sc_.stay_days.mean();
    const double groups_per_day = by_unit ? per_day / sc_.unit_size : per_day;
    for (int back = 1; back <= transit.max; ++back) {
        const int d = -back;
        const auto sent = static_cast<std::int64_t>(std::floor(groups_per_day * back) -
                                                    std::floor(groups_per_day * (back - 1)));
        for (std::int64_t g = 0; g < sent; ++g) {
            const auto place =
                static_cast<std::uint64_t>(back) << 32 | static_cast<std::uint64_t>(g);
            const int arrival = d + rng_.days(transit, place, Purpose::warm_pipeline, 0);
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
                soldiers_[i].tours = 1;
                soldiers_[i].rotation_tick = by_unit ? arrival + stay : -1;
                travel_to_russia(i, arrival);
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
