#include "analysis/calibration.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "model/error.hpp"

using namespace rotsim;
using Catch::Matchers::Contains;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

CalibrationTarget target(double value, double uncertainty) {
    CalibrationTarget t;
    t.metric = "killed";
    t.value = value;
    t.uncertainty = uncertainty;
    return t;
}

// 60 days from 2024-10-01; two series and one metric that is only a summary.
TargetCalendar calendar() {
    TargetCalendar c;
    c.start_date = "2024-10-01";
    c.horizon_days = 60;
    c.series = {"killed", "served"};
    c.summaries = {"killed", "peak_in_russia"};
    return c;
}

std::vector<CalibrationTarget> parse(const std::string& text) {
    return parse_targets(text, "t.csv", calendar());
}

} // namespace

TEST_CASE("calibration: the distance is the root mean square of the targets' z-scores",
          "[calibration]") {
    const std::vector<CalibrationTarget> targets = {target(10, 2), target(20, 5)};
    CHECK(calibration_distance({12, 15}, targets) == Approx(1.0));            // z = 1 and -1
    CHECK(calibration_distance({14, 20}, targets) == Approx(std::sqrt(2.0))); // z = 2 and 0
    CHECK(calibration_distance({10, 20}, targets) == 0.0);
    CHECK(std::isnan(calibration_distance({kNaN, 20}, targets)));
    CHECK_THROWS(calibration_distance({1}, targets));
}

TEST_CASE("calibration: a point's simulation is the mean of its finished runs", "[calibration]") {
    CalibrationRuns runs;
    runs.points = 3;
    runs.point = {0, 0, 1, 1, 2};
    runs.done = {true, true, true, false, false};
    runs.simulated = {{1, 3, 10, 1000, 7}, {kNaN, 4, 5, 6, 7}};
    const auto means = point_means(runs);
    REQUIRE(means.size() == 3);
    CHECK(means[0] == std::vector<double>{2, 4});  // NaN skipped
    CHECK(means[1] == std::vector<double>{10, 5}); // the unfinished run left out
    CHECK(std::isnan(means[2][0]));                // no finished run
    runs.point[4] = 3;
    CHECK_THROWS(point_means(runs));
}

TEST_CASE("calibration: acceptance keeps the closest fraction, or the points within the tolerance",
          "[calibration]") {
    const std::vector<double> d = {3, 1, kNaN, 2, 1};
    // Four points have a distance: half of them is 2, ties in point order.
    CHECK(accept_points(d, {0.5}) == std::vector<bool>{false, true, false, false, true});
    // A small fraction still keeps one point (rounded up).
    CHECK(accept_points(d, {0.1}) == std::vector<bool>{false, true, false, false, false});
    CHECK(accept_points(d, {1.0}) == std::vector<bool>{true, true, false, true, true});
    AcceptanceRule within;
    within.tolerance = 2;
    CHECK(accept_points(d, within) == std::vector<bool>{false, true, false, true, true});
    within.tolerance = 0.5;
    CHECK(accept_points(d, within) == std::vector<bool>(5, false));
    CHECK_THROWS(accept_points(d, {0.0}));
}

TEST_CASE("calibration: the posterior summary is over the accepted values only", "[calibration]") {
    const std::vector<double> values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    std::vector<bool> accepted(10, false);
    for (int k = 0; k < 10; k += 2)
        accepted[static_cast<std::size_t>(k)] = true; // 1, 3, 5, 7, 9
    const PosteriorSummary s = posterior_summary("casualties.p_kia", values, accepted, 0, 12);
    CHECK(s.key == "casualties.p_kia");
    CHECK(s.prior_lo == 0);
    CHECK(s.prior_hi == 12);
    CHECK(s.mean == 5);
    CHECK(s.sd == Approx(std::sqrt(10.0)));
    CHECK(s.q05 == Approx(1.4)); // numpy.quantile([1, 3, 5, 7, 9], 0.05)
    CHECK(s.q50 == 5);
    CHECK(s.q95 == Approx(8.6));
    const PosteriorSummary none = posterior_summary("k", values, std::vector<bool>(10), 0, 1);
    CHECK(std::isnan(none.mean));
    CHECK(std::isnan(none.q50));
}

TEST_CASE("calibration recovers the parameter of a simple model", "[calibration]") {
    // 100 points with theta evenly over [0, 1), two runs each; the model gives 10 theta +- 0.1
    // on day 5 and 20 theta on day 9. The targets are the model at theta = 0.42.
    CalibrationRuns runs;
    runs.points = 100;
    runs.simulated.assign(2, {});
    CalibrationKey key{"casualties.p_kia", {}, 0.0, 1.0};
    for (int p = 0; p < 100; ++p) {
        const double theta = p / 100.0;
        key.values.push_back(theta);
        for (int r = 0; r < 2; ++r) {
            runs.point.push_back(p);
            runs.done.push_back(true);
            runs.simulated[0].push_back(10 * theta + (r == 0 ? 0.1 : -0.1));
            runs.simulated[1].push_back(20 * theta);
        }
    }
    const std::vector<CalibrationTarget> targets = {target(4.2, 0.5), target(8.4, 1.0)};
    const Calibration c = calibrate(runs, targets, {key}, {0.05});
    CHECK(c.best == 42);
    CHECK(c.distance[42] == Approx(0.0).margin(1e-12));
    REQUIRE(c.ranking.size() == 5);
    CHECK(c.ranking.front() == 42);
    for (std::size_t k = 1; k < c.ranking.size(); ++k)
        CHECK(c.distance[static_cast<std::size_t>(c.ranking[k - 1])] <=
              c.distance[static_cast<std::size_t>(c.ranking[k])]);
    // The five closest: 0.40 to 0.44.
    REQUIRE(c.posterior.size() == 1);
    CHECK(c.posterior[0].mean == Approx(0.42));
    CHECK(c.posterior[0].q50 == Approx(0.42));
    CHECK(c.posterior[0].q05 == Approx(0.402));
    CHECK(c.posterior[0].q95 == Approx(0.438));
    // The fit: the best point's mean, and the band over the accepted points' ten runs.
    REQUIRE(c.fit.size() == 2);
    CHECK(c.fit[0].best == Approx(4.2));
    CHECK(c.fit[0].median == Approx(4.2));
    CHECK(c.fit[0].q05 < 4.0);
    CHECK(c.fit[0].q95 > 4.4);
    CHECK(c.fit[1].median == Approx(8.4));
}

TEST_CASE("calibration: dates are days of the scenario's calendar", "[calibration]") {
    CHECK(days_between("2024-10-01", "2024-10-01") == 0);
    CHECK(days_between("2024-10-01", "2025-03-01") == 151); // February 2025 has 28 days
    CHECK(days_between("2024-02-28", "2024-03-01") == 2);   // 2024 is a leap year
    CHECK(days_between("2024-10-01", "2024-09-30") == -1);
    CHECK_FALSE(days_between("2024-10-01", "2024-02-30"));
    CHECK_FALSE(days_between("2024-10-01", "2024-1-05"));
    CHECK_FALSE(days_between("2024-10-01", "01/10/2024"));
}

TEST_CASE("calibration: a targets file is read in any column order, by date or by day",
          "[calibration]") {
    const auto by_date = parse("\xEF\xBB\xBF# illustrative\r\n"
                               "metric, date ,uncertainty,value\r\n"
                               "\r\n"
                               "killed,2024-10-21,2.5,20\r\n"
                               "# a comment\n"
                               "served,2024-11-29,100,5000\n"
                               "peak_in_russia,,50,1200\n");
    REQUIRE(by_date.size() == 3);
    CHECK(by_date[0].metric == "killed");
    CHECK(by_date[0].tick == 20);
    CHECK(by_date[0].date == "2024-10-21");
    CHECK(by_date[0].value == 20);
    CHECK(by_date[0].uncertainty == 2.5);
    CHECK(by_date[0].line == 4);
    CHECK_FALSE(by_date[0].summary); // a series first, where the name is both
    CHECK(by_date[1].tick == 59);
    CHECK(by_date[2].summary);
    CHECK(by_date[2].tick == 59);
    CHECK(by_date[2].date == "2024-11-29");
    const auto by_day =
        parse("day,metric,value,uncertainty\n0,killed,0,1\n59,peak_in_russia,9,1\n");
    REQUIRE(by_day.size() == 2);
    CHECK(by_day[0].date == "2024-10-01");
    CHECK(by_day[1].summary);
}

TEST_CASE("calibration: a bad targets file is refused at its line, saying what is wrong",
          "[calibration]") {
    const std::string header = "date,metric,value,uncertainty\n";
    auto refuses = [&](const std::string& rows, const std::string& message) {
        INFO(rows);
        CHECK_THROWS_WITH(parse(header + rows), Contains(message));
    };
    refuses("2024-10-21,kiled,20,2\n", "t.csv:2: unknown metric 'kiled'; did you mean 'killed'?");
    refuses("2024-10-21,killed,20,2\n2024-12-01,killed,30,2\n",
            "t.csv:3: date 2024-12-01 (day 61) is outside the scenario's horizon: days 0 to 59, "
            "2024-10-01 to 2024-11-29");
    refuses("2024-09-30,killed,20,2\n", "t.csv:2: date 2024-09-30 (day -1) is outside");
    refuses("2024-10-21,killed,20,0\n", "t.csv:2: uncertainty must be greater than 0, got 0");
    refuses("2024-10-21,killed,20,-1\n", "t.csv:2: uncertainty must be greater than 0, got -1");
    // z-scores that would overflow: the distance would be infinite for every point.
    refuses("2024-10-21,killed,1e308,1e-308\n",
            "t.csv:2: value 1e308 is beyond what any metric reaches");
    refuses("2024-10-21,killed,20,1e-308\n", "t.csv:2: uncertainty 1e-308 is below 1e-60");
    CHECK(parse(header + "2024-10-21,killed,-1e18,1e-60\n").size() == 1);
    refuses("2024-10-21,killed,2o,2\n", "t.csv:2: value '2o' is not a number");
    refuses("2024-10-21,killed,20,nan\n", "t.csv:2: uncertainty 'nan' is not a number");
    refuses("2024-10-21,killed,20\n", "t.csv:2: expected 4 fields, as the header, got 3");
    refuses("2024-10-32,killed,20,2\n", "t.csv:2: date '2024-10-32' is not a date");
    refuses(",killed,20,2\n", "t.csv:2: killed is a series: give the date it was observed");
    refuses("2024-10-21,peak_in_russia,20,2\n",
            "t.csv:2: peak_in_russia is a summary at the horizon, not a series: give the last "
            "day, 2024-11-29 (day 59), or leave it empty");
    refuses("2024-10-21,killed,20,2\n2024-10-21,killed,21,2\n",
            "t.csv:3: a second target for killed on 2024-10-21 (the first is on line 2)");
    CHECK_THROWS_WITH(parse("date,metric,value\n"), Contains("t.csv:1: no column 'uncertainty'"));
    CHECK_THROWS_WITH(parse("date,metric,value,sd\n"), Contains("t.csv:1: unknown column 'sd'"));
    CHECK_THROWS_WITH(parse("date,day,metric,value,uncertainty\n"),
                      Contains("t.csv:1: give the column date or the column day, not both"));
    CHECK_THROWS_WITH(parse("day,metric,value,uncertainty\n1.5,killed,1,1\n"),
                      Contains("t.csv:2: day '1.5' is not a whole number"));
    CHECK_THROWS_WITH(parse(header), Contains("t.csv: no targets"));
    CHECK_THROWS_WITH(parse("# only a comment\n"), Contains("t.csv: no header line"));
    CHECK_THROWS_AS(parse(header + "x,killed,1,1\n"), InputError);
}
