// /agents follows the one declaration of the soldiers' fields (sim/soldier_fields.hpp).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "io/hdf5_schema.hpp"
#include "sim/soldiers.hpp"

using namespace rotsim;

TEST_CASE("/agents has the documented columns, in order, each the width of its element") {
    // docs/hdf5-schema.md's layout: a reordering here is a change of the file format.
    const std::vector<std::string> documented = {
        "id",          "soldier_class", "unit",      "dispatch_tick", "arrival_tick",
        "exit_tick",   "final_state",   "tours",     "training_days", "days_at_front",
        "accrued_usd", "paid_usd",      "family_usd"};
    std::vector<std::string> names;
    for (const AgentField& f : kAgentFields)
        names.emplace_back(f.name);
    CHECK(names == documented);
    CHECK(kAgentFields[agent_final_state_index()].element == Element::i8);
    CHECK(kAgentFields[0].element == Element::i64);
    CHECK(kAgentFields.back().element == Element::f64);

    Soldiers s;
    AgentTable table;
    for (int k = 0; k < 3; ++k)
        s.append_row(table, s.add(k, 0, 0, State::pipeline, k));
    for (const AgentField& f : kAgentFields) {
        INFO(f.name);
        CHECK(f.column(table).size() == 3 * element_size(f.element));
    }
}
