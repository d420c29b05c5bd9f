#pragma once

// The table `rotsim compare` prints: one row per metric (or per design point), the means of A and
// B, the difference B - A, the percent change and their 95 % intervals.

#include <string>
#include <vector>

#include "analysis/compare.hpp"
#include "text_table.hpp"

namespace rotsim::cli {

// The header after the leading name columns (metric, or point and keys).
std::vector<std::string> difference_header(bool csv);

// The cells of one Difference, in difference_header's order. Without --csv, numbers as
// `summarize` writes them and "-" where there is no interval; with it, exact numbers and "nan".
std::vector<std::string> difference_cells(const Difference& d, Pairing pairing, bool csv);

// What each pairing means, for the line above the table.
std::string pairing_text(Pairing pairing);

// The metrics whose difference has no interval, and why, for the line under the table; empty
// when every one has an interval (or, `both_exact`, none can have one).
std::string missing_intervals(const std::vector<std::string>& metrics,
                              const std::vector<Difference>& differences, Pairing pairing,
                              bool both_exact);

} // namespace rotsim::cli
