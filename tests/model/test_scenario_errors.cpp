#include "model/error.hpp"
#include "model/scenario_loader.hpp"

#include <catch2/catch.hpp>

using Catch::Contains;
using rotsim::InputError;

namespace {

rotsim::Scenario parse(const std::string& text, const std::vector<std::string>& overrides = {}) {
    return rotsim::parse_scenario(text, "test.ini", overrides);
}

} // namespace

TEST_CASE("every bad input is an InputError", "[scenario][errors]") {
    REQUIRE_THROWS_AS(parse("[casualties]\np_kai = 0.1\n"), InputError);
    REQUIRE_THROWS_AS(parse("[run]\nhorizon_days = 0\n"), InputError);
    REQUIRE_THROWS_AS(parse("", {"nonsense"}), InputError);
}

TEST_CASE("an unknown key names file, line, key and the closest key", "[scenario][errors]") {
    REQUIRE_THROWS_WITH(parse("[run]\nhorizon_days = 10\n[casualties]\np_kai = 0.1\n"),
                        Contains("test.ini:4: unknown key 'casualties.p_kai'; did you mean "
                                 "'p_kia'?"));
    REQUIRE_THROWS_WITH(parse("[durations]\nstay_day = 60..90\n"),
                        Contains("test.ini:2") && Contains("'durations.stay_day'") &&
                            Contains("did you mean 'stay_days'?"));
    // Spelt right under the wrong section: the suggestion names the right section.
    REQUIRE_THROWS_WITH(parse("[pay]\np_kia = 0.1\n"),
                        Contains("test.ini:2") && Contains("'pay.p_kia'") &&
                            Contains("did you mean 'casualties.p_kia'?"));
    REQUIRE_THROWS_WITH(parse("horizon_days = 3\n"),
                        Contains("test.ini:1") &&
                            Contains("'horizon_days' is outside any section") &&
                            Contains("did you mean 'run.horizon_days'?"));
    REQUIRE_THROWS_WITH(parse("[class.regular]\nshares = 1\n"),
                        Contains("test.ini:2") && Contains("'class.regular.shares'") &&
                            Contains("did you mean 'share'?"));
}

TEST_CASE("an unknown section names file, line and the closest section", "[scenario][errors]") {
    REQUIRE_THROWS_WITH(parse("[run]\n\n[casualtes]\np_kia = 0.1\n"),
                        Contains("test.ini:3: unknown section '[casualtes]'; did you mean "
                                 "'[casualties]'?"));
    REQUIRE_THROWS_WITH(parse("[clas.regular]\nshare = 1\n"),
                        Contains("test.ini:1") && Contains("did you mean '[class.regular]'?"));
    // An empty unknown section is still reported: it is a typo waiting to swallow keys.
    REQUIRE_THROWS_WITH(parse("[contxt]\n"), Contains("did you mean '[context]'?"));
    REQUIRE_THROWS_WITH(parse("[class.]\n"), Contains("test.ini:1") && Contains("class names"));
    REQUIRE_THROWS_WITH(parse("[class.a b]\n"), Contains("class names"));
}

TEST_CASE("a syntax error names its line", "[scenario][errors]") {
    REQUIRE_THROWS_WITH(parse("[run]\nhorizon_days 100\n"),
                        Contains("test.ini:2") && Contains("'horizon_days 100'"));
    REQUIRE_THROWS_WITH(parse("[run\nhorizon_days = 1\n"), Contains("test.ini:1"));
}

TEST_CASE("a key given twice names both lines", "[scenario][errors]") {
    REQUIRE_THROWS_WITH(parse("[casualties]\np_kia = 0.1\np_wia = 0.1\np_kia = 0.2\n"),
                        Contains("test.ini:4: casualties.p_kia: given twice, on lines 2 and 4"));
    REQUIRE_THROWS_WITH(parse("[run]\nhorizon_days = 1\n[pay]\n[run]\nhorizon_days = 2\n"),
                        Contains("lines 2 and 5"));
    REQUIRE_THROWS_WITH(parse("[class.a]\nshare = 1\n\nshare = 1\n"),
                        Contains("test.ini:4: class.a.share: given twice, on lines 2 and 4"));
}

TEST_CASE("malformed values name key, line and text", "[scenario][errors]") {
    REQUIRE_THROWS_WITH(parse("[casualties]\np_kia = abc\n"),
                        Contains("test.ini:2: casualties.p_kia: expected a number, got 'abc'"));
    REQUIRE_THROWS_WITH(parse("[run]\nhorizon_days = 36.5\n"),
                        Contains("test.ini:2: run.horizon_days: expected a whole number, got "
                                 "'36.5'"));
    REQUIRE_THROWS_WITH(parse("[durations]\nstay_days = 60-90\n"),
                        Contains("test.ini:2: durations.stay_days: expected a range of whole days "
                                 "'min..max', got '60-90'"));
    REQUIRE_THROWS_WITH(parse("[strength]\ntarget_strength = 0:11000, 90:x\n"),
                        Contains("test.ini:2: strength.target_strength: expected a schedule") &&
                            Contains("bad point '90:x'"));
    REQUIRE_THROWS_WITH(parse("[casualties]\nintensity = 0:1, 30:2, 20:3\n"),
                        Contains("test.ini:2: casualties.intensity: days must be strictly "
                                 "increasing"));
    REQUIRE_THROWS_WITH(parse("[casualties]\nintensity = 0:1, 30:-2\n"),
                        Contains("casualties.intensity: value -2 on day 30 must be >= 0"));
    REQUIRE_THROWS_WITH(parse("[run]\nstart_date = 2024-13-01\n"),
                        Contains("test.ini:2: run.start_date: no such date '2024-13-01'"));
    REQUIRE_THROWS_WITH(parse("[run]\nstart_date = 1 Oct 2024\n"),
                        Contains("run.start_date: expected a date YYYY-MM-DD"));
    REQUIRE_THROWS_WITH(parse("[strength]\nrotation_policy = units\n"),
                        Contains("test.ini:2: strength.rotation_policy: must be 'individual' or "
                                 "'unit', got 'units'"));
    REQUIRE_THROWS_WITH(parse("[strength]\ndispatch = fixed\n"),
                        Contains("test.ini:2: strength.dispatch: must be 'target' or 'schedule', "
                                 "got 'fixed'"));
    REQUIRE_THROWS_WITH(parse("[strength]\ndispatch_schedule = 0:10, 5:-1\n"),
                        Contains("strength.dispatch_schedule: value -1 on day 5 must be in [0,"));
    REQUIRE_THROWS_WITH(parse("[run]\nhorizon_days = 36500\n[strength]\ndispatch = schedule\n"
                              "dispatch_schedule = 0:1000000\n[pay]\nmonthly_pay_usd = 1000000\n"),
                        Contains("strength.dispatch_schedule = 0:1000000 (line 5) can send"));
    REQUIRE_THROWS_WITH(parse("[strength]\ndispatch_schedule = 10\n"),
                        Contains("test.ini:2: strength.dispatch_schedule: expected a schedule"));
    REQUIRE_THROWS_WITH(parse("[strength]\npool_size = unlimted\n"),
                        Contains("strength.pool_size: expected a whole number or 'unlimited'"));
    REQUIRE_THROWS_WITH(parse("[strength]\ninitial_strength = -1\n"),
                        Contains("strength.initial_strength: must be >= 0"));
    REQUIRE_THROWS_WITH(parse("[pay]\npay_states = deployed, wonded\n"),
                        Contains("test.ini:2: pay.pay_states: unknown state 'wonded'; did you mean "
                                 "'wounded'?"));
    REQUIRE_THROWS_WITH(parse("[pay]\npay_states = deployed, deployed\n"),
                        Contains("listed twice"));
}

TEST_CASE("min greater than max", "[scenario][errors]") {
    REQUIRE_THROWS_WITH(parse("[durations]\n\nstay_days = 90..60\n"),
                        Contains("test.ini:3: durations.stay_days: min 90 is greater than max 60"));
    REQUIRE_THROWS_WITH(parse("[durations]\nstay_days = 0..60\n"),
                        Contains("durations.stay_days: min must be >= 1"));
    REQUIRE_THROWS_WITH(parse("[durations]\nrecovery_days = 0..0\n"), Contains("min must be >= 1"));
    REQUIRE_THROWS_WITH(parse("[durations]\ntransit_in_days = 1..40000\n"),
                        Contains("max must be <= 36500"));
    CHECK(parse("[durations]\ntransit_in_days = 0..0\n").transit_in_days.max == 0);
}

TEST_CASE("probabilities and bounded numbers", "[scenario][errors]") {
    REQUIRE_THROWS_WITH(parse("[casualties]\np_died_of_wounds = 1.2\n"),
                        Contains("test.ini:2: casualties.p_died_of_wounds: must be a probability "
                                 "in [0, 1], got '1.2'"));
    REQUIRE_THROWS_WITH(parse("[compensation]\ndeath_compensation_share = -0.1\n"),
                        Contains("compensation.death_compensation_share: must be a probability"));
    REQUIRE_THROWS_WITH(parse("[context]\ndefence_share_of_gdp = 0\n"),
                        Contains("context.defence_share_of_gdp: must be >= 1e-06"));
    // The context keys divide summaries: too small a divisor would make them inf (issue 14).
    REQUIRE_THROWS_WITH(parse("[context]\ngdp_usd = 1e-300\n"),
                        Contains("context.gdp_usd: must be >= 1"));
    REQUIRE_THROWS_WITH(parse("[context]\nhome_monthly_pay_usd = 0.001\n"),
                        Contains("context.home_monthly_pay_usd: must be >= 0.01"));
    REQUIRE_THROWS_WITH(parse("[context]\ndefence_share_of_gdp = 1.5\n"),
                        Contains("context.defence_share_of_gdp: must be <= 1"));
    REQUIRE_THROWS_WITH(parse("[casualties]\nexperience_days = 0\n"),
                        Contains("casualties.experience_days: must be > 0"));
    REQUIRE_THROWS_WITH(parse("[class.a]\nhazard_multiplier = -1\n"),
                        Contains("test.ini:2: class.a.hazard_multiplier: must be >= 0"));
}

TEST_CASE("a non-positive horizon", "[scenario][errors]") {
    REQUIRE_THROWS_WITH(parse("[run]\nhorizon_days = 0\n"),
                        Contains("test.ini:2: run.horizon_days: must be >= 1, got '0'"));
    REQUIRE_THROWS_WITH(parse("[run]\nhorizon_days = -5\n"), Contains("must be >= 1, got '-5'"));
}

TEST_CASE("money must be whole cents", "[scenario][errors]") {
    REQUIRE_THROWS_WITH(parse("[pay]\nmonthly_pay_usd = 2000.001\n"),
                        Contains("test.ini:2: pay.monthly_pay_usd: must be a whole number of "
                                 "cents, got '2000.001'"));
    REQUIRE_THROWS_WITH(parse("[compensation]\ndeath_lump_usd = 0.005\n"),
                        Contains("compensation.death_lump_usd: must be a whole number of cents"));
    REQUIRE_THROWS_WITH(parse("[class.a]\nmonthly_pay_usd = 1.999\n"),
                        Contains("test.ini:2: class.a.monthly_pay_usd: must be a whole number"));
    REQUIRE_THROWS_WITH(parse("[pay]\nmonthly_pay_usd = -1\n"), Contains("must be >= 0"));
}

TEST_CASE("allocation shares must sum to 1", "[scenario][errors]") {
    REQUIRE_THROWS_WITH(parse("[allocation]\nsoldier = 0.10\n"),
                        Contains("test.ini: [allocation] shares must sum to 1, but they sum to "
                                 "1.05") &&
                            Contains("allocation.soldier = 0.10 (line 2)") &&
                            Contains("allocation.food = 0.10 (default)"));
    // A share given alone rescales the others (test_parts.cpp); all five given are taken as
    // they are, so their sum is checked.
    REQUIRE_THROWS_WITH(parse("", {"allocation.soldier=0.05", "allocation.party_fund=0.40",
                                   "allocation.military=0.25", "allocation.elite_luxury=0.15",
                                   "allocation.food=0.10"}),
                        Contains("sum to 0.95") &&
                            Contains("allocation.party_fund = 0.40 (--set)"));
    // Within 1e-9 is accepted.
    CHECK_NOTHROW(parse("[allocation]\nsoldier = 0.0500000009\n"));
    REQUIRE_THROWS_WITH(parse("[allocation]\nsoldier = 0.0500001\n"), Contains("sum to 1.0000001"));
}

TEST_CASE("class shares must sum to 1 and are required with several classes",
          "[scenario][errors][classes]") {
    REQUIRE_THROWS_WITH(parse("[class.a]\nshare = 0.5\n[class.b]\nshare = 0.4\n"),
                        Contains("test.ini: class shares must sum to 1, but they sum to 0.9") &&
                            Contains("class.a.share = 0.5 (line 2)") &&
                            Contains("class.b.share = 0.4 (line 4)"));
    REQUIRE_THROWS_WITH(parse("[class.a]\nshare = 0.5\n"), Contains("sum to 0.5"));
    REQUIRE_THROWS_WITH(parse("[class.a]\nshare = 0.5\n[class.b]\nhazard_multiplier = 2\n"),
                        Contains("test.ini:3: class.b.share: required when there are several "
                                 "classes"));
}

TEST_CASE("the worst front probability may not exceed 1", "[scenario][errors]") {
    const std::string text = "[casualties]\np_kia = 0.1\np_wia = 0.2\nintensity = 0:1, 100:2\n";
    REQUIRE_THROWS_WITH(
        parse(text),
        Contains("test.ini: the worst daily probability of a casualty at the front is 1.6") &&
            Contains("casualties.p_kia = 0.1 (line 2)") &&
            Contains("casualties.p_wia = 0.2 (line 3)") &&
            Contains("casualties.p_captured = 0.00001 (default)") && Contains("max intensity 2") &&
            Contains("hazard_multiplier 1 (class.storm_corps)") &&
            Contains("inexperience factor 2 = 1 + casualties.inexperience = 1.0 (default)") &&
            Contains("training-gap factor 1.333333333") &&
            Contains("the shortest russia_training_days 14"));
    // Each factor can push it over: here the class hazard.
    REQUIRE_THROWS_WITH(parse("[casualties]\np_kia = 0.05\np_wia = 0.1\n",
                              {"class.storm_corps.hazard_multiplier=4"}),
                        Contains("hazard_multiplier 4 (class.storm_corps)"));
    // Without the training gap and inexperience factors the same rates are fine.
    CHECK_NOTHROW(parse(text, {"casualties.inexperience=0", "casualties.training_gap=0"}));
    // A peak of intensity after the horizon is never reached.
    const std::string late = "[casualties]\np_kia = 0.02\np_wia = 0.03\nintensity = 0:1, 100:10\n";
    REQUIRE_THROWS_WITH(parse(late), Contains("max intensity 10"));
    CHECK_NOTHROW(parse(late, {"run.horizon_days=50"}));
}

TEST_CASE("overrides with --set: errors name --set and suggest", "[scenario][errors][overrides]") {
    REQUIRE_THROWS_WITH(parse("", {"casualties.p_kia"}),
                        Contains("--set 'casualties.p_kia': expected section.key=value"));
    REQUIRE_THROWS_WITH(parse("", {"=3"}), Contains("--set '=3': expected section.key=value"));
    REQUIRE_THROWS_WITH(parse("", {"p_kia=0.1"}), Contains("--set 'p_kia=0.1'") &&
                                                      Contains("did you mean 'casualties.p_kia'?"));
    REQUIRE_THROWS_WITH(parse("", {"casualties.p_kai=0.1"}),
                        Contains("--set 'casualties.p_kai=0.1': unknown key 'casualties.p_kai'; "
                                 "did you mean 'p_kia'?"));
    REQUIRE_THROWS_WITH(parse("", {"casualtes.p_kia=0.1"}),
                        Contains("--set 'casualtes.p_kia=0.1': unknown section '[casualtes]'; did "
                                 "you mean '[casualties]'?"));
    REQUIRE_THROWS_WITH(parse("", {"class.storm_corp.share=1"}),
                        Contains("--set") && Contains("unknown class 'storm_corp'; did you mean "
                                                      "'storm_corps'?"));
    REQUIRE_THROWS_WITH(parse("", {"class.storm_corps.hazard=2"}),
                        Contains("--set") && Contains("did you mean 'hazard_multiplier'?"));
    REQUIRE_THROWS_WITH(parse("", {"class.share=1"}), Contains("expected class.NAME.key=value"));
    REQUIRE_THROWS_WITH(parse("", {"run.horizon_days=0"}),
                        Contains("--set 'run.horizon_days=0': run.horizon_days: must be >= 1, got "
                                 "'0'"));
    // An override cannot hide a broken file, and a file cannot hide a broken override.
    REQUIRE_THROWS_WITH(parse("[casualties]\np_kai = 0.1\n", {"casualties.p_kia=0.1"}),
                        Contains("test.ini:2"));
}
