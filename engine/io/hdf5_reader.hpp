#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rotsim {

struct DerivedMetric;

// One contingent's /contingents/<name>/summary of a run file: as SummaryTable holds the totals.
struct ContingentSummary {
    std::string name;
    double hazard_multiplier = 1.0;
    std::vector<std::string> names;
    std::vector<std::vector<double>> values; // values[metric][run]
};

// A run file's /summary group: one column of values (one per run) for each summary metric, in
// the file's order, plus the root attributes an analysis needs.
struct SummaryTable {
    std::vector<std::string> names;
    std::vector<std::vector<double>> values; // values[metric][run]
    std::int64_t runs = 0;
    std::string scenario_text;
    std::uint64_t seed = 0;
    std::string engine_version;
    // Root attribute `stream_version` (sim/stream_version.hpp); 1 in files written before it.
    int stream_version = 1;
    bool sweep = false; // a sweep file: rows are runs of design points (/design)
    // Per row, /runs/replication and /runs/seed: what pairs the runs of two files that share
    // random streams (`rotsim compare`). A row never written holds replication -1, seed 0.
    std::vector<std::int64_t> replications;
    std::vector<std::uint64_t> run_seeds;
    std::int64_t rows_written = -1; // root attribute; -1 in files without it (sweep files)
    std::string expectation;        // root attribute of `rotsim expect` files; else empty
    // A run file of a scenario with contingents: each one's summaries, in the order of the
    // attribute names of /contingents. Empty for any other file.
    std::vector<ContingentSummary> contingents;
};

// Throws InputError naming the file and the dataset when the file is missing, is not HDF5, or is
// not a rotsim run file (missing or wrong-shaped datasets).
SummaryTable read_summary_table(const std::string& path);

// One /timeseries/<metric> dataset as runs x ticks values, row-major; used by tests and tools.
// With `contingent`, /contingents/<contingent>/timeseries/<metric> instead.
struct SeriesTable {
    std::int64_t runs = 0;
    std::int64_t ticks = 0;
    std::vector<double> values;
};
SeriesTable read_series(const std::string& path, const std::string& metric,
                        const std::string& contingent = {});

// A run or sweep file opened for reading its time series a block of rows at a time, as
// `rotsim summarize --reduce` does, so that no more than one group of runs is in memory.
class SeriesReader {
public:
    explicit SeriesReader(const std::string& path);
    ~SeriesReader();
    SeriesReader(const SeriesReader&) = delete;
    SeriesReader& operator=(const SeriesReader&) = delete;

    std::int64_t runs() const;
    const std::vector<int>& ticks() const;         // /time/tick: the day of each column
    const std::vector<std::string>& dates() const; // /time/date
    // The /timeseries datasets, in file order, then the derived series (sim/derived.hpp) whose
    // inputs the file stores.
    const std::vector<std::string>& series() const;
    // Per row: whether it holds a finished run (sweeps: /runs/status is done; run files:
    // /runs/replication is not -1, the mark of a row an interrupted ensemble never wrote).
    const std::vector<bool>& done() const;
    // Per row: its design point; all 0 in a run file.
    const std::vector<std::int64_t>& point() const;
    std::int64_t points() const; // 1 in a run file
    bool sweep() const;
    // Rows first..first+rows-1 of /timeseries/<metric>, or of a derived series computed from
    // them (NaN in rows that hold no run), as doubles, row-major (rows x ticks). A derived series
    // whose inputs the file lacks is an InputError naming the missing dataset.
    std::vector<double> read(const std::string& metric, std::int64_t first,
                             std::int64_t rows) const;
    std::string units(const std::string& metric) const;

private:
    std::vector<double> read_derived(const DerivedMetric& metric, std::int64_t first,
                                     std::int64_t rows) const;
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace rotsim
