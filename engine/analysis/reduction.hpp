#pragma once

#include <functional>
#include <string>
#include <vector>

#include "io/reduced_file.hpp"

namespace rotsim {

// The quantiles `rotsim summarize --reduce` stores after the mean: a fan chart's 90 % and 50 %
// bands and its median.
inline const std::vector<double> kReductionQuantiles = {0.05, 0.25, 0.5, 0.75, 0.95};

// Per-tick mean and quantiles of every time series across the finished runs of a run file (one
// group), or of each design point of a sweep file; unfinished and failed rows are left out.
// Reads one series of one group at a time. `progress` is called after each series.
Reduction
reduce_runs(const std::string& path, const std::vector<double>& quantiles,
            const std::function<void(std::size_t done, std::size_t total)>& progress = {});

} // namespace rotsim
