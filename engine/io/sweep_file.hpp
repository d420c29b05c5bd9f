#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/hdf5_writer.hpp"

namespace rotsim {

// A sweep file opened to take its runs over: by `rotsim merge` (shards into one file) and by
// `rotsim sweep --resume` (the finished runs of an interrupted sweep). Opens files that are still
// being written, or that a killed writer left open. Every problem is an InputError naming the file.
class SweepFile {
public:
    explicit SweepFile(const std::string& path);
    ~SweepFile();
    SweepFile(SweepFile&&) noexcept;
    SweepFile& operator=(SweepFile&&) noexcept;

    const std::string& path() const;
    // As the file was created: what it would take to write the same file again.
    const RunFileHeader& header() const;
    // Per file row: done, failed, or missing (not run, or not flushed before a crash).
    const std::vector<RunStatus>& status() const;
    // File rows first..first+count-1, every per-run dataset as stored.
    StoredRows read(std::int64_t first, std::int64_t count) const;
    // Why row `row` failed; empty unless its status is failed.
    std::string failure(std::int64_t row) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The per-run summaries of a sweep file with what says which run is which: what `rotsim
// summarize` tabulates per design point and `rotsim sensitivity` regresses on the design.
struct SweepSummaries {
    std::string path;
    SweepHeader sweep;                       // the design
    std::vector<RunStatus> status;           // per file row
    std::vector<std::int64_t> point;         // per file row: its design point
    std::vector<std::string> metrics;        // /summary in file order, then derived summaries
    std::vector<std::vector<double>> values; // [metric][file row]
};

// Throws InputError naming the file when it is missing, not HDF5, or not a sweep file.
SweepSummaries read_sweep_summaries(const std::string& path);

} // namespace rotsim
