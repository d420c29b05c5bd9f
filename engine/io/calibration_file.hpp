#pragma once

// The /calibration group of a sweep file (docs/hdf5-schema.md, "Calibration"), and what a
// calibration reads from the sweep's runs. Plain data, so that engine/io does not depend on how
// the calibration is computed.

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace rotsim {

// A value every run has: a /timeseries metric on one day, or a /summary metric.
struct RunColumn {
    std::string metric;
    bool summary = false;
    int tick = 0; // the day, for a series
};

// The columns of a finished sweep file that a calibration needs.
struct SweepColumns {
    std::vector<std::string> keys;           // the design's keys
    std::vector<std::vector<double>> design; // [key][point]
    std::int64_t points = 0;
    std::vector<std::int64_t> point;         // per run (file row)
    std::vector<bool> done;                  // per run: /runs/status is done
    std::vector<std::vector<double>> values; // [column][run]
};

// Reads them; an InputError names the file and what is missing (a key that is not numeric, a
// series not stored, a day not stored).
SweepColumns read_sweep_columns(const std::string& path, const std::vector<RunColumn>& columns);

// What /calibration holds.
struct CalibrationRecord {
    static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
    std::string method;                                // in words
    std::string distance;                              // its formula, in words
    std::string rule;                                  // which points were accepted, in words
    double accept_fraction = kNone, tolerance = kNone; // the rule's number (the other NaN)
    std::int64_t best_point = -1;
    std::string targets_path, targets_text;
    // Per target.
    std::vector<std::string> metric, date;
    std::vector<std::int32_t> tick;
    std::vector<std::int64_t> line;
    std::vector<double> value, uncertainty;
    std::vector<double> fit_best, fit_median, fit_q05, fit_q95;
    // Per point.
    std::vector<double> point_distance;
    std::vector<std::int8_t> accepted;
    std::vector<double> simulated; // points x targets, row-major: each point's mean over its runs
    // Per swept key.
    std::vector<std::string> key;
    std::vector<double> prior_lo, prior_hi, mean, sd, q05, q50, q95;

    // The algorithm: "rejection" or "smc"; and for smc its settings (NaN, -1 otherwise).
    std::string algorithm = "rejection";
    double quantile = kNone;
    std::int64_t particles = -1;
    std::string stop_reason;
    // Per point: the generation that proposed it (0 for rejection) and its normalised weight in
    // the posterior (0 outside it).
    std::vector<std::int32_t> generation;
    std::vector<double> weight;
    // The posterior sample, one row a particle: its design point, its normalised weight, its
    // distance, its overrides ("KEY=VALUE" lines, in the order of `key`) and its values
    // (particles x keys, row-major; NaN where a value is not a number).
    std::vector<std::int64_t> particle_point;
    std::vector<double> particle_weight, particle_distance;
    std::vector<std::string> particle_overrides;
    std::vector<double> particle_values;
    // Per generation (rejection: one).
    std::vector<double> generation_tolerance, generation_ess;
    std::vector<std::int64_t> generation_first_point, generation_proposed, generation_refused,
        generation_runs, generation_accepted;
    std::vector<std::int8_t> generation_complete;
};

// A calibration's posterior sample as `rotsim run --posterior` takes it: the weighted particles.
struct PosteriorSample {
    std::vector<std::string> keys;                // the calibrated keys
    std::vector<std::vector<std::string>> values; // [particle][key], as --set KEY=VALUE takes it
    std::vector<double> weights;                  // per particle, normalised (sum 1)
    std::vector<std::int64_t> points;             // per particle: its design point in the file
};

// Reads /calibration/particles of a calibration file (or, for a file written before they were
// stored, the accepted points of /calibration/accepted, weighed alike). Throws InputError naming
// the file when it is missing, not a calibration, or its particles are inconsistent.
PosteriorSample read_posterior(const std::string& path);

// Writes /calibration into the sweep file at `path`, which must be closed by its writer,
// replacing a /calibration it already has.
void write_calibration(const std::string& path, const CalibrationRecord& record);

} // namespace rotsim
