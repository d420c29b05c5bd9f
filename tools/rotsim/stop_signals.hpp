#pragma once

// Ctrl-C (SIGINT) and SIGTERM for the commands that run replications (run, sweep, calibrate):
// the handler only sets a flag that every run polls each tick, so the command stops within a
// tick, closes its file with what has finished, and says how to go on.

#include <atomic>

namespace rotsim::cli {

// Installs the handlers; returns the flag they set, for the runs to poll.
const std::atomic<bool>* catch_stop_signals();
// Gives SIGINT and SIGTERM their default actions back.
void release_stop_signals();
// The exit status of a command the signal stopped: 128 + its number, as a shell reports it.
int stop_exit_status();

} // namespace rotsim::cli
