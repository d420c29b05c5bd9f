#pragma once

// Sequential ABC's runs (rotsim calibrate --method smc): each batch of proposals is a sweep of
// listed points run with calibration streams; at the end every batch is copied, in order, into
// one sweep file whose design lists every proposal (docs/calibration.md, "Sequential ABC").

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/abc_smc.hpp"
#include "analysis/calibration.hpp"
#include "ensemble/sweep.hpp"

namespace rotsim {

struct SmcSettings {
    std::int64_t particles = 200; // population size
    int generations = 5;          // populations, the prior's (generation 0) included
    double quantile = 0.5;        // each tolerance: this weighted quantile of the last distances
    double min_tolerance = 0.0;   // stop after the first generation whose tolerance is this or less
    std::int64_t max_runs = 0;    // stop before running more than this many runs; 0: no limit
};

struct SmcOutcome {
    SweepOutcome sweep;                     // of the last batch run (cancelled, stopped, failure)
    std::int64_t runs = 0;                  // every run, all generations
    std::vector<SmcGeneration> generations; // the last one may be incomplete (not the posterior)
    std::vector<std::int32_t> point_generation;  // per design point of the file
    std::vector<std::int64_t> particle_points;   // the posterior population's design points
    std::vector<double> weights;                 // their normalised weights
    std::vector<std::vector<std::string>> texts; // [key][point]: each value as overridden
    std::string stop_reason;                     // in words
    bool written = false;                        // the file at spec.out holds every run
};

// Runs the calibration `first` describes (its spec: the --range keys, seeds, replications, out;
// its design: generation 0, a Latin hypercube of `particles` points of the prior) against the
// targets, and writes every run into first.spec.out as one sweep file. Throws InputError for bad
// settings; an interrupted or failed run leaves no file and says so in the outcome.
SmcOutcome run_smc_calibration(const PreparedSweep& first,
                               const std::vector<CalibrationTarget>& targets,
                               const SmcSettings& settings, const SweepHooks& hooks = {});

} // namespace rotsim
