#include "sim/soldiers.hpp"

namespace rotsim {

std::uint32_t Soldiers::add(std::int32_t cls, std::int64_t unit_id, State initial,
                            std::int32_t tick) {
    const auto id = static_cast<std::uint32_t>(state.size());
    soldier_class.push_back(cls);
    unit.push_back(unit_id);
    state.push_back(initial);
    state_since.push_back(tick);
    dispatch_tick.push_back(initial == State::pipeline ? tick : -1);
    arrival_tick.push_back(-1);
    exit_tick.push_back(-1);
    rotation_tick.push_back(-1);
    tours.push_back(0);
    wounds.push_back(0);
    training_days.push_back(0);
    days_at_front.push_back(0);
    front_draws.push_back(0);
    next_tick.push_back(-1);
    next_event.push_back(Event::none);
    pay_since.push_back(-1);
    accrued.push_back(0);
    unsettled.push_back(0);
    account.push_back(0);
    paid.push_back(0);
    family.push_back(0);
    return id;
}

void Soldiers::reserve(std::size_t n) {
    soldier_class.reserve(n);
    unit.reserve(n);
    state.reserve(n);
    state_since.reserve(n);
    dispatch_tick.reserve(n);
    arrival_tick.reserve(n);
    exit_tick.reserve(n);
    rotation_tick.reserve(n);
    tours.reserve(n);
    wounds.reserve(n);
    training_days.reserve(n);
    days_at_front.reserve(n);
    front_draws.reserve(n);
    next_tick.reserve(n);
    next_event.reserve(n);
    pay_since.reserve(n);
    accrued.reserve(n);
    unsettled.reserve(n);
    account.reserve(n);
    paid.reserve(n);
    family.reserve(n);
}

AgentTable Soldiers::table() const {
    AgentTable t;
    const std::size_t n = size();
    for (std::size_t i = 0; i < n; ++i) {
        t.id.push_back(static_cast<std::int64_t>(i));
        t.soldier_class.push_back(soldier_class[i]);
        t.unit.push_back(unit[i]);
        t.dispatch_tick.push_back(dispatch_tick[i]);
        t.arrival_tick.push_back(arrival_tick[i]);
        t.exit_tick.push_back(exit_tick[i]);
        t.final_state.push_back(static_cast<std::int8_t>(state[i]));
        t.tours.push_back(tours[i]);
        t.training_days.push_back(training_days[i]);
        t.days_at_front.push_back(days_at_front[i]);
        t.accrued_usd.push_back(to_usd(accrued[i]));
        t.paid_usd.push_back(to_usd(paid[i]));
        t.family_usd.push_back(to_usd(family[i]));
    }
    return t;
}

} // namespace rotsim
