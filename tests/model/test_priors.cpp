// Priors in a scenario's [uncertainty] section (model/uncertainty.hpp, docs/uncertainty.md).
#include "model/error.hpp"
#include "model/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using Catch::Contains;
using rotsim::Prior;
using rotsim::PriorKind;
using rotsim::Scenario;

namespace {

Scenario parse(const std::string& text, const std::vector<std::string>& overrides = {}) {
    return rotsim::parse_scenario(text, "test.ini", overrides);
}

const std::string kPriors = "[casualties]\nintensity = 0:1, 2024-12-15:2\n"
                            "[uncertainty]\n"
                            "casualties.p_kia = loguniform(0.0002, 0.002)\n"
                            "durations.stay_days.shift = uniform(-10, 30)\n"
                            "casualties.intensity.value[1] = triangular(1, 2, 4)\n"
                            "allocation.party_fund = normal(0.45, 0.1, 0.2, 0.7)\n"
                            "strength.target_strength = choice(\"0:11000, 90:15000\", 0:15000)\n";

} // namespace

TEST_CASE("priors are read, checked and written back", "[scenario][priors]") {
    const Scenario s = parse(kPriors);
    REQUIRE(s.priors.size() == 5);
    CHECK(s.priors[0].kind == PriorKind::loguniform);
    CHECK(s.priors[1].grain == 1); // a shift is whole days
    CHECK(s.priors[2].grain == 0); // an intensity is any number
    CHECK(s.priors[4].choices == std::vector<std::string>{"0:11000, 90:15000", "0:15000"});
    // The fields hold the scenario as written; the priors only say what to draw.
    CHECK(s.p_kia == 0.0005);
    CHECK_THAT(s.resolved_text,
               Contains("[uncertainty]\ncasualties.p_kia = loguniform(0.0002, 0.002)\n"));
    const Scenario again = parse(s.resolved_text);
    CHECK(again.resolved_text == s.resolved_text);
    REQUIRE(again.priors.size() == 5);
    CHECK(again.priors[4].choices == s.priors[4].choices);
}

TEST_CASE("a prior's quantiles follow its distribution", "[scenario][priors]") {
    const Scenario s = parse(kPriors);
    const Prior& log = s.priors[0];
    CHECK(std::stod(log.value_at(0.0)) == Approx(0.0002));
    CHECK(std::stod(log.value_at(0.5)) == Approx(std::sqrt(0.0002 * 0.002)));
    const Prior& shift = s.priors[1];
    // 41 whole values, each equally likely.
    CHECK(shift.value_at(0.0) == "-10");
    CHECK(shift.value_at(0.999999) == "30");
    CHECK(shift.value_at(10.5 / 41) == "0");
    const Prior& tri = s.priors[2];
    CHECK(std::stod(tri.value_at(1.0 / 3)) == Approx(2.0)); // F(mode) = (2-1)/(4-1)
    const Prior& normal = s.priors[3];
    CHECK(std::stod(normal.value_at(0.5)) == Approx(0.45).epsilon(1e-9));
    CHECK(std::stod(normal.value_at(0.0)) >= 0.2);
    CHECK(std::stod(normal.value_at(1.0)) <= 0.7);
    CHECK(s.priors[4].value_at(0.49) == "0:11000, 90:15000");
    CHECK(s.priors[4].value_at(0.51) == "0:15000");
}

TEST_CASE("a key set with --set has no prior", "[scenario][priors]") {
    const Scenario s = parse(kPriors, {"casualties.p_kia=0.001"});
    CHECK(s.priors.size() == 4);
    CHECK(s.p_kia == 0.001);
    // A prior may also be given on the command line.
    const Scenario t = parse("", {"uncertainty.casualties.p_wia=uniform(0.001, 0.005)"});
    REQUIRE(t.priors.size() == 1);
    CHECK(t.priors[0].where == "--set 'uncertainty.casualties.p_wia=uniform(0.001, 0.005)'");
}

TEST_CASE("bad priors are refused with file, line and the closest valid name",
          "[scenario][priors][errors]") {
    REQUIRE_THROWS_WITH(parse("[uncertainty]\ncasualties.p_kai = uniform(0, 0.001)\n"),
                        Contains("test.ini:2: [uncertainty] casualties.p_kai") &&
                            Contains("did you mean 'p_kia'?"));
    REQUIRE_THROWS_WITH(parse("[uncertainty]\n\ndurations.stay_days.shfit = uniform(0, 3)\n"),
                        Contains("test.ini:3") && Contains("did you mean 'shift'?"));
    REQUIRE_THROWS_WITH(parse("[uncertainty]\ncasualties.p_kia = unifrom(0, 0.001)\n"),
                        Contains("test.ini:2") &&
                            Contains("unknown distribution 'unifrom'; did you mean 'uniform'?"));
    REQUIRE_THROWS_WITH(parse("[uncertainty]\ncasualties.p_died_of_wounds = uniform(0, 2)\n"),
                        Contains("test.ini:2") && Contains("the value '2' is refused") &&
                            Contains("must be a probability"));
    REQUIRE_THROWS_WITH(parse("[uncertainty]\ncasualties.p_kia = uniform(0, 0.5)\n"),
                        Contains("the value '0.5' is refused") && Contains("more than 1"));
    REQUIRE_THROWS_WITH(parse("[uncertainty]\ncasualties.p_kia = uniform(0.002, 0.001)\n"),
                        Contains("lo must be less than hi"));
    REQUIRE_THROWS_WITH(parse("[uncertainty]\ncasualties.p_kia = loguniform(0, 0.001)\n"),
                        Contains("loguniform needs lo > 0"));
    REQUIRE_THROWS_WITH(parse("[uncertainty]\ncasualties.p_kia = normal(0.001, 0.001)\n"),
                        Contains("expected normal(mean, sd, lo, hi), got 2 arguments"));
    REQUIRE_THROWS_WITH(parse("[uncertainty]\ncasualties.p_kia = triangular(1, 5, 3)\n"),
                        Contains("the mode must lie within [lo, hi]"));
    REQUIRE_THROWS_WITH(parse("[uncertainty]\ndurations.stay_days.shift = uniform(0.5, 3)\n"),
                        Contains("takes whole numbers; give whole bounds"));
    REQUIRE_THROWS_WITH(parse("[uncertainty]\ndurations.stay_days = choice(60..90, 90..30)\n"),
                        Contains("the value '90..30' is refused"));
    REQUIRE_THROWS_WITH(parse("[uncertainty]\ncasualties.p_kia = choice(\"0.1, 0.2)\n"),
                        Contains("a double quote is not closed"));
    REQUIRE_THROWS_WITH(parse("[uncertainty]\ncasualties.p_kia = 0.001\n"),
                        Contains("expected a distribution"));
    REQUIRE_THROWS_WITH(parse("[uncertainty]\ncasualties.p_kia = uniform(0, 0.001)\n"
                              "casualties.p_kia = uniform(0, 0.002)\n"),
                        Contains("given twice in [uncertainty], on lines 2 and 3"));
    std::string many = "[uncertainty]\n";
    for (int i = 0; i < 1001; ++i)
        many += "casualties.p_kia.x" + std::to_string(i) + " = uniform(0, 1)\n";
    REQUIRE_THROWS_WITH(parse(many), Contains("more than 1000 priors"));
    std::string choices = "[uncertainty]\ncasualties.p_kia = choice(0";
    for (int i = 0; i < 1000; ++i)
        choices += ", 0";
    REQUIRE_THROWS_WITH(parse(choices + ")\n"), Contains("a choice of 1001 values; at most 1000"));
}

TEST_CASE("a prior given with --set replaces the file's", "[scenario][priors]") {
    const Scenario s = parse("[uncertainty]\ncasualties.p_kia = uniform(0, 0.001)\n",
                             {"uncertainty.casualties.p_kia=uniform(0.0005, 0.002)"});
    REQUIRE(s.priors.size() == 1);
    CHECK(s.priors[0].text == "uniform(0.0005, 0.002)");
}
