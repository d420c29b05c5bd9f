#pragma once

// A guard around reading a result file, for the commands that read them (summarize, compare).

#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

namespace rotsim::cli {

// HDF5 1.10 can loop forever inside the library on some damaged files (a global heap whose
// free-space entry has size 0: fuzz_hdf5 found it, tests/fuzz/corpus/fuzz_hdf5/
// libhdf5_hang_global_heap.hdf5). No call into HDF5 can be abandoned, so a file whose reading has
// not finished after this long is declared damaged and the process exits. The reader reads at
// most 1 GiB of values, which takes seconds; ROTSIM_READ_TIMEOUT (seconds) overrides it.
constexpr int kReadTimeoutSeconds = 120;

class ReadWatchdog {
public:
    ReadWatchdog(const char* command, std::string path) : path_(std::move(path)) {
        int seconds = kReadTimeoutSeconds;
        if (const char* text = std::getenv("ROTSIM_READ_TIMEOUT")) {
            int value = 0;
            const char* end = text + std::strlen(text);
            if (std::from_chars(text, end, value).ptr == end && value > 0) seconds = value;
        }
        thread_ = std::thread([this, command, seconds] {
            std::unique_lock lock(mutex_);
            if (done_.wait_for(lock, std::chrono::seconds(seconds), [this] { return finished_; }))
                return;
            std::fprintf(stderr,
                         "rotsim %s: cannot read '%s': reading did not finish in %d s; the file is "
                         "damaged (HDF5 can loop forever on some damaged files)\n",
                         command, path_.c_str(), seconds);
            std::fflush(stderr);
            std::_Exit(2);
        });
    }
    ~ReadWatchdog() {
        {
            const std::lock_guard lock(mutex_);
            finished_ = true;
        }
        done_.notify_one();
        thread_.join();
    }
    ReadWatchdog(const ReadWatchdog&) = delete;
    ReadWatchdog& operator=(const ReadWatchdog&) = delete;

private:
    std::string path_;
    std::mutex mutex_;
    std::condition_variable done_;
    bool finished_ = false;
    std::thread thread_;
};

} // namespace rotsim::cli
