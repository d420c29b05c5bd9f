#pragma once

// Parts of structured keys, set alone like any number: in --set, --grid, --range and priors.
//   duration KEY (min..max):  KEY.min, KEY.max, KEY.shift (days added to both ends),
//                             KEY.scale (both ends multiplied, rounded to whole days)
//   schedule KEY:             KEY.value[K], KEY.day[K] (knot K, from 0; a day or a date),
//                             KEY.scale (every value multiplied), KEY.shift (days added to every
//                             knot; knots written as dates move by as many days)
// A part rewrites the key's current text (from the file, the defaults or an earlier override);
// the result is then validated like any value of the key.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/ini_text.hpp"
#include "model/keys.hpp"

namespace rotsim {

// The parts a kind of key has, as written after the key ("value[K]" for indexed ones); empty
// for keys that are a single number or word.
std::vector<std::string> part_names(KeyKind kind);

// "durations.stay_days.shift" -> {key "durations.stay_days", part "shift"}; nullopt when the
// name has no part (a plain key, or a name that is no key at all: the loader says which).
struct PartName {
    const KeyInfo* key = nullptr;
    std::string part;
};
std::optional<PartName> split_part(std::string_view name);

// The smallest step between the values a key or part takes: 1 for whole numbers (days, soldiers,
// a knot's day), 0.01 for whole cents, 0 for any number (and for names that are no key: the
// loader says what is wrong with them). Sampled designs and priors round their draws to it.
double key_grain(std::string_view name);

// The key's text after setting `part` to `given`. Throws InputError through fail() at `given`'s
// origin when the part is unknown (naming the closest), its value malformed, or the knot missing.
std::string apply_part(const KeyInfo& key, std::string_view part, const IniValue& current,
                       const IniValue& given);

} // namespace rotsim
