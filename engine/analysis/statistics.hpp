#pragma once

#include <vector>

namespace rotsim {

struct Moments {
    double mean = 0.0;
    double sd = 0.0; // sample standard deviation (n - 1); 0 for a single value
};

Moments moments(const std::vector<double>& values);

// Quantile by linear interpolation between order statistics (Hyndman and Fan type 7, the default
// of R and NumPy), so numbers printed by `rotsim summarize` match what an analyst computes.
double quantile(std::vector<double> values, double q);

// The same quantile of values already sorted ascending, without NaN: for many quantiles of one
// sample.
double sorted_quantile(const std::vector<double>& sorted, double q);

// Per-tick statistics across runs, what fan charts draw (`rotsim summarize --reduce`): of each
// column of `block` (rows x cols, row-major) over the rows listed in `rows`, skipping NaN, the
// mean and then each of `quantiles`. Returned (1 + quantiles) x cols, row-major.
std::vector<double> column_bands(const std::vector<double>& block, std::size_t cols,
                                 const std::vector<std::size_t>& rows,
                                 const std::vector<double>& quantiles);

} // namespace rotsim
