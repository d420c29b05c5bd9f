#pragma once

// The one table of scenario keys. Each key is declared once, with its kind, default, bounds,
// unit, meaning and source; the loader, --set, the resolved text, the parts that sweeps and priors
// may set alone, and the key reference in docs/model.md all follow from that declaration.

#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>

#include "model/ini_text.hpp"
#include "model/money.hpp"
#include "model/scenario.hpp"

namespace rotsim {

// Bounds the model-spec leaves open, chosen so that day and money arithmetic cannot overflow and
// a replication's memory stays bounded (docs/reliability.md lists them).
inline constexpr int kMaxDays = 36500;
inline constexpr double kMaxMonthlyPayUsd = 1e6;
inline constexpr double kMaxLumpUsd = 1e9;
// Soldiers present at once cost about 250 bytes each per replication in progress (one per
// thread): a million, more than North Korea's whole army, is 250 MB.
inline constexpr long long kMaxStrength = 1'000'000;
inline constexpr long long kMaxPool = 1'000'000'000; // a count only, it costs no memory
// Each contingent is a force of its own, run one after another in a replication.
inline constexpr std::size_t kMaxContingents = 100;

// What a value is. Durations and schedules are structured: their parts can be set alone
// (model/parts.hpp); shares can be given alone, the others of their group rescaled.
enum class KeyKind {
    whole,    // a whole number
    whole_or, // a whole number or a keyword (auto, unlimited)
    real,     // a finite number
    share,    // a number in [0, 1] that is one of a group summing to 1
    usd,      // USD in whole cents
    date,     // YYYY-MM-DD
    word,     // one of a few words
    states,   // a list of state names
    duration, // min..max whole days
    schedule, // day:value, day:value (a day may be a date)
};

struct KeyInfo {
    std::string_view section;
    std::string_view name;
    KeyKind kind;
    std::string_view default_text; // in the syntax of the file
    std::string_view type;         // as the key reference states it
    std::string_view bounds;       // the valid values, in words
    std::string_view unit;
    std::string_view meaning;
    std::string_view source;
    // Parses the value (throwing InputError through fail() when it is invalid) into the scenario.
    // Keys are read in table order, so a key may use those before it (schedules read
    // run.start_date; initial_strength reads target_strength).
    void (*read)(Scenario&, const IniValue&);
    // The value as the resolved text writes it; parsing it gives back the same field.
    std::string (*write)(const Scenario&);

    std::string full_name() const { return std::string(section) + "." + std::string(name); }
};

// The keys of one [class.NAME] section; read into and written from that class.
struct ClassKeyInfo {
    std::string_view name;
    KeyKind kind;
    std::string_view default_text; // "" where the default is not a constant (see meaning)
    std::string_view type;
    std::string_view bounds;
    std::string_view unit;
    std::string_view meaning;
    std::string_view source;
    void (*read)(SoldierClass&, const IniValue&);
    std::string (*write)(const SoldierClass&);
};

struct SectionInfo {
    std::string_view name;
    std::string_view note; // what the key reference says before the section's table
};

// Every key, in the order the resolved text lists them.
std::span<const KeyInfo> scenario_keys();
std::span<const ClassKeyInfo> class_keys();
std::span<const SectionInfo> scenario_sections();
// The keys a [contingent.NAME] section may give, as the "section.key" each one sets for that
// contingent; "contingent.hazard_multiplier" is the contingent's own.
std::span<const std::string_view> contingent_keys();
// The key "section.name", or nullptr.
const KeyInfo* find_key(std::string_view full_name);

// Every key of the scenario with its value, sections in the file's order, classes last, then the
// priors; parsing it gives back the same Scenario. A value the loader changed (a share rescaled
// because another was given alone) carries a comment saying how.
std::string scenario_ini_text(const Scenario& scenario);

// Section 5 of docs/model.md, generated from the table: `rotsim check --key-reference` prints
// it, and a test checks that the docs hold exactly this text.
std::string key_reference_markdown();

} // namespace rotsim
