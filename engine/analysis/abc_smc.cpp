// Sequential ABC: weighted statistics, the perturbation kernel and the importance weights
// (docs/calibration.md, "Sequential ABC").
#include "analysis/abc_smc.hpp"

// philox.h sets up the feature macros the rest of Random123 needs, so it comes first.
#include <Random123/philox.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <stdexcept>

namespace rotsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kSqrt2 = 1.4142135623730951;
// A proposal outside the prior is drawn again; a prior that a kernel step misses this often is
// far narrower than the population, and the ancestor itself (inside the prior) is taken.
constexpr int kMaxAttempts = 1000;

void check_weights(const std::vector<double>& values, const std::vector<double>& weights) {
    if (values.size() != weights.size())
        throw std::invalid_argument("weighted statistics: one weight a value");
    for (const double w : weights)
        if (!(w >= 0) || std::isinf(w))
            throw std::invalid_argument("weighted statistics: a weight is negative or not finite");
}

// The normal distribution's mass between a and b (a <= b, in standard units), from the tail
// nearer to both so that far-out intervals keep their digits.
double normal_mass(double a, double b) {
    if (a >= 0) return 0.5 * (std::erfc(a / kSqrt2) - std::erfc(b / kSqrt2));
    if (b <= 0) return 0.5 * (std::erfc(-b / kSqrt2) - std::erfc(-a / kSqrt2));
    return 1.0 - 0.5 * std::erfc(-a / kSqrt2) - 0.5 * std::erfc(b / kSqrt2);
}

double round_to(double value, double grain) {
    return grain > 0 ? std::round(value / grain) * grain : value;
}

// Keys whose grain is tiny against the kernel (cents of a money key) are treated as continuous:
// the rounding interval's mass is then the density times the grain, a constant factor.
bool discrete(const SmcKey& key, double scale) {
    return key.grain > 0 && key.grain > 1e-3 * scale;
}

// The log of the kernel's density (or mass, for a discrete key) at x, centred on mu, truncated
// to the prior.
double log_kernel(double x, double mu, double scale, const SmcKey& key) {
    const double half = discrete(key, scale) ? key.grain / 2 : 0.0;
    const double inside = normal_mass((key.lo - half - mu) / scale, (key.hi + half - mu) / scale);
    double here = 0;
    if (half > 0) {
        here = normal_mass((x - half - mu) / scale, (x + half - mu) / scale);
    } else {
        const double z = (x - mu) / scale;
        here = std::exp(-0.5 * z * z) / (scale * std::sqrt(2 * std::numbers::pi));
    }
    return std::log(here) - std::log(inside);
}

// Draws of one proposal: 64-bit words numbered from 0, four per Philox call.
class ProposalStream {
public:
    ProposalStream(std::uint64_t seed, std::int64_t generation, std::int64_t index)
        : key_{{seed, 0x4142'4353'4D43'5354ULL}}, generation_(generation), index_(index) {}

    double uniform() {
        const std::uint64_t bits = word();
        return static_cast<double>(bits >> 11) * 0x1.0p-53;
    }
    // Box-Muller: a standard normal from two uniforms, the first kept off 0.
    double normal() {
        const double u = 1.0 - uniform(), v = uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2 * std::numbers::pi * v);
    }

private:
    std::uint64_t word() {
        if (used_ == 4) {
            r123::Philox4x64 generator;
            block_ = generator(
                r123::Philox4x64::ctr_type{{static_cast<std::uint64_t>(generation_),
                                            static_cast<std::uint64_t>(index_), counter_++, 0}},
                key_);
            used_ = 0;
        }
        return block_[used_++];
    }

    r123::Philox4x64::key_type key_;
    std::int64_t generation_, index_;
    std::uint64_t counter_ = 0;
    r123::Philox4x64::ctr_type block_{};
    int used_ = 4;
};

} // namespace

double weighted_mean(const std::vector<double>& values, const std::vector<double>& weights) {
    check_weights(values, weights);
    double sum = 0, total = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i])) continue;
        sum += weights[i] * values[i];
        total += weights[i];
    }
    return total > 0 ? sum / total : kNaN;
}

double weighted_variance(const std::vector<double>& values, const std::vector<double>& weights) {
    const double mean = weighted_mean(values, weights);
    if (std::isnan(mean)) return kNaN;
    double total = 0, squares = 0, spread = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!std::isnan(values[i])) total += weights[i];
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i])) continue;
        const double w = weights[i] / total, d = values[i] - mean;
        squares += w * w;
        spread += w * d * d;
    }
    return squares < 1 ? spread / (1 - squares) : 0.0;
}

double weighted_quantile(const std::vector<double>& values, const std::vector<double>& weights,
                         double q) {
    check_weights(values, weights);
    std::vector<std::size_t> order;
    double total = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!std::isnan(values[i]) && weights[i] > 0) {
            order.push_back(i);
            total += weights[i];
        }
    if (order.empty()) return kNaN;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    double below = 0, last_at = 0, last_value = 0;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const double w = weights[order[k]] / total, v = values[order[k]];
        const double at = below + w / 2;
        if (q <= at) {
            if (k == 0) return v;
            return last_value + (v - last_value) * (q - last_at) / (at - last_at);
        }
        below += w;
        last_at = at;
        last_value = v;
    }
    return last_value;
}

double effective_sample_size(const std::vector<double>& weights) {
    double sum = 0, squares = 0;
    for (const double w : weights) {
        sum += w;
        squares += w * w;
    }
    return squares > 0 ? sum * sum / squares : 0.0;
}

std::vector<double> kernel_scales(const Particles& population, const std::vector<SmcKey>& keys) {
    std::vector<double> scales;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        std::vector<double> column;
        for (const auto& particle : population.values)
            column.push_back(particle.at(k));
        double variance = weighted_variance(column, population.weights);
        // Beaumont et al. use the population's own variance, not the sample's n - 1 form.
        variance *= 1 - 1 / std::max(effective_sample_size(population.weights), 1.0);
        const double floor = std::max(keys[k].grain, 1e-6 * (keys[k].hi - keys[k].lo));
        scales.push_back(std::max(std::sqrt(std::max(2 * variance, 0.0)), floor));
    }
    return scales;
}

std::vector<double> smc_proposal(const Particles& population, const std::vector<double>& scales,
                                 const std::vector<SmcKey>& keys, std::uint64_t seed,
                                 std::int64_t generation, std::int64_t index) {
    if (population.values.empty() || population.values.size() != population.weights.size())
        throw std::invalid_argument("smc_proposal: an empty or unweighted population");
    ProposalStream stream(seed, generation, index);
    const double u = stream.uniform();
    double below = 0;
    std::size_t ancestor = population.values.size() - 1;
    for (std::size_t j = 0; j < population.weights.size(); ++j) {
        below += population.weights[j];
        if (u < below) {
            ancestor = j;
            break;
        }
    }
    std::vector<double> proposal;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const double mu = population.values[ancestor][k];
        double value = mu;
        for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
            const double x = round_to(mu + scales[k] * stream.normal(), keys[k].grain);
            if (x >= keys[k].lo && x <= keys[k].hi) {
                value = x;
                break;
            }
        }
        proposal.push_back(value);
    }
    return proposal;
}

std::vector<double> smc_weights(const std::vector<std::vector<double>>& accepted,
                                const Particles& previous, const std::vector<double>& scales,
                                const std::vector<SmcKey>& keys) {
    std::vector<double> log_density(accepted.size());
    std::vector<double> terms(previous.values.size());
    for (std::size_t i = 0; i < accepted.size(); ++i) {
        for (std::size_t j = 0; j < previous.values.size(); ++j) {
            double log_term = std::log(previous.weights[j]);
            for (std::size_t k = 0; k < keys.size(); ++k)
                log_term += log_kernel(accepted[i][k], previous.values[j][k], scales[k], keys[k]);
            terms[j] = log_term;
        }
        const double top = *std::max_element(terms.begin(), terms.end());
        double sum = 0;
        for (const double t : terms)
            sum += std::exp(t - top);
        log_density[i] = top + std::log(sum);
    }
    // The prior is uniform, so each weight is 1 / density; scaled by the largest before
    // normalising, so that no weight overflows.
    const double lowest = *std::min_element(log_density.begin(), log_density.end());
    std::vector<double> weights;
    double total = 0;
    for (const double d : log_density) {
        weights.push_back(std::exp(lowest - d));
        total += weights.back();
    }
    for (double& w : weights)
        w /= total;
    return weights;
}

Calibration smc_calibration(const CalibrationRuns& runs,
                            const std::vector<CalibrationTarget>& targets,
                            const std::vector<CalibrationKey>& keys,
                            const std::vector<std::int64_t>& particle_points,
                            const std::vector<double>& weights) {
    if (particle_points.size() != weights.size())
        throw std::invalid_argument("smc_calibration: one weight a particle");
    Calibration c;
    c.means = point_means(runs);
    for (const auto& means : c.means)
        c.distance.push_back(calibration_distance(means, targets));
    c.accepted.assign(c.distance.size(), false);
    c.weight.assign(c.distance.size(), 0.0);
    for (std::size_t i = 0; i < particle_points.size(); ++i) {
        const auto p = static_cast<std::size_t>(particle_points[i]);
        c.accepted.at(p) = true;
        c.weight[p] += weights[i];
        c.ranking.push_back(particle_points[i]);
    }
    std::stable_sort(c.ranking.begin(), c.ranking.end(), [&](std::int64_t a, std::int64_t b) {
        return c.distance[static_cast<std::size_t>(a)] < c.distance[static_cast<std::size_t>(b)];
    });
    c.best = c.ranking.empty() ? -1 : c.ranking.front();
    for (const CalibrationKey& key : keys) {
        if (key.values.size() != c.accepted.size())
            throw std::invalid_argument("smc_calibration: key " + key.name +
                                        " lacks a value a point");
        PosteriorSummary s;
        s.key = key.name;
        s.prior_lo = key.prior_lo;
        s.prior_hi = key.prior_hi;
        s.mean = weighted_mean(key.values, c.weight);
        s.sd = std::sqrt(weighted_variance(key.values, c.weight));
        s.q05 = weighted_quantile(key.values, c.weight, 0.05);
        s.q50 = weighted_quantile(key.values, c.weight, 0.50);
        s.q95 = weighted_quantile(key.values, c.weight, 0.95);
        c.posterior.push_back(s);
    }
    std::vector<std::int64_t> finished(c.distance.size(), 0);
    for (std::size_t r = 0; r < runs.point.size(); ++r)
        if (runs.done[r]) ++finished[static_cast<std::size_t>(runs.point[r])];
    for (std::size_t t = 0; t < targets.size(); ++t) {
        std::vector<double> band, band_weights;
        for (std::size_t r = 0; r < runs.point.size(); ++r) {
            const auto p = static_cast<std::size_t>(runs.point[r]);
            if (!runs.done[r] || c.weight[p] <= 0) continue;
            band.push_back(runs.simulated[t][r]);
            band_weights.push_back(c.weight[p] / static_cast<double>(finished[p]));
        }
        TargetFit fit;
        fit.best = c.best < 0 ? kNaN : c.means[static_cast<std::size_t>(c.best)][t];
        fit.median = weighted_quantile(band, band_weights, 0.50);
        fit.q05 = weighted_quantile(band, band_weights, 0.05);
        fit.q95 = weighted_quantile(band, band_weights, 0.95);
        c.fit.push_back(fit);
    }
    return c;
}

} // namespace rotsim
