#include "reference_stepper.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/front.hpp"
#include "sim/random.hpp"
#include "sim/replication.hpp"

namespace rotsim::reference {

namespace {

// The stepper's own purposes for a warm start, far from the engine's (sim/random.hpp): its
// placement shares no draw with the fast loop's.
constexpr auto kWarmPast = static_cast<Purpose>(1001);     // stay, part served, training, past
constexpr auto kWarmPipeline = static_cast<Purpose>(1002); // transit of those on their way

// Candidates in a row not there on day 0 before a warm start gives up (as the fast loop).
constexpr std::uint64_t kMostMisses = 100000;

struct Soldier {
    State state = State::pipeline;
    int cls = 0;
    int dispatch = -1; // dispatch day; -1 for a soldier placed in Russia at the start
    int since = 0;     // tick the current state began
    int rotation = -1;
    int due = -1; // tick the current duration-driven state ends
    int training_days = 0;
    int days_at_front = 0;
    double experience = 0.0; // days at the front, or their exposure
    int wounds = 0;
};

class Stepper {
public:
    Stepper(const Scenario& sc, std::uint64_t seed, std::int64_t replication, std::uint32_t lane)
        : sc_(sc), rng_(seed, static_cast<std::uint64_t>(replication), lane) {
        if (sc.rotation_policy != RotationPolicy::individual || sc.max_tours != 1)
            throw std::invalid_argument(
                "the reference stepper models individual rotation, one tour");
        out_.replication = replication;
        out_.seed = seed;
        out_.series.setZero(kMetricCount, sc.horizon_days);
    }

    ReplicationResult run() {
        if (sc_.start == Start::warm)
            place_warm();
        else
            place_cold();
        for (int t = 0; t < sc_.horizon_days; ++t)
            day(t);
        summarize_replication(sc_, out_);
        out_.random_blocks = rng_.blocks();
        return std::move(out_);
    }

private:
    Soldier recruit(std::uint32_t i) {
        Soldier s;
        if (sc_.classes.size() > 1) s.cls = class_of(rng_.uniform(i, Purpose::soldier_class, 0));
        return s;
    }

    // The class whose share covers u, uniform in [0, 1), with the classes' shares laid end to end.
    int class_of(double u) const {
        double cumulative = 0.0;
        for (std::size_t c = 0; c + 1 < sc_.classes.size(); ++c) {
            cumulative += sc_.classes[c].share;
            if (u < cumulative) return static_cast<int>(c);
        }
        return static_cast<int>(sc_.classes.size()) - 1;
    }

    // The range of `leg` for a soldier dispatched on day `dispatch`: the last change on or
    // before that day, else the first range.
    DayRange range(Leg leg, int dispatch) const {
        DayRange r = leg == Leg::transit_in        ? sc_.transit_in_days
                     : leg == Leg::russia_training ? sc_.russia_training_days
                     : leg == Leg::stay            ? sc_.stay_days
                                                   : sc_.transit_out_days;
        for (const DurationChange& c : sc_.duration_changes[static_cast<std::size_t>(leg)])
            if (c.day <= dispatch) r = c.range;
        return r;
    }

    // Experience a day at the front on day t gives.
    double gain(int t) const {
        return sc_.experience == Experience::exposure ? sc_.intensity.at(t) : 1.0;
    }

    // Day t at the front under the per-day rule, decided by the uniform u: the day counts for
    // experience whatever happens on it.
    Event front_day(Soldier& s, int t, double u) {
        const double m =
            front_multiplier(sc_, sc_.classes[static_cast<std::size_t>(s.cls)].hazard_multiplier,
                             s.training_days, s.experience, t);
        s.experience += gain(t);
        ++s.days_at_front;
        const double pk = sc_.p_kia, pw = sc_.p_wia, pc = sc_.p_captured;
        if (u >= (pk + pw + pc) * m) return Event::none;
        if (u < pk * m) return Event::killed_in_action;
        if (u < (pk + pw) * m) return Event::wounded;
        return Event::captured;
    }

    void place_cold() {
        for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(sc_.initial_strength); ++i) {
            Soldier s = recruit(i);
            const int arrival =
                -rng_.days({1, sc_.initial_arrival_spread_days}, i, Purpose::initial_arrival, 0);
            s.rotation =
                std::max(0, arrival + rng_.days(range(Leg::stay, s.dispatch), i, Purpose::stay, 0));
            begin_training(s, i, 0);
            soldiers_.push_back(s);
        }
        count_[metric::served] = count_[metric::arrivals] = sc_.initial_strength;
    }

    // strength.start = warm, by the stepper's own draws (see the header). First those on their way
    // on day 0: sent on each of the days before at the rate that keeps the strength, with a
    // transit that ends on day 0 or later. Then candidates who arrived in Russia a uniform number
    // of days before day 0 (over every age at which one can still be there or on his way home),
    // each with a stay, class, training and journey home of his own, whose course is stepped day
    // by day up to day -1. Those in Russia or on their way home on day 0 are placed; the others
    // (dead, captured, home) are not there. Until the strength reaches initial_strength: as
    // dispatch counts it with dispatch = target, in Russia with dispatch = schedule.
    void place_warm() {
        const DayRange stay = range(Leg::stay, -1);
        const DayRange transit = range(Leg::transit_in, -1);
        const double stay_mean = (stay.min + stay.max) / 2.0;
        const double rate = sc_.dispatch == Dispatch::schedule ? sc_.dispatch_schedule.at(0)
                                                               : sc_.initial_strength / stay_mean;
        std::int64_t on_the_way = 0;
        std::uint64_t sent_candidate = 0;
        for (int back = 1; back <= transit.max; ++back) {
            const auto sent =
                static_cast<std::int64_t>(std::floor(rate * back) - std::floor(rate * (back - 1)));
            for (std::int64_t k = 0; k < sent; ++k) {
                const int arrival =
                    -back + draw_days(transit, rng_.uniform(sent_candidate++, kWarmPipeline, 0));
                if (arrival < 0) continue;
                if (sc_.pool_size >= 0 &&
                    static_cast<std::int64_t>(soldiers_.size()) >= sc_.pool_size)
                    break;
                Soldier s = recruit(static_cast<std::uint32_t>(soldiers_.size()));
                s.dispatch = s.since = -back;
                s.due = arrival;
                soldiers_.push_back(s);
                ++on_the_way;
            }
        }
        const int ages = stay.max + sc_.recovery_days.max + range(Leg::transit_out, -1).max + 1;
        std::int64_t in_russia = 0, relief = 0;
        auto strength = [&] {
            return sc_.dispatch == Dispatch::target ? in_russia + on_the_way - relief : in_russia;
        };
        for (std::uint64_t candidate = 0, misses = 0; strength() < sc_.initial_strength;
             ++candidate) {
            if (misses++ > kMostMisses)
                throw std::runtime_error("reference stepper, warm start: no soldier is there");
            std::uint64_t draws = 0;
            auto u = [&] { return rng_.uniform(candidate, kWarmPast, draws++); };
            const int elapsed = draw_days({0, ages - 1}, u());
            const int length = draw_days(stay, u());
            Soldier s;
            if (!warm_past(s, elapsed, length, u)) continue;
            misses = 0;
            if (is_in_russia(s.state)) {
                ++in_russia;
                relief += int{s.rotation >= 0 && s.rotation < sc_.relief_lead_days};
            }
            soldiers_.push_back(s);
        }
        count_[metric::served] = count_[metric::arrivals] = in_russia;
    }

    static int draw_days(const DayRange& r, double u) {
        return std::min(r.max, r.min + static_cast<int>(u * (r.max - r.min + 1)));
    }

    // The course of a soldier who arrived `elapsed` days before day 0 on a stay of `length`
    // days, stepped day by day by the model's rules up to day -1 with the uniforms `u`. False
    // when he is not there on day 0 (dead, captured or home); else `s` is how day 0 finds him.
    template <class Uniform> bool warm_past(Soldier& s, int elapsed, int length, Uniform& u) {
        s.cls = class_of(u());
        const int training = draw_days(range(Leg::russia_training, -1), u());
        const int home_days = draw_days(range(Leg::transit_out, -1), u());
        s.state = State::russia_training;
        s.since = -elapsed;
        s.rotation = length - elapsed;
        s.due = s.since + training;
        for (int t = -elapsed; t < 0; ++t) {
            // Step 2 of day t: what ends today, then step 3: the front.
            if (s.state == State::transit_out) {
                if (t == s.due) return false; // home
                continue;
            }
            if (s.state == State::russia_training && t == s.rotation) {
                leave(s, t, home_days);
                continue;
            }
            if (s.state == State::russia_training && t == s.due) {
                s.training_days = training;
                s.state = State::deployed;
            } else if (s.state == State::deployed && t == s.rotation) {
                leave(s, t, home_days);
                continue;
            } else if (s.state == State::wounded) {
                if (t < s.due) continue;
                const double dies = u(), fit = u();
                if (dies < sc_.p_died_of_wounds) return false;
                if (fit >= sc_.p_return_to_duty || t >= s.rotation) {
                    leave(s, t, home_days);
                    continue;
                }
                s.state = State::deployed;
            }
            if (s.state != State::deployed) continue;
            const Event e = front_day(s, t, u());
            if (e == Event::wounded) {
                s.state = State::wounded;
                s.since = t;
                s.due = t + draw_days(sc_.recovery_days, u());
                ++s.wounds;
            } else if (e != Event::none) {
                return false; // killed or captured
            }
        }
        return true;
    }

    // Leaves Russia on day t before day 0, on his way home for `home_days`.
    static void leave(Soldier& s, int t, int home_days) {
        s.state = State::transit_out;
        s.since = t;
        s.due = t + home_days;
    }

    void begin_training(Soldier& s, std::uint32_t i, int t) {
        s.state = State::russia_training;
        s.since = t;
        s.due =
            t + rng_.days(range(Leg::russia_training, s.dispatch), i, Purpose::russia_training, 0);
    }

    void go_home(Soldier& s, std::uint32_t i, int t) {
        s.state = State::transit_out;
        s.since = t;
        s.due = t + rng_.days(range(Leg::transit_out, s.dispatch), i, Purpose::transit_out, 0);
    }

    void day(int t) {
        // Dispatch, counting every soldier.
        std::int64_t counted = 0;
        for (const Soldier& s : soldiers_) {
            if (s.state == State::pipeline) ++counted;
            if (is_in_russia(s.state)) {
                ++counted;
                if (s.rotation >= t && s.rotation < t + sc_.relief_lead_days) --counted;
            }
        }
        std::int64_t deficit = std::llround(sc_.target_strength.at(t)) - counted;
        if (sc_.dispatch == Dispatch::schedule) deficit = std::llround(sc_.dispatch_schedule.at(t));
        while (deficit > 0) {
            std::int64_t sent = 0;
            for (; sent < sc_.unit_size; ++sent) {
                if (sc_.pool_size >= 0 &&
                    static_cast<std::int64_t>(soldiers_.size()) >= sc_.pool_size)
                    break;
                const auto i = static_cast<std::uint32_t>(soldiers_.size());
                Soldier s = recruit(i);
                s.dispatch = s.since = t;
                s.due = t + rng_.days(range(Leg::transit_in, t), i, Purpose::transit_in, 0);
                soldiers_.push_back(s);
                ++count_[metric::dispatched];
            }
            if (sent == 0) break;
            deficit -= sent;
        }

        // Durations that end today; a soldier may pass through several states in one day.
        for (std::uint32_t i = 0; i < soldiers_.size(); ++i) {
            Soldier& s = soldiers_[i];
            for (bool moved = true; moved;) {
                moved = false;
                if (s.state == State::pipeline && s.due == t) {
                    ++count_[metric::served];
                    ++count_[metric::arrivals];
                    s.rotation = t + rng_.days(range(Leg::stay, s.dispatch), i, Purpose::stay, 0);
                    begin_training(s, i, t);
                    moved = true;
                } else if (s.state == State::russia_training && s.rotation == t && s.due >= t) {
                    s.training_days += t - s.since;
                    ++count_[metric::rotated_out];
                    go_home(s, i, t);
                } else if (s.state == State::russia_training && s.due == t) {
                    s.training_days += t - s.since;
                    s.state = State::deployed;
                    s.since = t;
                } else if (s.state == State::deployed && s.rotation == t) {
                    ++count_[metric::rotated_out];
                    go_home(s, i, t);
                } else if (s.state == State::wounded && s.due == t) {
                    const Words w = rng_.words(i, Purpose::recovery_outcome,
                                               static_cast<std::uint64_t>(s.wounds - 1));
                    const double dies = unit53(w[0], w[1]), fit = unit53(w[2], w[3]);
                    if (dies < sc_.p_died_of_wounds) {
                        ++count_[metric::killed];
                        ++count_[metric::died_of_wounds];
                        s.state = State::killed;
                    } else if (fit < sc_.p_return_to_duty && t < s.rotation) {
                        ++count_[metric::returned_to_duty];
                        s.state = State::deployed;
                        s.since = t;
                    } else {
                        ++count_[fit < sc_.p_return_to_duty ? metric::rotated_out
                                                            : metric::evacuated];
                        go_home(s, i, t);
                    }
                } else if (s.state == State::transit_out && s.due == t) {
                    s.state = State::home;
                }
            }
        }

        // One draw for every soldier at the front, from a stream of its own.
        for (std::uint32_t i = 0; i < soldiers_.size(); ++i) {
            Soldier& s = soldiers_[i];
            if (s.state != State::deployed) continue;
            const Event e = front_day(
                s, t, rng_.uniform(i, Purpose::reference_front, static_cast<std::uint64_t>(t)));
            if (e == Event::killed_in_action) {
                ++count_[metric::killed];
                ++count_[metric::killed_in_action];
                s.state = State::killed;
            } else if (e == Event::wounded) {
                ++count_[metric::wounded];
                s.state = State::wounded;
                s.since = t;
                s.due = t + rng_.days(sc_.recovery_days, i, Purpose::recovery,
                                      static_cast<std::uint64_t>(s.wounds++));
            } else if (e == Event::captured) {
                ++count_[metric::captured];
                s.state = State::captured;
            }
        }

        auto column = out_.series.col(t);
        for (const Soldier& s : soldiers_) {
            ++column(state_series(s.state));
            if (sc_.pay_state[static_cast<int>(s.state)])
                accrued_ +=
                    daily_pay_units(sc_.classes[static_cast<std::size_t>(s.cls)].monthly_pay_cents);
        }
        column(metric::in_russia) = column(metric::n_russia_training) + column(metric::n_deployed) +
                                    column(metric::n_wounded);
        column(metric::target_strength) = std::llround(sc_.target_strength.at(t));
        for (int m = 0; m < kMetricCount; ++m)
            if (kMetrics[m].unit == Unit::events) column(m) = count_[m];
        column(metric::accrued_usd) = accrued_;
    }

    const Scenario& sc_;
    KeyedStreams rng_;
    std::vector<Soldier> soldiers_;
    std::array<std::int64_t, kMetricCount> count_{};
    Money accrued_ = 0;
    ReplicationResult out_;
};

} // namespace

ReplicationResult run(const Scenario& scenario, std::uint64_t seed, std::int64_t replication) {
    if (scenario.contingents.empty()) return Stepper(scenario, seed, replication, 0).run();
    // Each contingent a force of its own on its own stream lane; the totals are their sums.
    ReplicationResult force;
    force.replication = replication;
    force.seed = seed;
    force.series.setZero(kMetricCount, scenario.horizon_days);
    for (const Contingent& c : scenario.contingents) {
        ReplicationResult part = Stepper(*c.scenario, seed, replication, c.stream_lane).run();
        force.series += part.series;
        force.contingents.push_back({std::move(part.series), part.summary});
    }
    summarize_replication(scenario, force);
    return force;
}

} // namespace rotsim::reference
