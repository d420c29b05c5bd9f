// The scenario side of issue 11: [contingent.NAME] sections, durations that change by dispatch
// date, and the start and experience keys (docs/model.md 3.3.1, 3.3.4, 3.3.13, 3.3.14).
#include "model/error.hpp"
#include "model/keys.hpp"
#include "model/scenario_loader.hpp"

#include "../fuzz/fuzz_support.hpp"

#include <catch2/catch.hpp>

using Catch::Contains;
using rotsim::Scenario;

namespace {

Scenario parse(const std::string& text, const std::vector<std::string>& overrides = {}) {
    return rotsim::parse_scenario(text, "test.ini", overrides);
}

const std::string kTwo = "[run]\n"
                         "horizon_days = 200\n"
                         "start_date = 2024-10-08\n"
                         "[durations]\n"
                         "stay_days = 60..90, 2024-12-01:180..200\n"
                         "[contingent.combat]\n"
                         "target_strength = 0:1000, 2024-11-01:1500\n"
                         "start = warm\n"
                         "[contingent.builders]\n"
                         "hazard_multiplier = 0\n"
                         "dispatch_schedule = 0:10, 100:0\n"
                         "monthly_pay_usd = 1500\n"
                         "intensity = 0:0.5\n";

} // namespace

TEST_CASE("contingents: each is the global scenario with its own keys over it",
          "[scenario][contingents]") {
    const Scenario s = parse(kTwo);
    REQUIRE(s.contingents.size() == 2);
    const auto& combat = s.contingents[0];
    const auto& builders = s.contingents[1];
    CHECK(combat.name == "combat");
    CHECK(builders.name == "builders");
    CHECK(combat.hazard_multiplier == 1.0);
    CHECK(builders.hazard_multiplier == 0.0);
    CHECK(combat.stream_lane != builders.stream_lane);

    const Scenario& c = *combat.scenario;
    CHECK(c.dispatch == rotsim::Dispatch::target);
    CHECK(c.initial_strength == 1000); // auto: its own target on day 0
    CHECK(c.target_strength.at(24) == 1500);
    CHECK(c.start == rotsim::Start::warm);
    CHECK(c.stay_days.min == 60); // inherited, with its change by dispatch date
    CHECK(c.duration(rotsim::Leg::stay, 54).min == 180);
    CHECK(c.classes.front().monthly_pay_cents == 200000);

    const Scenario& b = *builders.scenario;
    CHECK(b.dispatch == rotsim::Dispatch::schedule);
    CHECK(b.initial_strength == 0);
    CHECK(b.dispatch_schedule.at(0) == 10);
    CHECK(b.classes.front().hazard_multiplier == 0.0); // folded into its classes
    CHECK(b.classes.front().monthly_pay_cents == 150000);
    CHECK(b.intensity.at(0) == 0.5);
    CHECK(b.start == rotsim::Start::cold);
    CHECK(b.contingents.empty());
}

TEST_CASE("contingents: the resolved text reads back as the same scenario",
          "[scenario][contingents]") {
    const Scenario s = parse(kTwo, {"contingent.combat.stay_days.scale=2"});
    CHECK_THAT(s.resolved_text, Contains("[contingent.builders]"));
    CHECK_THAT(s.resolved_text, Contains("stay_days = 120..180, 2024-12-01:360..400"));
    const Scenario again = parse(s.resolved_text);
    CHECK(rotsim::fuzz::without_comments(again.resolved_text) ==
          rotsim::fuzz::without_comments(s.resolved_text));
    REQUIRE(again.contingents.size() == 2);
    CHECK(again.contingents[0].scenario->stay_days.max == 180);
    CHECK(again.contingents[1].scenario->dispatch == rotsim::Dispatch::schedule);
    CHECK(again.contingents[1].stream_lane == s.contingents[1].stream_lane);
}

TEST_CASE("contingents: a contingent's streams follow its name, not its place",
          "[scenario][contingents]") {
    const std::string swapped = "[contingent.builders]\n"
                                "dispatch_schedule = 0:10\n"
                                "[contingent.combat]\n"
                                "target_strength = 0:100\n";
    const std::string ordered = "[contingent.combat]\n"
                                "target_strength = 0:100\n"
                                "[contingent.builders]\n"
                                "dispatch_schedule = 0:10\n";
    const Scenario a = parse(swapped), b = parse(ordered);
    CHECK(a.contingents[0].stream_lane == b.contingents[1].stream_lane);
    CHECK(a.contingents[1].stream_lane == b.contingents[0].stream_lane);
}

TEST_CASE("contingents: bad sections and keys are named", "[scenario][contingents]") {
    CHECK_THROWS_WITH(parse("[contingent.a]\nunit_size = 2\n"),
                      Contains("contingent.a") && Contains("exactly one of target_strength") &&
                          Contains("dispatch_schedule"));
    CHECK_THROWS_WITH(parse("[contingent.a]\ntarget_strength = 0:1\ndispatch_schedule = 0:1\n"),
                      Contains("exactly one of"));
    CHECK_THROWS_WITH(parse("[contingent.a]\ntarget_strength = 0:1\np_kia = 0.1\n"),
                      Contains("test.ini:3") && Contains("contingent.a.p_kia") &&
                          Contains("a contingent takes"));
    CHECK_THROWS_WITH(parse("[contingent.a]\ntarget_strength = 0:1\nstay_days = 0..5\n"),
                      Contains("test.ini:3") && Contains("contingent.a.stay_days") &&
                          Contains("min must be >= 1"));
    CHECK_THROWS_WITH(parse("[contingent.a b]\ntarget_strength = 0:1\n"),
                      Contains("contingent names are letters"));
    CHECK_THROWS_WITH(parse("[contingent.a]\ntarget_strength = 0:1\nhazard_multiplier = -1\n"),
                      Contains("hazard_multiplier") && Contains("-1"));
    CHECK_THROWS_WITH(parse("[contingent.a]\ntarget_strength = 0:1\nhazard_multiplier = 200\n"),
                      Contains("contingent.a.hazard_multiplier") && Contains("more than 1"));
    CHECK_THROWS_WITH(
        parse("[contingent.a]\ntarget_strength = 0:1\n", {"contingent.b.unit_size=2"}),
        Contains("unknown contingent 'b'") && Contains("'a'"));
    CHECK_THROWS_WITH(
        parse("[contingent.a]\ntarget_strength = 0:1\n", {"contingent.a.stay_days.scal=2"}),
        Contains("unknown part"));
    CHECK_THROWS_WITH(parse("[contingent.a]\ntarget_strength = 0:1\n",
                            {"contingent.a.dispatch_schedule.scale=2"}),
                      Contains("gives no dispatch_schedule"));
    CHECK_THROWS_WITH(parse("[contingentt.a]\n"), Contains("[contingent.a]"));
}

TEST_CASE("contingents: the money of all of them together is bounded", "[scenario][contingents]") {
    std::string text = "[run]\nhorizon_days = 36500\n";
    for (int k = 0; k < 40; ++k)
        text += "[contingent.c" + std::to_string(k) +
                "]\ntarget_strength = 0:1000000\nmonthly_pay_usd = 1000000\n";
    CHECK_THROWS_WITH(parse(text), Contains("the contingents can accrue together") ||
                                       Contains("more than rotsim's ledger holds"));
}

TEST_CASE("durations by dispatch date: parsing, parts and errors", "[scenario][durations]") {
    const std::string head = "[run]\nstart_date = 2024-10-01\n[durations]\n";
    const Scenario s = parse(head + "stay_days = 60..90, 2025-02-01:180..365, 300:30..30\n");
    CHECK(s.duration(rotsim::Leg::stay, -1).max == 90);
    CHECK(s.duration(rotsim::Leg::stay, 122).max == 90);
    CHECK(s.duration(rotsim::Leg::stay, 123).max == 365);
    CHECK(s.duration(rotsim::Leg::stay, 299).max == 365);
    CHECK(s.duration(rotsim::Leg::stay, 300).max == 30);
    CHECK_THAT(s.resolved_text,
               Contains("stay_days = 60..90, 2025-02-01:180..365, 300:30..30  # days: 123:"));

    const Scenario shifted =
        parse(head + "stay_days = 60..90, 2025-02-01:180..365\n", {"durations.stay_days.shift=10"});
    CHECK(shifted.duration(rotsim::Leg::stay, 0).min == 70);
    CHECK(shifted.duration(rotsim::Leg::stay, 200).max == 375);

    const Scenario training =
        parse(head + "russia_training_days = 14..42, 100:0..7\n[casualties]\ntraining_gap = 1\n");
    CHECK(training.shortest_training() == 0);

    CHECK_THROWS_WITH(parse(head + "stay_days = 5:60..90\n"), Contains("the first range"));
    CHECK_THROWS_WITH(parse(head + "stay_days = 60..90, 100:1..2, 50:3..4\n"),
                      Contains("must increase"));
    CHECK_THROWS_WITH(parse(head + "stay_days = 60..90, 2024-09-01:1..2\n"),
                      Contains("day -30") && Contains("2024-10-01"));
    CHECK_THROWS_WITH(parse(head + "stay_days = 60..90, 100\n"), Contains("'DAY:min..max'"));
    CHECK_THROWS_WITH(parse(head + "stay_days = 60..90, 100:0..2\n"), Contains("min must be >= 1"));
    CHECK_THROWS_WITH(parse(head + "recovery_days = 14..60, 100:1..2\n"),
                      Contains("recovery_days") && Contains("range"));
}

TEST_CASE("start and experience keys", "[scenario]") {
    const Scenario s = parse("[strength]\nstart = warm\n[casualties]\nexperience = exposure\n");
    CHECK(s.start == rotsim::Start::warm);
    CHECK(s.experience == rotsim::Experience::exposure);
    const Scenario d = parse("");
    CHECK(d.start == rotsim::Start::cold);
    CHECK(d.experience == rotsim::Experience::calendar);
    CHECK_THROWS_WITH(parse("[strength]\nstart = hot\n"), Contains("'cold' or 'warm'"));
    CHECK_THROWS_WITH(parse("[casualties]\nexperience = days\n"),
                      Contains("'calendar' or 'exposure'"));
}
