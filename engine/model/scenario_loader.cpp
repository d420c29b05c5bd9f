#include "model/scenario_loader.hpp"

#include "model/error.hpp"
#include "model/ini_text.hpp"
#include "model/keys.hpp"
#include "model/parts.hpp"
#include "model/settings.hpp"

#include <algorithm>
#include <array>
#include <boost/program_options/errors.hpp>
#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>
#include <boost/program_options/value_semantic.hpp>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace rotsim {

namespace {

namespace po = boost::program_options;

const std::vector<std::string> kSections = {"run", "strength",   "durations",    "casualties",
                                            "pay", "allocation", "compensation", "context"};
// Priors of keys and parts (model/uncertainty.hpp); not a section of scenario keys.
constexpr const char* kUncertainty = "uncertainty";
constexpr const char* kDefaultClass = "storm_corps";
// A scenario is read whole, with a line index and Boost's copy; real ones are a few kilobytes.
constexpr std::size_t kMaxScenarioBytes = kMaxTextInputBytes;
// [class.NAME] sections: real scenarios have a handful. Each contingent and each probe of a prior
// builds every class again, so their number multiplies those (issue 14).
constexpr std::size_t kMaxClasses = 1000;

std::vector<std::string> class_key_names() {
    std::vector<std::string> names;
    for (const ClassKeyInfo& k : class_keys())
        names.emplace_back(k.name);
    return names;
}

// Suggests a key of the same section first; a key spelt right under the wrong section also wins
// over a distant spelling.
std::string suggest_key(const std::string& section, const std::string& key) {
    std::pair<int, int> best{1 << 30, 0};
    std::string suggestion;
    for (const KeyInfo& spec : scenario_keys()) {
        int other = spec.section == section ? 0 : 1;
        std::pair<int, int> score{suggestion_distance(key, spec.name) + 2 * other, other};
        if (score >= best) continue;
        best = score;
        suggestion = other ? spec.full_name() : std::string(spec.name);
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
    if (dot != std::string::npos) {
        candidates.push_back("class" + section.substr(dot));
        candidates.push_back("contingent" + section.substr(dot));
    }
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
    const auto it = settings.class_index.find(name);
    return it == settings.class_index.end() ? nullptr : &settings.classes[it->second];
}

void add_class(Settings& settings, ClassSettings c) {
    settings.class_index.emplace(c.name, settings.classes.size());
    settings.classes.push_back(std::move(c));
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
    const std::vector<std::string> keys = class_key_names();
    if (std::find(keys.begin(), keys.end(), key) == keys.end())
        unknown_key(at, "class." + name, key, closest(key, keys));
    Origin origin{at.where, "class." + name + "." + key, at.line};
    auto [it, fresh] = c->values.try_emplace(key, IniValue{text, origin});
    if (!fresh && it->second.origin.from_file() && at.from_file())
        fail(origin, "given twice, on lines " + std::to_string(it->second.origin.line) + " and " +
                         std::to_string(at.line));
    it->second = {text, origin};
}

// The global key a contingent's key sets for it ("stay_days" -> durations.stay_days); nullptr for
// its own hazard_multiplier.
const KeyInfo* contingent_key_info(const std::string& key) {
    for (const std::string_view full : contingent_keys())
        if (full.substr(full.find('.') + 1) == key) return find_key(full);
    return nullptr;
}

void set_contingent_part(Settings& settings, ContingentSettings& c, const std::string& key,
                         const std::string& part, const std::string& text, const Origin& at) {
    const std::string whole = "contingent." + c.name + "." + key;
    const IniValue given{text, {at.where, whole + "." + part, at.line}};
    if (at.from_file())
        fail(given.origin, "parts of keys are for --set, sweeps and priors; write the whole value "
                           "of " +
                               key + " here");
    const KeyInfo* info = contingent_key_info(key);
    if (info == nullptr) fail(given.origin, "contingent." + c.name + "." + key + " has no parts");
    IniValue current;
    if (auto it = c.values.find(key); it != c.values.end()) {
        current = it->second;
    } else if (key == "target_strength" || key == "dispatch_schedule" ||
               key == "initial_strength") {
        fail(given.origin, "contingent." + c.name + " gives no " + key + " to change");
    } else {
        current = settings.values.at(info->full_name());
    }
    Origin made = given.origin;
    made.key = whole + " (" + current.text + " from " + current.origin.describe() + ", then " +
               part + " " + text + ")";
    c.values[key] = {apply_part(*info, part, current, given), made};
}

ContingentSettings* find_contingent(Settings& settings, const std::string& name) {
    const auto it = settings.contingent_index.find(name);
    return it == settings.contingent_index.end() ? nullptr : &settings.contingents[it->second];
}

void set_contingent_key(Settings& settings, const std::string& name, const std::string& key,
                        const std::string& text, const Origin& at) {
    ContingentSettings* c = find_contingent(settings, name);
    if (c == nullptr) {
        std::vector<std::string> names;
        for (const ContingentSettings& known : settings.contingents)
            names.push_back(known.name);
        fail({at.where, "", at.line},
             "unknown contingent " + in_quotes(name) +
                 (names.empty() ? "; the scenario has no [contingent.NAME] sections"
                                : "; did you mean " + in_quotes(closest(name, names)) + "?"));
    }
    std::vector<std::string> keys;
    for (const std::string_view k : contingent_keys())
        keys.emplace_back(k.substr(k.find('.') + 1));
    // A part of a structured key ("stay_days.scale") changes the contingent's value, or the
    // global one it inherits.
    if (const std::size_t dot = key.find('.');
        dot != std::string::npos &&
        std::find(keys.begin(), keys.end(), key.substr(0, dot)) != keys.end())
        return set_contingent_part(settings, *c, key.substr(0, dot), key.substr(dot + 1), text, at);
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        const std::string near = closest(key, keys);
        std::string list;
        for (const std::string& k : keys)
            list += (list.empty() ? "" : ", ") + k;
        fail({at.where, "", at.line}, "unknown key " + in_quotes("contingent." + name + "." + key) +
                                          "; did you mean " + in_quotes(near) +
                                          "? (a contingent takes: " + list + ")");
    }
    Origin origin{at.where, "contingent." + name + "." + key, at.line};
    auto [it, fresh] = c->values.try_emplace(key, IniValue{text, origin});
    if (!fresh && it->second.origin.from_file() && at.from_file())
        fail(origin, "given twice, on lines " + std::to_string(it->second.origin.line) + " and " +
                         std::to_string(at.line));
    it->second = {text, origin};
}

void set_part(Settings& settings, const PartName& part, const std::string& text, const Origin& at) {
    const std::string whole = part.key->full_name();
    const IniValue given{text, {at.where, whole + "." + part.part, at.line}};
    if (at.from_file())
        fail(given.origin, "parts of keys are for --set, sweeps and priors; write the whole value "
                           "of " +
                               whole + " here");
    IniValue& current = settings.values.at(whole);
    // A value the part makes invalid is reported with where it came from and what the part did
    // to it: "durations.stay_days (60..90 from line 12, then shift -70)".
    Origin made = given.origin;
    made.key = whole + " (" + current.text + " from " + current.origin.describe() + ", then " +
               part.part + " " + text + ")";
    current = {apply_part(*part.key, part.part, current, given), made};
}

void set_key(Settings& settings, const std::string& section, const std::string& key,
             const std::string& text, const Origin& at) {
    if (section.starts_with("class."))
        return set_class_key(settings, section.substr(6), key, text, at);
    if (section.starts_with("contingent."))
        return set_contingent_key(settings, section.substr(11), key, text, at);
    if (section == kUncertainty) {
        const IniValue prior{text, {at.where, key, at.line}};
        auto [it, fresh] = settings.prior_index.try_emplace(key, settings.priors.size());
        if (fresh) {
            if (settings.priors.size() == kMaxPriors)
                fail({at.where, key, at.line},
                     "more than " + std::to_string(kMaxPriors) + " priors in [uncertainty]");
            settings.priors.push_back(prior);
            return;
        }
        // As for any key: twice in the file is a mistake, a --set replaces what came before.
        IniValue& earlier = settings.priors[it->second];
        if (earlier.origin.from_file() && at.from_file())
            fail({at.where, key, at.line}, "given twice in [uncertainty], on lines " +
                                               std::to_string(earlier.origin.line) + " and " +
                                               std::to_string(at.line));
        earlier = prior;
        return;
    }
    if (!is_known_section(section)) unknown_section(at, section);
    auto it = settings.values.find(section + "." + key);
    if (it == settings.values.end()) {
        // A part of a structured key rewrites the key's current text (model/parts.hpp).
        if (auto part = split_part(section + "." + key)) return set_part(settings, *part, text, at);
        unknown_key(at, section, key, suggest_key(section, key));
    }
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
            if (find_class(settings, name) == nullptr) {
                if (settings.classes.size() == kMaxClasses)
                    fail(at, "more than " + std::to_string(kMaxClasses) + " classes");
                add_class(settings, {name, at, {}});
            }
        } else if (section.name.starts_with("contingent.")) {
            std::string name = section.name.substr(11);
            if (!valid_class_name(name))
                fail(at, "contingent names are letters, digits, '_' and '-', got " +
                             in_quotes(section.name));
            if (find_contingent(settings, name) == nullptr) {
                if (settings.contingents.size() == kMaxContingents)
                    fail(at, "more than " + std::to_string(kMaxContingents) + " contingents");
                settings.contingent_index.emplace(name, settings.contingents.size());
                settings.contingents.push_back({name, at, {}});
            }
        } else if (!is_known_section(section.name) && section.name != kUncertainty) {
            unknown_section(at, section.name);
        }
    }
    for (const IniEntry& entry : ini.entries())
        if (entry.section.empty())
            fail({ini.where(entry.line), "", entry.line},
                 "key " + in_quotes(entry.key) + " is outside any section; did you mean " +
                     in_quotes(suggest_key("", entry.key)) + "?");

    po::options_description registered;
    for (const KeyInfo& spec : scenario_keys()) {
        std::string name = spec.full_name();
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

// The key of an override "KEY=VALUE".
std::string override_key(const std::string& text) {
    return trim(text.substr(0, std::min(text.find('='), text.size())));
}

void apply_override(const std::string& text, Settings& settings) {
    Origin at{"--set " + in_quotes(text), "", 0};
    std::size_t equals = text.find('=');
    std::string key = override_key(text);
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
    if (key.starts_with("contingent.")) {
        // Names have no dots; the key after the name may have a part.
        std::size_t end = key.find('.', 11);
        if (end == std::string::npos || end == 11 || end + 1 == key.size())
            fail(at, "expected contingent.NAME.key=value");
        return set_contingent_key(settings, key.substr(11, end - 11), key.substr(end + 1), value,
                                  at);
    }
    set_key(settings, key.substr(0, dot), key.substr(dot + 1), value, at);
}

// Shares that must sum to 1, some given alone (by --set, a sweep or a prior): those are held and
// the rest (from the file or the defaults) are rescaled in proportion, so that one share can be
// an input like any number. Each rescaled value gets a note for the resolved text.
void rescale_shares(std::vector<IniValue*> shares, Settings& settings, const std::string& group) {
    double given = 0, rest = 0;
    std::string given_text;
    for (IniValue* s : shares) {
        const double v = parse_probability(*s);
        (s->origin.from_override() ? given : rest) += v;
        if (s->origin.from_override())
            given_text.append(given_text.empty() ? "" : ", ").append(named(*s));
    }
    if (given_text.empty() || std::abs(given + rest - 1.0) <= 1e-9) return;
    if (std::ranges::all_of(shares, [](const IniValue* s) { return s->origin.from_override(); }))
        return; // every share given: the sum rule reports them as they are
    if (given > 1.0 + 1e-9)
        throw InputError(group + " shares given alone sum to " + format_approx(given) +
                         ", more than 1: " + given_text);
    if (rest <= 0)
        throw InputError(group + " shares given alone (" + given_text + ") sum to " +
                         format_approx(given) +
                         " and the other shares are all 0, so they cannot be rescaled to make 1");
    const double factor = (1.0 - given) / rest;
    for (IniValue* s : shares) {
        if (s->origin.from_override()) continue;
        const double old = parse_probability(*s);
        settings.notes[s->origin.key] = std::string("rescaled from ")
                                            .append(s->text)
                                            .append(" (")
                                            .append(s->origin.describe())
                                            .append(") x ")
                                            .append(format_approx(factor))
                                            .append(" so that ")
                                            .append(group)
                                            .append(" shares sum to 1 after ")
                                            .append(given_text);
        s->text = format_double(old * factor);
    }
}

void rescale_given_shares(Settings& settings) {
    std::vector<IniValue*> allocation;
    allocation.reserve(kShareNames.size());
    for (const char* name : kShareNames)
        allocation.push_back(&settings.values.at(std::string("allocation.") + name));
    rescale_shares(allocation, settings, "[allocation]");
    std::vector<IniValue*> classes;
    for (ClassSettings& c : settings.classes)
        if (auto it = c.values.find("share"); it != c.values.end()) classes.push_back(&it->second);
    if (classes.size() == settings.classes.size() && classes.size() > 1)
        rescale_shares(classes, settings, "class");
}

Scenario build_scenario(const Settings& settings, const std::string& source);

// Streams of a contingent are keyed by its name, not its place in the file, so that adding or
// reordering contingents leaves the others' numbers where they were (FNV-1a).
std::uint32_t stream_lane(const std::string& name) {
    std::uint32_t h = 2166136261u;
    for (const char c : name) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return h;
}

// The scenario as one contingent sees it: the global keys, with the contingent's own over them.
// Its strength is never inherited: it gives target_strength or dispatch_schedule itself.
Contingent contingent_of(const Settings& settings, const ContingentSettings& c,
                         const std::string& source, double& money_bound) {
    const bool target = c.values.contains("target_strength");
    if (target == c.values.contains("dispatch_schedule"))
        fail({c.origin.where, "contingent." + c.name, c.origin.line},
             "give exactly one of target_strength (dispatch fills a target strength) and "
             "dispatch_schedule (a fixed number sent each day)");
    Settings sub = settings;
    sub.contingents.clear();
    sub.contingent_index.clear();
    const Origin made{c.origin.where, "contingent." + c.name, c.origin.line};
    sub.values["strength.dispatch"] = {target ? "target" : "schedule", made};
    sub.values["strength.target_strength"] = {"0:0", made};
    sub.values["strength.dispatch_schedule"] = {"0:0", made};
    sub.values["strength.initial_strength"] = {"auto", made};
    Contingent out;
    out.name = c.name;
    for (const auto& [key, value] : c.values) {
        if (key == "hazard_multiplier") {
            out.hazard_multiplier = parse_double(value, 0);
            continue;
        }
        for (const std::string_view full : contingent_keys())
            if (full.substr(full.find('.') + 1) == key) sub.values[std::string(full)] = value;
    }
    Scenario scenario = build_scenario(sub, source);
    for (SoldierClass& k : scenario.classes)
        k.hazard_multiplier *= out.hazard_multiplier;
    if (const double worst = scenario.worst_front_probability(); worst > 1.0)
        fail(c.values.at("hazard_multiplier").origin,
             format_double(out.hazard_multiplier) +
                 " makes the worst daily probability of a casualty at this contingent's front " +
                 format_approx(worst) + ", more than 1 (it is " +
                 format_approx(worst / out.hazard_multiplier) +
                 " without it: casualty rates, intensity, class hazard, inexperience and "
                 "training gap, as docs/model.md 3.3.4 says)");
    money_bound +=
        check_money_range(scenario, sub, source) + check_schedule_money(scenario, sub, source);
    out.stream_lane = stream_lane(c.name);
    out.scenario = std::make_shared<const Scenario>(std::move(scenario));
    return out;
}

Scenario build_scenario(const Settings& settings, const std::string& source) {
    Scenario sc;
    for (const KeyInfo& key : scenario_keys())
        key.read(sc, settings.values.at(key.full_name()));
    finish_allocation(sc, settings, source);
    sc.classes = soldier_classes(settings, sc.monthly_pay_cents, source);
    check_front_probability(sc, settings, source);
    double bound = 0;
    for (const ContingentSettings& c : settings.contingents) {
        sc.contingents.push_back(contingent_of(settings, c, source, bound));
        for (std::size_t k = 0; k + 1 < sc.contingents.size(); ++k)
            if (sc.contingents[k].stream_lane == sc.contingents.back().stream_lane)
                fail(c.origin, "contingents " + in_quotes(sc.contingents[k].name) + " and " +
                                   in_quotes(c.name) +
                                   " would share random streams (their names hash alike); "
                                   "rename one");
    }
    if (sc.contingents.empty()) {
        check_money_range(sc, settings, source);
        check_schedule_money(sc, settings, source);
    } else if (bound > kMaxMoneyUsd) {
        throw InputError(
            source + ": the money the contingents can accrue together, " + format_approx(bound) +
            " USD, is more than rotsim's ledger holds with "
            "headroom (" +
            format_approx(kMaxMoneyUsd) + " USD); lower their strengths, pay or the horizon");
    }
    sc.notes = settings.notes;
    sc.resolved_text = scenario_ini_text(sc);
    return sc;
}

// "" when the scenario takes KEY=VALUE, else the loader's reason.
std::string refusal(const Settings& settings, const std::string& key, const std::string& value,
                    const std::string& source) {
    Settings probe = settings;
    try {
        apply_override(key + "=" + value, probe);
        rescale_given_shares(probe);
        build_scenario(probe, source);
    } catch (const InputError& e) {
        return without_set_prefix(e.what());
    }
    return "";
}

// Each prior is checked against the scenario as given (`unscaled`: before any share is
// rescaled, without the priors): its key (or part) must exist, and its ends, middle and choices
// must each make a valid scenario. A combination of draws that is invalid only together is
// refused when it is drawn, naming the point.
std::vector<Prior> priors_of(const std::vector<IniValue>& entries, const Settings& unscaled,
                             const std::vector<std::string>& overrides, const std::string& source) {
    std::set<std::string> set_keys;
    for (const std::string& o : overrides)
        set_keys.insert(override_key(o));
    std::vector<Prior> priors;
    for (const IniValue& entry : entries) {
        const std::string& key = entry.origin.key;
        // A key set with --set is known for this run: its prior is dropped, not contradicted.
        if (set_keys.contains(key)) continue;
        Prior prior = parse_prior(key, entry.text, entry.origin.where);
        prior.grain = key_grain(key);
        const std::string at = entry.origin.where + ": [uncertainty] " + prior.describe() + ": ";
        if (prior.grain >= 1 && prior.kind == PriorKind::uniform &&
            (prior.parameters[0] != std::floor(prior.parameters[0]) ||
             prior.parameters[1] != std::floor(prior.parameters[1])))
            throw InputError(
                std::string(at).append(key).append(" takes whole numbers; give whole bounds"));
        for (const std::string& value : prior.probe_values()) {
            const std::string why = refusal(unscaled, key, value, source);
            if (why.empty()) continue;
            if (names_unknown_key(why)) throw InputError(std::string(at).append(why));
            throw InputError(std::string(at)
                                 .append("the value ")
                                 .append(in_quotes(value))
                                 .append(" is refused: ")
                                 .append(why));
        }
        priors.push_back(std::move(prior));
    }
    return priors;
}

} // namespace

std::string without_set_prefix(const std::string& message) {
    if (!message.starts_with("--set '")) return message;
    const std::size_t end = message.find("': ");
    return end == std::string::npos ? message : message.substr(end + 3);
}

bool names_unknown_key(const std::string& message) {
    constexpr std::array markers{
        "unknown key",  "unknown section",     "unknown class",        "unknown part",
        "has no parts", "so there is no knot", "expected section.key", "expected class.NAME.key"};
    return std::ranges::any_of(
        markers, [&](const char* marker) { return message.find(marker) != std::string::npos; });
}

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
    for (const KeyInfo& spec : scenario_keys()) {
        std::string key = spec.full_name();
        settings.values[key] = {std::string(spec.default_text), {"default", key, 0}};
    }
    // Editors on Windows may start the file with a byte-order mark, which Boost would take as part
    // of the first section's name.
    const std::string body = text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
    IniText ini(body, source_name);
    read_file_settings(body, ini, settings);
    // Without class sections the scenario has one class; it can still be overridden by name.
    if (settings.classes.empty()) add_class(settings, {kDefaultClass, {"default", "", 0}, {}});
    for (const std::string& override_text : overrides)
        apply_override(override_text, settings);
    // Priors are checked against the settings as given, before any share is rescaled.
    const std::vector<IniValue> prior_entries = std::move(settings.priors);
    settings.priors.clear();
    settings.prior_index.clear();
    std::optional<Settings> unscaled;
    if (!prior_entries.empty()) unscaled = settings;
    rescale_given_shares(settings);
    Scenario sc = build_scenario(settings, source_name);
    if (unscaled) {
        sc.priors = priors_of(prior_entries, *unscaled, overrides, source_name);
        sc.resolved_text = scenario_ini_text(sc);
    }
    return sc;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
    return parse_scenario(read_text_input(path, "scenario file"), path, overrides);
}

} // namespace rotsim
