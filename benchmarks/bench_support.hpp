#pragma once

// Shared helpers of rotsim_bench: scenarios, the work a replication did, and peak memory.

#include <cstdint>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "sim/result.hpp"

namespace rotsim::bench {

// The seed every benchmark uses; replication indices vary per iteration.
inline constexpr std::uint64_t kSeed = 2024;

// ROTSIM_SOURCE_DIR/relative.
std::string source_path(const std::string& relative);

// scenarios/article-2024.ini, loaded once.
const Scenario& article();

// scenarios/article-2024.ini with --set style overrides ("section.key=value").
Scenario article_with(const std::vector<std::string>& overrides);

// The article's scenario at a flat target strength over a horizon, the scaling benchmark's case:
// strength.target_strength=0:N, strength.initial_strength=auto, run.horizon_days=H.
Scenario scaled(std::int64_t strength, int horizon_days);

// What one replication did, read from its series.
struct Work {
    // State transitions: dispatched + arrivals (initial soldiers included) + killed_in_action +
    // wounded + captured + died_of_wounds + evacuated + rotated_out + returned_to_duty, all
    // cumulative at the horizon. `killed` (= killed_in_action + died_of_wounds) and `served` (a
    // subset of arrivals) are left out so that no transition counts twice. Ends of training and
    // arrivals home have no metric and are not counted (see benchmarks/README.md).
    std::int64_t transitions = 0;
    // Sum over ticks of the soldiers present: every state but home, killed and captured.
    std::int64_t soldier_days = 0;
    // Largest number of soldiers present on any tick.
    std::int64_t peak_present = 0;
    // Soldiers ever created: the initial ones + those dispatched (one tour each in the scenarios
    // benchmarked here).
    std::int64_t soldiers_ever = 0;

    // Filled only when the result carries the per-soldier table (keep_agents), which tells how
    // many soldiers reached the front; -1 otherwise.
    // Every transition: `transitions` + ends of training + arrivals home.
    std::int64_t all_transitions = -1;
    // Spells at the front (ends of training + returns to duty): each costs one call of
    // first_front_event, which takes at least one Philox block.
    std::int64_t front_spells = -1;
    // Keyed draws (one Philox4x32 block each) outside the front: durations and hospital
    // outcomes. A lower bound: hospital stays that end past the rotation date are not counted.
    std::int64_t other_draws = -1;
};

// The work of `result`, a replication of `scenario`.
Work work_of(const Scenario& scenario, const ReplicationResult& result);

// Peak resident memory growth of this process over a stretch of code, from /proc/self/status.
// start(): returns freed heap to the system (malloc_trim), resets the peak (VmHWM) to the current
// resident size by writing "5" to /proc/self/clear_refs, and records the current size (VmRSS).
// growth(): VmHWM now minus that baseline. If the peak cannot be reset (clear_refs not writable)
// the growth is measured against the peak since the process started and reset() is false.
class PeakMemory {
public:
    void start();
    std::int64_t growth() const;
    bool reset() const { return reset_; }

private:
    std::int64_t baseline_ = 0;
    bool reset_ = false;
};

// VmRSS or VmHWM of this process in bytes (-1 if unreadable).
std::int64_t status_bytes(const char* field);

} // namespace rotsim::bench
