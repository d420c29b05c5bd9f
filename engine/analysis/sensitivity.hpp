#pragma once

// Global sensitivity indices of a model output on its inputs (docs/sensitivity.md). Pure
// functions of the sampled inputs and outputs: reading sweeps and storing indices is engine/io's.

#include <Eigen/Dense>
#include <cstdint>
#include <vector>

namespace rotsim {

// One index per input, with a two-sided confidence interval (kConfidence) and its standard error.
// NaN where the index is undefined (a constant output or input, too few points).
struct Indices {
    Eigen::VectorXd value, lo, hi, se;
};

inline constexpr double kConfidence = 0.95;

// Standardized regression coefficients of y on the columns of x (one row per point): the
// coefficients of the least-squares fit after scaling every column and y to mean 0 and standard
// deviation 1. For a linear y = sum b_i x_i + noise with independent inputs, SRC_i =
// b_i sd(x_i) / sd(y), and SRC_i squared is the share of var(y) due to input i. Their intervals
// are the usual t intervals of least squares; r_squared (of the linear fit) says how much of
// var(y) a linear model explains at all, and so whether the SRCs mean anything (below ~0.7,
// little). Needs more rows than columns + 1.
struct RegressionIndices {
    Indices src;
    double r_squared = 0.0;
    Indices prcc;
    std::int64_t points = 0;
};

// Average ranks 1..n (ties share the mean of their ranks), as for Spearman's correlation.
Eigen::VectorXd ranks(const Eigen::VectorXd& values);

// SRC and PRCC with their intervals. PRCC (Marino et al. 2008) is the correlation between the
// ranks of x_i and of y once the ranks of the other inputs are regressed out of both: it measures
// monotone, not only linear, dependence. Its interval is Fisher's z interval with n - 3 - (k - 1)
// degrees of freedom (k - 1 inputs held fixed), so it needs more rows than columns + 2.
RegressionIndices regression_indices(const Eigen::MatrixXd& x, const Eigen::VectorXd& y);

// First-order (Saltelli et al. 2010, table 2 (b): mean of f(B) (f(AB_i) - f(A)) over V, with f(B)
// centred on the mean of f) and total (Jansen 1999: mean of (f(A) - f(AB_i))^2 / 2 over V) Sobol'
// indices from Saltelli's design: a = f(A), b = f(B), and column i of ab = f(A with column i from
// B), one row per base sample; V is the variance of f over A and B. Intervals are bootstrap
// percentile intervals over base samples, all indices of a resample drawn from the same rows; se is
// the bootstrap standard deviation.
struct SobolIndices {
    Indices first, total;
    double variance = 0.0; // of f over A and B together: the denominator of every index
    std::int64_t base_samples = 0;
};

// A fixed number of resamples so that intervals are reproducible; 1000 keeps the 2.5% and 97.5%
// percentiles' own Monte Carlo error well under their width.
inline constexpr int kDefaultBootstrapResamples = 1000;

// Resample r draws its rows from a Philox stream keyed by (seed, a constant of the bootstrap) at
// counter r: the same seed gives the same intervals whatever the output or machine.
SobolIndices sobol_indices(const Eigen::VectorXd& a, const Eigen::VectorXd& b,
                           const Eigen::MatrixXd& ab, int resamples, std::uint64_t seed);

// A sweep's output at each design point: the mean of a summary over the point's replications.
// The indices are of this mean, a deterministic function of the inputs once replications are
// averaged; replication noise that is left adds to var(f) without belonging to any input.
struct PointMeans {
    std::vector<double> mean;    // per point; NaN where no replication gave a finite value
    std::vector<std::int64_t> n; // per point: finite values averaged
    double noise_share = 0.0;
};

// values, point and replication are per run; runs whose value is not finite (failed runs,
// undefined ratios) are left out. Replication r draws the same random numbers at every point
// (common random numbers), so part of its deviation from the point means is shared by all points:
// it shifts every mean alike and changes no index. What blurs the indices is the rest, the
// point x replication interaction of a two-way analysis of variance. noise_share is that
// residual variance, divided by the replications of a mean, over the variance of the means: the
// share of the means' spread that is noise. NaN when there are not enough runs to tell (one
// replication a point) or the means do not vary.
PointMeans average_replications(const std::vector<double>& values,
                                const std::vector<std::int64_t>& point,
                                const std::vector<std::int64_t>& replication, std::int64_t points);

} // namespace rotsim
