// Parts of structured keys, dates in schedules and shares given alone (docs/model.md section 5,
// docs/uncertainty.md).
#include "model/error.hpp"
#include "model/keys.hpp"
#include "model/scenario_loader.hpp"

// The fuzzers' round-trip oracle reads comments as the loader does; the tests use the same.
#include "../fuzz/fuzz_support.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

using Catch::Contains;
using rotsim::Scenario;

namespace {

Scenario parse(const std::string& text, const std::vector<std::string>& overrides = {}) {
    return rotsim::parse_scenario(text, "test.ini", overrides);
}

// A scenario made with a part override, written out and read back, is the same scenario.
Scenario round_trip(const std::string& text, const std::vector<std::string>& overrides) {
    const Scenario s = parse(text, overrides);
    const Scenario again = parse(s.resolved_text);
    CHECK(rotsim::fuzz::without_comments(again.resolved_text) ==
          rotsim::fuzz::without_comments(s.resolved_text));
    CHECK(again.stay_days.min == s.stay_days.min);
    CHECK(again.stay_days.max == s.stay_days.max);
    CHECK(again.intensity.points() == s.intensity.points());
    CHECK(again.target_strength.points() == s.target_strength.points());
    CHECK(again.allocation.party_fund == s.allocation.party_fund);
    CHECK(again.allocation.military == s.allocation.military);
    return s;
}

} // namespace

TEST_CASE("duration parts: min, max, shift, scale", "[scenario][parts]") {
    const std::string file = "[durations]\nstay_days = 60..90\n";
    Scenario s = round_trip(file, {"durations.stay_days.min=70"});
    CHECK((s.stay_days.min == 70 && s.stay_days.max == 90));
    s = round_trip(file, {"durations.stay_days.max=120"});
    CHECK((s.stay_days.min == 60 && s.stay_days.max == 120));
    s = round_trip(file, {"durations.stay_days.shift=-15"});
    CHECK((s.stay_days.min == 45 && s.stay_days.max == 75));
    s = round_trip(file, {"durations.stay_days.scale=1.25"});
    CHECK((s.stay_days.min == 75 && s.stay_days.max == 113)); // 112.5 rounds away from zero
    // Every duration key has the parts, and parts apply in order after whole values.
    s = round_trip("", {"durations.recovery_days=10..20", "durations.recovery_days.shift=5",
                        "durations.transit_in_days.scale=2"});
    CHECK((s.recovery_days.min == 15 && s.recovery_days.max == 25));
    CHECK((s.transit_in_days.min == 14 && s.transit_in_days.max == 28));
}

TEST_CASE("schedule parts: value[K], day[K], scale, shift", "[scenario][parts]") {
    const std::string file = "[casualties]\nintensity = 0:1, 60:2, 120:0.5\n";
    using Points = std::vector<std::pair<int, double>>;
    Scenario s = round_trip(file, {"casualties.intensity.value[1]=3.5"});
    CHECK(s.intensity.points() == Points{{0, 1}, {60, 3.5}, {120, 0.5}});
    s = round_trip(file, {"casualties.intensity.day[1]=75"});
    CHECK(s.intensity.points() == Points{{0, 1}, {75, 2}, {120, 0.5}});
    s = round_trip(file, {"casualties.intensity.day[1]=2024-12-15"});
    CHECK(s.intensity.points() == Points{{0, 1}, {75, 2}, {120, 0.5}});
    CHECK(s.intensity.dated(1));
    s = round_trip(file, {"casualties.intensity.scale=2"});
    CHECK(s.intensity.points() == Points{{0, 2}, {60, 4}, {120, 1}});
    s = round_trip(file, {"casualties.intensity.shift=10"});
    CHECK(s.intensity.points() == Points{{10, 1}, {70, 2}, {130, 0.5}});
    s = round_trip("", {"strength.target_strength.scale=0.5"});
    CHECK(s.target_strength.points() == Points{{0, 5500}, {90, 7500}});
    CHECK(s.initial_strength == 5500); // auto follows the scaled force
}

TEST_CASE("a part that makes an invalid value is refused where it was given",
          "[scenario][parts][errors]") {
    REQUIRE_THROWS_WITH(parse("", {"durations.stay_days.min=100"}),
                        Contains("--set 'durations.stay_days.min=100'") &&
                            Contains("min 100 is greater than max 90"));
    REQUIRE_THROWS_WITH(parse("", {"durations.stay_days.shift=-60"}),
                        Contains("durations.stay_days (60..90 from default, then shift -60): "
                                 "min must be >= 1, got '0..30'"));
    REQUIRE_THROWS_WITH(parse("", {"durations.stay_days.shift=0.5"}),
                        Contains("expected a whole number"));
    REQUIRE_THROWS_WITH(parse("", {"durations.stay_days.scale=1e300"}),
                        Contains("beyond the longest duration"));
    REQUIRE_THROWS_WITH(
        parse("", {"durations.transit_in_days=0..0", "durations.transit_in_days.shift=-5",
                   "durations.transit_in_days.scale=1e300"}),
        Contains("beyond the longest duration"));
    REQUIRE_THROWS_WITH(parse("", {"durations.stay_days.scael=2"}),
                        Contains("unknown part 'scael' of durations.stay_days; did you mean "
                                 "'scale'?"));
    REQUIRE_THROWS_WITH(parse("", {"casualties.intensity.valeu[0]=2"}),
                        Contains("did you mean 'value[K]'?"));
    REQUIRE_THROWS_WITH(parse("", {"casualties.intensity.value[3]=2"}),
                        Contains("has 1 knot (0..0), so there is no knot 3"));
    REQUIRE_THROWS_WITH(parse("", {"casualties.intensity.value[x]=2"}),
                        Contains("expected value[K] with K a knot number"));
    REQUIRE_THROWS_WITH(parse("", {"casualties.p_kia.scale=2"}),
                        Contains("casualties.p_kia is a single value and has no parts"));
    REQUIRE_THROWS_WITH(parse("", {"casualties.intensity.day[0]=0.5"}),
                        Contains("expected a whole number of days or a date"));
    REQUIRE_THROWS_WITH(
        parse("[casualties]\nintensity = 0:1, 10:2\n", {"casualties.intensity.day[1]=0"}),
        Contains("days must be strictly increasing"));
    REQUIRE_THROWS_WITH(parse("[durations]\nstay_days.shift = 3\n"),
                        Contains("test.ini:2") && Contains("parts of keys are for --set"));
}

TEST_CASE("schedule knots may be dates, counted from run.start_date", "[scenario][dates]") {
    const std::string file = "[run]\nstart_date = 2024-10-01\n[casualties]\n"
                             "intensity = 0:0, 2024-12-15:1, 2025-01-20:0.2\n";
    const Scenario s = parse(file);
    using Points = std::vector<std::pair<int, double>>;
    CHECK(s.intensity.points() == Points{{0, 0}, {75, 1}, {111, 0.2}});
    // The resolved text shows the dates as written and the days they fall on.
    CHECK_THAT(s.resolved_text,
               Contains("intensity = 0:0, 2024-12-15:1, 2025-01-20:0.2  # days: 0:0, 75:1, "
                        "111:0.2"));
    CHECK(parse(s.resolved_text).intensity.points() == s.intensity.points());
    // A phase written by date stays on its date when the start moves.
    const Scenario later = parse(file, {"run.start_date=2024-11-01"});
    CHECK(later.intensity.points() == Points{{0, 0}, {44, 1}, {80, 0.2}});
    REQUIRE_THROWS_WITH(parse(file, {"run.start_date=2025-01-01"}),
                        Contains("dates must not be before run.start_date 2025-01-01"));
    REQUIRE_THROWS_WITH(parse("[strength]\ntarget_strength = 2024-02-30:5\n"),
                        Contains("test.ini:2") && Contains("no such date '2024-02-30'"));
    // Day numbers are written as before: a scenario without dates has the same resolved text.
    CHECK_THAT(parse("").resolved_text, Contains("intensity = 0:1\n"));
}

TEST_CASE("a share given alone rescales the others in proportion", "[scenario][shares]") {
    const Scenario s = round_trip("", {"allocation.party_fund=0.6"});
    // The others (0.05, 0.25, 0.15, 0.10: 0.55) share the remaining 0.4.
    CHECK(s.allocation.party_fund == 600'000'000);
    CHECK(s.allocation.military == 181'818'182);
    CHECK(s.allocation.soldier + s.allocation.party_fund + s.allocation.military +
              s.allocation.elite_luxury + s.allocation.food ==
          rotsim::Allocation::kWhole);
    CHECK_THAT(s.resolved_text,
               Contains("military = 0.181818182  # rescaled from 0.25 (default)") &&
                   Contains("after allocation.party_fund = 0.6 (--set)"));
    // Shares written in the file are rescaled the same way.
    const Scenario f = parse("[allocation]\nsoldier = 0\nparty_fund = 0.5\nmilitary = 0.5\n"
                             "elite_luxury = 0\nfood = 0\n",
                             {"allocation.soldier=0.2"});
    CHECK(f.allocation.party_fund == 400'000'000);
    CHECK_THAT(f.resolved_text, Contains("rescaled from 0.5 (line 3)"));
    REQUIRE_THROWS_WITH(parse("", {"allocation.party_fund=0.7", "allocation.military=0.6"}),
                        Contains("shares given alone sum to 1.3, more than 1"));
    REQUIRE_THROWS_WITH(parse("[allocation]\nsoldier = 0\nparty_fund = 1\nmilitary = 0\n"
                              "elite_luxury = 0\nfood = 0\n",
                              {"allocation.party_fund=0.5"}),
                        Contains("the other shares are all 0"));
}

TEST_CASE("a class share given alone rescales the other classes", "[scenario][shares]") {
    const std::string file = "[class.storm]\nshare = 0.6\n[class.regular]\nshare = 0.3\n"
                             "[class.reserve]\nshare = 0.1\n";
    const Scenario s = parse(file, {"class.storm.share=0.8"});
    REQUIRE(s.classes.size() == 3);
    CHECK(s.classes[0].share == 0.8);
    CHECK(s.classes[1].share == Approx(0.15).epsilon(1e-12));
    CHECK(s.classes[2].share == Approx(0.05).epsilon(1e-12));
    CHECK_THAT(s.resolved_text, Contains("class shares sum to 1"));
    CHECK(parse(s.resolved_text).classes[1].share == s.classes[1].share);
}

TEST_CASE("the key reference in docs/model.md is the key table's", "[scenario][docs]") {
    std::ifstream in(std::string(ROTSIM_SOURCE_DIR) + "/docs/model.md");
    REQUIRE(in);
    const std::string docs{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const std::string table = rotsim::key_reference_markdown();
    INFO("regenerate with: build/tools/rotsim check --key-reference");
    CHECK(docs.find(table) != std::string::npos);
}
