#include "stop_signals.hpp"

#include <unistd.h>

#include <csignal>
#include <utility>

namespace rotsim::cli {
namespace {

// Signal handlers are per process, so the flag is too. A lock-free atomic is safe to store from
// a handler.
std::atomic<bool> stop_requested{false};
volatile std::sig_atomic_t stop_signal = 0;

extern "C" void on_stop_signal(int signal) {
    stop_signal = signal;
    stop_requested.store(true);
}

// Filled before the handler is installed and left alone while it is: the handler only reads it,
// and unlink() and raise() are safe in a handler.
std::vector<std::string> removed_on_stop;

extern "C" void remove_and_stop(int signal) {
    for (const std::string& path : removed_on_stop)
        if (!path.empty()) ::unlink(path.c_str());
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

} // namespace

const std::atomic<bool>* catch_stop_signals() {
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
    return &stop_requested;
}

void release_stop_signals() {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

RemovedOnStop::RemovedOnStop(std::vector<std::string> paths) {
    removed_on_stop = std::move(paths);
    std::signal(SIGINT, remove_and_stop);
    std::signal(SIGTERM, remove_and_stop);
}

RemovedOnStop::~RemovedOnStop() {
    release_stop_signals();
    removed_on_stop.clear();
}

int stop_exit_status() {
    return 128 + static_cast<int>(stop_signal);
}

} // namespace rotsim::cli
