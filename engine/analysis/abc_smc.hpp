#pragma once

// Sequential ABC (ABC-SMC; Beaumont et al. 2009, Toni et al. 2009): populations of weighted
// particles under a decreasing tolerance, each proposed by perturbing the previous one. Pure
// functions of their arguments and of keyed Philox streams, so that a calibration is the same on
// any number of threads; the runs and the file live elsewhere (docs/calibration.md).

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/calibration.hpp"

namespace rotsim {

// A calibrated key: its uniform prior over [lo, hi] and the step between values it takes (1 for
// whole numbers, 0.01 for whole cents, 0 for any number), which every proposal is rounded to.
struct SmcKey {
    std::string name;
    double lo = 0.0, hi = 1.0, grain = 0.0;
};

// A population: particles [particle][key] and their normalised importance weights.
struct Particles {
    std::vector<std::vector<double>> values;
    std::vector<double> weights;
};

// Weighted statistics. Weights need not be normalised; they must be >= 0 with a positive sum.
double weighted_mean(const std::vector<double>& values, const std::vector<double>& weights);
// The variance of the weighted sample, corrected by 1 / (1 - sum of squared normalised weights)
// so that equal weights give the sample variance (n - 1), as the rejection posterior reports.
double weighted_variance(const std::vector<double>& values, const std::vector<double>& weights);
// The quantile q of the weighted sample: the sorted values placed at the midpoints of their
// cumulative weights and joined linearly, held flat beyond the first and last (as
// numpy.interp(q, cumsum(w) - w / 2, sorted_values) with w normalised). NaN values are skipped;
// NaN when nothing is left.
double weighted_quantile(const std::vector<double>& values, const std::vector<double>& weights,
                         double q);
// Kish's effective sample size, (sum w)^2 / sum w^2: N for equal weights.
double effective_sample_size(const std::vector<double>& weights);

// The perturbation kernel's standard deviation per key: the square root of twice the weighted
// variance of the population (Beaumont et al. 2009), at least the key's grain (so that a
// whole-number key whose particles all agree can still move) and a millionth of its prior.
std::vector<double> kernel_scales(const Particles& population, const std::vector<SmcKey>& keys);

// Proposal `index` of generation `generation`: an ancestor drawn by weight, each key moved by a
// normal step of its kernel scale and rounded to its grain, drawn again (the same ancestor) until
// it lies within the prior. Every draw comes from a Philox stream keyed by (seed, generation,
// index), so a proposal does not depend on how many others are made or on which thread.
std::vector<double> smc_proposal(const Particles& population, const std::vector<double>& scales,
                                 const std::vector<SmcKey>& keys, std::uint64_t seed,
                                 std::int64_t generation, std::int64_t index);

// The importance weights of accepted proposals: prior / proposal density, the proposal density
// being the weighted mixture of the kernels truncated to the prior (and, for keys with a grain,
// the kernel's mass over the rounding interval). Uniform priors make the numerator constant.
// Returned normalised.
std::vector<double> smc_weights(const std::vector<std::vector<double>>& accepted,
                                const Particles& previous, const std::vector<double>& scales,
                                const std::vector<SmcKey>& keys);

// What one generation did.
struct SmcGeneration {
    double tolerance = 0.0;       // the distance a proposal had to reach; infinity for the prior
    std::int64_t first_point = 0; // its first proposal's design point
    std::int64_t proposed = 0;    // proposals (design points) run
    // Proposals the scenario loader refused (e.g. schedule days out of order): outside the
    // prior's support, so never run and never kept, as a prior density of 0 rejects them.
    std::int64_t refused = 0;
    std::int64_t runs = 0;     // proposed x replications
    std::int64_t accepted = 0; // particles kept (the population size unless it stopped short)
    double ess = 0.0;          // effective sample size of its weights
    bool complete = true;      // it reached the population size
};

// The weighted analogue of calibrate(): the posterior and the fit from the final population,
// `particle_points` being the design points of its particles and `weights` their normalised
// weights. Each run of a particle carries its particle's weight shared among its finished runs.
Calibration smc_calibration(const CalibrationRuns& runs,
                            const std::vector<CalibrationTarget>& targets,
                            const std::vector<CalibrationKey>& keys,
                            const std::vector<std::int64_t>& particle_points,
                            const std::vector<double>& weights);

} // namespace rotsim
