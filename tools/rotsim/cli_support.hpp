#pragma once

// Pieces that `sweep` and `merge` share with `run`: the seed, the output path, the progress line
// and the command line stamped into the file.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <new>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace rotsim::cli {

// What went wrong, for the user: std::bad_alloc's own text ("std::bad_alloc") says nothing.
inline std::string error_text(const std::exception& e) {
    if (dynamic_cast<const std::bad_alloc*>(&e) != nullptr)
        return "out of memory: the replications need more memory than this process may take (the "
               "machine's memory, or a limit such as ulimit -v or the batch system's); lower the "
               "strength or the horizon, run fewer --threads, or keep fewer --agents";
    return e.what();
}

// Boost would read "-5" as a huge unsigned number; a seed is digits only.
inline std::uint64_t seed_from(const std::string& option, const std::string& text) {
    const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
    std::size_t used = 0;
    std::uint64_t seed = 0;
    try {
        if (digits) seed = std::stoull(text, &used);
    } catch (const std::out_of_range&) {
        used = 0;
    }
    if (!digits || used != text.size())
        throw std::invalid_argument(option + " must be a whole number from 0 to " +
                                    "18446744073709551615, got '" + text + "'");
    return seed;
}

// Checked before anything runs, so a typo in the path costs no simulation time.
// Only a regular file or a new name is accepted: written over, a device (/dev/null, a disk) or a
// FIFO would lose the results or destroy what it holds.
inline void check_writable(const std::string& out) {
    namespace fs = std::filesystem;
    const fs::path path(out);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (fs::is_directory(status))
        throw std::invalid_argument("--out '" + out + "' is a directory; give a file name");
    if (fs::exists(status) && !fs::is_regular_file(status))
        throw std::invalid_argument(
            "--out '" + out + "' is not a regular file (a device or a FIFO); give a file name");
    const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
    const fs::file_status parent_status = fs::status(parent, ec);
    if (fs::exists(parent_status) && !fs::is_directory(parent_status))
        throw std::invalid_argument("--out '" + out + "': '" + parent.string() +
                                    "' is a file, not a directory");
    if (!fs::is_directory(parent_status))
        throw std::invalid_argument("--out '" + out + "': directory '" + parent.string() +
                                    "' does not exist");
    if (access(parent.c_str(), W_OK) != 0)
        throw std::invalid_argument("--out '" + out + "': directory '" + parent.string() +
                                    "' is not writable");
}

inline std::string command_line_of(int argc, char** argv) {
    std::ostringstream out;
    out << "rotsim";
    for (int k = 0; k < argc; ++k)
        out << ' ' << argv[k];
    return out.str();
}

inline std::vector<std::string> comma_list(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

// Runs done, rate and time left, rewritten in place on a terminal; at most ten times a second.
class RunsProgress {
public:
    explicit RunsProgress(bool enabled) : enabled_(enabled) {}
    void operator()(std::int64_t done, std::int64_t total) {
        if (!enabled_) return;
        const auto now = std::chrono::steady_clock::now();
        if (done < total && now - shown_ < std::chrono::milliseconds(100)) return;
        shown_ = now;
        const double seconds = std::chrono::duration<double>(now - start_).count();
        const double rate = done / std::max(seconds, 1e-9);
        std::fprintf(stderr, "\r%lld/%lld runs  %.1f/s  %.0f s left   ",
                     static_cast<long long>(done), static_cast<long long>(total), rate,
                     static_cast<double>(total - done) / std::max(rate, 1e-9));
        if (done == total) std::fprintf(stderr, "\n");
    }

private:
    bool enabled_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point shown_{};
};

} // namespace rotsim::cli
