#pragma once

#include <iostream>
#include <string>
#include <vector>

#include "io/sweep_file.hpp"

namespace rotsim::cli {

// True for files whose points were drawn from an input distribution (priors, a posterior): their
// runs pool into one predictive distribution, whose variance splits between inputs and noise.
bool drawn_inputs(const SweepSummaries& sweep);

// The table of such a file: per summary metric, the combined band over every run and how its
// variance splits (analysis/variance_split.hpp); each column says which uncertainty it holds.
void print_input_uncertainty(std::ostream& out, const SweepSummaries& sweep,
                             const std::vector<std::string>& metrics, bool csv);

} // namespace rotsim::cli
