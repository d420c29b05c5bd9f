#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rotsim {

// Calendar arithmetic on dates written YYYY-MM-DD (proleptic Gregorian), so that a phase written
// "from 2024-12-15" stays on that date whatever run.start_date is.

// True for text of the form NNNN-NN-NN, valid date or not: what tells a date from a day number.
bool looks_like_date(std::string_view text);
// Days from `start` to `date`; nullopt when either is not a calendar date.
std::optional<int> days_between(std::string_view start, std::string_view date);
// The date `days` days after `start` (before it when negative); `start` must be a valid date.
std::string date_after(std::string_view start, int days);

} // namespace rotsim
