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

} // namespace rotsim
