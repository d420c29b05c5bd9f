// What the article's scenario must reproduce (model-spec.md, last section).
#include <catch2/catch.hpp>

#include "test_scenarios.hpp"

using namespace rotsim;
using namespace rotsim::testing;

namespace {

double mean_served(const Scenario& sc, int replications) {
    double sum = 0;
    for (int rep = 0; rep < replications; ++rep)
        sum += run_replication(sc, 2024, rep).summary[s_served];
    return sum / replications;
}

} // namespace

TEST_CASE("the article's arithmetic: 15,000 rotated every 60 days serve about 100,000 a year") {
    const Scenario sc =
        load_scenario(std::string(ROTSIM_SOURCE_DIR) + "/scenarios/article-arithmetic.ini");
    REQUIRE(sc.stay_days.min == 60);
    REQUIRE(sc.stay_days.max == 60);
    const double served = mean_served(sc, 10);
    CHECK(served > 90'000);
    CHECK(served < 110'000);
}

TEST_CASE("with the build-up and two-to-three-month stays fewer serve than the arithmetic says") {
    const double served = mean_served(article(), 10);
    CHECK(served > 60'000);
    CHECK(served < 90'000);
}
