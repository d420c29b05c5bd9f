#pragma once

#include <unistd.h>

#include <iostream>
#include <string>

#include "cli_support.hpp"
#include "ensemble/sweep.hpp"
#include "stop_signals.hpp"

namespace rotsim::cli {

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
