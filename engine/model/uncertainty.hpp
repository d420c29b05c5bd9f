#pragma once

// Priors: what an analyst is unsure of, written in a scenario's [uncertainty] section as a
// distribution per key or part of a key (docs/uncertainty.md):
//   casualties.p_kia = loguniform(0.0002, 0.002)
//   durations.stay_days.shift = uniform(-10, 30)
//   casualties.intensity.value[1] = triangular(1, 2, 4)
//   allocation.party_fund = normal(0.45, 0.1, 0.2, 0.7)
//   durations.stay_days = choice(60..90, 90..120, 180..365)
// A prior is a map from a quantile u in [0, 1) to the text of a value, so a Latin hypercube of
// quantiles gives a sample of input points that the scenario loader takes as overrides.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rotsim {

// Bounds that keep a hostile [uncertainty] section cheap: each prior is checked by a few parses
// of the scenario, each value of a choice by one.
inline constexpr std::size_t kMaxPriors = 1000;
inline constexpr std::size_t kMaxChoices = 1000;

enum class PriorKind { uniform, loguniform, triangular, normal, choice };

struct Prior {
    std::string key; // a key ("casualties.p_kia"), a part ("durations.stay_days.shift"), or
                     // "class.NAME.key"
    PriorKind kind = PriorKind::uniform;
    // uniform, loguniform: lo, hi; triangular: lo, mode, hi; normal: mean, sd, lo, hi.
    std::vector<double> parameters;
    std::vector<std::string> choices; // choice: the values, as text the key takes
    // The key's smallest step: 1 for whole numbers (days, soldiers), 0.01 for whole cents, 0 for
    // any number. Draws are put on it, so that every value drawn is one the key accepts.
    double grain = 0;
    std::string text;  // the distribution as written
    std::string where; // "file.ini:12" or "--set '...'"

    // The value at quantile u in [0, 1): the inverse distribution function, on the key's grain.
    // For whole numbers under uniform(lo, hi), each of lo..hi is equally likely.
    std::string value_at(double u) const;
    // "casualties.p_kia = loguniform(0.0002, 0.002)"
    std::string describe() const { return key + " = " + text; }
    // Values to try when the prior is checked: its ends and middle, or every choice.
    std::vector<std::string> probe_values() const;
};

// Parses a distribution; throws InputError "<where>: [uncertainty] <key>: <problem>", naming the
// closest distribution for a misspelt one.
Prior parse_prior(const std::string& key, const std::string& text, const std::string& where);

// "casualties.p_kia, durations.stay_days.shift": the keys that have priors, for messages.
std::string prior_keys(const std::vector<Prior>& priors);

// The distributions' names, for messages and docs.
std::vector<std::string> prior_names();

} // namespace rotsim
