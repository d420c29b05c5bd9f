// The expected-value model's pay and ledger (docs/expectation.md, "Money").
#include <cmath>

#include "analysis/expectation_groups.hpp"
#include "sim/replication.hpp"

namespace rotsim {

namespace expectation {

// End-of-day counts, and one day's pay for every soldier in a pay state.
void Projection::pay_day(int t, ClassState& c) {
    std::array<double, kStateCount> n{};
    auto& pipeline = n[static_cast<int>(State::pipeline)];
    for (Cohort& k : c.pipeline) {
        pipeline += k.begun.m * transit_in_.above(t - k.start);
        if (paid(State::pipeline)) k.inc += c.pay;
    }
    for (Training& k : c.training) {
        const int x = t - k.start;
        n[static_cast<int>(State::russia_training)] +=
            k.begun.m * training_.above(x) * tail(*k.rotation, x);
        if (paid(State::russia_training)) k.inc += c.pay;
    }
    n[static_cast<int>(State::deployed)] = c.deployed; // paid in FrontType::face_risk
    for (Hospital& h : c.hospital) {
        n[static_cast<int>(State::wounded)] += h.total.m * recovery_.above(t - h.start);
        if (paid(State::wounded)) h.inc += c.pay;
    }
    for (Cohort& k : c.transit) {
        n[static_cast<int>(State::transit_out)] += k.begun.m * transit_out_.above(t - k.start);
        if (paid(State::transit_out)) k.inc += c.pay;
    }
    const std::array<std::pair<State, Mass*>, 4> held{{{State::home, &c.home},
                                                       {State::killed, &c.killed},
                                                       {State::killed, &c.killed_unsettled},
                                                       {State::captured, &c.captured}}};
    for (auto [state, mass] : held) {
        n[static_cast<int>(state)] += mass->m;
        if (paid(state)) mass->a += c.pay * mass->m;
    }
    for (int s = 0; s < kStateCount; ++s) {
        if (sc_.pay_state[s]) accrued_ += c.pay * n[s];
        n_[s] += n[s];
    }
}

void Projection::settle(int t) {
    const double share =
        static_cast<double>(std::llround(sc_.death_compensation_share * Allocation::kWhole)) /
        Allocation::kWhole;
    const auto lump = static_cast<double>(sc_.death_lump_cents * kUnitsPerCent);
    for (ClassState& c : classes_) {
        family_ += share * c.killed_unsettled.a + lump * c.killed_unsettled.m;
        c.killed += c.killed_unsettled;
        c.killed_unsettled = {};
        for (Cohort& k : c.pipeline)
            k.settle();
        for (Training& k : c.training)
            k.settle();
        for (Cohort& k : c.transit)
            k.settle();
        for (Hospital& h : c.hospital) {
            for (Mass& part : h.by_rho)
                part.s = part.a + h.inc * part.m;
            h.total.s = h.total.a + h.inc * h.total.m;
        }
        for (Mass* mass : {&c.home, &c.killed, &c.captured})
            mass->s = mass->a;
        for (auto& type : c.front)
            if (type) type->settle(t);
    }
    settled_ = accrued_;
}

void Projection::record(int t) {
    auto column = out_.series.col(t);
    for (const auto& [state, series] : kStateSeries)
        column(series) = n_[static_cast<std::size_t>(state)];
    column(metric::in_russia) = count_in_russia(n_);
    column(metric::target_strength) = static_cast<double>(std::llround(sc_.target_strength.at(t)));
    for (int m = 0; m < kMetricCount; ++m)
        if (kMetrics[m].unit == Unit::events) column(m) = cumulative_[static_cast<std::size_t>(m)];
    // Each soldier's credits are the soldier share of what he had accrued at the last
    // settlement; where they sit depends only on where he is now (docs/expectation.md).
    double home = 0, gone = 0;
    for (const ClassState& c : classes_) {
        home += c.home.s;
        gone += c.killed.s + c.killed_unsettled.s + c.captured.s;
    }
    const Allocation& al = sc_.allocation;
    auto part = [&](std::int64_t ppb) { return static_cast<double>(ppb) / Allocation::kWhole; };
    column(metric::accrued_usd) = accrued_;
    column(metric::paid_by_russia_usd) = settled_;
    column(metric::receivable_usd) = accrued_ - settled_;
    column(metric::soldier_accounts_usd) = part(al.soldier) * (settled_ - home - gone);
    column(metric::paid_to_soldiers_usd) = part(al.soldier) * home;
    column(metric::family_compensation_usd) = family_;
    column(metric::party_fund_usd) =
        part(al.party_fund) * settled_ + part(al.soldier) * gone - family_;
    column(metric::military_usd) = part(al.military) * settled_;
    column(metric::elite_luxury_usd) = part(al.elite_luxury) * settled_;
    column(metric::food_usd) = part(al.food) * settled_;
}

} // namespace expectation

Expectation expect_scenario(const Scenario& scenario) {
    return expectation::Projection(scenario).run();
}

ReplicationResult expectation_result(const Expectation& e) {
    ReplicationResult r;
    r.series = e.series.array().round().cast<std::int64_t>().matrix();
    r.expected = e.series;
    r.summary = e.summary;
    return r;
}

} // namespace rotsim
