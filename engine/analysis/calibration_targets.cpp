// Reading a calibration's targets file: every problem is refused at its line, before anything
// is simulated.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "analysis/calibration.hpp"
#include "model/error.hpp"
#include "model/ini_text.hpp"
#include "sim/derived.hpp"

namespace rotsim {
namespace {

constexpr const char* kColumns = "date (or day), metric, value, uncertainty";
constexpr double kLargestTargetValue = 1e18;
constexpr double kSmallestUncertainty = 1e-60;

std::vector<std::string> fields_of(std::string_view line) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        out.push_back(trim(line.substr(start, comma - start)));
        if (comma == std::string_view::npos) return out;
        start = comma + 1;
    }
}

template <class T> std::optional<T> number(const std::string& text) {
    T value{};
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
    if constexpr (std::is_floating_point_v<T>)
        if (!std::isfinite(value)) return std::nullopt;
    return value;
}

class TargetsReader {
public:
    TargetsReader(std::string path, const TargetCalendar& calendar)
        : path_(std::move(path)), calendar_(calendar) {
        if (!days_between(calendar.start_date, calendar.start_date))
            throw InputError("the scenario's start date " + in_quotes(calendar.start_date) +
                             " is not a date");
    }

    [[noreturn]] void fail(int line, const std::string& what) const {
        throw InputError(path_ + ":" + std::to_string(line) + ": " + what);
    }

    void header(int line, const std::vector<std::string>& names) {
        for (std::size_t c = 0; c < names.size(); ++c) {
            std::string name = names[c];
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
            if (name != "date" && name != "day" && name != "metric" && name != "value" &&
                name != "uncertainty")
                fail(line,
                     "unknown column " + in_quotes(names[c]) + "; the columns are " + kColumns);
            if (column_.contains(name)) fail(line, "column " + in_quotes(name) + " given twice");
            column_[name] = c;
        }
        if (column_.contains("date") && column_.contains("day"))
            fail(line, "give the column date or the column day, not both");
        for (const char* needed : {"metric", "value", "uncertainty"})
            if (!column_.contains(needed))
                fail(line, std::string("no column '") + needed + "'; the columns are " + kColumns);
        if (!column_.contains("date") && !column_.contains("day"))
            fail(line, std::string("no column 'date' (or 'day'); the columns are ") + kColumns);
        width_ = names.size();
    }

    CalibrationTarget target(int line, const std::vector<std::string>& fields) {
        if (fields.size() != width_)
            fail(line, "expected " + std::to_string(width_) + " fields, as the header, got " +
                           std::to_string(fields.size()));
        auto field = [&](const char* name) -> const std::string& {
            return fields[column_.at(name)];
        };
        CalibrationTarget t;
        t.line = line;
        t.metric = field("metric");
        // Derived metrics (sim/derived.hpp) are computed on read, as the runs are read back.
        const bool series =
            std::ranges::find(calendar_.series, t.metric) != calendar_.series.end() ||
            find_derived(t.metric, DerivedKind::series);
        t.summary = !series && (std::ranges::find(calendar_.summaries, t.metric) !=
                                    calendar_.summaries.end() ||
                                find_derived(t.metric, DerivedKind::summary));
        if (!series && !t.summary) {
            std::vector<std::string> names = calendar_.series;
            names.insert(names.end(), calendar_.summaries.begin(), calendar_.summaries.end());
            for (const DerivedMetric& m : derived_metrics())
                names.emplace_back(m.name);
            fail(line, "unknown metric " + in_quotes(t.metric) + "; did you mean " +
                           in_quotes(closest(t.metric, names)) + "?");
        }
        t.value = checked_number(line, "value", field("value"));
        t.uncertainty = checked_number(line, "uncertainty", field("uncertainty"));
        if (!(t.uncertainty > 0))
            fail(line, "uncertainty must be greater than 0, got " + field("uncertainty"));
        // Bounds that keep every z-score and the distance finite: no metric comes near 1e18 (money
        // stops at 3.2e13 USD), so |simulated - value| / uncertainty stays below 2e78 and its
        // square, summed over targets, far from overflow. Without them a target of 1e308 +- 1e-308
        // ranked every point at an infinite distance and calibrate still exited 0.
        if (std::abs(t.value) > kLargestTargetValue)
            fail(line, "value " + field("value") + " is beyond what any metric reaches (at most " +
                           "1e18 in absolute value)");
        if (t.uncertainty < kSmallestUncertainty)
            fail(line, "uncertainty " + field("uncertainty") + " is below 1e-60: z-scores " +
                           "(simulated - value) / uncertainty would overflow; give one standard " +
                           "deviation in the metric's units");
        const bool by_date = column_.contains("date");
        const std::string& when = by_date ? field("date") : field("day");
        const int last = calendar_.horizon_days - 1;
        if (when.empty()) {
            if (!t.summary)
                fail(line, t.metric + " is a series: give the " + (by_date ? "date" : "day") +
                               " it was observed");
            t.tick = last;
        } else {
            t.tick = by_date ? tick_of_date(line, when) : tick_of_day(line, when);
            if (t.tick < 0 || t.tick > last)
                fail(line, (by_date ? "date " + when + " (day " + std::to_string(t.tick) + ")"
                                    : "day " + when) +
                               " is outside the scenario's horizon: days 0 to " +
                               std::to_string(last) + ", " + calendar_.start_date + " to " +
                               date_after(calendar_.start_date, last));
            if (t.summary && t.tick != last)
                fail(line, t.metric + " is a summary at the horizon, not a series: give the last " +
                               "day, " + date_after(calendar_.start_date, last) + " (day " +
                               std::to_string(last) + "), or leave it empty");
        }
        t.date = date_after(calendar_.start_date, t.tick);
        const auto [first, fresh] = seen_.emplace(std::make_pair(t.metric, t.tick), line);
        if (!fresh)
            fail(line, "a second target for " + t.metric + " on " + t.date + " (the first is on " +
                           "line " + std::to_string(first->second) + ")");
        return t;
    }

private:
    double checked_number(int line, const char* what, const std::string& text) const {
        const auto value = number<double>(text);
        if (!value) fail(line, std::string(what) + " " + in_quotes(text) + " is not a number");
        return *value;
    }

    int tick_of_date(int line, const std::string& text) const {
        const auto days = days_between(calendar_.start_date, text);
        if (!days) fail(line, "date " + in_quotes(text) + " is not a date (expected YYYY-MM-DD)");
        return *days;
    }

    int tick_of_day(int line, const std::string& text) const {
        const auto day = number<int>(text);
        if (!day) fail(line, "day " + in_quotes(text) + " is not a whole number");
        return *day;
    }

    std::string path_;
    const TargetCalendar& calendar_;
    std::map<std::string, std::size_t> column_;
    std::size_t width_ = 0;
    std::map<std::pair<std::string, int>, int> seen_; // (metric, tick) -> line
};

} // namespace

std::vector<CalibrationTarget> parse_targets(std::string_view text, const std::string& path,
                                             const TargetCalendar& calendar) {
    TargetsReader reader(path, calendar);
    std::vector<CalibrationTarget> targets;
    bool have_header = false;
    int line = 0;
    std::size_t start = 0;
    // A byte-order mark, as spreadsheets write it, is not part of the first column's name.
    if (text.starts_with("\xEF\xBB\xBF")) start = 3;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string content = trim(text.substr(start, end - start));
        start = end + 1;
        ++line;
        if (content.empty() || content.front() == '#') continue;
        if (!have_header) {
            reader.header(line, fields_of(content));
            have_header = true;
            continue;
        }
        targets.push_back(reader.target(line, fields_of(content)));
    }
    if (!have_header)
        throw InputError(path + ": no header line; the first line names the columns " + kColumns);
    if (targets.empty()) throw InputError(path + ": no targets, only the header");
    return targets;
}

} // namespace rotsim
