#include "sim/replication.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include "sim/front.hpp"

namespace rotsim {

namespace {

int class_of(const Scenario& sc, const KeyedStreams& rng, std::uint64_t soldier) {
    if (sc.classes.size() == 1) return 0;
    return class_for(sc, rng.uniform(soldier, Purpose::soldier_class, 0));
}

// About the most soldiers present at once (sent, in Russia, on their way home, or home but not yet
// folded into the aggregates): the soldiers sent in the time a soldier keeps his slot on average,
// with half again as a margin. A guess from the base durations (not those that change by dispatch
// date); the arrays grow past it where it falls short, and a guess too high costs address space.
std::size_t expected_slots(const Scenario& sc) {
    const double kept = sc.transit_in_days.mean() + sc.stay_days.mean() +
                        sc.transit_out_days.mean() + sc.settlement_days +
                        (sc.max_tours > 1 ? sc.rest_days : 0);
    const double per_day =
        sc.dispatch == Dispatch::schedule
            ? sc.dispatch_schedule.max_value()
            : sc.target_strength.max_value() / std::max(1.0, sc.stay_days.mean());
    const double slots = 1.5 * std::max<double>(sc.initial_strength,
                                                per_day * std::min<double>(kept, sc.horizon_days));
    return static_cast<std::size_t>(
        std::clamp(slots, 0.0, static_cast<double>(Soldiers::kMostSlots)));
}

} // namespace

int class_for(const Scenario& sc, double u) {
    double cumulative = 0.0;
    for (std::size_t c = 0; c + 1 < sc.classes.size(); ++c) {
        cumulative += sc.classes[c].share;
        if (u < cumulative) return static_cast<int>(c);
    }
    return static_cast<int>(sc.classes.size()) - 1;
}

// The experience clock reaches back before day 0 as far as a warm start's oldest soldier.
Replication::Replication(const Scenario& scenario, std::uint64_t seed, std::int64_t replication,
                         const ReplicationOptions& options, std::uint32_t lane)
    : sc_(scenario), rng_(seed, static_cast<std::uint64_t>(replication), lane), seed_(seed),
      replication_(replication), options_(options),
      clock_(scenario, scenario.start == Start::warm ? -warm_past_days(scenario) : 0,
             scenario.horizon_days),
      front_tables_(scenario),
      soldiers_(options.workspace ? options.workspace->soldiers : own_soldiers_) {
    soldiers_.clear();
    soldiers_.reserve(expected_slots(sc_));
    const int horizon = sc_.horizon_days;
    calendar_.resize(static_cast<std::size_t>(horizon));
    rotating_on_.assign(
        static_cast<std::size_t>(horizon) + static_cast<std::size_t>(sc_.relief_lead_days) + 1, 0);
    if (sc_.rotation_policy == RotationPolicy::unit) {
        unit_arrivals_.resize(static_cast<std::size_t>(horizon));
        unit_rotations_.assign(static_cast<std::size_t>(horizon), 0);
    }
    for (const auto& c : sc_.classes) {
        daily_pay_.push_back(daily_pay_units(c.monthly_pay_cents));
        credit_per_day_.push_back(static_cast<Money>(static_cast<WideMoney>(daily_pay_.back()) *
                                                     sc_.allocation.soldier / Allocation::kWhole));
    }
    for (int f = 0; f < kFateCount; ++f) {
        on_pay_[f].assign(sc_.classes.size(), 0);
        period_days_[f].assign(sc_.classes.size(), 0);
    }
    death_lump_units_ = sc_.death_lump_cents * kUnitsPerCent;
    const bool pipeline_pays = sc_.pay_state[static_cast<int>(State::pipeline)];
    const bool training_pays = sc_.pay_state[static_cast<int>(State::russia_training)];
    arrive_ahead_ = options.ahead && !(pipeline_pays && !training_pays);
    pay_starts_on_arrival_ = !pipeline_pays && training_pays;
    home_ahead_ = options.ahead && !sc_.pay_state[static_cast<int>(State::transit_out)] &&
                  !sc_.pay_state[static_cast<int>(State::home)];
    if (home_ahead_)
        for (auto* v : {&homecomings_, &home_unpaid_days_, &home_unsettled_days_})
            v->assign(static_cast<std::size_t>(horizon) * sc_.classes.size(), 0);
    if (arrive_ahead_) {
        arriving_.assign(static_cast<std::size_t>(horizon) * sc_.classes.size(), 0);
        first_arrivals_.assign(static_cast<std::size_t>(horizon), 0);
        if (sc_.rotation_policy == RotationPolicy::individual)
            rotations_arriving_.resize(static_cast<std::size_t>(horizon));
    }
    result_.replication = replication;
    result_.seed = seed;
    result_.series.setZero(kMetricCount, horizon);
}

ReplicationResult Replication::run() {
    if (sc_.start == Start::warm)
        place_warm_start();
    else
        place_initial_soldiers();
    for (int t = 0; t < sc_.horizon_days; ++t) {
        if (options_.cancel && options_.cancel->load(std::memory_order_relaxed)) throw Cancelled{};
        dispatch(t);
        process_calendar(t);
        accrue_day();
        if ((t + 1) % sc_.settlement_days == 0) settle(t);
        record(t);
        if (options_.check_every_tick) check(t);
    }
    close_all_pay(sc_.horizon_days);
    check(sc_.horizon_days - 1);
    summarize_replication(sc_, result_);
    result_.random_blocks = rng_.blocks();
    if (options_.keep_agents) {
        for (std::uint32_t i = 0; i < soldiers_.size(); ++i)
            if (soldiers_.occupied(i)) soldiers_.append_row(folded_rows_, i);
        sort_by_id(folded_rows_);
        result_.agents = std::move(folded_rows_);
        result_.has_agents = true;
    }
    return std::move(result_);
}

std::uint32_t Replication::recruit(std::int64_t unit_id, State initial, int t) {
    const std::int64_t id = next_id_++;
    return soldiers_.add(id, class_of(sc_, rng_, static_cast<std::uint64_t>(id)), unit_id, initial,
                         t);
}

void Replication::retire(std::uint32_t i) {
    // A soldier who still accrues (a final state listed in pay_states) stays in his slot.
    if (!sc_.pay_state[static_cast<int>(soldiers_[i].state)]) retiring_.push_back(i);
}

void Replication::fold_retired() {
    constexpr std::size_t kLookAhead = 8;
    for (std::size_t k = 0; k < retiring_.size(); ++k) {
        // Those retiring in a period are scattered over the arrays: ask for a later one's ahead.
        if (k + kLookAhead < retiring_.size())
            soldiers_.prefetch_folding(retiring_[k + kLookAhead]);
        const std::uint32_t i = retiring_[k];
        if (fate_of(soldiers_[i].state) == Fate::home) bring_paid_up_to_date(i);
        if (options_.keep_agents) soldiers_.append_row(folded_rows_, i);
        folded_accrued_ += soldiers_.pay[i].accrued;
        folded_paid_ += soldiers_.paid[i];
        folded_family_ += soldiers_.family[i];
        soldiers_.release(i);
    }
    retiring_.clear();
}

void Replication::place_initial_soldiers() {
    const bool by_unit = sc_.rotation_policy == RotationPolicy::unit;
    const DayRange spread{1, sc_.initial_arrival_spread_days};
    std::int64_t placed = 0;
    while (placed < sc_.initial_strength) {
        const std::int64_t unit_id = next_unit_++;
        const std::int64_t members =
            std::min<std::int64_t>(sc_.unit_size, sc_.initial_strength - placed);
        const auto u = static_cast<std::uint64_t>(unit_id);
        const int unit_arrival = -rng_.days(spread, u, Purpose::initial_arrival, 0);
        const int unit_rotation =
            std::max(0, unit_arrival + rng_.days(sc_.stay_days, u, Purpose::unit_stay, 0));
        for (std::int64_t k = 0; k < members; ++k) {
            const std::uint32_t i = recruit(unit_id, State::russia_training, 0);
            soldiers_[i].tours = 1;
            int arrival = unit_arrival, rotation = unit_rotation;
            if (!by_unit) {
                arrival = -rng_.days(spread, id_of(i), Purpose::initial_arrival, 0);
                rotation =
                    std::max(0, arrival + rng_.days(sc_.stay_days, id_of(i), Purpose::stay, 0));
            }
            soldiers_[i].arrival_tick = arrival;
            soldiers_[i].rotation_tick = rotation;
            ++recruited_;
            admit(i, 0);
            if (!by_unit && rotation < static_cast<int>(rotating_on_.size()))
                ++rotating_on_[static_cast<std::size_t>(rotation)];
            start_training(i, 0);
        }
        if (by_unit) {
            counted_in_russia_ += members;
            if (unit_rotation < static_cast<int>(rotating_on_.size()))
                rotating_on_[static_cast<std::size_t>(unit_rotation)] += members;
            if (unit_rotation < sc_.horizon_days)
                unit_rotations_[static_cast<std::size_t>(unit_rotation)] += members;
        }
        placed += members;
    }
    cumulative_[metric::served] += placed;
    cumulative_[metric::arrivals] += placed;
}

void Replication::dispatch(int t) {
    std::int64_t deficit = 0;
    if (sc_.dispatch == Dispatch::schedule) {
        // A fixed schedule ignores the strength: no feedback, so the expectation is exact.
        deficit = std::llround(sc_.dispatch_schedule.at(t));
    } else {
        std::int64_t relief = 0;
        for (int d = t; d < t + sc_.relief_lead_days; ++d)
            relief += rotating_on_[static_cast<std::size_t>(d)];
        deficit = std::llround(sc_.target_strength.at(t)) -
                  (counted_in_russia_ + counted_pipeline_ - relief);
    }
    while (deficit > 0) {
        const std::int64_t sent = send_unit(t, sc_.unit_size);
        if (sent == 0) break; // the pool is exhausted and nobody is rested
        deficit -= sent;
    }
}

std::int64_t Replication::send_unit(int t, std::int64_t wanted) {
    const bool by_unit = sc_.rotation_policy == RotationPolicy::unit;
    const std::int64_t unit_id = next_unit_;
    const auto u = static_cast<std::uint64_t>(unit_id);
    const int unit_transit =
        by_unit ? rng_.days(sc_.duration(Leg::transit_in, t), u, Purpose::unit_transit_in, 0) : 0;
    const int unit_stay =
        by_unit ? rng_.days(sc_.duration(Leg::stay, t), u, Purpose::unit_stay, 0) : 0;
    std::int64_t members = 0;
    for (; members < wanted; ++members) {
        std::uint32_t i = 0;
        if (!resting_.empty() && resting_.front().first <= t) {
            i = resting_.front().second;
            resting_.pop_front();
            set_state(i, State::pipeline, t);
        } else if (sc_.pool_size < 0 || recruited_ < sc_.pool_size) {
            i = recruit(unit_id, State::pipeline, t);
            admit(i, t);
            ++recruited_;
        } else {
            break;
        }
        soldiers_.unit[i] = unit_id;
        soldiers_[i].dispatch_tick = t;
        const int tour = soldiers_[i].tours++;
        const int transit = by_unit
                                ? unit_transit
                                : rng_.days(sc_.duration(Leg::transit_in, t), id_of(i),
                                            Purpose::transit_in, static_cast<std::uint64_t>(tour));
        soldiers_[i].rotation_tick = by_unit ? t + unit_transit + unit_stay : -1;
        travel_to_russia(i, t + transit);
        ++cumulative_[metric::dispatched];
    }
    if (members > 0) ++next_unit_;
    if (by_unit && members > 0) {
        counted_pipeline_ += members;
        const int arrival = t + unit_transit;
        if (arrival < sc_.horizon_days)
            unit_arrivals_[static_cast<std::size_t>(arrival)].push_back(
                {members, arrival + unit_stay});
    }
    return members;
}

void Replication::process_calendar(int t) {
    constexpr std::size_t kLookAhead = 12;
    if (arrive_ahead_) take_arrivals(t);
    if (home_ahead_) take_homecomings(t);
    const std::size_t rested_before = resting_.size();
    auto& due = calendar_[static_cast<std::size_t>(t)];
    // Entries may be appended while we go (a zero-day duration, a casualty on the day a soldier
    // reaches the front), hence the index loop: a range-for would read a reallocated vector.
    for (std::size_t k = 0; k < due.size(); ++k) { // NOLINT(modernize-loop-convert)
        // At large strengths one due soldier's record and pay book are far from the next one's:
        // ask for those of an entry a little ahead while this one is handled.
        if (k + kLookAhead < due.size())
            soldiers_.prefetch(CalendarEntry::slot(due[k + kLookAhead]));
        const Event event = CalendarEntry::event(due[k]);
        if (event != Event::none) handle(CalendarEntry::slot(due[k]), event, t);
    }
    std::vector<std::uint32_t>().swap(due);
    // Veterans home today are sent again in the order of their ids, not in the order the day's
    // entries happened to be handled, which follows from when each entry was made.
    std::sort(resting_.begin() + static_cast<std::ptrdiff_t>(rested_before), resting_.end(),
              [&](const auto& a, const auto& b) { return id_of(a.second) < id_of(b.second); });

    if (sc_.rotation_policy == RotationPolicy::unit) {
        // Nominal unit strength: a unit counts in full from arrival until its rotation date.
        for (const auto& [members, rotation] : unit_arrivals_[static_cast<std::size_t>(t)]) {
            counted_pipeline_ -= members;
            counted_in_russia_ += members;
            if (rotation < static_cast<int>(rotating_on_.size()))
                rotating_on_[static_cast<std::size_t>(rotation)] += members;
            if (rotation < sc_.horizon_days)
                unit_rotations_[static_cast<std::size_t>(rotation)] += members;
        }
        const std::int64_t leaving = unit_rotations_[static_cast<std::size_t>(t)];
        counted_in_russia_ -= leaving;
        rotating_on_[static_cast<std::size_t>(t)] -= leaving;
    }
}

void Replication::handle(std::uint32_t i, Event event, int t) {
    switch (event) {
    case Event::arrive:
        arrive(i, t);
        break;
    case Event::end_training:
        soldiers_[i].training_days += t - soldiers_[i].state_since;
        go_to_front(i, t);
        break;
    case Event::rotate:
        if (soldiers_[i].state == State::russia_training)
            soldiers_[i].training_days += t - soldiers_[i].state_since;
        else
            leave_front(i, t, false);
        ++cumulative_[metric::rotated_out];
        leave_russia(i, t, State::transit_out);
        break;
    case Event::killed_in_action:
        leave_front(i, t, true);
        ++cumulative_[metric::killed];
        ++cumulative_[metric::killed_in_action];
        leave_russia(i, t, State::killed);
        break;
    case Event::wounded: {
        leave_front(i, t, true);
        ++cumulative_[metric::wounded];
        const int wound = soldiers_[i].wounds++;
        set_state(i, State::wounded, t);
        schedule(i, Event::recover,
                 t + rng_.days(sc_.recovery_days, id_of(i), Purpose::recovery,
                               static_cast<std::uint64_t>(wound)));
        break;
    }
    case Event::captured:
        leave_front(i, t, true);
        ++cumulative_[metric::captured];
        leave_russia(i, t, State::captured);
        break;
    case Event::recover:
        recover(i, t);
        break;
    case Event::reach_home:
        reach_home(i, t);
        break;
    case Event::none:
        break;
    }
}

void Replication::travel_to_russia(std::uint32_t i, int arrival) {
    if (!arrive_ahead_ || arrival >= sc_.horizon_days) {
        schedule(i, Event::arrive, arrival); // none past the horizon: he is still on his way
        return;
    }
    // He is counted in the pipeline until take_arrivals moves the counts on the day; his own
    // record already says where he will be. Pay that runs on through the arrival needs nothing.
    const auto day = static_cast<std::size_t>(arrival);
    soldiers_[i].state = State::russia_training;
    soldiers_[i].state_since = arrival;
    if (pay_starts_on_arrival_) soldiers_.pay[i].since = arrival;
    ++arriving_[day * sc_.classes.size() + static_cast<std::size_t>(soldiers_[i].soldier_class)];
    if (soldiers_[i].tours == 1) {
        soldiers_[i].arrival_tick = arrival;
        ++first_arrivals_[day];
    }
    const int rotation = begin_stay(i, arrival);
    if (sc_.rotation_policy == RotationPolicy::individual &&
        rotation < static_cast<int>(rotating_on_.size()))
        rotations_arriving_[day].push_back(rotation);
}

void Replication::take_arrivals(int t) {
    const auto day = static_cast<std::size_t>(t);
    std::int64_t arrived = 0;
    for (std::size_t c = 0; c < sc_.classes.size(); ++c) {
        const std::int64_t n = arriving_[day * sc_.classes.size() + c];
        arrived += n;
        if (pay_starts_on_arrival_) on_pay_[static_cast<int>(Fate::away)][c] += n;
    }
    if (arrived == 0) return;
    n_state_[static_cast<int>(State::pipeline)] -= arrived;
    n_state_[static_cast<int>(State::russia_training)] += arrived;
    if (sc_.rotation_policy == RotationPolicy::individual) {
        counted_pipeline_ -= arrived;
        counted_in_russia_ += arrived;
        for (const int rotation : rotations_arriving_[day])
            ++rotating_on_[static_cast<std::size_t>(rotation)];
        std::vector<int>().swap(rotations_arriving_[day]);
    }
    cumulative_[metric::arrivals] += arrived;
    cumulative_[metric::served] += first_arrivals_[day];
}

void Replication::arrive(std::uint32_t i, int t) {
    set_state(i, State::russia_training, t);
    if (soldiers_[i].tours == 1) {
        soldiers_[i].arrival_tick = t;
        ++cumulative_[metric::served];
    }
    ++cumulative_[metric::arrivals];
    const int rotation = begin_stay(i, t);
    if (sc_.rotation_policy == RotationPolicy::individual &&
        rotation < static_cast<int>(rotating_on_.size()))
        ++rotating_on_[static_cast<std::size_t>(rotation)];
}

int Replication::begin_stay(std::uint32_t i, int arrival) {
    if (sc_.rotation_policy == RotationPolicy::individual) {
        const auto tour = static_cast<std::uint64_t>(soldiers_[i].tours - 1);
        soldiers_[i].rotation_tick =
            arrival + rng_.days(leg(Leg::stay, i), id_of(i), Purpose::stay, tour);
    }
    start_training(i, arrival);
    return soldiers_[i].rotation_tick;
}

void Replication::start_training(std::uint32_t i, int t) {
    const auto tour = static_cast<std::uint64_t>(soldiers_[i].tours - 1);
    const int end =
        t + rng_.days(leg(Leg::russia_training, i), id_of(i), Purpose::russia_training, tour);
    const int rotation = soldiers_[i].rotation_tick;
    if (end < rotation)
        schedule(i, Event::end_training, end);
    else
        schedule(i, Event::rotate, rotation);
}

void Replication::go_to_front(std::uint32_t i, int t) {
    set_state(i, State::deployed, t);
    const int rotation = soldiers_[i].rotation_tick;
    const auto& cls = sc_.classes[static_cast<std::size_t>(soldiers_[i].soldier_class)];
    const FrontSoldier soldier{id_of(i), cls.hazard_multiplier, soldiers_[i].training_days,
                               soldiers_[i].experience};
    const FrontEvent e =
        first_front_event(sc_, rng_, soldier, clock_, t, std::min(rotation, sc_.horizon_days),
                          soldiers_[i].front_draws, &front_tables_);
    if (e.day >= 0)
        schedule(i, e.event, e.day);
    else
        schedule(i, Event::rotate, rotation);
}

void Replication::leave_front(std::uint32_t i, int t, bool today_counts) {
    const int end = t + (today_counts ? 1 : 0);
    soldiers_[i].days_at_front += end - soldiers_[i].state_since;
    soldiers_[i].experience += clock_.gained(soldiers_[i].state_since, end);
}

void Replication::leave_russia(std::uint32_t i, int t, State next) {
    soldiers_[i].exit_tick = t;
    const int rotation = soldiers_[i].rotation_tick;
    if (sc_.rotation_policy == RotationPolicy::individual && rotation >= 0 &&
        rotation < static_cast<int>(rotating_on_.size()))
        --rotating_on_[static_cast<std::size_t>(rotation)];
    set_state(i, next, t);
    if (next == State::transit_out) {
        const auto tour = static_cast<std::uint64_t>(soldiers_[i].tours - 1);
        const int home =
            t + rng_.days(leg(Leg::transit_out, i), id_of(i), Purpose::transit_out, tour);
        if (!come_home_ahead(i, t, home)) schedule(i, Event::reach_home, home);
    } else {
        retire(i);
    }
}

void Replication::recover(std::uint32_t i, int t) {
    const Words w = rng_.words(id_of(i), Purpose::recovery_outcome,
                               static_cast<std::uint64_t>(soldiers_[i].wounds - 1));
    const double dies = unit53(w[0], w[1]), fit = unit53(w[2], w[3]);
    if (dies < sc_.p_died_of_wounds) {
        ++cumulative_[metric::killed];
        ++cumulative_[metric::died_of_wounds];
        leave_russia(i, t, State::killed);
    } else if (fit < sc_.p_return_to_duty && t < soldiers_[i].rotation_tick) {
        ++cumulative_[metric::returned_to_duty];
        go_to_front(i, t);
    } else {
        // Fit but past his rotation date: he goes home as his tour has ended.
        ++cumulative_[fit < sc_.p_return_to_duty ? metric::rotated_out : metric::evacuated];
        leave_russia(i, t, State::transit_out);
    }
}

void Replication::reach_home(std::uint32_t i, int t) {
    set_state(i, State::home, t);
    if (serves_again(i))
        resting_.emplace_back(t + sc_.rest_days, i);
    else
        retire(i);
}

bool Replication::come_home_ahead(std::uint32_t i, int t, int home) {
    // Home today (no journey) is an entry of today, whose homecomings were already taken.
    if (!home_ahead_ || home <= t || home >= sc_.horizon_days || serves_again(i)) return false;
    // His pay closed as he left Russia today. His record says home from now: nothing reads it
    // before he is folded, which pays his account in full (bring_paid_up_to_date), as the ledger
    // will have done by the horizon.
    const auto k = static_cast<std::size_t>(home) * sc_.classes.size() +
                   static_cast<std::size_t>(soldiers_[i].soldier_class);
    ++homecomings_[k];
    const PayBook& book = soldiers_.pay[i];
    home_unpaid_days_[k] += book.days - book.credited_days;
    if (book.period_start == period_start_) home_unsettled_days_[k] += book.period_days;
    last_homecoming_ = std::max(last_homecoming_, home);
    soldiers_[i].state = State::home;
    soldiers_[i].state_since = home;
    retire(i);
    return true;
}

void Replication::take_homecomings(int t) {
    Money paid = 0;
    std::int64_t home = 0;
    for (std::size_t c = 0; c < sc_.classes.size(); ++c) {
        const std::size_t k = static_cast<std::size_t>(t) * sc_.classes.size() + c;
        if (homecomings_[k] == 0) continue;
        home += homecomings_[k];
        // What change_fate does for each of them: the period's days follow him home, and what
        // was credited to him is paid to him.
        const std::int64_t unsettled = home_unsettled_days_[k];
        period_days_[static_cast<int>(Fate::away)][c] -= unsettled;
        period_days_[static_cast<int>(Fate::home)][c] += unsettled;
        paid += (home_unpaid_days_[k] - unsettled) * credit_per_day_[c];
    }
    if (home == 0) return;
    n_state_[static_cast<int>(State::transit_out)] -= home;
    n_state_[static_cast<int>(State::home)] += home;
    ledger_.move(Account::soldier_accounts, Account::paid_to_soldiers, paid);
}

void Replication::set_state(std::uint32_t i, State next, int t) {
    const State old = soldiers_[i].state;
    // Pay accrues lazily from pay[i].since, so pay that runs on through the change (both states
    // paid, the same fate: training, the front, hospital) has nothing to close or reopen.
    const bool pay_runs_on = sc_.pay_state[static_cast<int>(old)] &&
                             sc_.pay_state[static_cast<int>(next)] && fate_of(old) == fate_of(next);
    leave_state(i, t, pay_runs_on);
    soldiers_[i].state = next;
    soldiers_[i].state_since = t;
    if (fate_of(old) != fate_of(next)) change_fate(i, fate_of(old), fate_of(next));
    admit(i, t, pay_runs_on);
}

void Replication::leave_state(std::uint32_t i, int t, bool pay_runs_on) {
    const State old = soldiers_[i].state;
    --n_state_[static_cast<int>(old)];
    if (sc_.rotation_policy == RotationPolicy::individual) {
        counted_in_russia_ -= int{is_in_russia(old)};
        counted_pipeline_ -= int{old == State::pipeline};
    }
    if (sc_.pay_state[static_cast<int>(old)] && !pay_runs_on) {
        close_pay(i, t);
        soldiers_.pay[i].since = -1;
        --on_pay_[static_cast<int>(fate_of(old))]
                 [static_cast<std::size_t>(soldiers_[i].soldier_class)];
    }
}

void Replication::admit(std::uint32_t i, int t, bool pay_runs_on) {
    const State now = soldiers_[i].state;
    ++n_state_[static_cast<int>(now)];
    if (sc_.rotation_policy == RotationPolicy::individual) {
        counted_in_russia_ += int{is_in_russia(now)};
        counted_pipeline_ += int{now == State::pipeline};
    }
    if (sc_.pay_state[static_cast<int>(now)] && !pay_runs_on) {
        soldiers_.pay[i].since = t;
        ++on_pay_[static_cast<int>(fate_of(now))]
                 [static_cast<std::size_t>(soldiers_[i].soldier_class)];
    }
}

void Replication::schedule(std::uint32_t i, Event event, int tick) {
    if (tick < sc_.horizon_days)
        calendar_[static_cast<std::size_t>(tick)].push_back(CalendarEntry::make(i, event));
}

void Replication::record(int t) {
    auto column = result_.series.col(t);
    for (const auto& [state, series] : kStateSeries)
        column(series) = n_state_[static_cast<std::size_t>(state)];
    column(metric::in_russia) = count_in_russia(n_state_);
    column(metric::target_strength) = std::llround(sc_.target_strength.at(t));
    for (int m = 0; m < kMetricCount; ++m)
        if (kMetrics[m].unit == Unit::events) column(m) = cumulative_[m];
    column(metric::accrued_usd) = ledger_.accrued();
    column(metric::paid_by_russia_usd) = ledger_.paid_by_russia();
    for (const auto& [account, series] : kAccountSeries)
        column(series) = ledger_.balance(account);
}

void Replication::check(int t) const {
    ledger_.check_conservation(t);
    const std::int64_t heads = std::accumulate(n_state_.begin(), n_state_.end(), std::int64_t{0});
    if (heads != next_id_)
        throw std::logic_error("head count " + std::to_string(heads) + " != " +
                               std::to_string(next_id_) + " soldiers at tick " + std::to_string(t));
}

} // namespace rotsim
