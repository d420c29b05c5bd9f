#pragma once

#include <unistd.h>

#include <iostream>
#include <string>

#include <boost/program_options.hpp>

#include "arguments.hpp"
#include "cli_support.hpp"
#include "ensemble/sweep.hpp"
#include "stop_signals.hpp"

namespace rotsim::cli {

// What the commands that make sweeps (sweep, run of drawn inputs) read alike from their options:
// the scenario and --set, seed, replications, threads, the output file and its options.
inline SweepSpec sweep_spec_from(const boost::program_options::variables_map& vm, int argc,
                                 char** argv) {
    SweepSpec spec;
    spec.scenario_path = vm["scenario"].as<std::string>();
    spec.overrides = overrides(vm);
    spec.seed = seed_from("--seed", vm["seed"].as<std::string>());
    spec.replications = vm["replications"].as<std::int64_t>();
    spec.threads = vm["threads"].as<int>();
    spec.out = vm["out"].as<std::string>();
    spec.overwrite = vm.count("overwrite") > 0;
    spec.resume = vm.count("resume") > 0;
    if (vm.count("series")) spec.series = comma_list(vm["series"].as<std::string>());
    spec.every = vm["every"].as<int>();
    spec.single_precision = vm.count("single-precision") > 0;
    spec.command_line = command_line_of(argc, argv);
    return spec;
}

// Runs a prepared sweep as the commands that make sweeps do (sweep, run of drawn inputs):
// progress on a terminal, notes unless quiet, and Ctrl-C or SIGTERM stopping it cleanly.
// `command` names the command in notes ("rotsim sweep").
inline SweepOutcome run_sweep_with_progress(const PreparedSweep& sweep, bool speaks, bool quiet,
                                            const std::string& command) {
    RunsProgress progress(speaks && !quiet && isatty(STDERR_FILENO));
    SweepHooks hooks;
    hooks.cancel = catch_stop_signals();
    hooks.progress = [&](std::int64_t done, std::int64_t total) { progress(done, total); };
    hooks.note = [&](const std::string& text) {
        if (!quiet) std::cerr << command << ": " << text << "\n";
    };
    SweepOutcome outcome = run_sweep(sweep, hooks);
    release_stop_signals();
    return outcome;
}

} // namespace rotsim::cli
