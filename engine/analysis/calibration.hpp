#pragma once

// Calibration by approximate Bayesian computation (ABC) with rejection: the points of a sampled
// design whose simulations come closest to observed targets are kept as a sample of the
// posterior (docs/calibration.md). Pure functions of their arguments: the sweep that produces
// the simulations and the file that keeps the result live elsewhere.

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/calendar.hpp" // days_between

namespace rotsim {

// One observation the model should reproduce: a metric on a day, with its uncertainty.
struct CalibrationTarget {
    std::string metric;
    bool summary = false; // a /summary metric (at the horizon); otherwise the /timeseries at tick
    int tick = 0;         // day of the scenario (0 is its start date)
    std::string date;     // the tick's calendar date, YYYY-MM-DD
    double value = 0.0;
    double uncertainty = 1.0; // one standard deviation, in the metric's units; > 0
    int line = 0;             // in the targets file, for messages
};

// What the targets are checked against: the scenario's calendar and the metric names.
struct TargetCalendar {
    std::string start_date; // YYYY-MM-DD of tick 0
    int horizon_days = 0;
    std::vector<std::string> series;    // per-tick metrics (/timeseries)
    std::vector<std::string> summaries; // per-run metrics at the horizon (/summary)
};

// Parses a targets CSV: a header naming the columns date (or day), metric, value and
// uncertainty in any order, then one target per line; blank lines and lines starting with '#'
// are skipped. A series metric needs a date (or day); a metric that is only a summary takes the
// last day of the horizon or none. Throws InputError "PATH:LINE: what is wrong" at the first
// problem.
std::vector<CalibrationTarget> parse_targets(std::string_view text, const std::string& path,
                                             const TargetCalendar& calendar);

// The simulations of a sampled design, as the sweep file holds them.
struct CalibrationRuns {
    std::int64_t points = 0;
    std::vector<std::int64_t> point;            // per run: its design point
    std::vector<bool> done;                     // per run: finished (failed runs are left out)
    std::vector<std::vector<double>> simulated; // [target][run]: the target's metric at its day
};

// Per point, per target: the mean over the point's finished runs (NaN values skipped); NaN where
// a point has none. [point][target].
std::vector<std::vector<double>> point_means(const CalibrationRuns& runs);

// sqrt(mean over targets of ((simulated - value) / uncertainty)^2): the root mean square of the
// targets' z-scores, so that it reads in standard deviations whatever the number of targets.
// NaN when any simulated value is NaN.
double calibration_distance(const std::vector<double>& simulated,
                            const std::vector<CalibrationTarget>& targets);

// Which points are accepted: those within `tolerance` when it is given (finite), else the
// closest `fraction` of the points with a distance (at least one), ties broken by point order.
struct AcceptanceRule {
    double fraction = 0.1;
    double tolerance = std::numeric_limits<double>::quiet_NaN();
    bool by_tolerance() const { return !std::isnan(tolerance); }
};
std::vector<bool> accept_points(const std::vector<double>& distance, const AcceptanceRule& rule);

// The accepted values of one key, against its prior (uniform over [prior_lo, prior_hi]).
struct PosteriorSummary {
    std::string key;
    double prior_lo = 0.0, prior_hi = 0.0;
    double mean = 0.0, sd = 0.0;
    double q05 = 0.0, q50 = 0.0, q95 = 0.0; // quantiles, type 7 as numpy
};
PosteriorSummary posterior_summary(const std::string& key, const std::vector<double>& values,
                                   const std::vector<bool>& accepted, double prior_lo,
                                   double prior_hi);

// How well the accepted points reproduce one target. The band is over every finished run of the
// accepted points (the posterior predictive: parameter uncertainty and the model's own noise);
// `best` is the closest point's mean over its runs.
struct TargetFit {
    double best = 0.0;
    double median = 0.0, q05 = 0.0, q95 = 0.0;
};

// Everything the calibration reports.
struct Calibration {
    std::vector<std::vector<double>> means; // [point][target]
    std::vector<double> distance;           // per point; NaN where it has no finished run
    std::vector<bool> accepted;             // per point
    std::vector<double> weight; // per point: its normalised weight in the posterior (0: none)
    std::int64_t best = -1;     // the closest point; -1 if no point has a distance
    std::vector<std::int64_t> ranking; // accepted points, closest first
    std::vector<PosteriorSummary> posterior;
    std::vector<TargetFit> fit; // per target
};

// A key of the design: its name, its value at each point and its prior range.
struct CalibrationKey {
    std::string name;
    std::vector<double> values; // per point
    double prior_lo = 0.0, prior_hi = 0.0;
};

Calibration calibrate(const CalibrationRuns& runs, const std::vector<CalibrationTarget>& targets,
                      const std::vector<CalibrationKey>& keys, const AcceptanceRule& rule);

} // namespace rotsim
