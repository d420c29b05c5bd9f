#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ensemble/design.hpp"
#include "io/hdf5_writer.hpp"
#include "model/scenario.hpp"
#include "sim/replication.hpp"

namespace rotsim {

enum class OnFailure { stop, next }; // --on-failure stop | continue

// A sweep as the command line describes it. Runs are rows: row = point x replications +
// replication, and each run depends only on its point's scenario and (seed, replication), so
// every way of splitting the rows (threads, MPI ranks, shards, resumed runs) gives the same
// numbers.
struct SweepSpec {
    std::string scenario_path;
    std::vector<std::string> overrides; // --set, applied before each point's own overrides
    DesignRequest design;
    std::int64_t replications = 1; // per point
    std::uint64_t seed = 1;
    int threads = 0; // per process; 0: every core
    std::int64_t shard_index = 0, shard_count = 1;
    std::string out;
    bool overwrite = false;
    bool resume = false;
    OnFailure on_failure = OnFailure::stop;
    std::vector<std::string> series; // output options, as for `rotsim run`
    int every = 1;
    bool single_precision = false;
    std::string command_line;
    double flush_seconds = 1.0; // how long a finished run may wait in memory before reaching disk
};

// What every process works out alike from the spec, before anything runs.
struct PreparedSweep {
    SweepSpec spec;
    std::string scenario_text; // the scenario file as read
    Design design;
    // Per point: empty, or why the scenario loader refuses the point (only kept under
    // --on-failure continue; otherwise the first refusal is an error).
    std::vector<std::string> refusals;
    std::vector<double> cost; // per point: the relative cost of one run (soldier-days)
    RunFileHeader header;     // of this process's file (its shard)

    std::int64_t point_of(std::int64_t file_row) const;
    std::int64_t replication_of(std::int64_t file_row) const;
    std::vector<std::string> overrides(std::int64_t point) const; // --set, then the point's
};

// Reads the scenario, makes and validates the design, checks every point with the scenario
// loader (unless `check_points` is false: MPI ranks other than 0 run only the rows rank 0 hands
// out, which it has checked). Throws InputError naming the option or point at fault.
PreparedSweep prepare_sweep(const SweepSpec& spec, bool check_points = true);

// For tests: replaces run_replication, to make chosen runs fail.
using RunFunction = std::function<ReplicationResult(
    const Scenario&, std::uint64_t seed, std::int64_t replication, const ReplicationOptions&)>;

struct SweepHooks {
    const std::atomic<bool>* cancel = nullptr;                           // Ctrl-C, SIGTERM
    std::function<void(std::int64_t done, std::int64_t total)> progress; // rank 0 only
    std::function<void(const std::string&)> note;                        // rank 0's messages
    RunFunction run;                                                     // default: run_replication
};

struct SweepOutcome {
    std::int64_t runs = 0;    // rows of this file
    std::int64_t done = 0;    // in the file, finished
    std::int64_t failed = 0;  // in the file, failed
    std::int64_t resumed = 0; // of those, taken over from the interrupted file
    bool cancelled = false;
    bool stopped = false;      // --on-failure stop stopped it
    std::string first_failure; // "row 12, point 3 (...), replication 0: <what>"
    bool writer = true;        // this process wrote the file (rank 0)
};

// Runs the sweep's rows that the file does not hold yet, across this process's threads and, when
// started under MPI with several ranks, across every rank: rank 0 hands out rows (expensive
// blocks first), writes the file and flushes it every flush_seconds; the others compute.
SweepOutcome run_sweep(const PreparedSweep& sweep, const SweepHooks& hooks = {});

// Joins the files of a sweep run as shards into `out`, refusing files of other sweeps, runs
// present twice and runs present in none. The result equals the file of the same sweep run
// whole, dataset for dataset. Returns the number of runs written.
std::int64_t merge_sweep_files(const std::vector<std::string>& shards, const std::string& out,
                               bool overwrite, const std::string& command_line);

// "" when two sweep files' headers describe the same sweep (shard and command line aside, and
// the shard too unless `same_shard`), else the first difference, in words.
std::string sweep_difference(const RunFileHeader& a, const RunFileHeader& b, bool same_shard);

} // namespace rotsim
