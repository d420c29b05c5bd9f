// ResultWriter's rows. A run file turns each run into the bytes of its datasets' rows, keeps them
// in a block until the block's chunk can be written whole, and writes each chunk once. A sweep
// file takes runs already encoded and writes them at each flush.
#include "io/hdf5_writer_impl.hpp"

#include "model/money.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <span>
#include <stdexcept>

namespace rotsim {
namespace {

// Writes `rows` rows starting at `first` of a dataset whose run axis is the first dimension.
void write_rows(const H5::DataSet& ds, hsize_t first, hsize_t rows, const H5::DataType& mem_type,
                const void* data) {
    H5::DataSpace file_space = ds.getSpace();
    std::vector<hsize_t> start(static_cast<std::size_t>(file_space.getSimpleExtentNdims()), 0);
    std::vector<hsize_t> count(start.size());
    file_space.getSimpleExtentDims(count.data());
    start[0] = first;
    count[0] = rows;
    file_space.selectHyperslab(H5S_SELECT_SET, count.data(), start.data());
    H5::DataSpace mem_space(static_cast<int>(count.size()), count.data());
    ds.write(data, mem_type, mem_space, file_space);
}

template <class T> void put(std::byte* out, std::size_t index, T value) {
    std::memcpy(out + index * sizeof(T), &value, sizeof(T));
}

} // namespace

ResultWriter::Impl::Block& ResultWriter::Impl::block_for(std::int64_t row, hsize_t& offset) {
    const std::int64_t index = row / static_cast<std::int64_t>(block_rows);
    Block& block = blocks[index];
    const hsize_t first = static_cast<hsize_t>(index) * block_rows;
    if (block.present.empty()) {
        const hsize_t n = std::min(block_rows, runs() - first);
        block.present.assign(n, false);
        for (const Column& c : columns) {
            auto& bytes = block.columns.emplace_back(n * c.row_bytes);
            for (hsize_t r = 0; r < n; ++r)
                std::copy(c.fill.begin(), c.fill.end(), bytes.begin() + r * c.row_bytes);
        }
    }
    offset = static_cast<hsize_t>(row) - first;
    return block;
}

// Checks the row before anything of it is stored, so a rejected row leaves the writer unchanged.
void ResultWriter::Impl::claim(std::int64_t row, const char* what) {
    if (row < 0 || row >= header.runs)
        throw std::out_of_range(std::string(what) + ": row " + std::to_string(row) +
                                " outside 0.." + std::to_string(header.runs - 1));
    if (written[static_cast<std::size_t>(row)])
        throw std::invalid_argument(std::string(what) + ": row " + std::to_string(row) +
                                    " written twice");
}

// A contingent's share must match the file before any of the row is stored.
void ResultWriter::Impl::check_contingents(const ReplicationResult& result) const {
    if (result.contingents.size() != header.contingents.size())
        throw std::invalid_argument(
            "ResultWriter::write: the run has " + std::to_string(result.contingents.size()) +
            " contingents, the file " + std::to_string(header.contingents.size()));
    for (const ContingentResult& c : result.contingents)
        if (c.series.rows() != kMetricCount || c.series.cols() != header.ticks)
            throw std::invalid_argument(
                "ResultWriter::write: a contingent's series is not metrics x ticks");
}

void ResultWriter::Impl::add(const ReplicationResult& result, std::int64_t row) {
    claim(row, "ResultWriter::write");
    if (result.series.rows() != kMetricCount || result.series.cols() != header.ticks)
        throw std::invalid_argument("ResultWriter::write: series is not metrics x ticks");
    if (!header.expectation.empty() &&
        (result.expected.rows() != kMetricCount || result.expected.cols() != header.ticks))
        throw std::invalid_argument("ResultWriter::write: expected series is not metrics x ticks");
    if (sweep()) return add_encoded(encoder->encode(result), row);
    check_contingents(result);
    const bool stores_agents = row < header.agent_runs;
    if (stores_agents) check_agents(result, row);
    written[static_cast<std::size_t>(row)] = true;
    ++rows_written;

    hsize_t r = 0;
    Block& block = block_for(row, r);
    auto slot = [&](std::size_t c) { return block.columns[c].data() + r * columns[c].row_bytes; };
    const bool expected = !header.expectation.empty();
    // The stored series of `series` (exact integers: counts, or ledger units for money) into the
    // columns from `first` on, then its summary.
    auto put_run = [&](std::size_t first, const auto& series,
                       const std::array<double, kSummaryCount>& summary) {
        for (std::size_t d = 0; d < stored_metrics.size(); ++d) {
            const int m = stored_metrics[d];
            const bool money = kMetrics[static_cast<std::size_t>(m)].unit == Unit::money;
            std::byte* out = slot(first + d);
            for (std::size_t k = 0; k < tick_list.size(); ++k) {
                const std::int64_t v = series(m, tick_list[k]);
                double x = money ? to_usd(v) : static_cast<double>(v);
                if (expected) x = result.expected(m, tick_list[k]) / (money ? kUnitsPerUsd : 1);
                if (header.single_precision)
                    put(out, k, static_cast<float>(x));
                else if (money || expected)
                    put(out, k, x);
                else
                    put(out, k, v);
            }
        }
        const std::size_t summaries = first + stored_metrics.size();
        for (std::size_t s = 0; s < kSummaryCount; ++s)
            put(slot(summaries + s), 0, summary[s]);
    };
    put_run(0, result.series, result.summary);
    put(slot(runs_column), 0, result.replication);
    put(slot(runs_column + 1), 0, result.seed);
    for (std::size_t k = 0; k < result.contingents.size(); ++k)
        put_run(first_column_of(k), result.contingents[k].series, result.contingents[k].summary);
    block.present[r] = true;
    ++block.rows_present;
    settle(row / static_cast<std::int64_t>(block_rows));
    if (stores_agents) add_agents(result, row);
}

// Sweep files: the run waits for the next flush, which writes waiting runs in runs of
// consecutive rows; or now, if many are waiting.
void ResultWriter::Impl::add_encoded(EncodedRun run, std::int64_t row) {
    if (!sweep()) throw std::logic_error("ResultWriter: encoded runs are for sweep files");
    bool fits = run.columns.size() == columns.size();
    for (std::size_t c = summary_column; fits && c + 1 < columns.size(); ++c)
        fits = run.columns[c].size() == columns[c].row_bytes;
    if (!fits) throw std::invalid_argument("ResultWriter::write_encoded: a run of another layout");
    claim(row, "ResultWriter::write_encoded");
    written[static_cast<std::size_t>(row)] = true;
    ++rows_written;
    for (const auto& bytes : run.columns)
        pending_bytes += bytes.size();
    pending.emplace(row, std::move(run));
    constexpr std::size_t kMostPendingBytes = std::size_t{64} << 20;
    if (pending_bytes > kMostPendingBytes) flush();
}

// Run files write blocks in row order, so that their bytes do not depend on the order runs
// finish in.
void ResultWriter::Impl::settle(std::int64_t) {
    while (!blocks.empty() && blocks.begin()->first == next_block &&
           blocks.begin()->second.rows_present == blocks.begin()->second.present.size()) {
        write_block(next_block, blocks.begin()->second);
        blocks.erase(blocks.begin());
        ++next_block;
    }
}

// Rows that have not arrived are written as fill values.
void ResultWriter::Impl::write_block(std::int64_t index, Block& block) {
    const hsize_t first = static_cast<hsize_t>(index) * block_rows;
    const hsize_t n = block.present.size();
    for (std::size_t c = 0; c < columns.size(); ++c) {
        step = "writing rows " + std::to_string(first) + ".." + std::to_string(first + n - 1) +
               " of " + columns[c].ds.getObjName();
        write_rows(columns[c].ds, first, n, columns[c].memory, block.columns[c].data());
    }
}

// Checked before anything of the row is stored, so a rejected row leaves the writer unchanged.
void ResultWriter::Impl::check_agents(const ReplicationResult& result, std::int64_t row) const {
    const std::string which = "ResultWriter::write: row " + std::to_string(row);
    if (!result.has_agents)
        throw std::invalid_argument(which + " has no per-soldier table but agent_runs is " +
                                    std::to_string(header.agent_runs));
    for (const AgentField& f : kAgentFields)
        if (f.column(result.agents).size() != result.agents.size() * element_size(f.element))
            throw std::invalid_argument(which + ": agent column " + std::string(f.name) +
                                        " has the wrong length");
    if (has_contingents() && result.agents.contingent.size() != result.agents.size())
        throw std::invalid_argument(which + ": agent column contingent has the wrong length");
}

// Soldiers are appended in row order, so a table that arrives early waits for its turn.
void ResultWriter::Impl::add_agents(const ReplicationResult& result, std::int64_t row) {
    if (row != next_agent_row) {
        waiting_agents.emplace(row, result.agents);
        return;
    }
    append_agents(result.agents, row);
    ++next_agent_row;
    while (!waiting_agents.empty() && waiting_agents.begin()->first == next_agent_row) {
        append_agents(waiting_agents.begin()->second, next_agent_row);
        waiting_agents.erase(waiting_agents.begin());
        ++next_agent_row;
    }
}

void ResultWriter::Impl::append_agents(const AgentTable& table, std::int64_t row) {
    for (std::size_t f = 0; f < kAgentFields.size(); ++f) {
        const std::span<const std::byte> column = kAgentFields[f].column(table);
        staged[f].insert(staged[f].end(), column.begin(), column.end());
    }
    staged_run.insert(staged_run.end(), table.size(), row);
    if (has_contingents())
        staged_contingent.insert(staged_contingent.end(), table.contingent.begin(),
                                 table.contingent.end());
    flush_agents(false);
}

// Appends staged soldiers in whole chunks (everything when closing), so each chunk is compressed
// and written once.
void ResultWriter::Impl::flush_agents(bool all) {
    const hsize_t count = all ? staged_run.size() : staged_run.size() / kAgentChunk * kAgentChunk;
    if (count == 0) return;
    const hsize_t size = agents_stored + count;
    auto append = [&](H5::DataSet& ds, const H5::PredType& type, const void* data) {
        ds.extend(&size);
        H5::DataSpace file_space = ds.getSpace();
        file_space.selectHyperslab(H5S_SELECT_SET, &count, &agents_stored);
        ds.write(data, type, H5::DataSpace(1, &count), file_space);
    };
    for (std::size_t f = 0; f < kAgentFields.size(); ++f) {
        step = "writing /agents/" + std::string(kAgentFields[f].name);
        append(agents[f], memory_type(kAgentFields[f].element), staged[f].data());
        const std::size_t bytes = count * element_size(kAgentFields[f].element);
        staged[f].erase(staged[f].begin(), staged[f].begin() + static_cast<std::ptrdiff_t>(bytes));
    }
    step = "writing /agents/run";
    append(agent_run, H5::PredType::NATIVE_INT64, staged_run.data());
    staged_run.erase(staged_run.begin(), staged_run.begin() + static_cast<std::ptrdiff_t>(count));
    if (has_contingents()) {
        step = "writing /agents/contingent";
        append(agent_contingent, H5::PredType::NATIVE_INT32, staged_contingent.data());
        staged_contingent.erase(staged_contingent.begin(),
                                staged_contingent.begin() + static_cast<std::ptrdiff_t>(count));
    }
    agents_stored = size;
}

namespace {

// Calls `write` for each run of consecutive pending rows: first row, count, and the range.
template <class F>
void for_each_run_of_rows(const std::map<std::int64_t, EncodedRun>& pending, F&& write) {
    for (auto run = pending.begin(); run != pending.end();) {
        auto end = std::next(run);
        auto last = run->first;
        while (end != pending.end() && end->first == last + 1)
            last = (end++)->first;
        write(run->first, static_cast<hsize_t>(last - run->first) + 1, run, end);
        run = end;
    }
}

} // namespace

// Waiting runs, all but their status: each series chunk as encoded, straight to the file; the
// other datasets in runs of consecutive rows, one write per dataset and run. A failure's text is
// written for failed runs only, so /runs/failure takes space only where runs failed.
void ResultWriter::Impl::write_pending() {
    const std::size_t status_column = runs_column + 2, failure_column = columns.size() - 1;
    std::vector<std::byte> buffer;
    for_each_run_of_rows(pending, [&](std::int64_t first, hsize_t n, auto run, auto end) {
        step = "writing rows " + std::to_string(first) + ".." + std::to_string(first + n - 1);
        for (auto it = run; it != end; ++it)
            for (std::size_t c = 0; c < summary_column; ++c) {
                const auto& chunk = it->second.columns[c];
                if (chunk.empty()) continue; // a failed run has no series
                const hsize_t offset[2] = {static_cast<hsize_t>(it->first), 0};
                if (H5Dwrite_chunk(columns[c].ds.getId(), H5P_DEFAULT, 0, offset, chunk.size(),
                                   chunk.data()) < 0)
                    throw H5::DataSetIException("write_pending", "H5Dwrite_chunk failed");
            }
        for (std::size_t c = summary_column; c < failure_column; ++c) {
            if (c == status_column) continue;
            buffer.clear();
            for (auto it = run; it != end; ++it)
                buffer.insert(buffer.end(), it->second.columns[c].begin(),
                              it->second.columns[c].end());
            write_rows(columns[c].ds, static_cast<hsize_t>(first), n, columns[c].memory,
                       buffer.data());
        }
        for (auto it = run; it != end; ++it)
            if (!it->second.columns[failure_column].empty())
                write_rows(columns[failure_column].ds, static_cast<hsize_t>(it->first), 1,
                           columns[failure_column].memory,
                           it->second.columns[failure_column].data());
    });
}

// The status of the waiting runs, which marks them done or failed.
void ResultWriter::Impl::write_pending_status() {
    const std::size_t c = runs_column + 2;
    std::vector<std::byte> buffer;
    for_each_run_of_rows(pending, [&](std::int64_t first, hsize_t n, auto run, auto end) {
        step = "writing /runs/status of rows " + std::to_string(first) + ".." +
               std::to_string(first + n - 1);
        buffer.clear();
        for (auto it = run; it != end; ++it)
            buffer.insert(buffer.end(), it->second.columns[c].begin(), it->second.columns[c].end());
        write_rows(columns[c].ds, static_cast<hsize_t>(first), n, columns[c].memory, buffer.data());
    });
    pending.clear();
    pending_bytes = 0;
}

void ResultWriter::Impl::sync() {
    step = "flushing the file";
    file.flush(H5F_SCOPE_GLOBAL);
    check_io();
    if (!sweep()) return;
    // HDF5 hands its writes to the operating system; a sweep's runs must also outlive the node
    // (a power cut, a kernel panic), so they go to the disk itself.
    step = "writing the file to the disk";
    if (io.fd >= 0 && ::fsync(io.fd) != 0) io.record(errno);
    check_io();
}

// A sweep's runs are committed in two steps: their data reaches the disk, then their status.
// Whenever the writer dies, a run marked done in /runs/status has every value on disk, and
// --resume takes over only such runs.
void ResultWriter::Impl::flush() {
    if (!sweep() || pending.empty()) return sync();
    write_pending();
    sync();
    write_pending_status();
    sync();
}

// Blocks past the kept rows are dropped unwritten; the block holding the last kept row is cut
// short and written, since every row before it has arrived. Chunks wholly past the new extent are
// freed by HDF5.
void ResultWriter::Impl::keep_rows(std::int64_t kept) {
    if (sweep()) throw std::logic_error("ResultWriter::keep_rows: not for sweep files");
    if (kept < 1 || kept > header.runs || kept < header.agent_runs)
        throw std::invalid_argument("ResultWriter::keep_rows: " + std::to_string(kept) +
                                    " rows outside agent_runs.." + std::to_string(header.runs));
    for (std::int64_t row = 0; row < kept; ++row)
        if (!written[static_cast<std::size_t>(row)])
            throw std::invalid_argument("ResultWriter::keep_rows: row " + std::to_string(row) +
                                        " was not written");
    const auto rows = static_cast<hsize_t>(kept);
    for (auto it = blocks.begin(); it != blocks.end();) {
        const hsize_t first = static_cast<hsize_t>(it->first) * block_rows;
        if (first >= rows) {
            it = blocks.erase(it);
            continue;
        }
        Block& block = it->second;
        const hsize_t n = std::min<hsize_t>(block.present.size(), rows - first);
        block.present.resize(n);
        for (std::size_t c = 0; c < columns.size(); ++c)
            block.columns[c].resize(n * columns[c].row_bytes);
        write_block(it->first, block);
        it = blocks.erase(it);
    }
    next_block = static_cast<std::int64_t>((rows + block_rows - 1) / block_rows);
    for (Column& c : columns) {
        step = "cutting " + c.ds.getObjName() + " to " + std::to_string(kept) + " rows";
        H5::DataSpace space = c.ds.getSpace();
        std::vector<hsize_t> dims(static_cast<std::size_t>(space.getSimpleExtentNdims()));
        space.getSimpleExtentDims(dims.data());
        dims[0] = rows;
        c.ds.extend(dims.data());
    }
    step = "cutting the run coordinates to " + std::to_string(kept) + " rows";
    for (const std::size_t index : scales.runs)
        scales.opened[index].extend(&rows);
    step = "writing the root attribute runs";
    file.openAttribute("runs").write(H5::PredType::NATIVE_INT64, &kept);
    header.runs = kept;
    written.resize(rows);
    rows_written = kept;
}

// Rows that never arrived keep their fill values; the rest is written in row order.
void ResultWriter::Impl::finish() {
    if (sweep()) flush();
    for (auto& [index, block] : blocks)
        write_block(index, block);
    blocks.clear();
    for (auto& [row, table] : waiting_agents)
        append_agents(table, row);
    waiting_agents.clear();
    if (header.agent_runs > 0) flush_agents(true);
    // A sweep file cannot gain attributes while open for single-writer / multiple-reader
    // access; its /runs/status says which rows were written.
    if (!sweep()) {
        step = "writing the root attribute rows_written";
        const std::int64_t written_rows = rows_written;
        write_scalar_attribute(file, "rows_written", H5::PredType::STD_I64LE,
                               H5::PredType::NATIVE_INT64, &written_rows);
    }
    // On the disk before it is renamed into place, so that a power cut cannot leave the new
    // name on an empty file; errors the system defers (NFS, quotas) surface here.
    step = "flushing the file";
    file.flush(H5F_SCOPE_GLOBAL);
    check_io();
    step = "writing the file to the disk";
    if (io.fd >= 0 && ::fsync(io.fd) != 0) io.record(errno);
    check_io();
    // HDF5 keeps a file open while any of its datasets is, so they are closed first: the file
    // is complete on disk when close() returns, not when the writer is destroyed.
    io.closing = true;
    step = "closing the datasets";
    for (Column& c : columns)
        c.ds.close();
    for (H5::DataSet& ds : agents)
        ds.close();
    agent_run.close();
    agent_contingent.close();
    for (H5::DataSet& ds : scales.opened)
        ds.close();
    step = "closing the file";
    file.close();
    check_io();
}

} // namespace rotsim
