#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "io/hdf5_writer.hpp"
#include "model/scenario.hpp"
#include "sim/result.hpp"

namespace rotsim {

struct ReplicationWorkspace; // sim/replication.hpp

// The most runs one command makes into one file: a run's --replications, a sweep's (or a run of
// drawn inputs') points x --replications. It is the most rotsim reads back of one column (2^27),
// and it bounds the memory a command keeps per run, which is refused up front, before any file
// is made (docs/reliability.md, "Limits").
inline constexpr std::int64_t kMaxRuns = std::int64_t{1} << 27;

// Refuses a plan whose counts rotsim cannot hold, naming the option: --replications past
// kMaxRuns, --agents past --replications, and replication indices (--first-replication +
// --replications - 1) past the largest, 2^63-1. Throws InputError.
void check_plan(std::int64_t first_replication, std::int64_t replications,
                std::int64_t agent_replications);

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
    // When set, rows at or past its value are not started: `rotsim run --precision` lowers it
    // once the runs it needs are known. Rows already started still reach the sink.
    const std::atomic<std::int64_t>* row_limit = nullptr;
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

// One finished row of a RowPool: its run encoded for the file, or why it failed, or that it was
// given back unrun (cancelled).
struct RowOutcome {
    std::int64_t row = 0;
    EncodedRun run;
    std::string failure; // non-empty: the run threw this
    bool cancelled = false;
};

// Worker threads that run rows handed out by `take` until it has none left, each row through
// `compute`, catching a failing row's exception as that row's outcome so that the others go on.
// The owner collects outcomes from its own thread with next(); sweeps use it to run rows that
// each have their own scenario, on one machine or on every MPI rank.
class RowPool {
public:
    // Blocks until a row is available; std::nullopt when there will be no more.
    using Take = std::function<std::optional<std::int64_t>()>;
    // Each worker thread passes its own workspace, reused by its rows one after another.
    using Compute = std::function<EncodedRun(std::int64_t row, ReplicationWorkspace& workspace)>;

    RowPool(int threads, Take take, Compute compute, const std::atomic<bool>* cancel);
    ~RowPool(); // waits for the workers; call cancel or exhaust `take` first
    RowPool(const RowPool&) = delete;
    RowPool& operator=(const RowPool&) = delete;

    // The next finished row, waiting up to `wait_ms`; std::nullopt if none arrived in time.
    std::optional<RowOutcome> next(int wait_ms);
    // Every worker has stopped and every outcome has been collected.
    bool finished();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace rotsim
