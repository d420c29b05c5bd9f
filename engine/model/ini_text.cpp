#include "model/ini_text.hpp"

#include "model/calendar.hpp"
#include "model/error.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

namespace rotsim {

namespace {

constexpr std::string_view kBlank = " \t\r\n"; // what Boost's config parser trims

// from_chars rather than stoll/strtod: no locale, no leading blanks, and the whole text must match.
std::optional<long long> to_integer(std::string_view text) {
    long long value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
    return value;
}

std::optional<double> to_double(std::string_view text) {
    double value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        std::size_t stop = text.find(separator, start);
        parts.push_back(text.substr(start, stop - start));
        if (stop == std::string_view::npos) return parts;
        start = stop + 1;
    }
}

} // namespace

std::string Origin::describe() const {
    if (from_file()) return "line " + std::to_string(line);
    if (from_override()) return "--set";
    return where;
}

void fail(const Origin& origin, const std::string& problem) {
    std::string message = origin.where + ": ";
    if (!origin.key.empty()) message += origin.key + ": ";
    throw InputError(message + problem);
}

namespace {

// Length of the valid UTF-8 sequence at text[at], or 0 if it is not one (overlong forms and
// surrogates included, so what is shown is what a terminal shows).
std::size_t utf8_length(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
    const unsigned char b = byte(0);
    std::size_t n = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (b < 0x80) return 1;
    if (b >= 0xC2 && b <= 0xDF)
        n = 2;
    else if (b >= 0xE0 && b <= 0xEF)
        n = 3, lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
    else if (b >= 0xF0 && b <= 0xF4)
        n = 4, lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
    else
        return 0;
    if (at + n > text.size() || byte(1) < lo || byte(1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if ((byte(k) & 0xC0) != 0x80) return 0;
    return n;
}

// Text as a message may show it on one line: control characters, a NUL and bytes that are not
// UTF-8 are written as escapes (\n, \0, \xFF), so a message is never cut, split or garbled
// by what it quotes.
void append_shown(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (std::size_t at = 0; at < text.size();) {
        const auto c = static_cast<unsigned char>(text[at]);
        const std::size_t n = utf8_length(text, at);
        if (n > 1 || (n == 1 && c >= 0x20 && c != 0x7F)) {
            out.append(text.substr(at, n));
            at += n;
            continue;
        }
        if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\r')
            out += "\\r";
        else if (c == 0)
            out += "\\0";
        else
            out += std::string("\\x") + kHex[c >> 4] + kHex[c & 0xF];
        ++at;
    }
}

} // namespace

std::string in_quotes(std::string_view text) {
    // A message quotes what the user wrote, but a line of megabytes would bury the message: long
    // text keeps its beginning and end (cut at UTF-8 character boundaries) and says how long it is.
    constexpr std::size_t kLong = 200, kHead = 120, kTail = 40;
    auto boundary = [&](std::size_t at) {
        while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
            --at;
        return at;
    };
    // Appending, not operator+ on a temporary: GCC 12 at -O3 warns falsely (-Wrestrict) on that.
    std::string out = "'";
    if (text.size() <= kLong) {
        append_shown(out, text);
        out += '\'';
        return out;
    }
    append_shown(out, text.substr(0, boundary(kHead)));
    out += "...";
    append_shown(out, text.substr(boundary(text.size() - kTail)));
    out += "' (";
    out += std::to_string(text.size());
    out += " characters)";
    return out;
}

std::string trim(std::string_view text) {
    std::size_t first = text.find_first_not_of(kBlank);
    if (first == std::string_view::npos) return {};
    std::size_t last = text.find_last_not_of(kBlank);
    return std::string(text.substr(first, last - first + 1));
}

IniText::IniText(std::string_view text, std::string source) : source_(std::move(source)) {
    std::string section;
    int number = 0;
    for (std::string_view raw : split(text, '\n')) {
        ++number;
        std::string line = trim(raw.substr(0, raw.find('#')));
        if (line.empty()) continue;
        Origin here{where(number), "", number};
        if (line.front() == '[' && line.back() == ']') {
            // Boost would dereference the end of an empty name: reject it before Boost sees it.
            if (line.size() == 2) fail(here, "empty section name '[]'");
            section = line.substr(1, line.size() - 2);
            sections_.push_back({section, number});
            continue;
        }
        std::size_t equals = line.find('=');
        if (equals == std::string::npos)
            fail(here, "expected 'key = value' or '[section]', got " + in_quotes(line));
        std::string key = trim(std::string_view(line).substr(0, equals));
        if (key.empty()) fail(here, "missing key name before '=' in " + in_quotes(line));
        entries_.push_back({section, key, trim(std::string_view(line).substr(equals + 1)), number});
    }
}

Origin IniText::origin(const IniEntry& entry) const {
    return {where(entry.line), entry.full_key(), entry.line};
}

long long parse_integer(const IniValue& in, long long lo, long long hi) {
    std::string_view text = in.text;
    const Origin& origin = in.origin;
    auto value = to_integer(text);
    if (!value) fail(origin, "expected a whole number, got " + in_quotes(text));
    if (*value < lo) fail(origin, "must be >= " + std::to_string(lo) + ", got " + in_quotes(text));
    if (*value > hi) fail(origin, "must be <= " + std::to_string(hi) + ", got " + in_quotes(text));
    return *value;
}

double parse_double(const IniValue& in, double lo, double hi, bool lo_open) {
    std::string_view text = in.text;
    const Origin& origin = in.origin;
    auto value = to_double(text);
    if (!value) fail(origin, "expected a number, got " + in_quotes(text));
    if (lo_open ? *value <= lo : *value < lo)
        fail(origin, (lo_open ? "must be > " : "must be >= ") + format_double(lo) + ", got " +
                         in_quotes(text));
    if (*value > hi) fail(origin, "must be <= " + format_double(hi) + ", got " + in_quotes(text));
    return *value;
}

double parse_probability(const IniValue& in) {
    std::string_view text = in.text;
    const Origin& origin = in.origin;
    auto value = to_double(text);
    if (!value) fail(origin, "expected a number, got " + in_quotes(text));
    if (*value < 0 || *value > 1)
        fail(origin, "must be a probability in [0, 1], got " + in_quotes(text));
    return *value;
}

DayRange parse_day_range(const IniValue& in, int lo, int hi) {
    std::string_view text = in.text;
    const Origin& origin = in.origin;
    const std::string expected =
        "expected a range of whole days 'min..max', got " + in_quotes(text);
    std::size_t dots = text.find("..");
    if (dots == std::string_view::npos) fail(origin, expected);
    auto low = to_integer(trim(text.substr(0, dots)));
    auto high = to_integer(trim(text.substr(dots + 2)));
    if (!low || !high) fail(origin, expected);
    if (*low > *high)
        fail(origin, "min " + std::to_string(*low) + " is greater than max " +
                         std::to_string(*high) + " in " + in_quotes(text));
    if (*low < lo)
        fail(origin, "min must be >= " + std::to_string(lo) + ", got " + in_quotes(text));
    if (*high > hi)
        fail(origin, "max must be <= " + std::to_string(hi) + ", got " + in_quotes(text));
    return {static_cast<int>(*low), static_cast<int>(*high)};
}

std::vector<std::pair<int, double>> parse_schedule(const IniValue& in, double hi, int max_day,
                                                   std::string_view start_date,
                                                   std::vector<bool>* dated) {
    std::string_view text = in.text;
    const Origin& origin = in.origin;
    const std::string expected =
        "expected a schedule 'day:value, day:value' (a day may be a date YYYY-MM-DD), got " +
        in_quotes(text);
    // Days are strictly increasing from 0, so there can be no more points than days; counted
    // before anything is converted, so a hostile schedule costs nothing.
    const auto items = static_cast<std::size_t>(std::count(text.begin(), text.end(), ',')) + 1;
    const auto most = static_cast<std::size_t>(max_day) + 1;
    if (items > most)
        fail(origin, "a schedule has at most " + std::to_string(most) +
                         " points (one a day up to day " + std::to_string(max_day) + "), got " +
                         std::to_string(items));
    std::vector<std::pair<int, double>> points;
    points.reserve(items);
    for (std::string_view item : split(text, ',')) {
        std::size_t colon = item.find(':');
        if (colon == std::string_view::npos) fail(origin, expected);
        const std::string when = trim(item.substr(0, colon));
        const bool is_date = !start_date.empty() && looks_like_date(when);
        std::optional<long long> day = to_integer(when);
        if (is_date) {
            auto days = days_between(start_date, when);
            if (!days) fail(origin, "no such date " + in_quotes(when) + " in " + in_quotes(text));
            day = *days;
        }
        auto value = to_double(trim(item.substr(colon + 1)));
        if (!day || !value || *day > std::numeric_limits<int>::max())
            fail(origin, expected + " (bad point " + in_quotes(trim(item)) + ")");
        std::string point =
            is_date ? when + " (day " + std::to_string(*day) + ")" : "day " + std::to_string(*day);
        if (*day < 0)
            fail(origin, is_date ? "dates must not be before run.start_date " +
                                       std::string(start_date) + ", got " + when + " in " +
                                       in_quotes(text)
                                 : "days must be >= 0, got " + point + " in " + in_quotes(text));
        if (*day > max_day)
            fail(origin, "days must be <= " + std::to_string(max_day) + ", got " + point + " in " +
                             in_quotes(text));
        if (!points.empty() && *day <= points.back().first)
            fail(origin, "days must be strictly increasing, but " + point + " follows day " +
                             std::to_string(points.back().first) + " in " + in_quotes(text));
        if (*value < 0 || *value > hi)
            fail(origin, "value " + format_double(*value) + " on " + point + " must be " +
                             (std::isinf(hi) ? ">= 0" : "in [0, " + format_double(hi) + "]") +
                             " in " + in_quotes(text));
        points.emplace_back(static_cast<int>(*day), *value);
        if (dated) dated->push_back(is_date);
    }
    return points;
}

long long parse_integer_or(const IniValue& in, std::string_view keyword, long long keyword_value,
                           long long hi) {
    if (in.text == keyword) return keyword_value;
    if (!in.text.empty() && std::isalpha(static_cast<unsigned char>(in.text[0])))
        fail(in.origin,
             "expected a whole number or " + in_quotes(keyword) + ", got " + in_quotes(in.text));
    return parse_integer(in, 0, hi);
}

std::vector<std::string> parse_list(const IniValue& in) {
    std::string_view text = in.text;
    const Origin& origin = in.origin;
    std::vector<std::string> items;
    if (trim(text).empty()) return items;
    for (std::string_view item : split(text, ',')) {
        items.push_back(trim(item));
        if (items.back().empty()) fail(origin, "empty item in list " + in_quotes(text));
    }
    return items;
}

std::array<bool, kStateCount> parse_state_set(const IniValue& in) {
    std::array<bool, kStateCount> chosen{};
    const std::vector<std::string> names(kStateNames.begin(), kStateNames.end());
    for (const std::string& item : parse_list(in)) {
        auto state = state_from_name(item);
        if (!state)
            fail(in.origin, "unknown state " + in_quotes(item) + "; did you mean " +
                                in_quotes(closest(item, names)) + "?");
        if (chosen[static_cast<int>(*state)])
            fail(in.origin, "state " + in_quotes(item) + " listed twice");
        chosen[static_cast<int>(*state)] = true;
    }
    return chosen;
}

std::string parse_date(const IniValue& in) {
    std::string_view text = in.text;
    const Origin& origin = in.origin;
    if (!looks_like_date(text)) fail(origin, "expected a date YYYY-MM-DD, got " + in_quotes(text));
    if (!days_between(text, text)) fail(origin, "no such date " + in_quotes(text));
    return std::string(text);
}

std::int64_t parse_cents(const IniValue& in, double max_usd) {
    std::string_view text = in.text;
    const Origin& origin = in.origin;
    double usd = parse_double(in, 0, max_usd);
    double cents = usd * 100.0;
    double whole = std::round(cents);
    // Decimal text such as 0.29 is not exact in binary; a residue of rounding is not a fraction
    // of a cent, a residue of a thousandth of a cent is.
    if (std::abs(cents - whole) > 1e-9 * std::max(1.0, cents))
        fail(origin, "must be a whole number of cents, got " + in_quotes(text));
    return static_cast<std::int64_t>(whole);
}

std::string format_double(double value) {
    char buffer[64];
    // Shortest round-trip digits either way; plain decimals read best at the scale of scenario
    // values (0.00001, 40000000000), exponents only at the extremes.
    double magnitude = std::abs(value);
    bool plain = value == 0 || (magnitude >= 1e-5 && magnitude < 1e15);
    auto [end, ec] =
        plain ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed)
              : std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, end);
}

std::string format_approx(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

std::string format_cents(std::int64_t cents) {
    std::string text = std::to_string(cents / 100);
    std::int64_t fraction = cents % 100;
    if (fraction == 0) return text;
    text += fraction < 10 ? ".0" : ".";
    text += std::to_string(fraction);
    if (text.back() == '0') text.pop_back();
    return text;
}

std::string format_parts_per_billion(std::int64_t parts) {
    std::string digits = std::to_string(parts % 1'000'000'000);
    digits.insert(0, 9 - digits.size(), '0');
    while (!digits.empty() && digits.back() == '0')
        digits.pop_back();
    std::string whole = std::to_string(parts / 1'000'000'000);
    return digits.empty() ? whole : whole + "." + digits;
}

std::string format_day_range(const DayRange& range) {
    return std::to_string(range.min) + ".." + std::to_string(range.max);
}

std::string format_schedule(const std::vector<std::pair<int, double>>& points) {
    std::string text;
    for (const auto& [day, value] : points) {
        if (!text.empty()) text += ", ";
        text += std::to_string(day) + ":" + format_double(value);
    }
    return text;
}

int edit_distance(std::string_view a, std::string_view b) {
    // Names are short; a misspelling kilobytes long has no useful suggestion, and the table below
    // costs |a| x |b|. Beyond kLongest the distance is taken as the longer length, which is what
    // it is for strings with nothing in common.
    constexpr std::size_t kLongest = 256;
    if (a.size() > kLongest || b.size() > kLongest)
        return static_cast<int>(
            std::min<std::size_t>(std::max(a.size(), b.size()), std::numeric_limits<int>::max()));
    // Optimal string alignment: Levenshtein plus transposition of two adjacent characters.
    const std::size_t width = b.size() + 1;
    std::vector<int> d((a.size() + 1) * width);
    auto at = [&](std::size_t i, std::size_t j) -> int& { return d[i * width + j]; };
    for (std::size_t i = 0; i <= a.size(); ++i)
        at(i, 0) = static_cast<int>(i);
    for (std::size_t j = 0; j <= b.size(); ++j)
        at(0, j) = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
        }
    }
    return at(a.size(), b.size());
}

int suggestion_distance(std::string_view given, std::string_view candidate) {
    int distance = edit_distance(given, candidate);
    if (given.size() < candidate.size())
        distance = std::min(distance, edit_distance(given, candidate.substr(0, given.size())) + 1);
    return distance;
}

std::string closest(std::string_view given, const std::vector<std::string>& candidates) {
    auto distance = [&](const std::string& c) { return suggestion_distance(given, c); };
    return *std::min_element(
        candidates.begin(), candidates.end(),
        [&](const auto& x, const auto& y) { return distance(x) < distance(y); });
}

} // namespace rotsim
