#include "ensemble/input_draws.hpp"

// philox.h sets up the feature macros the rest of Random123 needs, so it comes first.
#include <Random123/philox.h>

#include <algorithm>
#include <numeric>

#include "model/error.hpp"

namespace rotsim {
namespace {

// Draws of the posterior's resampling, apart from every replication's and design's streams.
double uniform(std::uint64_t seed, std::uint64_t index, std::uint64_t purpose) {
    r123::Philox4x64 generator;
    const r123::Philox4x64::key_type key{{seed, 0x504F'5354'4552'494FULL}};
    const auto bits = generator(r123::Philox4x64::ctr_type{{index, purpose, 0, 0}}, key)[0];
    return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

void check_draws(std::int64_t draws) {
    if (draws < 1 || draws > kMaxInputDraws)
        throw InputError("--input-draws takes 1 to " + std::to_string(kMaxInputDraws) +
                         " points, got " + std::to_string(draws));
}

} // namespace

PointList prior_points(const std::vector<Prior>& priors, std::int64_t draws, std::uint64_t seed,
                       const std::string& source) {
    check_draws(draws);
    PointList list;
    list.kind = "prior";
    list.source = source;
    for (const Prior& p : priors)
        list.keys.push_back(p.key);
    const int dims = static_cast<int>(priors.size());
    const std::vector<double> u = latin_hypercube(dims, draws, seed);
    for (std::int64_t i = 0; i < draws; ++i) {
        std::vector<std::string> point;
        point.reserve(priors.size());
        for (int d = 0; d < dims; ++d)
            point.push_back(priors[static_cast<std::size_t>(d)].value_at(
                u[static_cast<std::size_t>(i * dims + d)]));
        list.values.push_back(std::move(point));
        list.lines.push_back(0);
    }
    return list;
}

PointList posterior_points(const WeightedPoints& posterior, std::int64_t draws, std::uint64_t seed,
                           const std::string& source) {
    check_draws(draws);
    if (posterior.values.empty() || posterior.values.size() != posterior.weights.size())
        throw InputError(source + ": the posterior has no weighted particles");
    std::vector<double> cumulative(posterior.weights.size());
    std::partial_sum(posterior.weights.begin(), posterior.weights.end(), cumulative.begin());
    const double total = cumulative.back();
    if (!(total > 0)) throw InputError(source + ": the posterior's weights sum to 0");
    PointList list;
    list.kind = "posterior";
    list.source = source;
    list.keys = posterior.keys;
    // Stratified resampling: one uniform in each of `draws` equal slices of the weights, so that
    // every particle is drawn as often as its weight says, give or take one.
    std::vector<std::size_t> chosen;
    for (std::int64_t k = 0; k < draws; ++k) {
        const double u =
            (static_cast<double>(k) + uniform(seed, static_cast<std::uint64_t>(k), 1)) /
            static_cast<double>(draws) * total;
        const auto at = std::upper_bound(cumulative.begin(), cumulative.end(), u);
        chosen.push_back(
            std::min(static_cast<std::size_t>(at - cumulative.begin()), cumulative.size() - 1));
    }
    // In a random order, so that the first points of an interrupted run are not all the first
    // particles.
    std::vector<std::uint64_t> keys(chosen.size());
    for (std::size_t k = 0; k < keys.size(); ++k)
        keys[k] = static_cast<std::uint64_t>(uniform(seed, k, 2) * 0x1.0p53);
    std::vector<std::size_t> order(chosen.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return keys[a] != keys[b] ? keys[a] < keys[b] : a < b;
    });
    for (std::size_t k : order) {
        list.values.push_back(posterior.values[chosen[k]]);
        list.lines.push_back(0);
    }
    return list;
}

} // namespace rotsim
