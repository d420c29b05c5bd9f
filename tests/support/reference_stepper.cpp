#include "reference_stepper.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

#include "sim/front.hpp"
#include "sim/random.hpp"

namespace rotsim::reference {

namespace {

struct Soldier {
    State state = State::pipeline;
    int cls = 0;
    int since = 0; // tick the current state began
    int rotation = -1;
    int due = -1; // tick the current duration-driven state ends
    int training_days = 0;
    int days_at_front = 0;
    int wounds = 0;
};

class Stepper {
public:
    Stepper(const Scenario& sc, std::uint64_t seed, std::int64_t replication)
        : sc_(sc), rng_(seed, static_cast<std::uint64_t>(replication)) {
        if (sc.rotation_policy != RotationPolicy::individual || sc.max_tours != 1)
            throw std::invalid_argument(
                "the reference stepper models individual rotation, one tour");
        out_.replication = replication;
        out_.seed = seed;
        out_.series.setZero(kMetricCount, sc.horizon_days);
    }

    ReplicationResult run() {
        for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(sc_.initial_strength); ++i) {
            Soldier s = recruit(i);
            const int arrival =
                -rng_.days({1, sc_.initial_arrival_spread_days}, i, Purpose::initial_arrival, 0);
            s.rotation = std::max(0, arrival + rng_.days(sc_.stay_days, i, Purpose::stay, 0));
            begin_training(s, i, 0);
            soldiers_.push_back(s);
        }
        count_[metric::served] = count_[metric::arrivals] = sc_.initial_strength;
        for (int t = 0; t < sc_.horizon_days; ++t)
            day(t);
        return std::move(out_);
    }

private:
    Soldier recruit(std::uint32_t i) {
        Soldier s;
        if (sc_.classes.size() > 1) {
            const double u = rng_.uniform(i, Purpose::soldier_class, 0);
            double cumulative = 0.0;
            s.cls = static_cast<int>(sc_.classes.size()) - 1;
            for (std::size_t c = 0; c + 1 < sc_.classes.size(); ++c) {
                cumulative += sc_.classes[c].share;
                if (u < cumulative) {
                    s.cls = static_cast<int>(c);
                    break;
                }
            }
        }
        return s;
    }

    void begin_training(Soldier& s, std::uint32_t i, int t) {
        s.state = State::russia_training;
        s.since = t;
        s.due = t + rng_.days(sc_.russia_training_days, i, Purpose::russia_training, 0);
    }

    void go_home(Soldier& s, std::uint32_t i, int t) {
        s.state = State::transit_out;
        s.since = t;
        s.due = t + rng_.days(sc_.transit_out_days, i, Purpose::transit_out, 0);
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
                s.since = t;
                s.due = t + rng_.days(sc_.transit_in_days, i, Purpose::transit_in, 0);
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
                    s.rotation = t + rng_.days(sc_.stay_days, i, Purpose::stay, 0);
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
                    s.days_at_front += t - s.since;
                    ++count_[metric::rotated_out];
                    go_home(s, i, t);
                } else if (s.state == State::wounded && s.due == t) {
                    Stream stream = rng_.stream(i, Purpose::recovery_outcome,
                                                static_cast<std::uint64_t>(s.wounds - 1));
                    boost::random::uniform_01<double> unit;
                    const double dies = unit(stream), fit = unit(stream);
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
        const double pk = sc_.p_kia, pw = sc_.p_wia, pc = sc_.p_captured;
        for (std::uint32_t i = 0; i < soldiers_.size(); ++i) {
            Soldier& s = soldiers_[i];
            if (s.state != State::deployed) continue;
            const double m = front_multiplier(
                sc_, sc_.classes[static_cast<std::size_t>(s.cls)].hazard_multiplier,
                s.training_days, s.days_at_front + (t - s.since), t);
            const double u =
                rng_.uniform(i, Purpose::reference_front, static_cast<std::uint64_t>(t));
            if (u >= (pk + pw + pc) * m) continue;
            s.days_at_front += t - s.since + 1;
            if (u < pk * m) {
                ++count_[metric::killed];
                ++count_[metric::killed_in_action];
                s.state = State::killed;
            } else if (u < (pk + pw) * m) {
                ++count_[metric::wounded];
                s.state = State::wounded;
                s.since = t;
                s.due = t + rng_.days(sc_.recovery_days, i, Purpose::recovery,
                                      static_cast<std::uint64_t>(s.wounds++));
            } else {
                ++count_[metric::captured];
                s.state = State::captured;
            }
        }

        auto column = out_.series.col(t);
        for (const Soldier& s : soldiers_) {
            ++column(static_cast<int>(s.state));
            if (sc_.pay_state[static_cast<int>(s.state)])
                accrued_ +=
                    daily_pay_units(sc_.classes[static_cast<std::size_t>(s.cls)].monthly_pay_cents);
        }
        column(metric::in_russia) = column(metric::n_russia_training) + column(metric::n_deployed) +
                                    column(metric::n_wounded);
        column(metric::target_strength) = std::llround(sc_.target_strength.at(t));
        for (int m = metric::dispatched; m <= metric::returned_to_duty; ++m)
            column(m) = count_[m];
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
    return Stepper(scenario, seed, replication).run();
}

} // namespace rotsim::reference
