#pragma once

#include <iostream>
#include <string>
#include <vector>

#include "io/sweep_file.hpp"

namespace rotsim::cli {

// The table of a file whose points are drawn inputs (ensemble/design.hpp's drawn_inputs): per
// summary metric, the combined band over every run and how its variance splits
// (analysis/variance_split.hpp); each column says which uncertainty it holds.
void print_input_uncertainty(std::ostream& out, const SweepSummaries& sweep,
                             const std::vector<std::string>& metrics, bool csv);

} // namespace rotsim::cli
