#pragma once

// How the variance of a metric over a nested design splits between the inputs and the model's own
// run-to-run noise: K input points (drawn from priors or a posterior), R replications of each
// (docs/uncertainty.md). By the law of total variance,
//   Var(Y) = Var(E[Y | inputs]) + E[Var(Y | inputs)]
//            (input uncertainty)   (run-to-run noise)
// Each part is estimated from the runs as a one-way random-effects analysis of variance does.

#include <cstdint>
#include <vector>

namespace rotsim {

struct VarianceSplit {
    std::int64_t points = 0; // points with at least one finished run (a value that is not NaN)
    std::int64_t runs = 0;   // finished runs with a value
    double mean = 0;         // of every run, pooled
    double variance = 0;     // of every run, pooled (ddof 1): the combined uncertainty
    double q05 = 0, q50 = 0, q95 = 0; // of every run, pooled (numpy's default quantile)
    // Mean over the points with two or more runs of their sample variance (ddof 1): the
    // run-to-run noise. NaN when no point has two runs.
    double within = 0;
    // The sample variance of the point means (ddof 1) less what their own noise adds to it,
    // within x mean over points of 1 / (runs of the point); at least 0: the input uncertainty.
    // NaN with fewer than two points or no estimate of `within`.
    double between = 0;
    // between / (between + within): the share of the variance the inputs explain.
    double input_share = 0;
};

// `values` and `point` are per run; runs with `use` false or a NaN value are left out.
VarianceSplit split_variance(const std::vector<double>& values,
                             const std::vector<std::int64_t>& point, const std::vector<bool>& use);

} // namespace rotsim
