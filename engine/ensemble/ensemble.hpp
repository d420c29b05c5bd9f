#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "model/scenario.hpp"
#include "sim/result.hpp"

namespace rotsim {

struct EnsemblePlan {
    std::uint64_t seed = 0;
    std::int64_t first_replication = 0; // replication index of row 0
    std::int64_t replications = 1;
    int threads = 0;                     // 0: every hardware thread
    std::int64_t agent_replications = 0; // rows 0..K-1 also return the per-soldier table
    bool check_every_tick = false;
    // When set (by a signal handler, say), workers stop within a tick and the ensemble returns
    // what has finished.
    const std::atomic<bool>* cancel = nullptr;
};

struct EnsembleOutcome {
    std::int64_t completed = 0; // results handed to the sink
    bool cancelled = false;
};

// Receives each finished replication with its row (0-based, replication - first_replication).
// Called from the calling thread only, so it may write files; rows arrive in any order.
using ResultSink = std::function<void(const ReplicationResult&, std::int64_t row)>;
using Progress = std::function<void(std::int64_t done, std::int64_t total)>;

// Runs the plan's replications on worker threads that take the next row from a shared counter.
// Results are identical for any number of threads, since each replication depends only on
// (seed, replication). The first exception from a worker stops the rest and is rethrown here.
EnsembleOutcome run_ensemble(const Scenario& scenario, const EnsemblePlan& plan,
                             const ResultSink& sink, const Progress& progress = {});

int default_thread_count();

} // namespace rotsim
