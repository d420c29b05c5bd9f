#pragma once

// The scenario as the loader holds it between reading and building (private to engine/model):
// every key's text and where it came from, shared by the loader (scenario_loader.cpp) and the
// checks that build and validate a Scenario from it (scenario_checks.cpp).

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/ini_text.hpp"
#include "model/money.hpp"
#include "model/scenario.hpp"

namespace rotsim {

struct ClassSettings {
    std::string name;
    Origin origin; // the [class.NAME] line, for a required key that is missing
    std::map<std::string, IniValue> values;
};

// A [contingent.NAME] section's own keys, by their names in the section.
struct ContingentSettings {
    std::string name;
    Origin origin; // the [contingent.NAME] line
    std::map<std::string, IniValue> values;
};

struct Settings {
    std::map<std::string, IniValue> values; // "section.key" -> text, every key present
    std::vector<ClassSettings> classes;
    std::vector<ContingentSettings> contingents;
    // Name -> place in `classes` and `contingents`, so that each key finds its section in constant
    // time: validation stays linear in the number of sections (issue 14).
    std::unordered_map<std::string, std::size_t> class_index, contingent_index;
    std::vector<IniValue> priors;                   // [uncertainty] lines; origin.key names the key
    std::map<std::string, std::size_t> prior_index; // key -> its place in `priors`
    std::map<std::string, std::string> notes;       // key -> why its value is not the one given
};

// "key = value (where it came from)", as messages name a setting.
inline std::string named(const IniValue& s) {
    return s.origin.key + " = " + s.text + " (" + s.origin.describe() + ")";
}

inline const std::array<const char*, 5> kShareNames = {"soldier", "party_fund", "military",
                                                       "elite_luxury", "food"};
inline constexpr std::array<std::int64_t Allocation::*, 5> kShareFields = {
    &Allocation::soldier, &Allocation::party_fund, &Allocation::military, &Allocation::elite_luxury,
    &Allocation::food};

// Money is int64 units of 1/365 cent (about 2.5e14 USD). What a scenario can accrue is bounded up
// front by peak strength x horizon x the largest daily pay (plus a death lump each), which must
// stay within an eighth of that range: the rest is headroom for turnover.
inline constexpr double kMaxMoneyUsd = static_cast<double>(std::numeric_limits<Money>::max()) /
                                       8.0 / static_cast<double>(kUnitsPerUsd);

// scenario_checks.cpp: each builds part of the Scenario or refuses it, naming the settings at
// fault. The allocation shares in exact parts per billion, summing to one.
void finish_allocation(Scenario& sc, const Settings& settings, const std::string& source);
// The [class.NAME] sections, with their shares checked.
std::vector<SoldierClass> soldier_classes(const Settings& settings, std::int64_t default_pay,
                                          const std::string& source);
// The worst daily probability at the front is at most 1.
void check_front_probability(const Scenario& sc, const Settings& settings,
                             const std::string& source);
// The money the scenario can accrue fits the ledger; each returns its bound, so that contingents
// can be checked together.
double check_money_range(const Scenario& sc, const Settings& settings, const std::string& source);
double check_schedule_money(const Scenario& sc, const Settings& settings,
                            const std::string& source);

} // namespace rotsim
