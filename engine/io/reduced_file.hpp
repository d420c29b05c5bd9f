#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rotsim {

// Per-tick statistics across runs, for each time series of a run or sweep file: what
// `rotsim summarize --reduce` stores under /reduced (docs/hdf5-schema.md) so that plots of large
// sweeps need not read every run.
struct ReducedSeries {
    std::string metric;
    std::string units;
    std::vector<double> values; // groups x (1 + quantiles) x ticks: the mean, then each quantile
};

struct Reduction {
    std::string grouping;           // "file" (one group: every run) or "point" (design points)
    std::vector<double> quantiles;  // the levels after the mean
    std::vector<std::int64_t> runs; // per group: finished runs the statistics are over
    std::int64_t ticks = 0;         // stored ticks (columns)
    std::vector<ReducedSeries> series;
    std::string command_line;
};

// Adds /reduced to the file (file_annex.hpp: built in a copy that replaces the file). An
// existing /reduced is an InputError unless `overwrite`.
void store_reduction(const std::string& path, const Reduction& reduction, bool overwrite);

bool has_reduction(const std::string& path);

// The copy store_reduction builds beside the file: what an interrupted command must remove.
std::string reduction_copy_path(const std::string& path);

} // namespace rotsim
