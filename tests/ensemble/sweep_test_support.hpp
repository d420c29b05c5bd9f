#pragma once

// A small scenario on disk and sweeps of it, for the sweep tests: runs of 60 days and a few
// hundred soldiers take a millisecond or two.

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "ensemble/sweep.hpp"
#include "io/sweep_file.hpp"

namespace rotsim::testing {

class SweepDir {
public:
    SweepDir() {
        static std::atomic<int> counter{0};
        const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        path_ = std::filesystem::temp_directory_path() /
                ("rotsim_sweep_" + std::to_string(stamp) + "_" + std::to_string(counter++));
        std::filesystem::create_directories(path_);
        std::ofstream(file("small.ini")) << "[run]\nhorizon_days = 60\n"
                                            "[strength]\ntarget_strength = 0:300\n";
    }
    ~SweepDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    SweepDir(const SweepDir&) = delete;
    SweepDir& operator=(const SweepDir&) = delete;
    std::string file(const std::string& name) const { return (path_ / name).string(); }

    // Six points (p_kia x max_tours) of three replications each.
    SweepSpec spec(const std::string& out) const {
        SweepSpec s;
        s.scenario_path = file("small.ini");
        s.design.grids = {"casualties.p_kia=0.0005,0.002,0.004", "strength.max_tours=1:2:1"};
        s.replications = 3;
        s.seed = 11;
        s.threads = 2;
        s.out = file(out);
        s.flush_seconds = 0;
        return s;
    }

private:
    std::filesystem::path path_;
};

inline SweepOutcome sweep(const SweepSpec& spec, const SweepHooks& hooks = {}) {
    return run_sweep(prepare_sweep(spec), hooks);
}

// Same runs, stored byte for byte alike (the series are compared as their compressed chunks),
// and the same design: the files hold the same datasets.
inline void require_same_runs(const std::string& a, const std::string& b) {
    const SweepFile fa(a), fb(b);
    REQUIRE(sweep_difference(fa.header(), fb.header(), false).empty());
    REQUIRE(fa.header().runs == fb.header().runs);
    REQUIRE(fa.status() == fb.status());
    const StoredRows ra = fa.read(0, fa.header().runs), rb = fb.read(0, fb.header().runs);
    for (std::size_t i = 0; i < ra.runs.size(); ++i) {
        INFO("row " << i);
        REQUIRE(ra.runs[i].columns == rb.runs[i].columns);
    }
}

} // namespace rotsim::testing
