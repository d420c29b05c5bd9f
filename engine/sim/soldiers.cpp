#include "sim/soldiers.hpp"

#include <algorithm>
#include <bit>
#include <new>
#include <numeric>
#include <stdexcept>
#include <string>

namespace rotsim {

namespace {

// Applies `f` to the records, the pay books and every array of a field stored apart.
template <class Self, class F> void for_each_array(Self& s, F&& f) {
    f(s.records);
    f(s.pay);
#define ROTSIM_VISIT_ARRAY(store, member, ...) ROTSIM_SOLDIER_FIELD_IF(store, array, f(s.member);)
    ROTSIM_SOLDIER_FIELDS(ROTSIM_VISIT_ARRAY, ROTSIM_VISIT_ARRAY)
#undef ROTSIM_VISIT_ARRAY
}

} // namespace

std::uint32_t Soldiers::add(std::int64_t soldier_id, std::int32_t cls, std::int64_t unit_id,
                            State initial, std::int32_t tick) {
    std::uint32_t slot = 0;
    if (free_count_ == 0) {
        if (size() == kMostSlots)
            throw std::length_error("more than " + std::to_string(kMostSlots) +
                                    " soldiers present at once in one replication (sent, in "
                                    "Russia or on their way home): more than the calendar can "
                                    "address; lower the strength");
        slot = static_cast<std::uint32_t>(size());
        for_each_array(*this, [](auto& v) { v.emplace_back(); });
        if (slot % kSlotsPerWord == 0) free_.push_back(0);
    } else {
        while (free_[lowest_free_word_] == 0)
            ++lowest_free_word_;
        std::uint64_t& word = free_[lowest_free_word_];
        slot = static_cast<std::uint32_t>(lowest_free_word_ * kSlotsPerWord +
                                          static_cast<std::size_t>(std::countr_zero(word)));
        word &= word - 1;
        --free_count_;
    }
    // Each field's reset is an expression in this function's parameters (sim/soldier_fields.hpp).
#define ROTSIM_RESET_FIELD(store, member, type, reset, ...)                                        \
    ROTSIM_SOLDIER_FIELD_AT(store, *this, member, slot) = reset;
    ROTSIM_SOLDIER_FIELDS(ROTSIM_RESET_FIELD, ROTSIM_RESET_FIELD)
#undef ROTSIM_RESET_FIELD
    return slot;
}

void Soldiers::reserve(std::size_t slots) {
    slots = std::min(slots, kMostSlots);
    if (slots <= records.capacity()) return;
    try {
        for_each_array(*this, [&](auto& v) { v.reserve(slots); });
    } catch (const std::bad_alloc&) {
        // More address space than the system grants (strict overcommit, a memory limit): the
        // reservation is only a hint, so the arrays already reserved give theirs back and all
        // grow as soldiers come instead.
        for_each_array(*this, [](auto& v) { v.shrink_to_fit(); });
    }
}

void Soldiers::clear() {
    for_each_array(*this, [](auto& v) { v.clear(); });
    free_.clear();
    free_count_ = 0;
    lowest_free_word_ = 0;
}

void Soldiers::release(std::uint32_t slot) {
    records[slot].id = -1;
    free_[slot / kSlotsPerWord] |= std::uint64_t{1} << (slot % kSlotsPerWord);
    ++free_count_;
    lowest_free_word_ = std::min<std::size_t>(lowest_free_word_, slot / kSlotsPerWord);
}

void Soldiers::append_row(AgentTable& table, std::uint32_t slot) const {
#define ROTSIM_APPEND_COLUMN(store, member, type, reset, column, column_type, to_column, ...)      \
    table.column.push_back(to_column(ROTSIM_SOLDIER_FIELD_AT(store, *this, member, slot)));
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
