#include "sim/soldiers.hpp"

#include <algorithm>
#include <numeric>

namespace rotsim {

namespace {

// Applies `f` to every per-soldier array, so adding a field means adding it in one place.
template <class Self, class F> void for_each_array(Self& s, F&& f) {
    f(s.id);
    f(s.soldier_class);
    f(s.unit);
    f(s.state);
    f(s.state_since);
    f(s.dispatch_tick);
    f(s.arrival_tick);
    f(s.exit_tick);
    f(s.rotation_tick);
    f(s.tours);
    f(s.wounds);
    f(s.training_days);
    f(s.days_at_front);
    f(s.experience);
    f(s.front_draws);
    f(s.next_tick);
    f(s.next_event);
    f(s.pay_since);
    f(s.accrued);
    f(s.unsettled);
    f(s.account);
    f(s.paid);
    f(s.family);
}

} // namespace

std::uint32_t Soldiers::add(std::int64_t soldier_id, std::int32_t cls, std::int64_t unit_id,
                            State initial, std::int32_t tick) {
    std::uint32_t slot = 0;
    if (free_.empty()) {
        slot = static_cast<std::uint32_t>(size());
        for_each_array(*this, [](auto& v) { v.emplace_back(); });
    } else {
        slot = free_.back();
        free_.pop_back();
    }
    id[slot] = soldier_id;
    soldier_class[slot] = cls;
    unit[slot] = unit_id;
    state[slot] = initial;
    state_since[slot] = tick;
    dispatch_tick[slot] = initial == State::pipeline ? tick : -1;
    arrival_tick[slot] = exit_tick[slot] = rotation_tick[slot] = -1;
    tours[slot] = wounds[slot] = training_days[slot] = days_at_front[slot] = 0;
    experience[slot] = 0.0;
    front_draws[slot] = 0;
    next_tick[slot] = -1;
    next_event[slot] = Event::none;
    pay_since[slot] = -1;
    accrued[slot] = unsettled[slot] = account[slot] = paid[slot] = family[slot] = 0;
    return slot;
}

void Soldiers::release(std::uint32_t slot) {
    id[slot] = -1;
    free_.push_back(slot);
}

void Soldiers::append_row(AgentTable& table, std::uint32_t slot) const {
    table.id.push_back(id[slot]);
    table.soldier_class.push_back(soldier_class[slot]);
    table.unit.push_back(unit[slot]);
    table.dispatch_tick.push_back(dispatch_tick[slot]);
    table.arrival_tick.push_back(arrival_tick[slot]);
    table.exit_tick.push_back(exit_tick[slot]);
    table.final_state.push_back(static_cast<std::int8_t>(state[slot]));
    table.tours.push_back(tours[slot]);
    table.training_days.push_back(training_days[slot]);
    table.days_at_front.push_back(days_at_front[slot]);
    table.accrued_usd.push_back(to_usd(accrued[slot]));
    table.paid_usd.push_back(to_usd(paid[slot]));
    table.family_usd.push_back(to_usd(family[slot]));
}

void sort_by_id(AgentTable& t) {
    std::vector<std::size_t> order(t.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return t.id[a] < t.id[b]; });
    auto permute = [&](auto& v) {
        auto copy = v;
        for (std::size_t k = 0; k < order.size(); ++k)
            v[k] = copy[order[k]];
    };
    for_each_column(permute, t);
    if (!t.contingent.empty()) permute(t.contingent);
}

} // namespace rotsim
