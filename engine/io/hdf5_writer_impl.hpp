#pragma once

// The inside of ResultWriter, shared by hdf5_writer.cpp (creating files) and hdf5_rows.cpp
// (storing rows). Private to engine/io.

#include "io/hdf5_driver.hpp"
#include "io/hdf5_scales.hpp"
#include "io/hdf5_schema.hpp"
#include "io/hdf5_writer.hpp"
#include "io/writer_lock.hpp"
#include "model/error.hpp"

#include <H5Cpp.h>
#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace rotsim {

constexpr hsize_t kAgentChunk = 65536; // soldiers per chunk of /agents/*
// Sweep files hand out and copy runs in groups of this many consecutive rows.
constexpr hsize_t kSweepGroupRows = 64;

// Registry indices of the series a file stores, in registry order.
inline std::vector<int> stored_metric_indices(const RunFileHeader& header) {
    std::vector<int> out;
    for (int m = 0; m < kMetricCount; ++m)
        if (header.series.empty() || std::find(header.series.begin(), header.series.end(),
                                               kMetrics[m].name) != header.series.end())
            out.push_back(m);
    return out;
}

struct ResultWriter::Impl {
    // A dataset with the run as its first axis. Rows are kept as bytes of its native type, so
    // that a run computed here and a run copied from another file take the same path to disk.
    struct Column {
        H5::DataSet ds;
        H5::DataType memory; // native type of the stored values
        std::size_t row_bytes = 0;
        std::vector<std::byte> fill; // one row of fill values
    };

    // Rows of a run file waiting until their whole chunk block can be written at once, so that
    // each compressed chunk is written exactly once.
    struct Block {
        std::vector<std::vector<std::byte>> columns; // [column][row in block * row_bytes]
        std::vector<bool> present;
        hsize_t rows_present = 0;
    };

    // First, so that it is let go last, once the file is closed and renamed.
    WriterLock lock;
    std::string target;     // the file asked for, as the caller named it
    std::string path;       // the file written: a temporary name, or the target itself in place
    std::string final_path; // what close() renames `path` to: `target`, through a symbolic link
    bool overwrite = false;
    bool target_existed = false;
    bool created = false; // the constructor finished
    int exceptions = 0;   // std::uncaught_exceptions() when constructed
    RunFileHeader header;
    DriverState io; // outlives `file`, which reports to it
    H5::H5File file;
    // Series, then summaries, then /runs (see column indices below), then in a run file of
    // contingents each contingent's series and summaries, contingent by contingent.
    std::vector<Column> columns;
    std::size_t summary_column = 0, runs_column = 0, contingent_column = 0;
    std::vector<int> stored_metrics; // registry index of each stored series
    std::vector<int> tick_list;      // the ticks stored
    std::vector<H5::DataSet> agents;
    H5::DataSet agent_run;
    H5::DataSet agent_contingent; // run files of contingents only
    Scales scales;                // the coordinates and the datasets they are attached to
    hsize_t block_rows = 1;
    std::int64_t next_block = 0;
    std::map<std::int64_t, Block> blocks; // run files
    // Sweep files: finished rows not yet written, per column, until the next flush writes them
    // in runs of consecutive rows.
    std::map<std::int64_t, EncodedRun> pending;
    std::size_t pending_bytes = 0;
    std::unique_ptr<RunEncoder> encoder; // sweep files
    std::vector<bool> written;
    std::int64_t rows_written = 0;
    std::int64_t next_agent_row = 0;
    std::map<std::int64_t, AgentTable> waiting_agents;
    std::vector<std::vector<std::byte>> staged; // per agent field, whole chunks flushed
    std::vector<std::int64_t> staged_run;
    std::vector<std::int32_t> staged_contingent;
    hsize_t agents_stored = 0;
    std::string step; // what was being done when HDF5 failed, for the error message
    bool open = true;

    bool sweep() const { return header.sweep.has_value(); }
    bool in_place() const { return path == final_path; }
    hsize_t ticks() const { return static_cast<hsize_t>(header.ticks); }
    hsize_t runs() const { return static_cast<hsize_t>(header.runs); }
    bool has_contingents() const { return !header.contingents.empty(); }
    // The first of contingent k's columns: its series, then its summaries.
    std::size_t first_column_of(std::size_t k) const {
        return contingent_column + k * (stored_metrics.size() + kSummaryCount);
    }

    // hdf5_writer.cpp
    void prepare(const std::string& requested, Placement placement);
    void create();
    void write_root_attributes();
    void write_time_axis(H5::Group& group);
    void create_row_columns();
    void create_contingent_columns(); // /contingents
    // The series columns of /timeseries, or of a contingent's, in `group` (at `where`).
    void add_series_columns(H5::Group& group, const std::string& where);
    void add_summary_columns(H5::Group& group, const std::string& where);
    void create_agents();
    void create_sweep_objects(); // /design, /runs/point, /runs/row and the sweep's attributes
    void add_scales();           // netCDF-4 dimension scales (hdf5_scales.cpp)
    Column& add_column(H5::Group& group, std::string_view name, const H5::DataType& file_type,
                       const H5::DataType& memory, const std::vector<hsize_t>& dims,
                       const std::vector<hsize_t>& chunk, const void* fill_value,
                       std::size_t value_bytes, std::string_view units,
                       std::string_view description, bool compress = true);

    // hdf5_rows.cpp
    Block& block_for(std::int64_t row, hsize_t& offset);
    void claim(std::int64_t row, const char* what);
    void add(const ReplicationResult& result, std::int64_t row);
    void check_contingents(const ReplicationResult& result) const;
    void add_encoded(EncodedRun run, std::int64_t row);
    void write_pending();
    void write_pending_status();
    void sync();
    void settle(std::int64_t index);
    void write_block(std::int64_t index, Block& block);
    void check_agents(const ReplicationResult& result, std::int64_t row) const;
    void add_agents(const ReplicationResult& result, std::int64_t row);
    void append_agents(const AgentTable& table, std::int64_t row);
    void flush_agents(bool all);
    void flush();
    void keep_rows(std::int64_t kept);
    void finish();
    void check_io() const;
    void publish() const;
    void give_up() noexcept;
    [[noreturn]] void fail(const H5::Exception& e) const;
};

} // namespace rotsim
