#include "stop_signals.hpp"

#include <csignal>

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

int stop_exit_status() {
    return 128 + static_cast<int>(stop_signal);
}

} // namespace rotsim::cli
