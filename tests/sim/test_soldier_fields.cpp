// The one declaration of the soldiers' fields (sim/soldier_fields.hpp) and the declared links
// between states, accounts and their per-tick series (sim/metrics.hpp, sim/ledger.hpp).
#include <catch2/catch.hpp>

#include <array>
#include <string>

#include "sim/ledger.hpp"
#include "sim/soldiers.hpp"
#include "test_scenarios.hpp"

using namespace rotsim;
using namespace rotsim::testing;

namespace {

// A value unlike any field's reset.
template <class T> T scribbled() {
    return static_cast<T>(5);
}

} // namespace

TEST_CASE("a soldier added to a freed slot starts with every field as in a new slot") {
    Soldiers reused;
    const std::uint32_t first = reused.add(4, 0, 2, State::russia_training, 0);
    // Every field of the slot written over, as a soldier's course would leave it.
#define SCRIBBLE(store, member, type, ...)                                                         \
    ROTSIM_SOLDIER_FIELD_AT(store, reused, member, first) = scribbled<type>();
    ROTSIM_SOLDIER_FIELDS(SCRIBBLE, SCRIBBLE)
#undef SCRIBBLE
    reused.release(first);
    REQUIRE(reused.add(9, 1, 3, State::pipeline, 12) == first);

    Soldiers fresh;
    REQUIRE(fresh.add(9, 1, 3, State::pipeline, 12) == 0);
#define SAME_AS_FRESH(store, member, ...)                                                          \
    {                                                                                              \
        INFO("field " #member);                                                                    \
        CHECK(ROTSIM_SOLDIER_FIELD_AT(store, reused, member, first) ==                             \
              ROTSIM_SOLDIER_FIELD_AT(store, fresh, member, 0));                                   \
    }
    ROTSIM_SOLDIER_FIELDS(SAME_AS_FRESH, SAME_AS_FRESH)
#undef SAME_AS_FRESH
    CHECK(fresh[0].id == 9);
    CHECK(fresh[0].soldier_class == 1);
    CHECK(fresh.unit[0] == 3);
    CHECK(fresh[0].state == State::pipeline);
    CHECK(fresh[0].state_since == 12);
    CHECK(fresh[0].dispatch_tick == 12);
    CHECK(fresh.pay[0].since == -1);
    // Placed in Russia, not dispatched: no dispatch tick.
    CHECK(fresh[fresh.add(10, 0, 3, State::russia_training, 0)].dispatch_tick == -1);
}

TEST_CASE("freed slots are handed out lowest first, then new slots; clear empties every slot") {
    Soldiers s;
    // 130 slots: the free slots span three words of the free-slot bitmap.
    for (std::int64_t k = 0; k < 130; ++k)
        REQUIRE(s.add(k, 0, 0, State::pipeline, 0) == k);
    for (const std::uint32_t slot : {129u, 3u, 64u, 70u, 0u})
        s.release(slot);
    CHECK_FALSE(s.occupied(70));
    for (const std::uint32_t slot : {0u, 3u, 64u})
        CHECK(s.add(200 + slot, 0, 0, State::pipeline, 1) == slot);
    s.release(1); // a release below the lowest free slot handed out so far
    for (const std::uint32_t slot : {1u, 70u, 129u, 130u, 131u})
        CHECK(s.add(300 + slot, 0, 0, State::pipeline, 2) == slot);
    CHECK(s.size() == 132);
    CHECK(s[70].id == 370);

    s.clear();
    CHECK(s.size() == 0);
    CHECK(s.add(1, 0, 0, State::pipeline, 0) == 0);
    CHECK(s.add(2, 0, 0, State::pipeline, 0) == 1);
}

TEST_CASE("a soldier's row holds every table field, converted to the table's units") {
    Soldiers s;
    const std::uint32_t i = s.add(7, 1, 3, State::pipeline, 20);
    s[i].state = State::home;
    s[i].tours = 2;
    s.pay[i].accrued = 150 * kUnitsPerUsd;
    s.paid[i] = 40 * kUnitsPerUsd;
    s.family[i] = kUnitsPerUsd / 4;
    AgentTable table;
    s.append_row(table, i);
    s.append_row(table, i);
    for_each_column([&](const auto& column) { CHECK(column.size() == 2); }, table);
    CHECK(table.id[1] == 7);
    CHECK(table.soldier_class[1] == 1);
    CHECK(table.dispatch_tick[1] == 20);
    CHECK(table.final_state[1] == static_cast<std::int8_t>(State::home));
    CHECK(table.tours[1] == 2);
    CHECK(table.accrued_usd[1] == 150.0);
    CHECK(table.paid_usd[1] == 40.0);
    CHECK(table.family_usd[1] == 0.25);
    CHECK(table.contingent.empty());
}

TEST_CASE("sorting a table by id moves every column with its row") {
    AgentTable t;
    const std::array<std::int64_t, 4> ids = {3, 0, 2, 1};
    for (const std::int64_t id : ids) {
        // Each column holds its row's id, so a column left behind shows.
#define FILL(store, member, type, reset, column, column_type, ...)                                 \
    t.column.push_back(static_cast<column_type>(id));
        ROTSIM_SOLDIER_FIELDS(FILL, ROTSIM_SKIP_SOLDIER_FIELD)
#undef FILL
        t.contingent.push_back(static_cast<std::int32_t>(id));
    }
    sort_by_id(t);
    for (std::size_t k = 0; k < ids.size(); ++k) {
#define IN_ORDER(store, member, type, reset, column, column_type, ...)                             \
    {                                                                                              \
        INFO("column " #column " row " << k);                                                      \
        CHECK(t.column[k] == static_cast<column_type>(k));                                         \
    }
        ROTSIM_SOLDIER_FIELDS(IN_ORDER, ROTSIM_SKIP_SOLDIER_FIELD)
#undef IN_ORDER
        CHECK(t.contingent[k] == static_cast<std::int32_t>(k));
    }
}

TEST_CASE("each state's soldiers are counted in the series named after it") {
    for (int s = 0; s < kStateCount; ++s) {
        const auto state = static_cast<State>(s);
        INFO(state_name(state));
        CHECK(kMetrics[state_series(state)].name == "n_" + std::string(state_name(state)));
    }
}

TEST_CASE("each account's balance is recorded in the series named after it") {
    // The accounts in the order of enum Account, as docs/model.md names them.
    const std::array<std::string, kAccountCount> names = {
        "receivable", "soldier_accounts", "paid_to_soldiers", "family_compensation",
        "party_fund", "military",         "elite_luxury",     "food"};
    for (const auto& [account, series] : kAccountSeries)
        CHECK(std::string(kMetrics[series].name) ==
              names[static_cast<std::size_t>(account)] + "_usd");
}

TEST_CASE("in_russia adds the counts of training, the front and hospital, and no others") {
    std::array<std::int64_t, kStateCount> by_state{};
    for (int s = 0; s < kStateCount; ++s)
        by_state[static_cast<std::size_t>(s)] = std::int64_t{1} << s;
    const std::int64_t expected = by_state[static_cast<int>(State::russia_training)] +
                                  by_state[static_cast<int>(State::deployed)] +
                                  by_state[static_cast<int>(State::wounded)];
    CHECK(count_in_russia(by_state) == expected);
    // A replication's series agree (its head count is checked every tick: checked()).
    const ReplicationResult r = run_replication(article(), 3, 0, checked());
    for (const Eigen::Index t : {Eigen::Index{0}, Eigen::Index{180}, r.series.cols() - 1})
        CHECK(r.series(metric::in_russia, t) == r.series(metric::n_russia_training, t) +
                                                    r.series(metric::n_deployed, t) +
                                                    r.series(metric::n_wounded, t));
}
