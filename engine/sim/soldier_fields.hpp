#pragma once

#include <cstdint>

#include "model/money.hpp"
#include "model/state.hpp"

// Every per-soldier field, declared once. The soldiers' records, pay books and arrays (Soldiers),
// their reset when a soldier takes a slot, the per-soldier table (AgentTable), its appending,
// sorting and merging, and the /agents datasets of result files are all expanded from this list,
// so adding a field is adding one line here (one stored `record` must still fit the record's 64
// bytes, and one stored `book` the pay book's 32: static assertions in soldiers.hpp say when not).
//
// A field in the per-soldier table is
//   ROW(store, member, type, reset, column, column_type, to_column, units, description)
// and a field the loop alone needs is
//   OWN(store, member, type, reset, description)
// where
//   store          where Soldiers keeps it: `record`, in the soldier's record (SoldierRecord, one
//                  cache line per soldier; read as soldiers[slot].member), for the fields that
//                  handling his calendar entries reads, so that an entry costs one line, not one
//                  per field; `book`, in his pay book (PayBook, soldiers.pay[slot].member),
//                  what every change of his pay reads and writes together; `array`, an array of
//                  its own (soldiers.member[slot]), for the fields only his folding into the
//                  aggregates or the table read
//   member, type   its name in Soldiers and its element type
//   reset          the value when a soldier is added to a slot: an expression in the parameters
//                  of Soldiers::add (soldier_id, cls, unit_id, initial, tick)
//   column         its name in AgentTable and under /agents; column_type, its element there
//   to_column      turns a value of the field into one of the column (soldier_fields::same,
//                  soldier_fields::state_index or to_usd)
//   units, description   the attributes of its /agents dataset
// Ticks are days from the start; -1 means "not yet" or "never". Money is in ledger units in
// Soldiers and in USD in the table. The table's columns come in this order, in memory and in files.
//
// clang-format off
#define ROTSIM_SOLDIER_FIELDS(ROW, OWN) \
    ROW(record, id, std::int64_t, soldier_id, id, std::int64_t, soldier_fields::same, "", "soldier id, unique within a replication") \
    ROW(record, soldier_class, std::int32_t, cls, soldier_class, std::int32_t, soldier_fields::same, "index", "the soldier's class: index into the scenario's classes, in the order of their sections") \
    ROW(array, unit, std::int64_t, unit_id, unit, std::int64_t, soldier_fields::same, "", "unit the soldier was dispatched with") \
    ROW(record, dispatch_tick, std::int32_t, initial == State::pipeline ? tick : -1, dispatch_tick, std::int32_t, soldier_fields::same, "tick", "tick of the last dispatch; -1: placed in Russia at 0") \
    ROW(record, arrival_tick, std::int32_t, -1, arrival_tick, std::int32_t, soldier_fields::same, "tick", "first arrival in Russia; -1 if never arrived") \
    ROW(record, exit_tick, std::int32_t, -1, exit_tick, std::int32_t, soldier_fields::same, "tick", "last departure from Russia; -1 if still there") \
    ROW(record, state, State, initial, final_state, std::int8_t, soldier_fields::state_index, "state", "state at the horizon: index into the attribute state_names") \
    ROW(record, tours, std::int32_t, 0, tours, std::int32_t, soldier_fields::same, "tours", "tours begun (dispatches)") \
    ROW(record, training_days, std::int32_t, 0, training_days, std::int32_t, soldier_fields::same, "days", "days of training in Russia received") \
    ROW(record, days_at_front, std::int32_t, 0, days_at_front, std::int32_t, soldier_fields::same, "days", "days spent deployed at the front") \
    ROW(book, accrued, Money, 0, accrued_usd, double, to_usd, "USD", "pay accrued for the soldier") \
    ROW(array, paid, Money, 0, paid_usd, double, to_usd, "USD", "paid to the soldier at home") \
    ROW(array, family, Money, 0, family_usd, double, to_usd, "USD", "compensation paid to his family") \
    OWN(record, experience, double, 0.0, "days_at_front, or its exposure (casualties.experience)") \
    OWN(record, state_since, std::int32_t, tick, "tick the current state began") \
    OWN(record, rotation_tick, std::int32_t, -1, "end of the current tour") \
    OWN(record, wounds, std::int32_t, 0, "wounds received, all tours") \
    OWN(record, front_draws, std::uint32_t, 0, "draws taken from the soldier's front stream") \
    OWN(book, since, std::int32_t, -1, "first day of pay not yet accrued; -1 when not in a pay state") \
    OWN(book, days, std::int32_t, 0, "days of pay accrued before `since`, all tours") \
    OWN(book, period_days, std::int32_t, 0, "of those, the days on or after period_start") \
    OWN(book, period_start, std::int32_t, -1, "the settlement period period_days count from") \
    OWN(book, credited_days, std::int32_t, 0, "days of pay whose credit was paid to him or forfeited")
// clang-format on

// Expands to nothing: passed as ROW or OWN, it leaves that kind of field out of an expansion.
#define ROTSIM_SKIP_SOLDIER_FIELD(...)

// The field `member` of slot `slot` of the Soldiers `soldiers`, wherever its `store` keeps it.
#define ROTSIM_SOLDIER_FIELD_AT(store, soldiers, member, slot)                                     \
    ROTSIM_SOLDIER_FIELD_AT_##store(soldiers, member, slot)
#define ROTSIM_SOLDIER_FIELD_AT_record(soldiers, member, slot) (soldiers)[slot].member
#define ROTSIM_SOLDIER_FIELD_AT_book(soldiers, member, slot) (soldiers).pay[slot].member
#define ROTSIM_SOLDIER_FIELD_AT_array(soldiers, member, slot) (soldiers).member[slot]

// The arguments after `wanted` where a field's `store` is `wanted`, nothing elsewhere: how the
// record, the pay book and the arrays each take their own fields from the list.
#define ROTSIM_SOLDIER_FIELD_IF(store, wanted, ...)                                                \
    ROTSIM_SOLDIER_FIELD_IF_##store##_##wanted(__VA_ARGS__)
#define ROTSIM_SOLDIER_FIELD_IF_record_record(...) __VA_ARGS__
#define ROTSIM_SOLDIER_FIELD_IF_record_book(...)
#define ROTSIM_SOLDIER_FIELD_IF_record_array(...)
#define ROTSIM_SOLDIER_FIELD_IF_book_record(...)
#define ROTSIM_SOLDIER_FIELD_IF_book_book(...) __VA_ARGS__
#define ROTSIM_SOLDIER_FIELD_IF_book_array(...)
#define ROTSIM_SOLDIER_FIELD_IF_array_record(...)
#define ROTSIM_SOLDIER_FIELD_IF_array_book(...)
#define ROTSIM_SOLDIER_FIELD_IF_array_array(...) __VA_ARGS__

namespace rotsim::soldier_fields {

// to_column of a field stored as it is.
template <class T> constexpr T same(T value) {
    return value;
}

// to_column of the state: its index in kStateNames.
constexpr std::int8_t state_index(State s) {
    return static_cast<std::int8_t>(s);
}

} // namespace rotsim::soldier_fields
