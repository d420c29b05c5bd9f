#include "model/calendar.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace rotsim {
namespace {

std::optional<std::chrono::sys_days> calendar_day(std::string_view text) {
    if (!looks_like_date(text)) return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    std::from_chars(text.data(), text.data() + 4, y);
    std::from_chars(text.data() + 5, text.data() + 7, m);
    std::from_chars(text.data() + 8, text.data() + 10, d);
    const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m},
                                           std::chrono::day{d}};
    if (!date.ok() || y < 1) return std::nullopt;
    return std::chrono::sys_days{date};
}

} // namespace

bool looks_like_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    constexpr std::array<std::size_t, 8> kDigits = {0, 1, 2, 3, 5, 6, 8, 9};
    return std::ranges::all_of(
        kDigits, [&](std::size_t i) { return std::isdigit(static_cast<unsigned char>(text[i])); });
}

std::optional<int> days_between(std::string_view start, std::string_view date) {
    const auto from = calendar_day(start), to = calendar_day(date);
    if (!from || !to) return std::nullopt;
    return static_cast<int>((*to - *from).count());
}

std::string date_after(std::string_view start, int days) {
    const auto from = calendar_day(start);
    if (!from) throw std::invalid_argument("date_after: not a date: " + std::string(start));
    const std::chrono::year_month_day date{*from + std::chrono::days{days}};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

} // namespace rotsim
