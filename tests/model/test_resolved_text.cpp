#include "model/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using rotsim::Scenario;

namespace {

Scenario parse(const std::string& text, const std::vector<std::string>& overrides = {}) {
    return rotsim::parse_scenario(text, "test.ini", overrides);
}

// Field by field, with exact comparison of doubles: a round trip must lose nothing.
void require_same(const Scenario& a, const Scenario& b) {
    CHECK(a.horizon_days == b.horizon_days);
    CHECK(a.start_date == b.start_date);
    CHECK(a.target_strength.points() == b.target_strength.points());
    CHECK(a.dispatch == b.dispatch);
    CHECK(a.dispatch_schedule.points() == b.dispatch_schedule.points());
    CHECK(a.initial_strength == b.initial_strength);
    CHECK(a.initial_arrival_spread_days == b.initial_arrival_spread_days);
    CHECK(a.relief_lead_days == b.relief_lead_days);
    CHECK(a.unit_size == b.unit_size);
    CHECK(a.rotation_policy == b.rotation_policy);
    CHECK(a.pool_size == b.pool_size);
    CHECK(a.max_tours == b.max_tours);
    CHECK(a.rest_days == b.rest_days);
    for (auto range :
         {&Scenario::transit_in_days, &Scenario::russia_training_days, &Scenario::stay_days,
          &Scenario::recovery_days, &Scenario::transit_out_days}) {
        CHECK((a.*range).min == (b.*range).min);
        CHECK((a.*range).max == (b.*range).max);
    }
    for (auto number :
         {&Scenario::p_kia, &Scenario::p_wia, &Scenario::p_captured, &Scenario::p_died_of_wounds,
          &Scenario::p_return_to_duty, &Scenario::inexperience, &Scenario::experience_days,
          &Scenario::training_gap, &Scenario::training_reference_days,
          &Scenario::death_compensation_share, &Scenario::gdp_usd, &Scenario::defence_share_of_gdp,
          &Scenario::home_monthly_pay_usd})
        CHECK(a.*number == b.*number);
    CHECK(a.intensity.points() == b.intensity.points());
    CHECK(a.monthly_pay_cents == b.monthly_pay_cents);
    CHECK(a.pay_state == b.pay_state);
    CHECK(a.settlement_days == b.settlement_days);
    CHECK(a.allocation.soldier == b.allocation.soldier);
    CHECK(a.allocation.party_fund == b.allocation.party_fund);
    CHECK(a.allocation.military == b.allocation.military);
    CHECK(a.allocation.elite_luxury == b.allocation.elite_luxury);
    CHECK(a.allocation.food == b.allocation.food);
    CHECK(a.death_lump_cents == b.death_lump_cents);
    REQUIRE(a.classes.size() == b.classes.size());
    for (std::size_t i = 0; i < a.classes.size(); ++i) {
        CHECK(a.classes[i].name == b.classes[i].name);
        CHECK(a.classes[i].share == b.classes[i].share);
        CHECK(a.classes[i].hazard_multiplier == b.classes[i].hazard_multiplier);
        CHECK(a.classes[i].monthly_pay_cents == b.classes[i].monthly_pay_cents);
    }
    CHECK(a.resolved_text == b.resolved_text);
}

void require_round_trip(const Scenario& original) {
    const Scenario again = rotsim::parse_scenario(original.resolved_text, "resolved.ini");
    require_same(original, again);
}

std::vector<std::string> lines_starting_with(const std::string& text, char first) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] == first) lines.push_back(line);
    return lines;
}

} // namespace

TEST_CASE("the resolved text lists every key, sections in order", "[scenario][resolved]") {
    const Scenario s = parse("");
    CHECK(lines_starting_with(s.resolved_text, '[') ==
          std::vector<std::string>{"[run]", "[strength]", "[durations]", "[casualties]", "[pay]",
                                   "[allocation]", "[compensation]", "[context]",
                                   "[class.storm_corps]"});
    std::size_t keys = 0;
    for (char c : s.resolved_text)
        keys += c == '=';
    CHECK(keys == 43 + 3);
    CHECK_THAT(s.resolved_text, Catch::StartsWith("[run]\nhorizon_days = 365\n"
                                                  "start_date = 2024-10-01\n\n[strength]\n"
                                                  "target_strength = 0:11000, 90:15000\n"
                                                  "dispatch = target\n"
                                                  "dispatch_schedule = 0:0\n"
                                                  "initial_strength = 11000\n"));
    CHECK_THAT(s.resolved_text, Catch::Contains("pool_size = unlimited\n"));
    CHECK_THAT(s.resolved_text, Catch::Contains("stay_days = 60..90\n"));
    CHECK_THAT(s.resolved_text, Catch::Contains("p_captured = 0.00001\n"));
    CHECK_THAT(s.resolved_text, Catch::Contains("monthly_pay_usd = 2000\n"));
    CHECK_THAT(s.resolved_text,
               Catch::Contains("pay_states = russia_training, deployed, wounded\n"));
    CHECK_THAT(s.resolved_text,
               Catch::Contains("[allocation]\nsoldier = 0.05\nparty_fund = 0.45\n"));
    CHECK_THAT(s.resolved_text,
               Catch::EndsWith("[class.storm_corps]\nshare = 1\nhazard_multiplier = 1\n"
                               "monthly_pay_usd = 2000\n"));
}

TEST_CASE("the defaults round trip through the resolved text", "[scenario][resolved]") {
    require_round_trip(parse(""));
}

TEST_CASE("an unusual scenario round trips exactly", "[scenario][resolved]") {
    const Scenario s = parse("[run]\nhorizon_days = 1000\nstart_date = 2024-02-29\n"
                             "[strength]\ntarget_strength = 0:1000.5, 7:2000.25, 400:0\n"
                             "initial_strength = 17\nunit_size = 250\nrotation_policy = unit\n"
                             "pool_size = 123456\nmax_tours = 3\nrest_days = 0\n"
                             "[durations]\ntransit_in_days = 0..0\nstay_days = 1..36500\n"
                             "[casualties]\np_kia = 0.00012345678901234567\n"
                             "intensity = 0:0.1, 30:0.30000000000000004, 60:1e-300\n"
                             "inexperience = 0.3333333333333333\n"
                             "[pay]\nmonthly_pay_usd = 1234.56\npay_states = pipeline, home\n"
                             "settlement_days = 1\n"
                             "[allocation]\nsoldier = 0.123456789\nparty_fund = 0.376543211\n"
                             "military = 0.2\nelite_luxury = 0.2\nfood = 0.1\n"
                             "[compensation]\ndeath_lump_usd = 0.01\n"
                             "[class.a]\nshare = 0.1\nhazard_multiplier = 2.5\n"
                             "[class.b]\nshare = 0.2\nmonthly_pay_usd = 99.9\n"
                             "[class.c]\nshare = 0.7\n",
                             {"context.gdp_usd=1.7976931348623157e308", "casualties.p_wia=0.1"});
    CHECK(s.classes.size() == 3);
    CHECK(s.p_wia == 0.1);
    require_round_trip(s);
}

TEST_CASE("a pay_states list that is empty round trips", "[scenario][resolved]") {
    const Scenario s = parse("[pay]\npay_states =\n");
    CHECK_THAT(s.resolved_text, Catch::Contains("pay_states =\n"));
    require_round_trip(s);
}

TEST_CASE("allocation rounding is stable through the resolved text", "[scenario][resolved]") {
    const Scenario s = parse("[allocation]\nsoldier = 0.333333333333\nparty_fund = 0.333333333333\n"
                             "military = 0.333333333334\nelite_luxury = 0\nfood = 0\n");
    CHECK_THAT(s.resolved_text, Catch::Contains("soldier = 0.333333334\n"));
    require_round_trip(s);
}

TEST_CASE("the resolved text is a fixed point", "[scenario][resolved]") {
    const Scenario s = parse("[casualties]\np_kia = 0.1e-3\n[class.x]\n", {"run.horizon_days=77"});
    const Scenario once = parse(s.resolved_text);
    const Scenario twice = parse(once.resolved_text);
    CHECK(s.resolved_text == once.resolved_text);
    CHECK(once.resolved_text == twice.resolved_text);
}

TEST_CASE("a dispatch schedule round trips", "[scenario][resolved]") {
    const Scenario s = parse("[strength]\ndispatch = schedule\n"
                             "dispatch_schedule = 0:12.5, 30:0.1, 90:250\n");
    CHECK(s.dispatch == rotsim::Dispatch::schedule);
    CHECK_THAT(
        s.resolved_text,
        Catch::Contains("dispatch = schedule\ndispatch_schedule = 0:12.5, 30:0.1, 90:250\n"));
    require_round_trip(s);
}
