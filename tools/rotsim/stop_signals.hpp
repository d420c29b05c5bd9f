#pragma once

// Ctrl-C (SIGINT) and SIGTERM for the commands that run replications (run, sweep, calibrate):
// the handler only sets a flag that every run polls each tick, so the command stops within a
// tick, closes its file with what has finished, and says how to go on.

#include <atomic>
#include <string>
#include <vector>

namespace rotsim::cli {

// Installs the handlers; returns the flag they set, for the runs to poll.
const std::atomic<bool>* catch_stop_signals();
// Gives SIGINT and SIGTERM their default actions back.
void release_stop_signals();
// For the commands that poll no flag (summarize --reduce, sensitivity): while one lives, SIGINT
// and SIGTERM remove its files (the writer's lock file, the copy an annex builds), then end the
// process as the signal would, so that an interrupted command leaves nothing behind. One at a
// time.
class RemovedOnStop {
public:
    explicit RemovedOnStop(std::vector<std::string> paths);
    ~RemovedOnStop();
    RemovedOnStop(const RemovedOnStop&) = delete;
    RemovedOnStop& operator=(const RemovedOnStop&) = delete;
};

// The exit status of a command the signal stopped: 128 + its number, as a shell reports it.
int stop_exit_status();

} // namespace rotsim::cli
