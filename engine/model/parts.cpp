#include "model/parts.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "model/calendar.hpp"

namespace rotsim {
namespace {

struct Knot {
    std::string when; // a day number or a date, as written
    std::string value;
};

std::vector<Knot> knots_of(const IniValue& current) {
    std::vector<Knot> knots;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = current.text.find(',', start);
        const std::string item = trim(current.text.substr(start, end - start));
        const std::size_t colon = item.find(':');
        if (colon == std::string::npos)
            fail(current.origin,
                 "expected a schedule 'day:value, day:value', got " + in_quotes(current.text));
        knots.push_back({trim(item.substr(0, colon)), trim(item.substr(colon + 1))});
        if (end == std::string::npos) return knots;
        start = end + 1;
    }
}

std::string text_of(const std::vector<Knot>& knots) {
    std::string text;
    for (const Knot& k : knots)
        text += (text.empty() ? "" : ", ") + k.when + ":" + k.value;
    return text;
}

// "value[2]" -> ("value", 2); a name without brackets has index -1.
std::pair<std::string, long long> indexed(std::string_view part) {
    const std::size_t open = part.find('[');
    if (open == std::string_view::npos || !part.ends_with(']')) return {std::string(part), -1};
    long long index = -1;
    const std::string_view digits = part.substr(open + 1, part.size() - open - 2);
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
    if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || index < 0)
        index = -2; // malformed: reported by the caller
    return {std::string(part.substr(0, open)), index};
}

[[noreturn]] void unknown_part(const KeyInfo& key, std::string_view part, const IniValue& given) {
    const std::vector<std::string> names = part_names(key.kind);
    if (names.empty())
        fail(given.origin, key.full_name() + " is a single value and has no parts; set it whole");
    std::vector<std::string> plain;
    plain.reserve(names.size());
    for (const std::string& n : names)
        plain.push_back(n.substr(0, n.find('[')));
    std::string list;
    for (const std::string& n : names)
        list += (list.empty() ? "" : ", ") + n;
    const std::string near = closest(part, plain);
    const auto at = std::find(plain.begin(), plain.end(), near) - plain.begin();
    const std::string& best = names[static_cast<std::size_t>(at)];
    fail(given.origin, "unknown part " + in_quotes(part) + " of " + key.full_name() +
                           "; did you mean " + in_quotes(best) + "? (parts: " + list + ")");
}

std::string range_part(const KeyInfo& key, std::string_view part, const IniValue& current,
                       const IniValue& given) {
    const DayRange now = parse_day_range(current, -kMaxDays, kMaxDays);
    long long lo = now.min, hi = now.max;
    if (part == "scale") {
        const double factor = parse_double(given, 0);
        // A factor large enough to overflow the day count is an out-of-range duration: say so
        // in the duration's own words, before any rounding of it.
        const double longest = std::max(std::abs(static_cast<double>(now.min)),
                                        std::abs(static_cast<double>(now.max)));
        if (!(longest * factor <= 10.0 * kMaxDays))
            fail(given.origin, "scales " + key.full_name() + " = " + current.text +
                                   " beyond the longest duration, " + std::to_string(kMaxDays) +
                                   " days");
        lo = std::llround(static_cast<double>(lo) * factor);
        hi = std::llround(static_cast<double>(hi) * factor);
    } else {
        const long long v = parse_integer(given, -kMaxDays, kMaxDays);
        if (part == "min")
            lo = v;
        else if (part == "max")
            hi = v;
        else if (part == "shift")
            lo += v, hi += v;
        else
            unknown_part(key, part, given);
    }
    return std::to_string(lo) + ".." + std::to_string(hi);
}

// A duration that changes by dispatch day ("60..90, 2025-02-01:180..365") has each of its ranges
// changed alike; the days of the changes stay.
std::string duration_part(const KeyInfo& key, std::string_view part, const IniValue& current,
                          const IniValue& given) {
    std::string out;
    for (const std::string& item : parse_list(current)) {
        const std::size_t colon = item.find(':');
        const std::string day = colon == std::string::npos ? "" : item.substr(0, colon + 1);
        const std::string range = colon == std::string::npos ? item : trim(item.substr(colon + 1));
        out +=
            (out.empty() ? "" : ", ") + day + range_part(key, part, {range, current.origin}, given);
    }
    return out;
}

std::string moved(const std::string& when, long long days, const IniValue& given) {
    if (looks_like_date(when)) {
        if (!days_between("2000-01-01", when))
            fail(given.origin, "no such date " + in_quotes(when) + " in the schedule");
        return date_after(when, static_cast<int>(days));
    }
    long long day = 0;
    auto [ptr, ec] = std::from_chars(when.data(), when.data() + when.size(), day);
    if (ec != std::errc() || ptr != when.data() + when.size())
        fail(given.origin, "knot day " + in_quotes(when) + " is not a whole number or a date");
    return std::to_string(day + days);
}

std::string schedule_part(const KeyInfo& key, std::string_view part, const IniValue& current,
                          const IniValue& given) {
    std::vector<Knot> knots = knots_of(current);
    const auto [name, index] = indexed(part);
    if (name == "scale" && index == -1) {
        const double factor = parse_double(given, 0);
        for (Knot& k : knots) {
            const IniValue value{k.value, current.origin};
            k.value = format_double(parse_double(value) * factor);
        }
        return text_of(knots);
    }
    if (name == "shift" && index == -1) {
        const long long days = parse_integer(given, -kMaxDays, kMaxDays);
        for (Knot& k : knots)
            k.when = moved(k.when, days, given);
        return text_of(knots);
    }
    if ((name != "value" && name != "day") || index == -1) unknown_part(key, part, given);
    if (index < 0)
        fail(given.origin,
             "expected " + name + "[K] with K a knot number from 0, got " + in_quotes(part));
    if (index >= static_cast<long long>(knots.size()))
        fail(given.origin, key.full_name() + " = " + in_quotes(current.text) + " has " +
                               std::to_string(knots.size()) + " knot" +
                               (knots.size() == 1 ? "" : "s") + " (0.." +
                               std::to_string(knots.size() - 1) + "), so there is no knot " +
                               std::to_string(index));
    Knot& knot = knots[static_cast<std::size_t>(index)];
    if (name == "value") {
        knot.value = format_double(parse_double(given));
    } else if (looks_like_date(given.text)) {
        knot.when = parse_date(given);
    } else {
        if (given.text.find_first_not_of("-0123456789") != std::string::npos)
            fail(given.origin, "expected a whole number of days or a date YYYY-MM-DD, got " +
                                   in_quotes(given.text));
        knot.when = std::to_string(parse_integer(given, 0, kMaxDays));
    }
    return text_of(knots);
}

} // namespace

std::vector<std::string> part_names(KeyKind kind) {
    if (kind == KeyKind::duration) return {"min", "max", "shift", "scale"};
    if (kind == KeyKind::schedule) return {"value[K]", "day[K]", "scale", "shift"};
    return {};
}

double key_grain(std::string_view name) {
    auto grain_of = [](KeyKind kind) {
        if (kind == KeyKind::whole || kind == KeyKind::whole_or) return 1.0;
        return kind == KeyKind::usd ? 0.01 : 0.0;
    };
    if (const KeyInfo* key = find_key(name)) return grain_of(key->kind);
    if (name.starts_with("contingent.")) {
        // contingent.NAME.key[.part]: the grain of the global key it sets.
        const std::size_t dot = name.find('.', 11);
        if (dot == std::string_view::npos) return 0.0;
        const std::string_view rest = name.substr(dot + 1);
        const std::string_view key = rest.substr(0, rest.find('.'));
        for (const std::string_view full : contingent_keys())
            if (full.substr(full.find('.') + 1) == key && !full.starts_with("contingent."))
                return key_grain(std::string(full.substr(0, full.find('.') + 1)) +
                                 std::string(rest));
        return 0.0;
    }
    if (name.starts_with("class.")) {
        const std::string_view key = name.substr(name.rfind('.') + 1);
        for (const ClassKeyInfo& k : class_keys())
            if (k.name == key) return grain_of(k.kind);
        return 0.0;
    }
    if (const auto part = split_part(name)) {
        const std::string base = indexed(part->part).first;
        const bool days = part->key->kind == KeyKind::duration
                              ? base == "min" || base == "max" || base == "shift"
                              : base == "day" || base == "shift";
        return days ? 1.0 : 0.0;
    }
    return 0.0;
}

std::optional<PartName> split_part(std::string_view name) {
    for (const KeyInfo& key : scenario_keys()) {
        const std::string full = key.full_name();
        if (name.size() > full.size() + 1 && name.starts_with(full) && name[full.size()] == '.')
            return PartName{&key, std::string(name.substr(full.size() + 1))};
    }
    return std::nullopt;
}

std::string apply_part(const KeyInfo& key, std::string_view part, const IniValue& current,
                       const IniValue& given) {
    if (key.kind == KeyKind::duration) return duration_part(key, part, current, given);
    if (key.kind == KeyKind::schedule) return schedule_part(key, part, current, given);
    unknown_part(key, part, given);
}

} // namespace rotsim
