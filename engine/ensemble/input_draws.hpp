#pragma once

// Input points drawn from what the analyst is unsure of: a Latin hypercube of a scenario's priors
// ([uncertainty]), or a calibration's weighted posterior. Either is run as a sweep over the points
// (design kind "prior" or "posterior"), R replications each, so that the file holds the nested
// design whose variance analysis/variance_split.hpp splits (docs/uncertainty.md).

#include <cstdint>
#include <string>
#include <vector>

#include "ensemble/design.hpp"
#include "model/uncertainty.hpp"

namespace rotsim {

// The most input draws: far beyond what a study can run, small enough to refuse a typo early.
inline constexpr std::int64_t kMaxInputDraws = 1'000'000;

// `draws` points of a Latin hypercube over the priors (each prior's quantiles stratified), from
// keyed streams of `seed`: the same points whatever the threads, ranks or shards.
PointList prior_points(const std::vector<Prior>& priors, std::int64_t draws, std::uint64_t seed,
                       const std::string& source);

// A calibration's posterior: its particles (values [particle][key], as --set takes them) with
// normalised weights.
struct WeightedPoints {
    std::vector<std::string> keys;
    std::vector<std::vector<std::string>> values; // [particle][key]
    std::vector<double> weights;                  // per particle, summing to 1
};

// `draws` particles drawn with probability proportional to weight, stratified (particle i is
// drawn floor or ceil of draws x weight_i times), in a random order from `seed`.
PointList posterior_points(const WeightedPoints& posterior, std::int64_t draws, std::uint64_t seed,
                           const std::string& source);

} // namespace rotsim
