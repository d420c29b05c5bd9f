// The loop's shortcuts must change nothing. Arrivals in Russia and last homecomings are worked out
// when they become known, not by an event on their day (docs/engine.md, "Arrivals have no
// event"); a thread's replications reuse one workspace. For the first, each
// scenario here is run both ways, checked every tick, and every series, summary and per-soldier
// column must be equal. The scenarios cover each branch of the shortcut: who is paid on the way,
// journeys of no days, a settlement every day, units, further tours, classes, a warm start and the
// dead paid on.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "test_scenarios.hpp"

using namespace rotsim;
using namespace rotsim::testing;

namespace {

// A smaller force than the article's, so that each pair of runs takes a fraction of a second.
const std::vector<std::string> kSmall = {"strength.target_strength=0:1500,60:2000",
                                         "run.horizon_days=240"};

ReplicationResult run_way(const Scenario& sc, bool ahead, std::int64_t replication) {
    ReplicationOptions o = checked(true);
    o.ahead = ahead;
    return run_replication(sc, 77, replication, o);
}

void require_same(const ReplicationResult& a, const ReplicationResult& b) {
    REQUIRE(a.series == b.series);
    for (std::size_t k = 0; k < a.summary.size(); ++k) // NaN where a ratio has no denominator
        REQUIRE((a.summary[k] == b.summary[k] ||
                 (std::isnan(a.summary[k]) && std::isnan(b.summary[k]))));
    REQUIRE(a.agents.size() == b.agents.size());
    for_each_column([](const auto& x, const auto& y) { REQUIRE(x == y); }, a.agents, b.agents);
}

} // namespace

TEST_CASE("arrivals and homecomings worked out ahead give what their events give") {
    const std::vector<std::pair<const char*, std::vector<std::string>>> cases = {
        {"the article's rules", {}},
        {"pipeline and training paid",
         {"pay.pay_states=pipeline,russia_training,deployed,wounded"}},
        {"pipeline paid, training not: arrivals stay events",
         {"pay.pay_states=pipeline,deployed,wounded"}},
        {"paid on the way home and at home: homecomings stay events",
         {"pay.pay_states=russia_training,deployed,wounded,transit_out,home"}},
        {"the dead paid on", {"pay.pay_states=russia_training,deployed,wounded,killed"}},
        {"journeys of no days and a settlement every day",
         {"durations.transit_in_days=0..2", "durations.transit_out_days=0..1",
          "pay.settlement_days=1"}},
        {"a soldiers' share that is not a whole number of units a day",
         {"allocation.soldier=0.0512345", "allocation.party_fund=0.4487655"}},
        {"units and three tours",
         {"strength.rotation_policy=unit", "strength.unit_size=50", "strength.max_tours=3",
          "strength.rest_days=20"}},
        {"individual rotation and two tours", {"strength.max_tours=2", "strength.rest_days=15"}},
        {"a warm start", {"strength.start=warm"}},
    };
    for (const auto& [name, overrides] : cases) {
        SECTION(name) {
            std::vector<std::string> all = kSmall;
            all.insert(all.end(), overrides.begin(), overrides.end());
            const Scenario sc = scenario("", all);
            for (std::int64_t rep = 0; rep < 2; ++rep)
                require_same(run_way(sc, true, rep), run_way(sc, false, rep));
        }
    }
}

TEST_CASE("two classes: arrivals and homecomings ahead give what their events give") {
    const Scenario sc =
        scenario("[class.storm_corps]\nshare = 0.3\nhazard_multiplier = 2\nmonthly_pay_usd = 2500\n"
                 "[class.regular]\nshare = 0.7\nhazard_multiplier = 1\nmonthly_pay_usd = 1000\n",
                 kSmall);
    require_same(run_way(sc, true, 0), run_way(sc, false, 0));
}

TEST_CASE("a workspace reused across replications and scenarios changes nothing") {
    const Scenario one = scenario("", kSmall);
    std::vector<std::string> units = kSmall;
    units.insert(units.end(), {"strength.rotation_policy=unit", "strength.unit_size=30",
                               "strength.max_tours=2", "strength.rest_days=10"});
    const Scenario other = scenario("", units);
    ReplicationWorkspace workspace;
    ReplicationOptions reused = checked(true);
    reused.workspace = &workspace;
    // The second scenario's replications find the arrays the first one left, full of soldiers.
    for (const Scenario* sc : {&one, &other, &one})
        for (std::int64_t rep = 0; rep < 2; ++rep)
            require_same(run_replication(*sc, 78, rep, reused),
                         run_replication(*sc, 78, rep, checked(true)));
}
