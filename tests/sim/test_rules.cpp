// One test per rule of model-spec.md, checked on the per-soldier table where the rule is about
// individual soldiers, and on the series where it is about the force.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "test_scenarios.hpp"

using namespace rotsim;
using namespace rotsim::testing;

namespace {

bool is(const AgentTable& a, std::size_t k, State s) {
    return a.final_state[k] == static_cast<std::int8_t>(s);
}

} // namespace

TEST_CASE("no casualty probabilities give no dead, wounded or captured") {
    const Scenario sc = scenario("[casualties]\np_kia = 0\np_wia = 0\np_captured = 0\n");
    const ReplicationResult r = run_replication(sc, 1, 0, checked());
    CHECK(final_value(r, metric::killed) == 0);
    CHECK(final_value(r, metric::wounded) == 0);
    CHECK(final_value(r, metric::captured) == 0);
    CHECK(final_value(r, metric::served) > 50000);
}

TEST_CASE("transit, stay and training durations stay within their ranges") {
    const Scenario sc = scenario(
        "[durations]\ntransit_in_days = 3..5\nstay_days = 40..50\nrussia_training_days = 10..12\n"
        "transit_out_days = 2..4\n[casualties]\np_kia = 0\np_wia = 0\np_captured = 0\n");
    const ReplicationResult r = run_replication(sc, 2, 0, checked(true));
    const AgentTable& a = r.agents;
    int checked_soldiers = 0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        if (a.dispatch_tick[k] < 0 || a.arrival_tick[k] < 0) continue; // placed at the start
        REQUIRE(a.arrival_tick[k] - a.dispatch_tick[k] >= 3);
        REQUIRE(a.arrival_tick[k] - a.dispatch_tick[k] <= 5);
        if (a.exit_tick[k] >= 0) {
            // Without casualties every exit is a rotation, at arrival + stay.
            REQUIRE(a.exit_tick[k] - a.arrival_tick[k] >= 40);
            REQUIRE(a.exit_tick[k] - a.arrival_tick[k] <= 50);
            REQUIRE(a.training_days[k] >= 10);
            REQUIRE(a.training_days[k] <= 12);
            REQUIRE(a.days_at_front[k] == a.exit_tick[k] - a.arrival_tick[k] - a.training_days[k]);
            ++checked_soldiers;
        }
    }
    REQUIRE(checked_soldiers > 10000);
}

TEST_CASE("training cut short by the rotation date sends the soldier home without deploying") {
    const Scenario sc =
        scenario("[durations]\nstay_days = 20..20\nrussia_training_days = 30..30\n");
    const ReplicationResult r = run_replication(sc, 2, 0, checked(true));
    CHECK(final_value(r, metric::killed) == 0);
    for (int t = 0; t < 365; ++t)
        REQUIRE(r.series(metric::n_deployed, t) == 0);
    for (std::size_t k = 0; k < r.agents.size(); ++k)
        REQUIRE(r.agents.days_at_front[k] == 0);
}

TEST_CASE("target strength is held: in Russia follows the schedule") {
    const ReplicationResult r = run_replication(article(), 4, 0, checked());
    CHECK(r.series(metric::in_russia, 0) == 11000);
    // Reliefs leave ahead of rotations, so rotations leave no gap; losses that are not rotations
    // (killed, captured, evacuated: about 35 a day at 15,000) are replaced by soldiers sent the
    // next day who travel 7-14 days, so strength can fall up to about 35 x 14 = 490 below the
    // target. Over 200 replications of 2026-12-07 the lowest was 264 below, the highest 867 above.
    for (int t = 100; t < 365; ++t) {
        REQUIRE(r.series(metric::in_russia, t) >= 15000 - 500);
        REQUIRE(r.series(metric::in_russia, t) <= 15000 + 1500);
    }
}

TEST_CASE("the pool caps how many soldiers are ever sent") {
    const Scenario sc = scenario("[strength]\npool_size = 30000\n");
    const ReplicationResult r = run_replication(sc, 4, 0, checked());
    CHECK(final_value(r, metric::dispatched) + 11000 == 30000);
    CHECK(final_value(r, metric::in_russia) < 15000);
}

TEST_CASE("dispatch comes in whole units of unit_size") {
    const Scenario sc = scenario("[strength]\nunit_size = 250\n");
    const ReplicationResult r = run_replication(sc, 4, 0, checked(true));
    CHECK(final_value(r, metric::dispatched) % 250 == 0);
    std::map<std::int64_t, int> members;
    for (std::size_t k = 0; k < r.agents.size(); ++k)
        if (r.agents.dispatch_tick[k] >= 0) ++members[r.agents.unit[k]];
    for (const auto& [unit, n] : members)
        REQUIRE(n == 250);
}

TEST_CASE("dispatch = schedule sends the scheduled soldiers a day, whatever the strength") {
    // 10.4 rounds to 10 a day, then 40 a day from day 20; the target (0) and the heavy losses
    // would call for other numbers if dispatch fed back.
    const Scenario sc = scenario("[strength]\ntarget_strength = 0:200\ndispatch = schedule\n"
                                 "dispatch_schedule = 0:10.4, 19:10.4, 20:40\n"
                                 "[casualties]\np_kia = 0.05\n[run]\nhorizon_days = 60\n");
    const ReplicationResult r = run_replication(sc, 6, 0, checked());
    for (int t = 0; t < 60; ++t)
        REQUIRE(r.series(metric::dispatched, t) == (t < 20 ? 10 * (t + 1) : 200 + 40 * (t - 19)));
    // Whole units of unit_size, and the pool still caps.
    const Scenario units = scenario("[strength]\ndispatch = schedule\ndispatch_schedule = 0:30\n"
                                    "unit_size = 25\npool_size = 11300\n[run]\nhorizon_days = 8\n");
    const ReplicationResult u = run_replication(units, 6, 0, checked());
    for (int t = 0; t < 6; ++t)
        REQUIRE(u.series(metric::dispatched, t) == 50 * (t + 1));
    CHECK(final_value(u, metric::dispatched) == 300);
}

TEST_CASE("with rotation_policy = unit a unit arrives and rotates together") {
    const Scenario sc = scenario("[strength]\nunit_size = 100\nrotation_policy = unit\n");
    const ReplicationResult r = run_replication(sc, 5, 0, checked(true));
    const AgentTable& a = r.agents;
    std::map<std::int64_t, std::set<int>> arrivals, rotations;
    for (std::size_t k = 0; k < a.size(); ++k) {
        arrivals[a.unit[k]].insert(a.arrival_tick[k]);
        const bool rotated = is(a, k, State::home) || is(a, k, State::transit_out);
        // Soldiers who left through hospital leave on their own day; the rest leave together.
        if (rotated && a.exit_tick[k] >= 0 &&
            a.days_at_front[k] + a.training_days[k] ==
                a.exit_tick[k] - std::max(0, a.arrival_tick[k]))
            rotations[a.unit[k]].insert(a.exit_tick[k]);
    }
    for (const auto& [unit, ticks] : arrivals)
        REQUIRE(ticks.size() == 1);
    int units_rotated = 0;
    for (const auto& [unit, ticks] : rotations) {
        REQUIRE(ticks.size() == 1);
        ++units_rotated;
    }
    CHECK(units_rotated > 100);
}

TEST_CASE("with rotation_policy = unit casualties are not replaced until the unit rotates") {
    // Dispatch counts units at their nominal strength, so it does not see casualties at all: the
    // same dispatches happen with heavy losses as with none, while strength in Russia sags.
    const std::string text = "[strength]\nunit_size = 100\nrotation_policy = unit\n";
    const Scenario none =
        scenario(text, {"casualties.p_kia=0", "casualties.p_wia=0", "casualties.p_captured=0"});
    const Scenario heavy = scenario(text, {"casualties.p_kia=0.005"});
    const ReplicationResult a = run_replication(none, 5, 0, checked());
    const ReplicationResult b = run_replication(heavy, 5, 0, checked());
    REQUIRE(a.series.row(metric::dispatched) == b.series.row(metric::dispatched));
    CHECK(final_value(b, metric::killed) > 1000);
    CHECK(b.series(metric::in_russia, 200) < a.series(metric::in_russia, 200) - 500);
}

TEST_CASE("veterans serve again after their rest, up to max_tours") {
    const Scenario sc = scenario("[strength]\nmax_tours = 2\nrest_days = 10\n");
    const ReplicationResult r = run_replication(sc, 6, 0, checked(true));
    int second_tours = 0;
    for (std::size_t k = 0; k < r.agents.size(); ++k) {
        REQUIRE(r.agents.tours[k] <= 2);
        second_tours += r.agents.tours[k] == 2;
    }
    CHECK(second_tours > 1000);
    CHECK(final_value(r, metric::arrivals) > final_value(r, metric::served));
}

TEST_CASE("hospital outcomes follow p_died_of_wounds and p_return_to_duty") {
    SECTION("all wounded die") {
        const Scenario sc = scenario("[casualties]\np_died_of_wounds = 1\n");
        const ReplicationResult r = run_replication(sc, 7, 0, checked());
        CHECK(final_value(r, metric::returned_to_duty) == 0);
        CHECK(final_value(r, metric::evacuated) == 0);
        CHECK(final_value(r, metric::died_of_wounds) > 0);
    }
    SECTION("nobody returns to duty") {
        const Scenario sc = scenario("[casualties]\np_return_to_duty = 0\np_died_of_wounds = 0\n");
        const ReplicationResult r = run_replication(sc, 7, 0, checked());
        CHECK(final_value(r, metric::returned_to_duty) == 0);
        CHECK(final_value(r, metric::died_of_wounds) == 0);
        CHECK(final_value(r, metric::evacuated) > 0);
    }
}

TEST_CASE("more intensity gives more casualties, with the same random numbers") {
    const Scenario calm = scenario("[casualties]\nintensity = 0:0.5\n");
    const Scenario fierce = scenario("[casualties]\nintensity = 0:2\n");
    for (int rep = 0; rep < 3; ++rep) {
        const ReplicationResult a = run_replication(calm, 8, rep, checked());
        const ReplicationResult b = run_replication(fierce, 8, rep, checked());
        CHECK(final_value(b, metric::killed) > 2 * final_value(a, metric::killed));
        CHECK(final_value(b, metric::wounded) > 2 * final_value(a, metric::wounded));
    }
}

TEST_CASE("changing only the allocation leaves every casualty and rotation where it was") {
    const Scenario base = article();
    const Scenario paid =
        scenario(base.resolved_text, {"allocation.soldier=0.8", "allocation.party_fund=0.05",
                                      "allocation.military=0.05", "allocation.elite_luxury=0.05",
                                      "allocation.food=0.05"});
    const ReplicationResult a = run_replication(base, 9, 2, checked(true));
    const ReplicationResult b = run_replication(paid, 9, 2, checked(true));
    for (int m = 0; m < metric::accrued_usd; ++m)
        REQUIRE(a.series.row(m) == b.series.row(m));
    REQUIRE(a.agents.exit_tick == b.agents.exit_tick);
    REQUIRE(a.agents.final_state == b.agents.final_state);
    CHECK(a.series.row(metric::accrued_usd) == b.series.row(metric::accrued_usd));
    CHECK(final_value(b, metric::paid_to_soldiers_usd) >
          10 * final_value(a, metric::paid_to_soldiers_usd));
}

TEST_CASE("a replication depends only on (seed, replication)") {
    const Scenario sc = article();
    const ReplicationResult a = run_replication(sc, 10, 4);
    const ReplicationResult b = run_replication(sc, 10, 4);
    const ReplicationResult c = run_replication(sc, 10, 5);
    CHECK(a.series == b.series);
    CHECK(a.series != c.series);
}

TEST_CASE("two classes: the more exposed class dies more often") {
    const Scenario sc =
        scenario("[class.storm_corps]\nshare = 0.5\nhazard_multiplier = 1\n"
                 "[class.regular]\nshare = 0.5\nhazard_multiplier = 3\nmonthly_pay_usd = 1000\n");
    const ReplicationResult r = run_replication(sc, 12, 0, checked(true));
    std::array<int, 2> dead{}, total{};
    for (std::size_t k = 0; k < r.agents.size(); ++k) {
        const auto c = static_cast<std::size_t>(r.agents.soldier_class[k]);
        ++total[c];
        dead[c] += is(r.agents, k, State::killed);
    }
    CHECK(std::abs(total[0] - total[1]) < 0.05 * (total[0] + total[1]));
    CHECK(dead[1] > 2 * dead[0]);
}

TEST_CASE("soldiers folded after leaving for good keep their row in the per-soldier table") {
    const Scenario sc = scenario("[run]\nhorizon_days = 730\n[casualties]\np_kia = 0.002\n");
    const ReplicationResult r = run_replication(sc, 13, 0, checked(true));
    const AgentTable& a = r.agents;
    REQUIRE(static_cast<std::int64_t>(a.size()) == final_value(r, metric::dispatched) + 11000);
    for (std::size_t k = 0; k < a.size(); ++k)
        REQUIRE(a.id[k] == static_cast<std::int64_t>(k));
    std::array<std::int64_t, kStateCount> by_state{};
    for (std::size_t k = 0; k < a.size(); ++k)
        ++by_state[static_cast<std::size_t>(a.final_state[k])];
    for (int s = 0; s < kStateCount; ++s)
        REQUIRE(by_state[static_cast<std::size_t>(s)] == final_value(r, s));
}
