#pragma once

#include <boost/program_options.hpp>

#include "model/scenario.hpp"

namespace rotsim::cli {

// Whether `rotsim run` must draw its inputs: the scenario has priors, or --posterior or
// --input-draws was given.
bool has_drawn_inputs(const boost::program_options::variables_map& vm, const Scenario& base);

// Runs --input-draws K points drawn from the scenario's priors or --posterior's particles,
// --replications R each, into one sweep file (kind "prior" or "posterior"), then prints the
// combined band and its variance split. Returns the exit status.
int run_drawn_inputs(const boost::program_options::variables_map& vm, int argc, char** argv,
                     const Scenario& base);

} // namespace rotsim::cli
