#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/result.hpp"

namespace rotsim {

// What every run file is stamped with (root attributes, see docs/hdf5-schema.md).
struct RunFileHeader {
    std::string scenario_text; // the full resolved scenario
    std::uint64_t seed = 0;
    int ticks = 0;
    std::string start_date;      // calendar date of tick 0, YYYY-MM-DD
    std::int64_t runs = 0;       // rows of every /timeseries and /summary dataset
    std::int64_t agent_runs = 0; // replications (the first ones) whose per-soldier rows are stored
    std::string command_line;    // how the file was made
    // Output choices that keep large runs and sweeps small (docs/hdf5-schema.md).
    std::vector<std::string> series; // names of the /timeseries to store; empty: all of them
    int every = 1;                   // store every N-th tick, from tick 0, and always the last
    bool single_precision = false;   // store /timeseries as 32-bit floats
};

// The ticks stored for a horizon of `ticks` days when every `every`-th one is kept.
std::vector<int> stored_ticks(int ticks, int every);

// The only writer of rotsim's HDF5 files. Not thread-safe: the ensemble calls it from one thread.
class ResultWriter {
public:
    // Creates `path`. An existing file is an InputError unless `overwrite` is true.
    ResultWriter(const std::string& path, const RunFileHeader& header, bool overwrite);
    ~ResultWriter();
    ResultWriter(const ResultWriter&) = delete;
    ResultWriter& operator=(const ResultWriter&) = delete;

    // Stores one replication in row `row` (0 <= row < header.runs). Rows may come in any order.
    void write(const ReplicationResult& result, std::int64_t row);
    // Flushes and closes; called by the destructor if not called before.
    void close();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace rotsim
