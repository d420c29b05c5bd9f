#include "model/error.hpp"
#include "model/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>

using Catch::Contains;
using Catch::WithinRel;
using rotsim::Scenario;
using rotsim::State;

namespace {

Scenario parse(const std::string& text, const std::vector<std::string>& overrides = {}) {
    return rotsim::parse_scenario(text, "test.ini", overrides);
}

bool pays(const Scenario& s, State state) {
    return s.pay_state[static_cast<int>(state)];
}

} // namespace

TEST_CASE("an empty scenario has the defaults of model-spec.md", "[scenario]") {
    const Scenario s = parse("");
    CHECK(s.horizon_days == 365);
    CHECK(s.start_date == "2024-10-01");
    // 11,000 on day 0 growing linearly to 15,000 by day 90, then flat.
    CHECK(s.target_strength.points() ==
          std::vector<std::pair<int, double>>{{0, 11000}, {90, 15000}});
    CHECK(s.dispatch == rotsim::Dispatch::target);
    CHECK(s.dispatch_schedule.points() == std::vector<std::pair<int, double>>{{0, 0}});
    CHECK(s.initial_strength == 11000);
    CHECK(s.initial_arrival_spread_days == 30);
    CHECK(s.relief_lead_days == 14);
    CHECK(s.unit_size == 1);
    CHECK(s.rotation_policy == rotsim::RotationPolicy::individual);
    CHECK(s.pool_size == -1);
    CHECK(s.max_tours == 1);
    CHECK(s.rest_days == 180);

    CHECK((s.transit_in_days.min == 7 && s.transit_in_days.max == 14));
    CHECK((s.russia_training_days.min == 14 && s.russia_training_days.max == 42));
    CHECK((s.stay_days.min == 60 && s.stay_days.max == 90));
    CHECK((s.recovery_days.min == 14 && s.recovery_days.max == 60));
    CHECK((s.transit_out_days.min == 7 && s.transit_out_days.max == 14));

    CHECK(s.p_kia == 0.0005);
    CHECK(s.p_wia == 0.0035);
    CHECK(s.p_captured == 0.00001);
    CHECK(s.p_died_of_wounds == 0.05);
    CHECK(s.p_return_to_duty == 0.4);
    CHECK(s.intensity.points() == std::vector<std::pair<int, double>>{{0, 1.0}});
    CHECK(s.inexperience == 1.0);
    CHECK(s.experience_days == 14.0);
    CHECK(s.training_gap == 0.5);
    CHECK(s.training_reference_days == 42.0);

    CHECK(s.monthly_pay_cents == 200000);
    CHECK(pays(s, State::russia_training));
    CHECK(pays(s, State::deployed));
    CHECK(pays(s, State::wounded));
    for (State other :
         {State::pipeline, State::transit_out, State::home, State::killed, State::captured})
        CHECK_FALSE(pays(s, other));
    CHECK(s.settlement_days == 30);

    CHECK(s.allocation.soldier == 50'000'000);
    CHECK(s.allocation.party_fund == 450'000'000);
    CHECK(s.allocation.military == 250'000'000);
    CHECK(s.allocation.elite_luxury == 150'000'000);
    CHECK(s.allocation.food == 100'000'000);

    CHECK(s.death_compensation_share == 0.10);
    CHECK(s.death_lump_cents == 0);
    CHECK(s.gdp_usd == 40e9);
    CHECK(s.defence_share_of_gdp == 0.30);
    CHECK(s.home_monthly_pay_usd == 1.0);

    REQUIRE(s.classes.size() == 1);
    CHECK(s.classes[0].name == "storm_corps");
    CHECK(s.classes[0].share == 1.0);
    CHECK(s.classes[0].hazard_multiplier == 1.0);
    CHECK(s.classes[0].monthly_pay_cents == 200000);

    // (0.0005 + 0.0035 + 0.00001) x intensity 1 x hazard 1 x (1 + 1) x (1 + 0.5 x (1 - 14/42))
    CHECK_THAT(s.worst_front_probability(),
               WithinRel(0.00401 * 2.0 * (1.0 + 0.5 * (1.0 - 14.0 / 42.0)), 1e-12));
}

TEST_CASE("file values replace defaults", "[scenario]") {
    const Scenario s = parse("# the article's 100,000 arithmetic\n"
                             "[run]\nhorizon_days = 730\nstart_date = 2025-01-15\n"
                             "[strength]\ntarget_strength = 0:15000\ninitial_strength = 12000\n"
                             "unit_size = 100\nrotation_policy = unit\npool_size = 200000\n"
                             "[durations]\nstay_days = 60..60\n"
                             "[pay]\nmonthly_pay_usd = 1999.99\npay_states = deployed\n"
                             "[compensation]\ndeath_lump_usd = 500\n");
    CHECK(s.horizon_days == 730);
    CHECK(s.start_date == "2025-01-15");
    CHECK(s.target_strength.at(0) == 15000.0);
    CHECK(s.initial_strength == 12000);
    CHECK(s.unit_size == 100);
    CHECK(s.rotation_policy == rotsim::RotationPolicy::unit);
    CHECK(s.pool_size == 200000);
    CHECK((s.stay_days.min == 60 && s.stay_days.max == 60));
    CHECK(s.monthly_pay_cents == 199999);
    CHECK(s.classes[0].monthly_pay_cents == 199999); // the class pay follows [pay]
    CHECK(pays(s, State::deployed));
    CHECK_FALSE(pays(s, State::russia_training));
    CHECK(s.death_lump_cents == 50000);
}

TEST_CASE("initial_strength auto follows the target at day 0", "[scenario]") {
    CHECK(parse("[strength]\ntarget_strength = 0:1234.6, 10:5000\n").initial_strength == 1235);
    CHECK(parse("", {"strength.target_strength=0:15000"}).initial_strength == 15000);
    CHECK(parse("[strength]\ninitial_strength = 0\n").initial_strength == 0);
}

TEST_CASE("an empty pay_states pays no one", "[scenario]") {
    const Scenario s = parse("[pay]\npay_states =\n");
    for (bool paid : s.pay_state)
        CHECK_FALSE(paid);
}

TEST_CASE("overrides with --set: overrides replace file values", "[scenario][overrides]") {
    const std::string file = "[casualties]\np_kia = 0.001\n[run]\nhorizon_days = 100\n";
    const Scenario s = parse(file, {"casualties.p_kia=0.002", " run.horizon_days = 200 ",
                                    "casualties.intensity=0:1, 30:2", "pay.monthly_pay_usd=1500"});
    CHECK(s.p_kia == 0.002);
    CHECK(s.horizon_days == 200);
    CHECK(s.intensity.at(30) == 2.0);
    CHECK(s.monthly_pay_cents == 150000);
    CHECK(s.classes[0].monthly_pay_cents == 150000);
    CHECK(parse(file).p_kia == 0.001);
    // Later overrides win, as a sweep appending to a base command line expects.
    CHECK(parse(file, {"run.horizon_days=10", "run.horizon_days=20"}).horizon_days == 20);
}

TEST_CASE("overrides with --set: reaches the implicit class and named classes",
          "[scenario][overrides]") {
    Scenario s = parse("", {"class.storm_corps.hazard_multiplier=1.5"});
    REQUIRE(s.classes.size() == 1);
    CHECK(s.classes[0].hazard_multiplier == 1.5);

    s = parse("[class.a]\nshare = 0.5\n[class.b]\nshare = 0.5\n",
              {"class.a.share=0.25", "class.b.share=0.75", "class.b.monthly_pay_usd=10"});
    CHECK(s.classes[0].share == 0.25);
    CHECK(s.classes[1].share == 0.75);
    CHECK(s.classes[1].monthly_pay_cents == 1000);
    CHECK(s.classes[0].monthly_pay_cents == 200000);
}

TEST_CASE("two classes with their own shares, hazards and pay", "[scenario][classes]") {
    const Scenario s = parse("[pay]\nmonthly_pay_usd = 2500\n"
                             "[class.storm_corps]\nshare = 0.7\nhazard_multiplier = 1.5\n"
                             "[class.regular]\nshare = 0.3\nmonthly_pay_usd = 1500.50\n");
    REQUIRE(s.classes.size() == 2);
    CHECK(s.classes[0].name == "storm_corps");
    CHECK(s.classes[0].share == 0.7);
    CHECK(s.classes[0].hazard_multiplier == 1.5);
    CHECK(s.classes[0].monthly_pay_cents == 250000);
    CHECK(s.classes[1].name == "regular");
    CHECK(s.classes[1].share == 0.3);
    CHECK(s.classes[1].hazard_multiplier == 1.0);
    CHECK(s.classes[1].monthly_pay_cents == 150050);
    // The worst class sets the worst probability.
    const Scenario plain = parse("");
    CHECK_THAT(s.worst_front_probability(),
               WithinRel(1.5 * plain.worst_front_probability(), 1e-12));
}

TEST_CASE("one class section with no share has share 1", "[scenario][classes]") {
    const Scenario s = parse("[class.regular]\nhazard_multiplier = 0.5\n");
    REQUIRE(s.classes.size() == 1);
    CHECK(s.classes[0].name == "regular");
    CHECK(s.classes[0].share == 1.0);
}

TEST_CASE("a reopened section continues it", "[scenario]") {
    const Scenario s = parse("[casualties]\np_kia = 0.001\n[run]\nhorizon_days = 10\n"
                             "[casualties]\np_wia = 0.002\n");
    CHECK(s.p_kia == 0.001);
    CHECK(s.p_wia == 0.002);
}

TEST_CASE("allocation shares are parts per billion summing exactly to the whole",
          "[scenario][allocation]") {
    const Scenario s = parse("[allocation]\nsoldier = 0.333333333333\nparty_fund = 0.333333333333\n"
                             "military = 0.333333333334\nelite_luxury = 0\nfood = 0\n");
    const auto& a = s.allocation;
    CHECK(a.soldier + a.party_fund + a.military + a.elite_luxury + a.food ==
          rotsim::Allocation::kWhole);
    CHECK(a.soldier == 333'333'334); // the residue goes to the (first) largest share
    CHECK(a.party_fund == 333'333'333);
    CHECK(a.military == 333'333'333);

    const Scenario within = parse("[allocation]\nsoldier = 0.0500000004\n");
    CHECK(within.allocation.soldier + within.allocation.party_fund + within.allocation.military +
              within.allocation.elite_luxury + within.allocation.food ==
          rotsim::Allocation::kWhole);
}

TEST_CASE("load_scenario reads a file and names it in messages", "[scenario][file]") {
    // A name of its own, so that two test runs at once do not share the file.
    const auto dir = std::filesystem::temp_directory_path() /
                     ("rotsim_loader_test_" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / "scenario.ini").string();
    {
        std::ofstream out(path);
        out << "[run]\nhorizon_days = 42\n";
    }
    CHECK(rotsim::load_scenario(path).horizon_days == 42);
    CHECK(rotsim::load_scenario(path, {"run.horizon_days=43"}).horizon_days == 43);
    {
        std::ofstream out(path);
        out << "[run]\n\nhorizon_days = 0\n";
    }
    REQUIRE_THROWS_WITH(rotsim::load_scenario(path),
                        Contains(path + ":3: run.horizon_days: must be >= 1, got '0'"));
    {
        std::ofstream out(path); // an empty file is the defaults
    }
    CHECK(rotsim::load_scenario(path).horizon_days == 365);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a missing scenario file is reported by name", "[scenario][file]") {
    REQUIRE_THROWS_AS(rotsim::load_scenario("/nonexistent/x.ini"), rotsim::InputError);
    REQUIRE_THROWS_WITH(rotsim::load_scenario("/nonexistent/x.ini"),
                        Contains("cannot open scenario file '/nonexistent/x.ini'"));
    const auto dir = std::filesystem::temp_directory_path().string();
    REQUIRE_THROWS_WITH(rotsim::load_scenario(dir),
                        Contains("cannot open scenario file '" + dir + "'"));
}

TEST_CASE("dispatch = schedule reads a schedule of soldiers sent per day", "[scenario]") {
    const Scenario s = parse("[strength]\ndispatch = schedule\ndispatch_schedule = 0:10, 100:30\n",
                             {"strength.target_strength=0:500"});
    CHECK(s.dispatch == rotsim::Dispatch::schedule);
    CHECK(s.dispatch_schedule.at(50) == 20.0);
    // The target still sets the initial strength; only dispatch ignores it.
    CHECK(s.initial_strength == 500);
}
