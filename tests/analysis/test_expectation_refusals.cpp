// The expected-value model refuses the rules of issue 11 that it does not follow, naming each, and
// lets through those that cannot change anything in the scenario.
#include <catch2/catch.hpp>

#include "analysis/expectation.hpp"
#include "model/error.hpp"
#include "test_scenarios.hpp"

using namespace rotsim;
using namespace rotsim::testing;
using Catch::Contains;

namespace {

// Small, so that what is let through is computed quickly.
const char* kSmall = R"(
[run]
horizon_days = 60
[strength]
target_strength = 0:200
[durations]
russia_training_days = 14..14
stay_days = 30..40
)";

} // namespace

TEST_CASE("the expectation refuses contingents, naming them") {
    const Scenario sc =
        scenario(std::string(kSmall) + "[contingent.combat]\ntarget_strength = 0:150\n"
                                       "[contingent.builders]\ntarget_strength = 0:50\n"
                                       "hazard_multiplier = 0\n");
    REQUIRE_THROWS_AS(expect_scenario(sc), InputError);
    REQUIRE_THROWS_WITH(expect_scenario(sc), Contains("contingents") &&
                                                 Contains("[contingent.NAME]") &&
                                                 Contains("combat, builders"));
}

TEST_CASE("the expectation refuses durations that change by dispatch date within the horizon") {
    REQUIRE_THROWS_WITH(
        expect_scenario(scenario(kSmall, {"durations.stay_days=30..40, 20:50..60"})),
        Contains("durations.stay_days changes by dispatch date (from day 20)"));
    REQUIRE_THROWS_WITH(
        expect_scenario(scenario(kSmall, {"durations.transit_in_days=7..14, 30:3..5"})),
        Contains("durations.transit_in_days changes by dispatch date"));
    REQUIRE_THROWS_WITH(
        expect_scenario(scenario(kSmall, {"durations.russia_training_days=14..14, 1:20..20"})),
        Contains("durations.russia_training_days changes by dispatch date"));
    REQUIRE_THROWS_WITH(
        expect_scenario(scenario(kSmall, {"durations.transit_out_days=7..14, 59:3..5"})),
        Contains("durations.transit_out_days changes by dispatch date"));
    // A change on or after the horizon is never used: the same expectation as without it.
    const Expectation later =
        expect_scenario(scenario(kSmall, {"durations.stay_days=30..40, 60:50..60"}));
    const Expectation without = expect_scenario(scenario(kSmall));
    CHECK(later.series == without.series);
}

TEST_CASE("the expectation refuses exposure experience where it differs from calendar days") {
    const std::string exposure = "casualties.experience=exposure";
    REQUIRE_THROWS_WITH(
        expect_scenario(scenario(kSmall, {exposure, "casualties.intensity=0:0, 20:1"})),
        Contains("casualties.experience = exposure"));
    REQUIRE_THROWS_WITH(expect_scenario(scenario(kSmall, {exposure, "casualties.intensity=0:2"})),
                        Contains("casualties.experience = exposure"));
    // Intensity 1 throughout, or no inexperience: exposure counts as calendar days do.
    const Expectation calendar = expect_scenario(scenario(kSmall));
    CHECK(expect_scenario(scenario(kSmall, {exposure})).series == calendar.series);
    CHECK(expect_scenario(
              scenario(kSmall, {exposure, "casualties.intensity=0:2", "casualties.inexperience=0"}))
              .series == expect_scenario(scenario(kSmall, {"casualties.intensity=0:2",
                                                           "casualties.inexperience=0"}))
                             .series);
}

TEST_CASE("the expectation refuses a warm start") {
    REQUIRE_THROWS_WITH(expect_scenario(scenario(kSmall, {"strength.start=warm"})),
                        Contains("strength.start = warm") && Contains("start = cold"));
}
