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

// All soldiers of one replication as a structure of arrays, indexed by soldier id. Ticks are
// days from the start; -1 means "not yet" or "never".
struct Soldiers {
    // identity
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
    std::vector<std::uint32_t> front_draws;  // draws taken from the soldier's front stream
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

    std::size_t size() const { return state.size(); }
    // Appends a soldier in `state` since `tick` and returns his id.
    std::uint32_t add(std::int32_t cls, std::int64_t unit_id, State initial, std::int32_t tick);
    void reserve(std::size_t n);
    AgentTable table() const;
};

} // namespace rotsim
