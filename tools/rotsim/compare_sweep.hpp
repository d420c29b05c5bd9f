#pragma once

#include <boost/program_options.hpp>
#include <string>

namespace rotsim::cli {

// `rotsim compare SWEEP.h5 --baseline POINT`: every design point against the baseline point.
int compare_sweep(const boost::program_options::variables_map& vm, const std::string& path);

} // namespace rotsim::cli
