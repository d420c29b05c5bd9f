#include "sim/soldiers.hpp"

#include <algorithm>
#include <functional>
#include <numeric>
#include <stdexcept>
#include <string>

namespace rotsim {

namespace {

// Applies `f` to every per-soldier array.
template <class Self, class F> void for_each_array(Self& s, F&& f) {
#define ROTSIM_VISIT_ARRAY(member, ...) f(s.member);
    ROTSIM_SOLDIER_FIELDS(ROTSIM_VISIT_ARRAY, ROTSIM_VISIT_ARRAY)
#undef ROTSIM_VISIT_ARRAY
}

} // namespace

std::uint32_t Soldiers::add(std::int64_t soldier_id, std::int32_t cls, std::int64_t unit_id,
                            State initial, std::int32_t tick) {
    std::uint32_t slot = 0;
    if (free_.empty()) {
        if (size() == kMostSlots)
            throw std::length_error("more than " + std::to_string(kMostSlots) +
                                    " soldiers present at once in one replication (sent, in "
                                    "Russia or on their way home): more than the calendar can "
                                    "address; lower the strength");
        slot = static_cast<std::uint32_t>(size());
        for_each_array(*this, [](auto& v) { v.emplace_back(); });
    } else {
        slot = free_.back();
        free_.pop_back();
        ordered_ = std::min(ordered_, free_.size());
    }
    // Each field's reset is an expression in this function's parameters (sim/soldier_fields.hpp).
#define ROTSIM_RESET_FIELD(member, type, reset, ...) member[slot] = reset;
    ROTSIM_SOLDIER_FIELDS(ROTSIM_RESET_FIELD, ROTSIM_RESET_FIELD)
#undef ROTSIM_RESET_FIELD
    return slot;
}

void Soldiers::reserve(std::size_t slots) {
    slots = std::min(slots, kMostSlots);
    if (slots > state.capacity()) for_each_array(*this, [&](auto& v) { v.reserve(slots); });
}

void Soldiers::clear() {
    for_each_array(*this, [](auto& v) { v.clear(); });
    free_.clear();
    ordered_ = 0;
}

void Soldiers::release(std::uint32_t slot) {
    id[slot] = -1;
    free_.push_back(slot);
}

void Soldiers::order_free_slots() {
    // The slots released since the last call are ordered and merged into the rest: linear in the
    // free slots, not a sort of them all at every settlement.
    const auto middle = free_.begin() + static_cast<std::ptrdiff_t>(ordered_);
    std::sort(middle, free_.end(), std::greater<>());
    std::inplace_merge(free_.begin(), middle, free_.end(), std::greater<>());
    ordered_ = free_.size();
}

void Soldiers::append_row(AgentTable& table, std::uint32_t slot) const {
#define ROTSIM_APPEND_COLUMN(member, type, reset, column, column_type, to_column, ...)             \
    table.column.push_back(to_column(member[slot]));
    ROTSIM_SOLDIER_FIELDS(ROTSIM_APPEND_COLUMN, ROTSIM_SKIP_SOLDIER_FIELD)
#undef ROTSIM_APPEND_COLUMN
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
