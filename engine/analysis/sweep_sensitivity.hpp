#pragma once

// Sensitivity indices of every summary metric of a sweep on its swept keys (docs/sensitivity.md):
// regression indices (SRC, PRCC) for Latin-hypercube sweeps, Sobol' indices for Saltelli's design.

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/sensitivity.hpp"
#include "io/sensitivity_file.hpp"

namespace rotsim {

struct MetricSensitivity {
    std::string metric;
    double noise_share = 0.0;     // of the point means: average_replications
    bool constant = false;        // equal at every point used: nothing to attribute
    std::int64_t used = 0;        // points (lhs) or base samples (sobol) with a finite mean
    std::int64_t dropped = 0;     // left out: no replication of the point gave a finite value
    RegressionIndices regression; // lhs
    SobolIndices sobol;           // sobol
};

struct SweepSensitivity {
    std::string kind; // lhs or sobol
    std::vector<std::string> keys;
    std::vector<std::string> left_out; // prior choices that are not numbers: no index
    bool prior_draws = false;          // the points are draws from priors (kind "lhs" above)
    std::int64_t points = 0, replications = 0, base_samples = 0;
    int resamples = 0;
    std::uint64_t seed = 0;
    std::vector<MetricSensitivity> metrics;
};

// `metrics` picks summary metrics by name (empty: every one). Throws InputError naming the file
// for what cannot be analysed: a grid design, a shard, an unfinished sweep, a design too small for
// its keys, a key that is not a number, an unknown metric.
SweepSensitivity sweep_sensitivity(const SweepSummaries& given,
                                   const std::vector<std::string>& metrics, int resamples,
                                   std::uint64_t seed);

// The /sensitivity group that stores them (docs/hdf5-schema.md).
SensitivityRecord sensitivity_record(const SweepSensitivity& result,
                                     const std::string& command_line);

} // namespace rotsim
