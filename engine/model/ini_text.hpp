#pragma once

#include "model/scenario.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rotsim {

// Where a value came from, so that every message can point the user at the text to fix.
struct Origin {
    std::string where; // "file.ini:12", "--set 'run.horizon_days=0'" or "default"
    std::string key;   // "section.key" or "class.NAME.key"
    int line = 0;      // line in the scenario file; 0 when the value is not from the file

    bool from_file() const { return line > 0; }
    bool from_override() const { return where.starts_with("--set"); }
    // Short form for lists of contributing values: "line 12", "--set" or "default".
    std::string describe() const;
};

// A value's text and where it came from: what every parser below needs to report a problem.
struct IniValue {
    std::string text;
    Origin origin;
};

// Every message reads "<where>: <key>: <problem>", so a user can jump to the line from any of them.
[[noreturn]] void fail(const Origin& origin, const std::string& problem);

// One "key = value" line of an INI text, with the section it is under ("" before any section).
struct IniEntry {
    std::string section;
    std::string key;
    std::string value;
    int line = 0;

    // As Boost names the option: a section ending in '.' gets no second dot.
    std::string full_key() const {
        return section.empty() || section.ends_with('.') ? section + key : section + "." + key;
    }
};

struct IniSection {
    std::string name;
    int line = 0;
};

// A line index of an INI text, lexed exactly as Boost.Program_options' config file parser lexes it
// ('#' starts a comment anywhere, ' \t\r\n' trimmed, section names taken verbatim), so that the
// options Boost returns can be matched one to one, in order, with the lines they came from.
// Lines Boost would reject (no '=', an empty key or section name) throw InputError here instead,
// where the line number is known.
class IniText {
public:
    IniText(std::string_view text, std::string source);

    const std::string& source() const { return source_; }
    const std::vector<IniEntry>& entries() const { return entries_; }
    const std::vector<IniSection>& sections() const { return sections_; }
    std::string where(int line) const { return source_ + ":" + std::to_string(line); }
    Origin origin(const IniEntry& entry) const;

private:
    std::string source_;
    std::vector<IniEntry> entries_;
    std::vector<IniSection> sections_;
};

std::string trim(std::string_view text);
// The text between single quotes, as every message quotes what the user wrote. Text over 200
// characters is shortened to its beginning and end, followed by its length.
std::string in_quotes(std::string_view text);

// Value parsers. Each takes the whole value (`in`: its text and where it came from) and throws
// InputError through fail() when it is malformed or breaks its bounds, quoting the text and the
// rule.
long long parse_integer(const IniValue& in, long long lo, long long hi);
// Finite only; lo_open makes the lower bound exclusive.
double parse_double(const IniValue& in, double lo = -HUGE_VAL, double hi = HUGE_VAL,
                    bool lo_open = false);
double parse_probability(const IniValue& in);
// "min..max" whole days with lo <= min <= max <= hi.
DayRange parse_day_range(const IniValue& in, int lo, int hi);
// "day:value, day:value" with whole days in [0, max_day], strictly increasing, values in [0, hi];
// at least one point (so at most max_day + 1). With a start date, a day may be written as a date
// YYYY-MM-DD, counted from it; `dated`, when given, receives which knots were.
std::vector<std::pair<int, double>> parse_schedule(const IniValue& in, double hi,
                                                   int max_day = std::numeric_limits<int>::max(),
                                                   std::string_view start_date = {},
                                                   std::vector<bool>* dated = nullptr);
// A whole number in [0, hi], or `keyword` ("auto", "unlimited") standing for `keyword_value`.
long long parse_integer_or(const IniValue& in, std::string_view keyword, long long keyword_value,
                           long long hi);
// Comma-separated, trimmed, no empty items; an empty text is an empty list.
std::vector<std::string> parse_list(const IniValue& in);
// A list of state names, each at most once; which states it names.
std::array<bool, kStateCount> parse_state_set(const IniValue& in);
// A calendar date YYYY-MM-DD (proleptic Gregorian); returned as given.
std::string parse_date(const IniValue& in);
// A non-negative amount of USD that must be a whole number of cents, at most max_usd.
std::int64_t parse_cents(const IniValue& in, double max_usd);

// Writers, the inverses of the parsers: what they write parses back to the same value.
std::string format_double(double value); // shortest text that round trips
// Ten significant digits: for sums and products in messages, without binary noise.
std::string format_approx(double value);
std::string format_cents(std::int64_t cents);
std::string format_parts_per_billion(std::int64_t parts); // exact decimal of parts / 1e9
std::string format_day_range(const DayRange& range);
std::string format_schedule(const std::vector<std::pair<int, double>>& points);

// Edit distance counting an adjacent transposition as one edit, so "p_kai" is one from "p_kia".
// For a string over 256 characters, the longer length (a bound, cheap to compute).
int edit_distance(std::string_view a, std::string_view b);
// How far a misspelling is from a candidate: the edit distance, or one more than the distance to
// the candidate's beginning, so that an abbreviation ("hazard") finds its key.
int suggestion_distance(std::string_view given, std::string_view candidate);
// By suggestion_distance, the candidate closest to `given`; the first of equally close ones.
// Candidates must not be empty.
std::string closest(std::string_view given, const std::vector<std::string>& candidates);

} // namespace rotsim
