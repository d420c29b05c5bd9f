#include "model/schedule.hpp"

#include <catch2/catch.hpp>

using Catch::WithinULP;
using rotsim::Schedule;

TEST_CASE("a schedule is linear between points and flat outside them", "[schedule]") {
    Schedule s({{10, 100.0}, {20, 200.0}, {40, 100.0}});
    CHECK(s.at(-5) == 100.0); // flat before the first point
    CHECK(s.at(0) == 100.0);
    CHECK(s.at(10) == 100.0);
    CHECK_THAT(s.at(15), WithinULP(150.0, 4));
    CHECK(s.at(20) == 200.0);
    CHECK_THAT(s.at(30), WithinULP(150.0, 4));
    CHECK(s.at(40) == 100.0);
    CHECK(s.at(1000) == 100.0); // flat after the last point
    CHECK(s.max_value() == 200.0);
    CHECK(s.min_value() == 100.0);
}

TEST_CASE("a one-point schedule is constant", "[schedule]") {
    Schedule s({{5, 2.5}});
    CHECK(s.at(0) == 2.5);
    CHECK(s.at(5) == 2.5);
    CHECK(s.at(500) == 2.5);
    CHECK(s.max_over(0, 365) == 2.5);
}

TEST_CASE("max_over sees ends and knots inside the interval only", "[schedule]") {
    Schedule s({{10, 1.0}, {20, 3.0}, {30, 1.0}, {100, 5.0}});
    CHECK(s.max_over(0, 10) == 1.0);                   // before the first knot: flat
    CHECK(s.max_over(0, 21) == 3.0);                   // the knot at day 20 is inside
    CHECK_THAT(s.max_over(0, 20), WithinULP(2.8, 4));  // day 19 is the last day of [0, 20)
    CHECK_THAT(s.max_over(25, 30), WithinULP(2.0, 4)); // falling: the first day is the largest
    CHECK_THAT(s.max_over(30, 65), WithinULP(1.0 + 4.0 * 34.0 / 70.0, 4)); // rising to day 64
    CHECK(s.max_over(100, 400) == 5.0); // flat after the last point
    CHECK(s.max_over(0, 400) == 5.0);
    CHECK(s.max_over(15, 15) == s.at(15)); // an empty interval reads its start
}

TEST_CASE("the model-spec target strength schedule", "[schedule]") {
    Schedule target({{0, 11000.0}, {90, 15000.0}});
    CHECK(target.at(0) == 11000.0);
    CHECK_THAT(target.at(45), WithinULP(13000.0, 4));
    CHECK(target.at(90) == 15000.0);
    CHECK(target.at(364) == 15000.0);
    CHECK(target.max_over(0, 365) == 15000.0);
    CHECK(target.max_over(0, 60) < 15000.0);
}
