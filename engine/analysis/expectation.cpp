#include "analysis/expectation.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "analysis/expectation_groups.hpp"
#include "model/error.hpp"
#include "sim/replication.hpp"

namespace rotsim::expectation {

namespace {

// Larger states are refused rather than swapped: about 1 GiB of doubles.
constexpr double kMaxCells = 1.25e8;

// The rules of issue 11 that the projection does not follow, refused by name. A rule that cannot
// change anything in this scenario is let through: a change of duration on or after the horizon
// (nobody is dispatched then), exposure when it equals calendar days or experience does nothing.
void refuse_unmodelled_rules(const Scenario& sc) {
    if (!sc.contingents.empty()) {
        std::string names;
        for (const Contingent& c : sc.contingents)
            names += (names.empty() ? "" : ", ") + c.name;
        throw InputError("contingents ([contingent.NAME] sections: " + names +
                         "): the expected-value model follows one force, not several run side "
                         "by side; use 'rotsim run', or a scenario without contingent sections");
    }
    static constexpr std::array<const char*, kLegCount> kLegKeys = {
        "durations.transit_in_days", "durations.russia_training_days", "durations.stay_days",
        "durations.transit_out_days"};
    for (int leg = 0; leg < kLegCount; ++leg)
        for (const DurationChange& c : sc.duration_changes[static_cast<std::size_t>(leg)])
            if (c.day < sc.horizon_days)
                throw InputError(std::string(kLegKeys[static_cast<std::size_t>(leg)]) +
                                 " changes by dispatch date (from day " + std::to_string(c.day) +
                                 "): the expected-value model takes one range per duration for "
                                 "the whole run; write one range, or use 'rotsim run'");
    bool intensity_one = true;
    for (const auto& [day, value] : sc.intensity.points())
        intensity_one = intensity_one && value == 1.0;
    if (sc.experience == Experience::exposure && sc.inexperience != 0.0 && !intensity_one)
        throw InputError("casualties.experience = exposure: the expected-value model counts "
                         "experience in calendar days at the front; use experience = calendar, "
                         "or 'rotsim run'");
    if (sc.start == Start::warm)
        throw InputError("strength.start = warm: the expected-value model starts cold (the "
                         "initial soldiers all begin training on day 0); use start = cold, or "
                         "'rotsim run'");
}

} // namespace

Projection::Projection(const Scenario& sc)
    : sc_(sc), transit_in_{sc.transit_in_days.min, sc.transit_in_days.max},
      training_{sc.russia_training_days.min, sc.russia_training_days.max},
      recovery_{sc.recovery_days.min, sc.recovery_days.max}, transit_out_{sc.transit_out_days.min,
                                                                          sc.transit_out_days.max} {
    refuse_unmodelled_rules(sc);
    if (sc.max_tours > 1)
        throw InputError("strength.max_tours = " + std::to_string(sc.max_tours) +
                         ": the expected-value model follows one tour per soldier; set "
                         "max_tours = 1");
    if (sc.rotation_policy == RotationPolicy::unit && sc.dispatch == Dispatch::target)
        throw InputError("strength.rotation_policy = unit: with dispatch = target the expected-"
                         "value model cannot follow units whose losses are not replaced until "
                         "they rotate; use rotation_policy = individual or dispatch = schedule");
    const int s_lo = sc.stay_days.min, s_hi = sc.stay_days.max;
    std::vector<double> stay(static_cast<std::size_t>(s_hi) + 1, 0.0);
    for (int y = s_lo; y <= s_hi; ++y)
        stay[static_cast<std::size_t>(y)] = 1.0 / (s_hi - s_lo + 1);
    stay_ = make_offsets(std::move(stay));
    // Initial soldiers: notional arrival a uniform on [-spread, -1], rotation max(0, a + stay),
    // training from day 0. Counted in O(1) per offset: the a with a + stay = v form an interval.
    const int spread = sc.initial_arrival_spread_days;
    std::vector<double> initial(static_cast<std::size_t>(s_hi) + 1, 0.0);
    for (int v = s_lo - spread; v <= s_hi - 1; ++v) {
        const int ways = std::min(-1, v - s_lo) - std::max(-spread, v - s_hi) + 1;
        initial[static_cast<std::size_t>(std::max(0, v))] +=
            static_cast<double>(std::max(0, ways)) /
            (static_cast<double>(spread) * (s_hi - s_lo + 1));
    }
    initial_ = make_offsets(std::move(initial));

    beyond_ = sc.horizon_days + sc.relief_lead_days;
    auto span = [&](int T) { return std::min(s_hi - T, beyond_); };
    double cells = 0;
    for (int T = training_.lo; T <= training_.hi; ++T)
        if (span(T) >= 1) cells += FrontType::cells_needed(sc, span(T));
    cells *= static_cast<double>(sc.classes.size());
    if (cells > kMaxCells)
        throw InputError("durations.stay_days = " + std::to_string(s_lo) + ".." +
                         std::to_string(s_hi) + ": the expected-value model would hold " +
                         std::to_string(static_cast<long long>(cells * 8 / (1 << 20))) +
                         " MiB of state (it grows with the square of the longest stay less the "
                         "training), more than its limit of 1 GiB");

    for (const SoldierClass& k : sc.classes) {
        ClassState& c = classes_.emplace_back();
        c.share = k.share;
        c.pay = static_cast<double>(daily_pay_units(k.monthly_pay_cents));
        for (int T = training_.lo; T <= training_.hi; ++T)
            c.front.push_back(span(T) >= 1 ? std::make_unique<FrontType>(sc, k.hazard_multiplier, T,
                                                                         span(T), c.pay)
                                           : nullptr);
        Training placed;
        placed.begun.m = c.share * sc.initial_strength;
        placed.rotation = &initial_;
        c.training.push_back(placed);
    }
    n_[static_cast<int>(State::russia_training)] = sc.initial_strength;
    recruited_ = sc.initial_strength;
    count(metric::served) = count(metric::arrivals) = sc.initial_strength;
    out_.series.setZero(kMetricCount, sc.horizon_days);
    out_.exact = sc.dispatch == Dispatch::schedule;
}

Expectation Projection::run() {
    for (int t = 0; t < sc_.horizon_days; ++t) {
        const double sent = dispatch(t);
        recruited_ += sent;
        count(metric::dispatched) += sent;
        for (ClassState& c : classes_) {
            if (sent > 0) c.pipeline.push_back({t, {c.share * sent, 0, 0}, 0});
            arrive(t, c);
            Mass out;
            train(t, c, out);
            heal(t, c, out);
            Mass rotated;
            for (auto& type : c.front)
                if (type) type->rotate(t, rotated);
            out += rotated;
            count(metric::rotated_out) += rotated.m;
            // Transit home starts today; a zero-day journey ends today too.
            if (out.m > 0) c.transit.push_back({t, out, 0});
            for (const Cohort& k : c.transit)
                c.home += k.now(transit_out_.p(t - k.start));
            while (!c.transit.empty() && transit_out_.above(t - c.transit.front().start) == 0)
                c.transit.pop_front();
            fight(t, c);
        }
        n_.fill(0);
        for (ClassState& c : classes_)
            pay_day(t, c);
        if ((t + 1) % sc_.settlement_days == 0) settle(t);
        record(t);
    }
    out_.summary = summarize_series(sc_, out_.series);
    return std::move(out_);
}

double Projection::dispatch(int t) {
    double sent = 0;
    if (sc_.dispatch == Dispatch::schedule) {
        // Exactly the engine's loop: whole units until the day's number is reached.
        const long long wanted = std::llround(sc_.dispatch_schedule.at(t));
        if (wanted > 0) {
            const long long units = (wanted + sc_.unit_size - 1) / sc_.unit_size; // whole units
            sent = static_cast<double>(units * sc_.unit_size);
        }
    } else {
        // Mean field: the engine's deficit, computed from the expected counts.
        const double in_russia = n_[static_cast<int>(State::russia_training)] +
                                 n_[static_cast<int>(State::deployed)] +
                                 n_[static_cast<int>(State::wounded)];
        const double counted = in_russia + n_[static_cast<int>(State::pipeline)] - relief(t);
        sent =
            std::max(0.0, static_cast<double>(std::llround(sc_.target_strength.at(t))) - counted);
        // Whole units, as the engine sends them: the overshoot they leave above the target is
        // part of the mean. A deficit of single soldiers needs no rounding: the engine's is a
        // whole number, the expected one its mean. The margin keeps rounding noise from
        // sending a unit.
        const double unit = sc_.unit_size;
        if (unit > 1) sent = unit * std::ceil(sent / unit - 1e-9);
    }
    if (sc_.pool_size >= 0)
        sent = std::min(sent, std::max(0.0, static_cast<double>(sc_.pool_size) - recruited_));
    return sent;
}

// Soldiers in Russia at the start of day t whose rotation date is within relief_lead_days.
double Projection::relief(int t) const {
    const int lead = sc_.relief_lead_days;
    double n = 0;
    for (const ClassState& c : classes_) {
        for (const Training& k : c.training) {
            const int z = t - k.start; // still training on day t: min(T, Y) >= z
            n += k.begun.m * training_.above(z - 1) *
                 (tail(*k.rotation, z - 1) - tail(*k.rotation, z + lead - 1));
        }
        for (const auto& type : c.front)
            if (type) n += type->rotating(t, t, t + lead);
        for (const Hospital& h : c.hospital) {
            const int z = t - h.start;
            double due = 0;
            for (int rho = std::max(1, z);
                 rho < z + lead && rho < static_cast<int>(h.by_rho.size()); ++rho)
                due += h.by_rho[static_cast<std::size_t>(rho)].m;
            n += due * recovery_.above(z - 1);
        }
    }
    return n;
}

void Projection::arrive(int t, ClassState& c) {
    Mass in;
    for (const Cohort& k : c.pipeline)
        in += k.now(transit_in_.p(t - k.start));
    while (!c.pipeline.empty() && transit_in_.above(t - c.pipeline.front().start) == 0)
        c.pipeline.pop_front();
    if (in.m <= 0) return;
    count(metric::served) += in.m;
    count(metric::arrivals) += in.m;
    Training k;
    k.start = t;
    k.begun = in;
    k.rotation = &stay_;
    c.training.push_back(k);
}

// End of training on day start + T before the rotation date: to the front. Rotation date first
// (or on the same day): home without deploying.
void Projection::train(int t, ClassState& c, Mass& out) {
    for (const Training& k : c.training) {
        const int x = t - k.start;
        const Mass all = k.now(1.0);
        const std::vector<double>& rotation = k.rotation->p;
        const double p_end = training_.p(x);
        if (p_end > 0) {
            FrontType* type = c.front[static_cast<std::size_t>(x - training_.lo)].get();
            for (int y = x + 1; type && y < static_cast<int>(rotation.size()); ++y)
                if (rotation[static_cast<std::size_t>(y)] > 0)
                    type->enter(t, std::min(k.start + y, beyond_),
                                all * (p_end * rotation[static_cast<std::size_t>(y)]));
        }
        if (x < static_cast<int>(rotation.size())) {
            const double f = rotation[static_cast<std::size_t>(x)] * training_.above(x - 1);
            out += all * f;
            count(metric::rotated_out) += all.m * f;
        }
    }
    std::erase_if(c.training, [&](const Training& k) {
        const int x = t - k.start;
        return training_.above(x) == 0 || tail(*k.rotation, x) == 0;
    });
}

void Projection::heal(int t, ClassState& c, Mass& out) {
    const double die = sc_.p_died_of_wounds, fit = (1 - die) * sc_.p_return_to_duty;
    const double unfit = (1 - die) * (1 - sc_.p_return_to_duty);
    for (const Hospital& h : c.hospital) {
        const int x = t - h.start;
        const double p = recovery_.p(x);
        if (p == 0) continue;
        const Mass all = h.now(h.total, p);
        c.killed_unsettled += all * die;
        count(metric::killed) += all.m * die;
        count(metric::died_of_wounds) += all.m * die;
        out += all * unfit;
        count(metric::evacuated) += all.m * unfit;
        // Fit on or after the rotation date: home as a rotation. Before it: back to the front,
        // which FrontType::face_risk brings back by days at the front.
        for (int rho = 1; rho <= x && rho < static_cast<int>(h.by_rho.size()); ++rho) {
            const Mass done = h.now(h.by_rho[static_cast<std::size_t>(rho)], p * fit);
            out += done;
            count(metric::rotated_out) += done.m;
        }
    }
    while (!c.hospital.empty() && recovery_.above(t - c.hospital.front().start) == 0)
        c.hospital.pop_front();
    for (auto& type : c.front)
        if (type) type->heal(t);
}

void Projection::fight(int t, ClassState& c) {
    FrontFlows flows;
    flows.wounded.assign(static_cast<std::size_t>(sc_.stay_days.max) + 1, Mass{});
    for (auto& type : c.front)
        if (type) type->face_risk(t, flows);
    c.deployed = flows.deployed;
    count(metric::returned_to_duty) += flows.returned;
    c.killed_unsettled += flows.killed;
    c.captured += flows.captured;
    count(metric::killed) += flows.killed.m;
    count(metric::killed_in_action) += flows.killed.m;
    count(metric::captured) += flows.captured.m;
    Hospital h;
    h.start = t;
    for (const Mass& w : flows.wounded)
        h.total += w;
    if (h.total.m <= 0) return;
    count(metric::wounded) += h.total.m;
    h.by_rho = std::move(flows.wounded);
    c.hospital.push_back(std::move(h));
}

} // namespace rotsim::expectation
