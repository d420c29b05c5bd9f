#include "model/scenario_loader.hpp"

#include "model/error.hpp"
#include "model/ini_text.hpp"

#include <algorithm>
#include <array>
#include <boost/program_options/errors.hpp>
#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>
#include <boost/program_options/value_semantic.hpp>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>

namespace rotsim {

namespace {

namespace po = boost::program_options;

struct KeySpec {
    const char* section;
    const char* key;
    const char* default_text; // defaults of model-spec.md, in the syntax of the file
};

// Every key of the scenario file, in the order the resolved text lists them.
constexpr KeySpec kKeys[] = {
    {"run", "horizon_days", "365"},
    {"run", "start_date", "2024-10-01"},
    {"strength", "target_strength", "0:11000, 90:15000"},
    {"strength", "dispatch", "target"},
    {"strength", "dispatch_schedule", "0:0"},
    {"strength", "initial_strength", "auto"},
    {"strength", "initial_arrival_spread_days", "30"},
    {"strength", "relief_lead_days", "14"},
    {"strength", "unit_size", "1"},
    {"strength", "rotation_policy", "individual"},
    {"strength", "pool_size", "unlimited"},
    {"strength", "max_tours", "1"},
    {"strength", "rest_days", "180"},
    {"durations", "transit_in_days", "7..14"},
    {"durations", "russia_training_days", "14..42"},
    {"durations", "stay_days", "60..90"},
    {"durations", "recovery_days", "14..60"},
    {"durations", "transit_out_days", "7..14"},
    {"casualties", "p_kia", "0.0005"},
    {"casualties", "p_wia", "0.0035"},
    {"casualties", "p_captured", "0.00001"},
    {"casualties", "p_died_of_wounds", "0.05"},
    {"casualties", "p_return_to_duty", "0.4"},
    {"casualties", "intensity", "0:1.0"},
    {"casualties", "inexperience", "1.0"},
    {"casualties", "experience_days", "14"},
    {"casualties", "training_gap", "0.5"},
    {"casualties", "training_reference_days", "42"},
    {"pay", "monthly_pay_usd", "2000"},
    {"pay", "pay_states", "russia_training, deployed, wounded"},
    {"pay", "settlement_days", "30"},
    {"allocation", "soldier", "0.05"},
    {"allocation", "party_fund", "0.45"},
    {"allocation", "military", "0.25"},
    {"allocation", "elite_luxury", "0.15"},
    {"allocation", "food", "0.10"},
    {"compensation", "death_compensation_share", "0.10"},
    {"compensation", "death_lump_usd", "0"},
    {"context", "gdp_usd", "40e9"},
    {"context", "defence_share_of_gdp", "0.30"},
    {"context", "home_monthly_pay_usd", "1"},
};
const std::vector<std::string> kClassKeys = {"share", "hazard_multiplier", "monthly_pay_usd"};
const std::vector<std::string> kSections = {"run", "strength",   "durations",    "casualties",
                                            "pay", "allocation", "compensation", "context"};
constexpr const char* kDefaultClass = "storm_corps";
// Bounds the model-spec leaves open, chosen so that day and money arithmetic cannot overflow and
// a replication's memory stays bounded (docs/reliability.md lists them).
constexpr int kMaxDays = 36500;
constexpr double kMaxMonthlyPayUsd = 1e6;
constexpr double kMaxLumpUsd = 1e9;
// Soldiers present at once cost about 250 bytes each per replication in progress (one per
// thread): a million, more than North Korea's whole army, is 250 MB.
constexpr long long kMaxStrength = 1'000'000;
constexpr long long kMaxPool = 1'000'000'000; // a count only, it costs no memory
// A scenario is read whole, with a line index and Boost's copy; real ones are a few kilobytes.
constexpr std::size_t kMaxScenarioBytes = std::size_t{16} << 20;
// Money is int64 units of 1/365 cent (about 2.5e14 USD). What a scenario can accrue is bounded up
// front by peak strength x horizon x the largest daily pay (plus a death lump each), which must
// stay within an eighth of that range: the rest is headroom for turnover.
constexpr double kMaxMoneyUsd = static_cast<double>(std::numeric_limits<Money>::max()) / 8.0 /
                                static_cast<double>(kUnitsPerUsd);

struct ClassSettings {
    std::string name;
    Origin origin; // the [class.NAME] line, for a required key that is missing
    std::map<std::string, IniValue> values;
};

struct Settings {
    std::map<std::string, IniValue> values; // "section.key" -> text, every key present
    std::vector<ClassSettings> classes;
};

// Suggests a key of the same section first; a key spelt right under the wrong section also wins
// over a distant spelling.
std::string suggest_key(const std::string& section, const std::string& key) {
    std::pair<int, int> best{1 << 30, 0};
    std::string suggestion;
    for (const KeySpec& spec : kKeys) {
        int other = spec.section == section ? 0 : 1;
        std::pair<int, int> score{suggestion_distance(key, spec.key) + 2 * other, other};
        if (score >= best) continue;
        best = score;
        suggestion = other ? std::string(spec.section) + "." + spec.key : spec.key;
    }
    return suggestion;
}

[[noreturn]] void unknown_key(const Origin& at, const std::string& section, const std::string& key,
                              const std::string& suggestion) {
    fail({at.where, "", at.line}, "unknown key " +
                                      in_quotes(section.empty() ? key : section + "." + key) +
                                      "; did you mean " + in_quotes(suggestion) + "?");
}

[[noreturn]] void unknown_section(const Origin& at, const std::string& section) {
    std::vector<std::string> candidates = kSections;
    std::size_t dot = section.find('.');
    if (dot != std::string::npos) candidates.push_back("class" + section.substr(dot));
    fail({at.where, "", at.line}, "unknown section " + in_quotes("[" + section + "]") +
                                      "; did you mean " +
                                      in_quotes("[" + closest(section, candidates) + "]") + "?");
}

bool is_known_section(const std::string& s) {
    return std::find(kSections.begin(), kSections.end(), s) != kSections.end();
}

bool valid_class_name(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
}

ClassSettings* find_class(Settings& settings, const std::string& name) {
    for (ClassSettings& c : settings.classes)
        if (c.name == name) return &c;
    return nullptr;
}

void set_class_key(Settings& settings, const std::string& name, const std::string& key,
                   const std::string& text, const Origin& at) {
    ClassSettings* c = find_class(settings, name);
    if (c == nullptr) {
        std::vector<std::string> names;
        for (const ClassSettings& known : settings.classes)
            names.push_back(known.name);
        fail({at.where, "", at.line}, "unknown class " + in_quotes(name) + "; did you mean " +
                                          in_quotes(closest(name, names)) + "?");
    }
    if (std::find(kClassKeys.begin(), kClassKeys.end(), key) == kClassKeys.end())
        unknown_key(at, "class." + name, key, closest(key, kClassKeys));
    Origin origin{at.where, "class." + name + "." + key, at.line};
    auto [it, fresh] = c->values.try_emplace(key, IniValue{text, origin});
    if (!fresh && it->second.origin.from_file() && at.from_file())
        fail(origin, "given twice, on lines " + std::to_string(it->second.origin.line) + " and " +
                         std::to_string(at.line));
    it->second = {text, origin};
}

void set_key(Settings& settings, const std::string& section, const std::string& key,
             const std::string& text, const Origin& at) {
    if (section.starts_with("class."))
        return set_class_key(settings, section.substr(6), key, text, at);
    if (!is_known_section(section)) unknown_section(at, section);
    auto it = settings.values.find(section + "." + key);
    if (it == settings.values.end()) unknown_key(at, section, key, suggest_key(section, key));
    Origin origin{at.where, section + "." + key, at.line};
    if (it->second.origin.from_file() && at.from_file())
        fail(origin, "given twice, on lines " + std::to_string(it->second.origin.line) + " and " +
                         std::to_string(at.line));
    it->second = {text, origin};
}

void read_file_settings(const std::string& text, const IniText& ini, Settings& settings) {
    for (const IniSection& section : ini.sections()) {
        Origin at{ini.where(section.line), "", section.line};
        if (section.name.starts_with("class.")) {
            std::string name = section.name.substr(6);
            if (!valid_class_name(name))
                fail(at, "class names are letters, digits, '_' and '-', got " +
                             in_quotes(section.name));
            if (find_class(settings, name) == nullptr) settings.classes.push_back({name, at, {}});
        } else if (!is_known_section(section.name)) {
            unknown_section(at, section.name);
        }
    }
    for (const IniEntry& entry : ini.entries())
        if (entry.section.empty())
            fail({ini.where(entry.line), "", entry.line},
                 "key " + in_quotes(entry.key) + " is outside any section; did you mean " +
                     in_quotes(suggest_key("", entry.key)) + "?");

    po::options_description registered;
    for (const KeySpec& spec : kKeys) {
        std::string name = std::string(spec.section) + "." + spec.key;
        registered.add_options()(name.c_str(), po::value<std::string>(), "");
    }
    std::istringstream stream(text);
    po::parsed_options parsed(&registered);
    try {
        // Unregistered keys are let through so that class sections and misspellings are
        // reported here, with their line and a suggestion, rather than as Boost's bare message.
        parsed = po::parse_config_file(stream, registered, true);
    } catch (const po::error& e) {
        throw InputError(ini.source() + ": " + e.what());
    }
    const auto& entries = ini.entries();
    if (parsed.options.size() != entries.size())
        throw std::logic_error("scenario lexer and Boost disagree on the number of keys");
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const po::option& option = parsed.options[i];
        if (option.string_key != entries[i].full_key() || option.value.size() != 1)
            throw std::logic_error("scenario lexer and Boost disagree on " + option.string_key);
        set_key(settings, entries[i].section, entries[i].key, option.value[0],
                ini.origin(entries[i]));
    }
}

void apply_override(const std::string& text, Settings& settings) {
    Origin at{"--set " + in_quotes(text), "", 0};
    std::size_t equals = text.find('=');
    std::string key = trim(text.substr(0, std::min(equals, text.size())));
    std::size_t dot = key.find('.');
    if (equals == std::string::npos || key.empty()) fail(at, "expected section.key=value");
    if (dot == std::string::npos)
        fail(at,
             "expected section.key=value; did you mean " + in_quotes(suggest_key("", key)) + "?");
    std::string value = trim(text.substr(equals + 1));
    if (key.starts_with("class.")) {
        std::size_t last = key.rfind('.');
        if (last <= 6) fail(at, "expected class.NAME.key=value");
        return set_class_key(settings, key.substr(6, last - 6), key.substr(last + 1), value, at);
    }
    set_key(settings, key.substr(0, dot), key.substr(dot + 1), value, at);
}

[[noreturn]] void reject(const IniValue& s, const std::string& rule) {
    fail(s.origin, rule + ", got " + in_quotes(s.text));
}

std::string named(const IniValue& s) {
    return s.origin.key + " = " + s.text + " (" + s.origin.describe() + ")";
}

Allocation allocation(const Settings& settings, const std::string& source) {
    static const char* const kNames[] = {"soldier", "party_fund", "military", "elite_luxury",
                                         "food"};
    std::int64_t Allocation::*const kFields[] = {&Allocation::soldier, &Allocation::party_fund,
                                                 &Allocation::military, &Allocation::elite_luxury,
                                                 &Allocation::food};
    double sum = 0;
    std::string parts;
    Allocation result;
    std::int64_t Allocation::*largest = kFields[0];
    for (int i = 0; i < 5; ++i) {
        const IniValue& s = settings.values.at(std::string("allocation.") + kNames[i]);
        double share = parse_probability(s);
        sum += share;
        parts += (i == 0 ? "" : ", ") + named(s);
        result.*kFields[i] = std::llround(share * static_cast<double>(Allocation::kWhole));
        if (result.*kFields[i] > result.*largest) largest = kFields[i];
    }
    if (std::abs(sum - 1.0) > 1e-9)
        throw InputError(source + ": [allocation] shares must sum to 1, but they sum to " +
                         format_approx(sum) + ": " + parts);
    // Rounding to parts per billion may leave a few parts over or short; the largest share
    // absorbs them so that a settlement splits into exactly what was received.
    std::int64_t total = 0;
    for (auto field : kFields)
        total += result.*field;
    result.*largest += Allocation::kWhole - total;
    return result;
}

std::vector<SoldierClass> soldier_classes(const Settings& settings, std::int64_t default_pay,
                                          const std::string& source) {
    std::vector<SoldierClass> classes;
    double sum = 0;
    std::string parts;
    for (const ClassSettings& c : settings.classes) {
        SoldierClass k{c.name, 1.0, 1.0, default_pay};
        auto value = [&](const std::string& key) {
            auto it = c.values.find(key);
            return it == c.values.end() ? nullptr : &it->second;
        };
        if (const IniValue* s = value("share")) {
            k.share = parse_probability(*s);
            parts += (parts.empty() ? "" : ", ") + named(*s);
        } else if (settings.classes.size() > 1) {
            fail({c.origin.where, "class." + c.name + ".share", c.origin.line},
                 "required when there are several classes");
        }
        if (const IniValue* s = value("hazard_multiplier"))
            k.hazard_multiplier = parse_double(*s, 0);
        if (const IniValue* s = value("monthly_pay_usd"))
            k.monthly_pay_cents = parse_cents(*s, kMaxMonthlyPayUsd);
        sum += k.share;
        classes.push_back(k);
    }
    if (std::abs(sum - 1.0) > 1e-9)
        throw InputError(source + ": class shares must sum to 1, but they sum to " +
                         format_approx(sum) + ": " + parts);
    return classes;
}

void check_front_probability(const Scenario& sc, const Settings& settings,
                             const std::string& source) {
    double worst = sc.worst_front_probability();
    if (worst <= 1.0) return;
    auto key = [&](const char* name) { return named(settings.values.at(name)); };
    const SoldierClass* hazard = &sc.classes.front();
    for (const SoldierClass& c : sc.classes)
        if (c.hazard_multiplier > hazard->hazard_multiplier) hazard = &c;
    double gap = std::max(0.0, 1.0 - sc.russia_training_days.min / sc.training_reference_days);
    throw InputError(
        source + ": the worst daily probability of a casualty at the front is " +
        format_approx(worst) + ", more than 1. It is the product of: (" + key("casualties.p_kia") +
        " + " + key("casualties.p_wia") + " + " + key("casualties.p_captured") +
        "); max intensity " + format_approx(sc.intensity.max_over(0, sc.horizon_days)) +
        " over the run from " + key("casualties.intensity") +
        "; the largest class hazard_multiplier " + format_approx(hazard->hazard_multiplier) +
        " (class." + hazard->name + "); the inexperience factor " +
        format_approx(1 + sc.inexperience) + " = 1 + " + key("casualties.inexperience") +
        "; the training-gap factor " + format_approx(1 + sc.training_gap * gap) + " = 1 + " +
        key("casualties.training_gap") + " x max(0, 1 - russia_training_days.min " +
        std::to_string(sc.russia_training_days.min) + " / " +
        key("casualties.training_reference_days") + ")");
}

void check_money_range(const Scenario& sc, const Settings& settings, const std::string& source) {
    const double peak =
        std::max(sc.target_strength.max_value(), static_cast<double>(sc.initial_strength)) +
        sc.unit_size;
    const SoldierClass* best = &sc.classes.front();
    for (const SoldierClass& c : sc.classes)
        if (c.monthly_pay_cents > best->monthly_pay_cents) best = &c;
    const double daily_usd = to_usd(daily_pay_units(best->monthly_pay_cents));
    const double lump_usd = static_cast<double>(sc.death_lump_cents) / 100.0;
    const double bound = peak * (sc.horizon_days * daily_usd + lump_usd);
    if (bound <= kMaxMoneyUsd) return;
    auto key = [&](const char* name) { return named(settings.values.at(name)); };
    throw InputError(source + ": the money this scenario can accrue, " + format_approx(bound) +
                     " USD, is more than rotsim's ledger holds with headroom (" +
                     format_approx(kMaxMoneyUsd) + " USD). It is bounded by the peak strength " +
                     format_approx(peak) + " (from " + key("strength.target_strength") + ", " +
                     key("strength.initial_strength") + " and " + key("strength.unit_size") +
                     ") x " + key("run.horizon_days") + " x the largest daily pay " +
                     format_approx(daily_usd) + " USD (class." + best->name +
                     ", monthly pay x 12 / 365), plus " + key("compensation.death_lump_usd") +
                     " per soldier; lower one of them");
}

// With dispatch = schedule, strength follows the schedule, not the target: the soldiers it can
// ever send bound the money instead, each paid for at most the whole horizon.
void check_schedule_money(const Scenario& sc, const Settings& settings, const std::string& source) {
    if (sc.dispatch != Dispatch::schedule) return;
    const double per_day =
        std::ceil(std::round(sc.dispatch_schedule.max_value()) / sc.unit_size) * sc.unit_size;
    const double soldiers = sc.initial_strength + per_day * sc.horizon_days;
    double pay = 0;
    for (const SoldierClass& c : sc.classes)
        pay = std::max(pay, to_usd(daily_pay_units(c.monthly_pay_cents)));
    const double bound =
        soldiers * (sc.horizon_days * pay + static_cast<double>(sc.death_lump_cents) / 100.0);
    if (bound <= kMaxMoneyUsd) return;
    auto key = [&](const char* name) { return named(settings.values.at(name)); };
    throw InputError(source + ": the money this scenario can accrue, " + format_approx(bound) +
                     " USD, is more than rotsim's ledger holds with headroom (" +
                     format_approx(kMaxMoneyUsd) + " USD). It is bounded by the " +
                     format_approx(soldiers) + " soldiers that " +
                     key("strength.dispatch_schedule") + " can send over " +
                     key("run.horizon_days") + " x that horizon x the largest daily pay " +
                     format_approx(pay) + " USD; lower one of them");
}

Scenario build_scenario(const Settings& settings, const std::string& source) {
    auto at = [&](const char* key) -> const IniValue& { return settings.values.at(key); };
    auto days = [&](const char* key, int lo) { return int(parse_integer(at(key), lo, kMaxDays)); };
    auto range = [&](const char* key, int lo) { return parse_day_range(at(key), lo, kMaxDays); };
    Scenario sc;
    sc.horizon_days = days("run.horizon_days", 1);
    sc.start_date = parse_date(at("run.start_date"));

    sc.target_strength =
        Schedule(parse_schedule(at("strength.target_strength"), kMaxStrength, kMaxDays));
    const IniValue& dispatch = at("strength.dispatch");
    if (dispatch.text != "target" && dispatch.text != "schedule")
        reject(dispatch, "must be 'target' or 'schedule'");
    sc.dispatch = dispatch.text == "schedule" ? Dispatch::schedule : Dispatch::target;
    sc.dispatch_schedule =
        Schedule(parse_schedule(at("strength.dispatch_schedule"), kMaxStrength, kMaxDays));
    long long automatic = std::llround(sc.target_strength.at(0));
    sc.initial_strength =
        int(parse_integer_or(at("strength.initial_strength"), "auto", automatic, kMaxStrength));
    sc.initial_arrival_spread_days = days("strength.initial_arrival_spread_days", 1);
    sc.relief_lead_days = days("strength.relief_lead_days", 0);
    sc.unit_size = int(parse_integer(at("strength.unit_size"), 1, kMaxStrength));
    const IniValue& policy = at("strength.rotation_policy");
    if (policy.text != "individual" && policy.text != "unit")
        reject(policy, "must be 'individual' or 'unit'");
    sc.rotation_policy = policy.text == "unit" ? RotationPolicy::unit : RotationPolicy::individual;
    sc.pool_size = parse_integer_or(at("strength.pool_size"), "unlimited", -1, kMaxPool);
    sc.max_tours = days("strength.max_tours", 1);
    sc.rest_days = days("strength.rest_days", 0);

    sc.transit_in_days = range("durations.transit_in_days", 0);
    sc.russia_training_days = range("durations.russia_training_days", 0);
    sc.stay_days = range("durations.stay_days", 1);
    sc.recovery_days = range("durations.recovery_days", 1);
    sc.transit_out_days = range("durations.transit_out_days", 0);

    sc.p_kia = parse_probability(at("casualties.p_kia"));
    sc.p_wia = parse_probability(at("casualties.p_wia"));
    sc.p_captured = parse_probability(at("casualties.p_captured"));
    sc.p_died_of_wounds = parse_probability(at("casualties.p_died_of_wounds"));
    sc.p_return_to_duty = parse_probability(at("casualties.p_return_to_duty"));
    sc.intensity = Schedule(parse_schedule(at("casualties.intensity"), HUGE_VAL, kMaxDays));
    sc.inexperience = parse_double(at("casualties.inexperience"), 0);
    sc.experience_days = parse_double(at("casualties.experience_days"), 0, HUGE_VAL, true);
    sc.training_gap = parse_double(at("casualties.training_gap"), 0);
    sc.training_reference_days =
        parse_double(at("casualties.training_reference_days"), 0, HUGE_VAL, true);

    sc.monthly_pay_cents = parse_cents(at("pay.monthly_pay_usd"), kMaxMonthlyPayUsd);
    sc.pay_state = parse_state_set(at("pay.pay_states"));
    sc.settlement_days = days("pay.settlement_days", 1);
    sc.allocation = allocation(settings, source);

    sc.death_compensation_share = parse_probability(at("compensation.death_compensation_share"));
    sc.death_lump_cents = parse_cents(at("compensation.death_lump_usd"), kMaxLumpUsd);
    sc.gdp_usd = parse_double(at("context.gdp_usd"), 0, HUGE_VAL, true);
    sc.defence_share_of_gdp = parse_double(at("context.defence_share_of_gdp"), 0, 1, true);
    sc.home_monthly_pay_usd = parse_double(at("context.home_monthly_pay_usd"), 0, HUGE_VAL, true);

    sc.classes = soldier_classes(settings, sc.monthly_pay_cents, source);
    check_front_probability(sc, settings, source);
    check_money_range(sc, settings, source);
    check_schedule_money(sc, settings, source);
    sc.resolved_text = scenario_ini_text(sc);
    return sc;
}

} // namespace

Scenario parse_scenario(const std::string& text, const std::string& source_name,
                        const std::vector<std::string>& overrides) {
    if (text.size() > kMaxScenarioBytes)
        throw InputError(source_name + ": the scenario is " + std::to_string(text.size()) +
                         " bytes, more than the limit of " + std::to_string(kMaxScenarioBytes) +
                         " (16 MiB)");
    for (const std::string& override_text : overrides)
        if (override_text.size() > kMaxScenarioBytes)
            throw InputError("--set " + in_quotes(override_text) + ": more than the limit of " +
                             std::to_string(kMaxScenarioBytes) + " bytes (16 MiB)");
    Settings settings;
    for (const KeySpec& spec : kKeys) {
        std::string key = std::string(spec.section) + "." + spec.key;
        settings.values[key] = {spec.default_text, {"default", key, 0}};
    }
    // Editors on Windows may start the file with a byte-order mark, which Boost would take as part
    // of the first section's name.
    const std::string body = text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
    IniText ini(body, source_name);
    read_file_settings(body, ini, settings);
    // Without class sections the scenario has one class; it can still be overridden by name.
    if (settings.classes.empty())
        settings.classes.push_back({kDefaultClass, {"default", "", 0}, {}});
    for (const std::string& override_text : overrides)
        apply_override(override_text, settings);
    return build_scenario(settings, source_name);
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
    std::error_code ignored;
    std::ifstream in(path, std::ios::binary);
    // A directory opens as an empty stream on Linux and would silently load the defaults.
    if (!in || std::filesystem::is_directory(path, ignored))
        throw InputError("cannot open scenario file " + in_quotes(path));
    const std::string too_large = "scenario file " + in_quotes(path) +
                                  " is larger than the limit of " +
                                  std::to_string(kMaxScenarioBytes) + " bytes (16 MiB)";
    // A regular file is measured before it is read; a pipe or a device (/dev/zero) is read only
    // up to the limit.
    const auto size = std::filesystem::file_size(path, ignored);
    if (!ignored && size > kMaxScenarioBytes) throw InputError(too_large);
    std::string text;
    std::array<char, 65536> buffer{};
    while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
        text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxScenarioBytes) throw InputError(too_large);
    }
    if (in.bad()) throw InputError("cannot read scenario file " + in_quotes(path));
    return parse_scenario(text, path, overrides);
}

} // namespace rotsim
