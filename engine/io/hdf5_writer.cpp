#include "io/hdf5_writer.hpp"

#include "io/hdf5_schema.hpp"
#include "model/error.hpp"
#include "model/state.hpp"
#include "version.hpp"

#include <H5Cpp.h>
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <limits>
#include <map>
#include <span>
#include <stdexcept>
#include <vector>

namespace rotsim {
namespace {

// Chunks of about 1 MiB keep the default 1 MiB chunk cache useful and let a reader pull one run's
// series without inflating the whole dataset.
constexpr hsize_t kChunkBytes = hsize_t{1} << 20;
constexpr hsize_t kRunChunk = 65536;   // rows per chunk of the 1-D per-run datasets
constexpr hsize_t kAgentChunk = 65536; // soldiers per chunk of /agents/*

// A replication that never reached the writer must not read as a plausible zero.
constexpr std::int64_t kMissingCount = -1;
constexpr double kMissingValue = std::numeric_limits<double>::quiet_NaN();

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

// Writes `rows` rows starting at `first` of a dataset whose run axis is the first dimension.
void write_rows(const H5::DataSet& ds, hsize_t first, hsize_t rows, const H5::PredType& mem_type,
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

// Per-run rows waiting until their whole chunk block can be written at once, so that each
// compressed chunk is written exactly once and in row order.
struct Block {
    std::vector<std::int64_t> series; // [metric][row][tick]
    std::vector<double> summary;      // [summary][row]
    std::vector<std::int64_t> replication;
    std::vector<std::uint64_t> seed;
    std::vector<bool> present;
    hsize_t rows_present = 0;
};

} // namespace

struct ResultWriter::Impl {
    std::string path;
    RunFileHeader header;
    H5::H5File file;
    std::vector<H5::DataSet> series, summary, agents;
    std::vector<int> stored_metrics; // registry index of each dataset in `series`
    std::vector<int> tick_list;      // the ticks stored
    H5::DataSet replication, seed, agent_run;
    hsize_t block_rows = 1;
    std::int64_t next_block = 0;
    std::map<std::int64_t, Block> blocks;
    std::vector<bool> written;
    std::int64_t rows_written = 0;
    std::int64_t next_agent_row = 0;
    std::map<std::int64_t, AgentTable> waiting_agents;
    std::vector<std::vector<std::byte>> staged; // per agent field, whole chunks flushed
    std::vector<std::int64_t> staged_run;
    hsize_t agents_stored = 0;
    std::string step; // what was being done when HDF5 failed, for the error message
    bool open = true;

    hsize_t ticks() const { return static_cast<hsize_t>(header.ticks); }
    hsize_t runs() const { return static_cast<hsize_t>(header.runs); }

    void create();
    void write_time_axis(H5::Group& group);
    void add(const ReplicationResult& result, std::int64_t row);
    void check_agents(const ReplicationResult& result, std::int64_t row) const;
    void flush_block(std::int64_t index, Block& block);
    void append_agents(const AgentTable& table, std::int64_t row);
    void flush_agents(bool all);
    void finish();
    [[noreturn]] void fail(const H5::Exception& e) const {
        throw InputError("cannot write HDF5 file '" + path + "': " + step + " failed (" +
                         e.getDetailMsg() + ")");
    }
};

void ResultWriter::Impl::create() {
    step = "creating the file";
    H5::FileCreatPropList fcpl;
    if (H5Pset_link_creation_order(fcpl.getId(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED) < 0)
        throw H5::PropListIException("create", "cannot set link creation order");
    file = H5::H5File(path, H5F_ACC_TRUNC, fcpl);

    step = "writing the root attributes";
    write_string_attribute(file, "scenario", header.scenario_text);
    write_scalar_attribute(file, "seed", H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64,
                           &header.seed);
    write_string_attribute(file, "engine_version", kEngineVersion);
    write_string_attribute(file, "git_revision", kGitRevision);
    const int format_version = kFileFormatVersion;
    write_scalar_attribute(file, "format_version", H5::PredType::STD_I32LE,
                           H5::PredType::NATIVE_INT, &format_version);
    write_scalar_attribute(file, "ticks", H5::PredType::STD_I32LE, H5::PredType::NATIVE_INT,
                           &header.ticks);
    write_string_attribute(file, "start_date", header.start_date);
    write_scalar_attribute(file, "runs", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64,
                           &header.runs);
    write_scalar_attribute(file, "agent_runs", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64,
                           &header.agent_runs);
    write_string_attribute(file, "command_line", header.command_line);
    write_string_attribute(file, "created", utc_now());

    // A block is as many whole runs as fit in one chunk; very long horizons split the tick axis.
    block_rows = std::clamp<hsize_t>(kChunkBytes / (ticks() * sizeof(double)), 1,
                                     std::max<hsize_t>(runs(), 1));
    const hsize_t run_chunk = std::clamp<hsize_t>(runs(), 1, kRunChunk);

    H5::Group group = create_group(file, "time");
    step = "writing /time";
    write_time_axis(group);
    const hsize_t stored = tick_list.size();
    const hsize_t stored_chunk = std::min(stored, kChunkBytes / sizeof(double));
    group = create_group(file, "timeseries");
    for (const int index : stored_metrics) {
        const MetricInfo& m = kMetrics[static_cast<std::size_t>(index)];
        step = "creating /timeseries/" + std::string(m.name);
        const bool money = m.unit == Unit::money;
        const float missing_float = std::numeric_limits<float>::quiet_NaN();
        if (header.single_precision)
            series.push_back(create_dataset(group, m.name, H5::PredType::IEEE_F32LE,
                                            {runs(), stored}, {block_rows, stored_chunk},
                                            H5::PredType::NATIVE_FLOAT, &missing_float,
                                            metric_units(m.unit), m.description));
        else
            series.push_back(create_dataset(
                group, m.name, money ? H5::PredType::IEEE_F64LE : H5::PredType::STD_I64LE,
                {runs(), stored}, {block_rows, stored_chunk},
                money ? H5::PredType::NATIVE_DOUBLE : H5::PredType::NATIVE_INT64,
                money ? static_cast<const void*>(&kMissingValue) : &kMissingCount,
                metric_units(m.unit), m.description));
    }
    group = create_group(file, "summary");
    for (int s = 0; s < kSummaryCount; ++s) {
        step = "creating /summary/" + std::string(kSummaries[s].name);
        summary.push_back(create_dataset(group, kSummaries[s].name, H5::PredType::IEEE_F64LE,
                                         {runs()}, {run_chunk}, H5::PredType::NATIVE_DOUBLE,
                                         &kMissingValue, summary_units(static_cast<Summary>(s)),
                                         kSummaries[s].description));
    }
    step = "creating /runs";
    group = create_group(file, "runs");
    replication = create_dataset(group, "replication", H5::PredType::STD_I64LE, {runs()},
                                 {run_chunk}, H5::PredType::NATIVE_INT64, &kMissingCount, "index",
                                 "replication index: which random streams the row used");
    const std::uint64_t no_seed = 0;
    seed = create_dataset(group, "seed", H5::PredType::STD_U64LE, {runs()}, {run_chunk},
                          H5::PredType::NATIVE_UINT64, &no_seed, "",
                          "seed of the replication's random streams");
    if (header.agent_runs == 0) return;

    group = create_group(file, "agents");
    for (const AgentField& f : kAgentFields) {
        step = "creating /agents/" + std::string(f.name);
        const std::int64_t zero = 0;
        agents.push_back(create_dataset(group, f.name, file_type(f.element), {0}, {kAgentChunk},
                                        H5::PredType::NATIVE_INT64, &zero, f.units, f.description));
        staged.emplace_back();
    }
    step = "writing /agents/final_state attributes";
    write_string_array_attribute(agents[agent_final_state_index()], "state_names",
                                 {kStateNames.begin(), kStateNames.end()});
    step = "creating /agents/run";
    const std::int64_t zero = 0;
    agent_run = create_dataset(group, "run", H5::PredType::STD_I64LE, {0}, {kAgentChunk},
                               H5::PredType::NATIVE_INT64, &zero, "index",
                               "row of /runs the soldier belongs to");
}

// Ticks and their calendar dates, so that readers need no date arithmetic of their own.
void ResultWriter::Impl::write_time_axis(H5::Group& group) {
    const hsize_t n = tick_list.size();
    const std::int32_t none = 0;
    H5::DataSet tick =
        create_dataset(group, "tick", H5::PredType::STD_I32LE, {n}, {n}, H5::PredType::NATIVE_INT32,
                       &none, "day", "day of each stored column of /timeseries (0: start_date)");
    tick.write(tick_list.data(), H5::PredType::NATIVE_INT32);

    int y = 0;
    unsigned m = 0, d = 0;
    std::sscanf(header.start_date.c_str(), "%d-%u-%u", &y, &m, &d);
    const std::chrono::sys_days start{std::chrono::year_month_day{
        std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}};
    std::vector<std::string> dates;
    for (const int t : tick_list) {
        const std::chrono::year_month_day day{start + std::chrono::days{t}};
        char text[16];
        std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                      static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
        dates.emplace_back(text);
    }
    const H5::StrType type = utf8_string_type();
    H5::DSetCreatPropList plist;
    if (H5Pset_obj_track_times(plist.getId(), false) < 0)
        throw H5::PropListIException("write_time_axis", "cannot disable time tracking");
    H5::DataSet date = group.createDataSet("date", type, H5::DataSpace(1, &n), plist);
    std::vector<const char*> texts;
    for (const std::string& text : dates)
        texts.push_back(text.c_str());
    date.write(texts.data(), type);
    write_string_attribute(date, "units", "YYYY-MM-DD");
    write_string_attribute(date, "description", "calendar date of each stored column");
}

void ResultWriter::Impl::add(const ReplicationResult& result, std::int64_t row) {
    if (!open) throw std::logic_error("ResultWriter::write after close");
    if (row < 0 || row >= header.runs)
        throw std::out_of_range("ResultWriter::write: row " + std::to_string(row) + " outside 0.." +
                                std::to_string(header.runs - 1));
    if (result.series.rows() != kMetricCount || result.series.cols() != header.ticks)
        throw std::invalid_argument("ResultWriter::write: series is not metrics x ticks");
    const auto urow = static_cast<std::size_t>(row);
    if (written[urow])
        throw std::invalid_argument("ResultWriter::write: row " + std::to_string(row) +
                                    " written twice");
    const bool stores_agents = row < header.agent_runs;
    if (stores_agents) check_agents(result, row);
    written[urow] = true;
    ++rows_written;

    const std::int64_t index = row / static_cast<std::int64_t>(block_rows);
    Block& block = blocks[index];
    const hsize_t first = static_cast<hsize_t>(index) * block_rows;
    const hsize_t n = std::min(block_rows, runs() - first);
    if (block.present.empty()) {
        block.series.assign(kMetricCount * n * ticks(), kMissingCount);
        block.summary.assign(kSummaryCount * n, kMissingValue);
        block.replication.assign(n, kMissingCount);
        block.seed.assign(n, 0);
        block.present.assign(n, false);
    }
    const hsize_t r = static_cast<hsize_t>(row) - first;
    for (hsize_t m = 0; m < kMetricCount; ++m)
        std::copy_n(result.series.row(static_cast<Eigen::Index>(m)).data(), ticks(),
                    block.series.begin() + static_cast<std::ptrdiff_t>((m * n + r) * ticks()));
    for (hsize_t s = 0; s < kSummaryCount; ++s)
        block.summary[s * n + r] = result.summary[s];
    block.replication[r] = result.replication;
    block.seed[r] = result.seed;
    block.present[r] = true;
    ++block.rows_present;

    while (!blocks.empty() && blocks.begin()->first == next_block &&
           blocks.begin()->second.rows_present == blocks.begin()->second.present.size()) {
        flush_block(next_block, blocks.begin()->second);
        blocks.erase(blocks.begin());
        ++next_block;
    }

    if (!stores_agents) return;
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

void ResultWriter::Impl::flush_block(std::int64_t index, Block& block) {
    const hsize_t first = static_cast<hsize_t>(index) * block_rows;
    const hsize_t n = block.present.size();
    const hsize_t stored = tick_list.size();
    std::vector<double> usd(n * stored);
    std::vector<float> single(n * stored);
    std::vector<std::int64_t> counts(n * stored);
    for (std::size_t d = 0; d < stored_metrics.size(); ++d) {
        const auto m = static_cast<std::size_t>(stored_metrics[d]);
        step = "writing /timeseries/" + std::string(kMetrics[m].name);
        const std::int64_t* values = block.series.data() + m * n * ticks();
        const bool money = kMetrics[m].unit == Unit::money;
        for (hsize_t r = 0; r < n; ++r)
            for (hsize_t k = 0; k < stored; ++k) {
                const std::int64_t v = values[r * ticks() + static_cast<hsize_t>(tick_list[k])];
                const double x = !block.present[r] ? kMissingValue
                                 : money           ? to_usd(v)
                                                   : static_cast<double>(v);
                usd[r * stored + k] = x;
                single[r * stored + k] = static_cast<float>(x);
                counts[r * stored + k] = block.present[r] ? v : kMissingCount;
            }
        if (header.single_precision)
            write_rows(series[d], first, n, H5::PredType::NATIVE_FLOAT, single.data());
        else if (money)
            write_rows(series[d], first, n, H5::PredType::NATIVE_DOUBLE, usd.data());
        else
            write_rows(series[d], first, n, H5::PredType::NATIVE_INT64, counts.data());
    }
    for (std::size_t s = 0; s < kSummaryCount; ++s) {
        step = "writing /summary/" + std::string(kSummaries[s].name);
        write_rows(summary[s], first, n, H5::PredType::NATIVE_DOUBLE, &block.summary[s * n]);
    }
    step = "writing /runs";
    write_rows(replication, first, n, H5::PredType::NATIVE_INT64, block.replication.data());
    write_rows(seed, first, n, H5::PredType::NATIVE_UINT64, block.seed.data());
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
}

void ResultWriter::Impl::append_agents(const AgentTable& table, std::int64_t row) {
    for (std::size_t f = 0; f < kAgentFields.size(); ++f) {
        const std::span<const std::byte> column = kAgentFields[f].column(table);
        staged[f].insert(staged[f].end(), column.begin(), column.end());
    }
    staged_run.insert(staged_run.end(), table.size(), row);
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
    agents_stored = size;
}

// Rows that never arrived keep their fill values; the rest is written in row order.
void ResultWriter::Impl::finish() {
    for (auto& [index, block] : blocks)
        flush_block(index, block);
    blocks.clear();
    for (auto& [row, table] : waiting_agents)
        append_agents(table, row);
    waiting_agents.clear();
    if (header.agent_runs > 0) flush_agents(true);
    step = "writing the root attribute rows_written";
    write_scalar_attribute(file, "rows_written", H5::PredType::STD_I64LE,
                           H5::PredType::NATIVE_INT64, &rows_written);
    step = "closing the file";
    file.close();
}

std::vector<int> stored_ticks(int ticks, int every) {
    std::vector<int> out;
    for (int t = 0; t < ticks; t += every)
        out.push_back(t);
    if (!out.empty() && out.back() != ticks - 1) out.push_back(ticks - 1);
    return out;
}

ResultWriter::ResultWriter(const std::string& path, const RunFileHeader& header, bool overwrite)
    : impl_(std::make_unique<Impl>()) {
    if (header.ticks <= 0 || header.runs < 0 || header.agent_runs < 0 ||
        header.agent_runs > header.runs)
        throw std::invalid_argument("ResultWriter: inconsistent RunFileHeader");
    if (header.every < 1)
        throw InputError("--every must be 1 or more, got " + std::to_string(header.every));
    for (const std::string& name : header.series)
        if (std::none_of(kMetrics.begin(), kMetrics.end(),
                         [&](const MetricInfo& m) { return m.name == name; }))
            throw InputError("--series: unknown series '" + name +
                             "' (docs/hdf5-schema.md lists them)");
    impl_->tick_list = stored_ticks(header.ticks, header.every);
    for (int m = 0; m < kMetricCount; ++m)
        if (header.series.empty() || std::find(header.series.begin(), header.series.end(),
                                               kMetrics[m].name) != header.series.end())
            impl_->stored_metrics.push_back(m);
    std::error_code ec;
    if (!overwrite && std::filesystem::exists(path, ec))
        throw InputError("output file '" + path + "' exists; pass --overwrite to replace it");
    H5::Exception::dontPrint();
    impl_->path = path;
    impl_->header = header;
    impl_->written.assign(static_cast<std::size_t>(header.runs), false);
    try {
        impl_->create();
    } catch (const H5::Exception& e) {
        impl_->fail(e);
    }
}

ResultWriter::~ResultWriter() {
    // Errors here cannot be reported; callers who care call close() themselves.
    try {
        close();
    } catch (...) {
    }
}

void ResultWriter::write(const ReplicationResult& result, std::int64_t row) {
    try {
        impl_->add(result, row);
    } catch (const H5::Exception& e) {
        impl_->fail(e);
    }
}

void ResultWriter::close() {
    if (!impl_ || !impl_->open) return;
    impl_->open = false;
    try {
        impl_->finish();
    } catch (const H5::Exception& e) {
        impl_->fail(e);
    }
}

} // namespace rotsim
