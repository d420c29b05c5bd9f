#pragma once

#include <cstdint>
#include <vector>

#include "model/money.hpp"
#include "model/state.hpp"
#include "sim/result.hpp"
#include "sim/soldier_fields.hpp"

namespace rotsim {

// What a soldier's single pending calendar entry will do when its tick comes. The entry is his slot
// and the event in one word (CalendarEntry), so no field of his says what is pending.
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

// The fields of a soldier stored `record` (sim/soldier_fields.hpp): those that handling his
// calendar entries reads, in one cache line, so that at large strengths an entry waits on one miss
// for them instead of one per field.
struct alignas(64) SoldierRecord {
#define ROTSIM_RECORD_MEMBER(store, member, type, ...)                                             \
    ROTSIM_SOLDIER_FIELD_IF(store, record, type member;)
    ROTSIM_SOLDIER_FIELDS(ROTSIM_RECORD_MEMBER, ROTSIM_RECORD_MEMBER)
#undef ROTSIM_RECORD_MEMBER
};
static_assert(sizeof(SoldierRecord) == 64, "a soldier's record is one cache line");

// The fields of a soldier stored `book`: his pay book, what accrual, settlement and his account
// read and write together, aligned so that it never straddles two cache lines.
struct alignas(32) PayBook {
#define ROTSIM_BOOK_MEMBER(store, member, type, ...)                                               \
    ROTSIM_SOLDIER_FIELD_IF(store, book, type member;)
    ROTSIM_SOLDIER_FIELDS(ROTSIM_BOOK_MEMBER, ROTSIM_BOOK_MEMBER)
#undef ROTSIM_BOOK_MEMBER
};
static_assert(sizeof(PayBook) == 32, "a pay book is half a cache line");

// The soldiers present in one replication, indexed by slot: a record per soldier (SoldierRecord,
// soldiers[slot].member) for the fields his transitions read, a pay book per soldier (PayBook,
// soldiers.pay[slot].member), and an array per other field of sim/soldier_fields.hpp
// (soldiers.member[slot]), so that each field is where its readers want it. A
// soldier keeps his id (which keys his random streams) for life; his slot is reused once he has
// left for good and been folded into the aggregates, so memory follows the soldiers present, not
// all soldiers ever sent. id is -1 in a free slot.
struct Soldiers {
    // The most slots: a slot takes the low 28 bits of a calendar entry (CalendarEntry).
    static constexpr std::size_t kMostSlots = std::size_t{1} << 28;

    std::vector<SoldierRecord> records;
    std::vector<PayBook> pay;
#define ROTSIM_SOLDIER_ARRAY(store, member, type, ...)                                             \
    ROTSIM_SOLDIER_FIELD_IF(store, array, std::vector<type> member;)
    ROTSIM_SOLDIER_FIELDS(ROTSIM_SOLDIER_ARRAY, ROTSIM_SOLDIER_ARRAY)
#undef ROTSIM_SOLDIER_ARRAY

    SoldierRecord& operator[](std::size_t slot) {
        return records[slot];
    }
    const SoldierRecord& operator[](std::size_t slot) const {
        return records[slot];
    }
    // Slots in use or free; the arrays' length.
    std::size_t size() const {
        return records.size();
    }
    bool occupied(std::size_t slot) const {
        return records[slot].id >= 0;
    }
    // Places a new soldier in `state` since `tick` in a free slot (or a new one); returns the slot.
    std::uint32_t add(std::int64_t soldier_id, std::int32_t cls, std::int64_t unit_id,
                      State initial, std::int32_t tick);
    // Starts loading what handling a soldier's calendar entry reads first (his record and pay
    // book), so that at large strengths the misses overlap. Always inlined: GCC drops a call to a
    // function that only prefetches, as one without effects.
    [[gnu::always_inline]] void prefetch(std::uint32_t slot) const {
        __builtin_prefetch(&records[slot]);
        __builtin_prefetch(&pay[slot]);
    }
    // The same for folding him into the aggregates: his record, pay book, pay and compensation.
    [[gnu::always_inline]] void prefetch_folding(std::uint32_t slot) const {
        __builtin_prefetch(&records[slot]);
        __builtin_prefetch(&pay[slot]);
        __builtin_prefetch(&paid[slot]);
        __builtin_prefetch(&family[slot]);
    }
    // Frees his slot. Free slots are handed out lowest first, so that soldiers added together (a
    // unit) sit side by side in every array and the arrays stay dense.
    void release(std::uint32_t slot);
    // Makes room for `slots` without growing: address space only, until a slot is used. A hint:
    // where the system refuses that much address space, nothing is reserved.
    void reserve(std::size_t slots);
    // Empties every slot, keeping the arrays' memory for the next replication.
    void clear();
    void append_row(AgentTable& table, std::uint32_t slot) const;

private:
    static constexpr std::size_t kSlotsPerWord = 64;
    std::vector<std::uint64_t> free_; // bit k of word w: slot 64 w + k is free
    std::size_t free_count_ = 0;
    std::size_t lowest_free_word_ = 0; // no free slot below this word
};

// A soldier's pending calendar entry in one word: his slot and, in the top four bits, the event.
struct CalendarEntry {
    static constexpr unsigned kEventShift = 28;
    static_assert(static_cast<unsigned>(Event::reach_home) < 16, "an event takes four bits");
    static std::uint32_t make(std::uint32_t slot, Event event) {
        return slot | static_cast<std::uint32_t>(event) << kEventShift;
    }
    static std::uint32_t slot(std::uint32_t entry) {
        return entry & ((std::uint32_t{1} << kEventShift) - 1);
    }
    static Event event(std::uint32_t entry) { return static_cast<Event>(entry >> kEventShift); }
};

// Orders a table's rows by soldier id, so it does not depend on when rows were folded.
void sort_by_id(AgentTable& table);

} // namespace rotsim
