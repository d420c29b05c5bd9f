#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/result.hpp"
#include "sim/stream_version.hpp"

namespace rotsim {

// What a sweep file adds to a run file (docs/hdf5-schema.md, "Sweep files"). Plain data, so that
// engine/io does not depend on how designs are made.
struct SweepHeader {
    std::string kind;              // grid, lhs or sobol
    std::vector<std::string> keys; // the swept scenario keys, in the design's order
    std::int64_t points = 0;
    std::int64_t replications = 0;                 // per point: replications 0..replications-1
    std::vector<std::vector<std::string>> texts;   // [key][point]: the value as overridden
    std::vector<std::vector<double>> numbers;      // [key][point]; empty where a key is not numeric
    std::vector<std::string> overrides;            // per point: "section.key=value" lines
    std::uint64_t design_seed = 0;                 // lhs and sobol draw their points from it
    std::int64_t base_samples = 0;                 // sobol: N
    std::vector<std::int64_t> sobol_sample;        // sobol, per point: which base sample
    std::vector<std::int32_t> sobol_matrix;        // sobol, per point: 0 A, i AB_i, keys+1 B
    std::int64_t shard_index = 0, shard_count = 1; // --shard I/N; 0/1 for a whole sweep
    std::int64_t sweep_runs = 0;                   // runs of the whole sweep, all shards
    std::vector<std::int64_t> rows;                // per file row: its row in the whole sweep

    bool operator==(const SweepHeader&) const = default;
};

// A [contingent.NAME] section of the scenario, as a run file names it under /contingents.
struct ContingentHeader {
    std::string name; // letters, digits, '_' and '-' (the scenario loader's rule)
    double hazard_multiplier = 1.0;

    bool operator==(const ContingentHeader&) const = default;
};

// What every run file is stamped with (root attributes, see docs/hdf5-schema.md).
struct RunFileHeader {
    std::string scenario_text; // the full resolved scenario
    std::uint64_t seed = 0;
    // The random streams' version (sim/random.hpp) that made the runs: files of two versions
    // hold different numbers for the same seed, so a sweep is only resumed or merged within one.
    // Files written before the attribute existed are version 1.
    int stream_version = kStreamVersion;
    int ticks = 0;
    std::string start_date;      // calendar date of tick 0, YYYY-MM-DD
    std::int64_t runs = 0;       // rows of every /timeseries and /summary dataset
    std::int64_t agent_runs = 0; // replications (the first ones) whose per-soldier rows are stored
    std::string command_line;    // how the file was made
    // Output choices that keep large runs and sweeps small (docs/hdf5-schema.md).
    std::vector<std::string> series; // names of the /timeseries to store; empty: all of them
    int every = 1;                   // store every N-th tick, from tick 0, and always the last
    bool single_precision = false;   // store /timeseries as 32-bit floats
    // Expected-value files (rotsim expect) only: what the one row is, stored as the root attribute
    // `expectation`. Every /timeseries is then stored as 64-bit floats, from
    // ReplicationResult::expected, since expected counts are fractional.
    std::string expectation;
    // Run files of a scenario with contingents: each contingent in the scenario's order (the
    // order of ReplicationResult::contingents and of AgentTable::contingent's index). Each one's
    // series and summary are stored under /contingents/<name>, and /agents gains `contingent`.
    // Empty: a scenario without contingents, and every sweep and expected-value file, which
    // store the totals only.
    std::vector<ContingentHeader> contingents;
    // Present in sweep files, which are also written in HDF5's single-writer / multiple-reader
    // mode so that they can be read while written and survive the writer being killed.
    std::optional<SweepHeader> sweep;
};

// The ticks stored for a horizon of `ticks` days when every `every`-th one is kept.
std::vector<int> stored_ticks(int ticks, int every);

// How a sweep file marks each row in /runs/status.
enum class RunStatus : std::int8_t { missing = 0, done = 1, failed = 2 };

// A run as a sweep file stores it: per per-run dataset in file order, its time series as one
// compressed chunk (empty for a failed run) and its other values as they are. Encoding is most
// of the cost of writing, so a sweep encodes each run on the thread or MPI rank that ran it and
// its one writer only writes. Copies between sweep files move these bytes unchanged.
struct EncodedRun {
    std::vector<std::vector<std::byte>> columns;
};

// Turns runs into the rows of a sweep file. Thread-safe.
class RunEncoder {
public:
    explicit RunEncoder(const RunFileHeader& header);
    EncodedRun encode(const ReplicationResult& result) const;
    EncodedRun failure(std::int64_t replication, std::uint64_t seed,
                       const std::string& reason) const;

private:
    std::vector<int> metrics_; // registry index of each stored series
    std::vector<int> ticks_;   // the ticks stored
    bool single_precision_ = false;
};

// Rows of a sweep file exactly as stored: shards into a merged file, the finished runs of an
// interrupted sweep into the resumed one.
struct StoredRows {
    std::int64_t first = 0; // file row of runs[0]
    std::vector<EncodedRun> runs;
};

// Where a ResultWriter keeps the file until close().
enum class Placement {
    // Under a temporary name in the same directory (.NAME.tmp-PID), renamed to the path by a
    // successful close(): the path never holds a partial file, and a file it replaces is
    // untouched until the new one is complete.
    replace_on_close,
    // At the path from the start: sweep files, which readers follow while they grow and
    // --resume continues after a crash.
    in_place,
};

// The only writer of rotsim's HDF5 files. Not thread-safe: the ensemble calls it from one thread.
// Any failure to write (a full disk, a file size limit) is an InputError naming the file and
// the system's reason; the writer then gives the file up: a run file is removed, a sweep file
// keeps what it held before.
class ResultWriter {
public:
    // Creates `path`, which must be a new name or, with `overwrite`, a regular file (never a
    // device). An existing file is an InputError unless `overwrite` is true.
    ResultWriter(const std::string& path, const RunFileHeader& header, bool overwrite,
                 Placement placement = Placement::replace_on_close);
    // Closes the file if close() was not called: as close() does, unless an exception is
    // unwinding the stack, in which case a run file is incomplete and is given up. Errors are
    // lost here; call close() to learn of them.
    ~ResultWriter();
    ResultWriter(const ResultWriter&) = delete;
    ResultWriter& operator=(const ResultWriter&) = delete;

    // Stores one replication in row `row` (0 <= row < header.runs). Rows may come in any order.
    void write(const ReplicationResult& result, std::int64_t row);
    // Sweep files: records that the run of `row` failed, and why.
    void write_failure(std::int64_t row, std::int64_t replication, std::uint64_t seed,
                       const std::string& reason);
    // Sweep files: stores a run encoded by a RunEncoder of the same header, or read from a file
    // of the same layout, as row `row`.
    void write_encoded(const EncodedRun& run, std::int64_t row);
    // Sweep files: every row written so far reaches the disk, so that it survives a crash of
    // this process and readers see it.
    void flush();
    // Rows written together: a chunk block of a run file; for a sweep file, the group of runs
    // it hands out at once.
    std::int64_t block_rows() const;
    // Run files: keeps rows 0..runs-1 and drops the others, as if the file had been created for
    // `runs` rows (`rotsim run --precision` settles on its count while runs are being written).
    // Every kept row must have been written; dropped rows may or may not have been.
    void keep_rows(std::int64_t runs);
    // Writes what is left, flushes it to the disk, closes the file and, unless in place,
    // renames it to the path. Throws if any of it fails, having given the file up.
    void close();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace rotsim
