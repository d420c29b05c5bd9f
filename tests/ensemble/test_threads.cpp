#include <catch2/catch.hpp>
#include <map>

#include "ensemble/ensemble.hpp"
#include "test_scenarios.hpp"

using namespace rotsim;
using namespace rotsim::testing;

namespace {

std::map<std::int64_t, ReplicationResult> collect(const Scenario& sc, int threads) {
    EnsemblePlan plan;
    plan.seed = 77;
    plan.replications = 8;
    plan.threads = threads;
    plan.agent_replications = 2;
    std::map<std::int64_t, ReplicationResult> rows;
    run_ensemble(sc, plan, [&](const ReplicationResult& r, std::int64_t row) { rows[row] = r; });
    return rows;
}

} // namespace

TEST_CASE("an ensemble gives the same results on 1 and 2 threads") {
    const Scenario sc = article();
    const auto one = collect(sc, 1);
    const auto two = collect(sc, 2);
    REQUIRE(one.size() == 8);
    REQUIRE(two.size() == 8);
    for (const auto& [row, r] : one) {
        const ReplicationResult& other = two.at(row);
        REQUIRE(r.replication == row);
        REQUIRE(r.series == other.series);
        REQUIRE(r.summary == other.summary);
        REQUIRE(r.has_agents == (row < 2));
        REQUIRE(r.agents.exit_tick == other.agents.exit_tick);
    }
}

TEST_CASE("a failing replication stops the ensemble and its error reaches the caller") {
    const Scenario sc = article();
    EnsemblePlan plan;
    plan.replications = 6;
    plan.threads = 2;
    int seen = 0;
    CHECK_THROWS_WITH(run_ensemble(sc, plan,
                                   [&](const ReplicationResult&, std::int64_t) {
                                       if (++seen == 2) throw std::runtime_error("disk full");
                                   }),
                      "disk full");
}
