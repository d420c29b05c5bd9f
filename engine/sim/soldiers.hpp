#pragma once

#include <cstdint>
#include <vector>

#include "model/money.hpp"
#include "model/state.hpp"
#include "sim/result.hpp"

namespace rotsim {

// What a soldier's single pending calendar entry will do when its tick comes.
enum class Event : std::uint8_t {
    none,
    arrive,       // pipeline -> russia_training
    end_training, // russia_training -> deployed
    rotate,       // russia_training or deployed -> transit_out at the rotation date
    killed_in_action,
    wounded,
    captured,
    recover,    // wounded -> killed, deployed or transit_out
    reach_home, // transit_out -> home
};

// The soldiers present in one replication as a structure of arrays, indexed by slot. A soldier
// keeps his id (which keys his random streams) for life; his slot is reused once he has left
// for good and been folded into the aggregates, so memory follows the soldiers present, not all
// soldiers ever sent. Ticks are days from the start; -1 means "not yet" or "never".
struct Soldiers {
    // identity
    std::vector<std::int64_t> id; // -1: a free slot
    std::vector<std::int32_t> soldier_class;
    std::vector<std::int64_t> unit;
    // course
    std::vector<State> state;
    std::vector<std::int32_t> state_since;
    std::vector<std::int32_t> dispatch_tick;
    std::vector<std::int32_t> arrival_tick; // first arrival in Russia
    std::vector<std::int32_t> exit_tick;    // last departure from Russia
    std::vector<std::int32_t> rotation_tick;
    std::vector<std::int32_t> tours;
    std::vector<std::int32_t> wounds;
    std::vector<std::int32_t> training_days; // received in Russia, all tours
    std::vector<std::int32_t> days_at_front; // completed before the current spell at the front
    std::vector<double> experience; // days_at_front, or its exposure (casualties.experience)
    std::vector<std::uint32_t> front_draws; // draws taken from the soldier's front stream
    // calendar
    std::vector<std::int32_t> next_tick;
    std::vector<Event> next_event;
    // pay, in ledger units
    std::vector<std::int32_t> pay_since; // first day not yet accrued; -1 when not in a pay state
    std::vector<Money> accrued;
    std::vector<Money> unsettled; // accrued since the last settlement
    std::vector<Money> account;   // credited, not yet paid out
    std::vector<Money> paid;
    std::vector<Money> family;

    // Slots in use or free; the arrays' length.
    std::size_t size() const { return state.size(); }
    bool occupied(std::size_t slot) const { return id[slot] >= 0; }
    // Places a new soldier in `state` since `tick` in a free slot (or a new one); returns the slot.
    std::uint32_t add(std::int64_t soldier_id, std::int32_t cls, std::int64_t unit_id,
                      State initial, std::int32_t tick);
    void release(std::uint32_t slot);
    void append_row(AgentTable& table, std::uint32_t slot) const;

private:
    std::vector<std::uint32_t> free_;
};

// Orders a table's rows by soldier id, so it does not depend on when rows were folded.
void sort_by_id(AgentTable& table);

} // namespace rotsim
