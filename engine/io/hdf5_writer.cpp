#include "io/hdf5_writer.hpp"

#include "io/hdf5_writer_impl.hpp"
#include "model/calendar.hpp"
#include "model/state.hpp"
#include "version.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <ctime>
#include <limits>
#include <stdexcept>

namespace rotsim {
namespace {

// Chunks of about 1 MiB keep the default 1 MiB chunk cache useful and let a reader pull one run's
// series without inflating the whole dataset.
constexpr hsize_t kChunkBytes = hsize_t{1} << 20;
constexpr hsize_t kRunChunk = 65536; // rows per chunk of the 1-D per-run datasets
// Sweep files are flushed every second while their runs arrive in any order. A compressed chunk
// rewritten with more rows takes new space in the file and the old is not reused, so a sweep
// file never rewrites one: each run's series is a chunk of its own, written once, and the 1-D
// datasets are uncompressed, rewritten in place.
constexpr hsize_t kSweepColumnChunk = 8192; // rows per chunk of a sweep's 1-D datasets
constexpr hsize_t kSweepFailureChunk = 64;  // /runs/failure: space only where runs failed

// A replication that never reached the writer must not read as a plausible zero.
constexpr std::int64_t kMissingCount = -1;
constexpr double kMissingValue = std::numeric_limits<double>::quiet_NaN();
constexpr float kMissingFloat = std::numeric_limits<float>::quiet_NaN();
constexpr std::uint64_t kNoSeed = 0;

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

void write_int64_attribute(H5::H5Object& object, const char* name, std::int64_t value) {
    write_scalar_attribute(object, name, H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64,
                           &value);
}

} // namespace

ResultWriter::Impl::Column& ResultWriter::Impl::add_column(
    H5::Group& group, std::string_view name, const H5::DataType& file_type,
    const H5::DataType& memory, const std::vector<hsize_t>& dims, const std::vector<hsize_t>& chunk,
    const void* fill_value, std::size_t value_bytes, std::string_view units,
    std::string_view description, bool compress) {
    Column column;
    column.ds = create_dataset(group, name, file_type, dims, chunk, memory, fill_value, units,
                               description, compress);
    column.memory = memory;
    const std::size_t values = dims.size() > 1 ? dims[1] : 1;
    column.row_bytes = values * value_bytes;
    column.fill.resize(column.row_bytes);
    for (std::size_t k = 0; k < values; ++k)
        std::memcpy(column.fill.data() + k * value_bytes, fill_value, value_bytes);
    columns.push_back(std::move(column));
    return columns.back();
}

void ResultWriter::Impl::create() {
    step = "creating the file";
    H5::FileCreatPropList fcpl;
    if (H5Pset_link_creation_order(fcpl.getId(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED) < 0)
        throw H5::PropListIException("create", "cannot set link creation order");
    H5::FileAccPropList fapl;
    // Single-writer / multiple-reader access needs the 1.10 file format.
    if (sweep()) fapl.setLibverBounds(H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
    if (use_driver(fapl.getId(), io) < 0)
        throw H5::PropListIException("create", "cannot set the file driver");
    file = H5::H5File(path, H5F_ACC_TRUNC, fcpl, fapl);

    write_root_attributes();
    // A block is as many whole runs as fit in one chunk; very long horizons split the tick axis.
    block_rows = sweep() ? kSweepGroupRows : kChunkBytes / (ticks() * sizeof(double));
    block_rows = std::clamp<hsize_t>(block_rows, 1, std::max<hsize_t>(runs(), 1));

    H5::Group group = create_group(file, "time");
    step = "writing /time";
    write_time_axis(group);
    create_row_columns();
    if (has_contingents()) create_contingent_columns();
    if (sweep()) create_sweep_objects();
    if (header.agent_runs > 0) create_agents();
    add_scales();
    if (sweep()) {
        step = "starting single-writer / multiple-reader access";
        if (H5Fstart_swmr_write(file.getId()) < 0)
            throw H5::FileIException("create", "H5Fstart_swmr_write failed");
    }
}

void ResultWriter::Impl::write_root_attributes() {
    step = "writing the root attributes";
    write_string_attribute(file, "scenario", header.scenario_text);
    write_scalar_attribute(file, "seed", H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64,
                           &header.seed);
    write_string_attribute(file, "engine_version", kEngineVersion);
    write_string_attribute(file, "git_revision", kGitRevision);
    const int format_version = kFileFormatVersion;
    write_scalar_attribute(file, "format_version", H5::PredType::STD_I32LE,
                           H5::PredType::NATIVE_INT, &format_version);
    write_scalar_attribute(file, "stream_version", H5::PredType::STD_I32LE,
                           H5::PredType::NATIVE_INT, &header.stream_version);
    write_scalar_attribute(file, "ticks", H5::PredType::STD_I32LE, H5::PredType::NATIVE_INT,
                           &header.ticks);
    write_string_attribute(file, "start_date", header.start_date);
    write_int64_attribute(file, "runs", header.runs);
    write_int64_attribute(file, "agent_runs", header.agent_runs);
    write_string_attribute(file, "command_line", header.command_line);
    write_string_attribute(file, "created", utc_now());
    if (!header.expectation.empty())
        write_string_attribute(file, "expectation", header.expectation);
}

void ResultWriter::Impl::add_series_columns(H5::Group& group, const std::string& where) {
    const hsize_t stored = tick_list.size();
    const hsize_t stored_chunk = std::min(stored, kChunkBytes / sizeof(double));
    for (const int index : stored_metrics) {
        const MetricInfo& m = kMetrics[static_cast<std::size_t>(index)];
        step = "creating " + where + "/" + std::string(m.name);
        const bool money = m.unit == Unit::money;
        const std::vector<hsize_t> dims{runs(), stored},
            chunk{sweep() ? 1 : block_rows, sweep() ? stored : stored_chunk};
        if (header.single_precision)
            add_column(group, m.name, H5::PredType::IEEE_F32LE, H5::PredType::NATIVE_FLOAT, dims,
                       chunk, &kMissingFloat, 4, metric_units(m.unit), m.description);
        else if (money || !header.expectation.empty())
            add_column(group, m.name, H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE, dims,
                       chunk, &kMissingValue, 8, metric_units(m.unit), m.description);
        else
            add_column(group, m.name, H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64, dims,
                       chunk, &kMissingCount, 8, metric_units(m.unit), m.description);
    }
}

void ResultWriter::Impl::add_summary_columns(H5::Group& group, const std::string& where) {
    const hsize_t run_chunk =
        std::clamp<hsize_t>(runs(), 1, sweep() ? kSweepColumnChunk : kRunChunk);
    for (int s = 0; s < kSummaryCount; ++s) {
        step = "creating " + where + "/" + std::string(kSummaries[s].name);
        add_column(group, kSummaries[s].name, H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE,
                   {runs()}, {run_chunk}, &kMissingValue, 8, summary_units(static_cast<Summary>(s)),
                   kSummaries[s].description, !sweep());
    }
}

void ResultWriter::Impl::create_row_columns() {
    H5::Group group = create_group(file, "timeseries");
    add_series_columns(group, "/timeseries");
    const hsize_t run_chunk =
        std::clamp<hsize_t>(runs(), 1, sweep() ? kSweepColumnChunk : kRunChunk);
    const bool compress = !sweep();
    summary_column = columns.size();
    group = create_group(file, "summary");
    add_summary_columns(group, "/summary");
    step = "creating /runs";
    runs_column = columns.size();
    group = create_group(file, "runs");
    add_column(group, "replication", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64, {runs()},
               {run_chunk}, &kMissingCount, 8, "index",
               "replication index: which random streams the row used", compress);
    add_column(group, "seed", H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64, {runs()},
               {run_chunk}, &kNoSeed, 8, "", "seed of the replication's random streams", compress);
    if (!sweep()) return;
    const auto missing = static_cast<std::int8_t>(RunStatus::missing);
    Column& status = add_column(group, "status", H5::PredType::STD_I8LE, H5::PredType::NATIVE_INT8,
                                {runs()}, {run_chunk}, &missing, 1, "state",
                                "whether the run is done, failed or missing: index into the "
                                "attribute status_names",
                                false);
    write_string_array_attribute(status.ds, "status_names", {"missing", "done", "failed"});
    const std::vector<char> no_failure(kFailureBytes, '\0');
    add_column(group, "failure", failure_string_type(), failure_string_type(), {runs()},
               {std::clamp<hsize_t>(runs(), 1, kSweepFailureChunk)}, no_failure.data(),
               kFailureBytes, "", "why the run failed; empty unless status is failed", false);
}

// Each contingent's series and summaries, as /timeseries and /summary hold the totals, in a group
// of its own; the names in order on /contingents, so that readers need not rely on link order.
void ResultWriter::Impl::create_contingent_columns() {
    step = "creating /contingents";
    H5::Group all = create_group(file, "contingents");
    std::vector<std::string_view> names;
    for (const ContingentHeader& c : header.contingents)
        names.emplace_back(c.name);
    write_string_array_attribute(all, "names", names);
    write_string_attribute(all, "description",
                           "each contingent's own series and summaries ([contingent.NAME] "
                           "sections); /timeseries and /summary hold their totals");
    contingent_column = columns.size();
    for (std::size_t k = 0; k < header.contingents.size(); ++k) {
        const ContingentHeader& c = header.contingents[k];
        const std::string where = "contingents/" + c.name;
        step = "creating /" + where;
        H5::Group group = create_group(file, where.c_str());
        const auto index = static_cast<std::int32_t>(k);
        write_scalar_attribute(group, "index", H5::PredType::STD_I32LE, H5::PredType::NATIVE_INT32,
                               &index);
        write_scalar_attribute(group, "hazard_multiplier", H5::PredType::IEEE_F64LE,
                               H5::PredType::NATIVE_DOUBLE, &c.hazard_multiplier);
        H5::Group series = create_group(file, (where + "/timeseries").c_str());
        add_series_columns(series, "/" + where + "/timeseries");
        H5::Group summary = create_group(file, (where + "/summary").c_str());
        add_summary_columns(summary, "/" + where + "/summary");
    }
}

void ResultWriter::Impl::add_scales() {
    step = "attaching the dimension scales";
    ScaleLayout layout;
    layout.runs = header.runs;
    layout.ticks = tick_list;
    layout.start_date = header.start_date;
    layout.sweep = sweep();
    layout.points = sweep() ? header.sweep->points : 0;
    layout.run_chunk = std::clamp<hsize_t>(runs(), 1, sweep() ? kSweepColumnChunk : kRunChunk);
    layout.compress = !sweep();
    layout.series = {"timeseries"};
    layout.summaries = {"summary"};
    for (const ContingentHeader& c : header.contingents) {
        layout.series.push_back("contingents/" + c.name + "/timeseries");
        layout.summaries.push_back("contingents/" + c.name + "/summary");
    }
    add_dimension_scales(file, layout, scales);
}

void ResultWriter::Impl::create_agents() {
    H5::Group group = create_group(file, "agents");
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
    if (!has_contingents()) return;
    step = "creating /agents/contingent";
    agent_contingent =
        create_dataset(group, "contingent", H5::PredType::STD_I32LE, {0}, {kAgentChunk},
                       H5::PredType::NATIVE_INT64, &zero, "index",
                       "the soldier's contingent: index into the attribute contingent_names (the "
                       "order of /contingents)");
    std::vector<std::string_view> names;
    for (const ContingentHeader& c : header.contingents)
        names.emplace_back(c.name);
    write_string_array_attribute(agent_contingent, "contingent_names", names);
}

// Ticks and their calendar dates, so that readers need no date arithmetic of their own.
void ResultWriter::Impl::write_time_axis(H5::Group& group) {
    const hsize_t n = tick_list.size();
    const std::int32_t none = 0;
    H5::DataSet tick =
        create_dataset(group, "tick", H5::PredType::STD_I32LE, {n}, {n}, H5::PredType::NATIVE_INT32,
                       &none, "day", "day of each stored column of /timeseries (0: start_date)");
    tick.write(tick_list.data(), H5::PredType::NATIVE_INT32);

    std::vector<std::string> dates;
    dates.reserve(tick_list.size());
    for (const int t : tick_list)
        dates.push_back(date_after(header.start_date, t));
    write_text_dataset(group, "date", dates, "YYYY-MM-DD", "calendar date of each stored column");
}

void ResultWriter::Impl::create_sweep_objects() {
    const SweepHeader& sw = *header.sweep;
    step = "writing the sweep's attributes";
    write_int64_attribute(file, "sweep_runs", sw.sweep_runs);
    write_int64_attribute(file, "shard_index", sw.shard_index);
    write_int64_attribute(file, "shard_count", sw.shard_count);
    write_scalar_attribute(file, "every", H5::PredType::STD_I32LE, H5::PredType::NATIVE_INT,
                           &header.every);

    step = "writing /runs/point and /runs/row";
    H5::Group runs_group = file.openGroup("runs");
    const hsize_t chunk = kSweepColumnChunk;
    std::vector<std::int64_t> points(sw.rows.size());
    for (std::size_t i = 0; i < sw.rows.size(); ++i)
        points[i] = sw.rows[i] / sw.replications;
    auto write_index = [&](H5::Group& group, const char* name, const std::vector<std::int64_t>& v,
                           std::string_view description) {
        const std::int64_t none = -1;
        H5::DataSet ds = create_dataset(group, name, H5::PredType::STD_I64LE, {v.size()},
                                        {std::clamp<hsize_t>(v.size(), 1, chunk)},
                                        H5::PredType::NATIVE_INT64, &none, "index", description);
        if (!v.empty()) ds.write(v.data(), H5::PredType::NATIVE_INT64);
    };
    write_index(runs_group, "point", points, "design point of the run: index into /design");
    write_index(runs_group, "row", sw.rows, "row of the run in the whole sweep (all shards)");

    step = "writing /design";
    H5::Group design = create_group(file, "design");
    write_string_attribute(design, "kind", sw.kind);
    write_string_array_attribute(design, "keys", {sw.keys.begin(), sw.keys.end()});
    write_int64_attribute(design, "points", sw.points);
    write_int64_attribute(design, "replications", sw.replications);
    write_scalar_attribute(design, "seed", H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64,
                           &sw.design_seed);
    write_int64_attribute(design, "base_samples", sw.base_samples);
    const hsize_t points_chunk = std::clamp<hsize_t>(static_cast<hsize_t>(sw.points), 1, 8192);
    for (std::size_t k = 0; k < sw.keys.size(); ++k) {
        step = "writing /design/" + sw.keys[k];
        const std::string description = "value of " + sw.keys[k] + " at each design point";
        if (sw.numbers[k].empty()) {
            write_text_dataset(design, sw.keys[k], sw.texts[k], "", description);
            continue;
        }
        const double none = kMissingValue;
        create_dataset(design, sw.keys[k], H5::PredType::IEEE_F64LE, {sw.numbers[k].size()},
                       {points_chunk}, H5::PredType::NATIVE_DOUBLE, &none, "", description)
            .write(sw.numbers[k].data(), H5::PredType::NATIVE_DOUBLE);
    }
    step = "writing /design/overrides";
    write_text_dataset(design, "overrides", sw.overrides, "",
                       "the point's scenario overrides, one section.key=value per line");
    if (sw.kind != "sobol") return;
    step = "writing /design/sobol_sample";
    const std::int64_t none = -1;
    create_dataset(design, "sobol_sample", H5::PredType::STD_I64LE, {sw.sobol_sample.size()},
                   {points_chunk}, H5::PredType::NATIVE_INT64, &none, "index",
                   "base sample j of Saltelli's design the point belongs to")
        .write(sw.sobol_sample.data(), H5::PredType::NATIVE_INT64);
    const std::int32_t no_matrix = -1;
    create_dataset(design, "sobol_matrix", H5::PredType::STD_I32LE, {sw.sobol_matrix.size()},
                   {points_chunk}, H5::PredType::NATIVE_INT32, &no_matrix, "index",
                   "0: row of A; i in 1..keys: A with key i-1 from B; keys+1: row of B")
        .write(sw.sobol_matrix.data(), H5::PredType::NATIVE_INT32);
}

std::vector<int> stored_ticks(int ticks, int every) {
    std::vector<int> out;
    for (int t = 0; t < ticks; t += every)
        out.push_back(t);
    if (!out.empty() && out.back() != ticks - 1) out.push_back(ticks - 1);
    return out;
}

namespace {

void check_sweep_header(const RunFileHeader& header) {
    const SweepHeader& sw = *header.sweep;
    const auto keys = sw.keys.size();
    const auto points = static_cast<std::size_t>(sw.points);
    bool ok = sw.points > 0 && sw.replications > 0 && sw.texts.size() == keys &&
              sw.numbers.size() == keys && sw.overrides.size() == points &&
              sw.rows.size() == static_cast<std::size_t>(header.runs) && header.agent_runs == 0 &&
              sw.shard_count > 0 && sw.shard_index >= 0 && sw.shard_index < sw.shard_count &&
              sw.sweep_runs == sw.points * sw.replications;
    for (std::size_t k = 0; ok && k < keys; ++k)
        ok = sw.texts[k].size() == points &&
             (sw.numbers[k].empty() || sw.numbers[k].size() == points);
    if (ok && sw.kind == "sobol")
        ok = sw.sobol_sample.size() == points && sw.sobol_matrix.size() == points;
    for (const std::int64_t row : sw.rows)
        ok = ok && row >= 0 && row < sw.sweep_runs;
    if (!ok) throw std::invalid_argument("ResultWriter: inconsistent SweepHeader");
}

// Contingents are stored in run files only, under names that are HDF5 link names of their own.
void check_contingents_header(const RunFileHeader& header) {
    if (header.contingents.empty()) return;
    if (header.sweep || !header.expectation.empty())
        throw std::invalid_argument("ResultWriter: contingents are stored in run files only, not "
                                    "in sweep or expected-value files");
    for (std::size_t k = 0; k < header.contingents.size(); ++k) {
        const std::string& name = header.contingents[k].name;
        const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
        });
        if (!plain)
            throw std::invalid_argument("ResultWriter: contingent name '" + name +
                                        "' is not letters, digits, '_' and '-'");
        for (std::size_t j = 0; j < k; ++j)
            if (header.contingents[j].name == name)
                throw std::invalid_argument("ResultWriter: contingent '" + name + "' twice");
    }
}

} // namespace

ResultWriter::ResultWriter(const std::string& path, const RunFileHeader& header, bool overwrite,
                           Placement placement)
    : impl_(std::make_unique<Impl>()) {
    if (header.ticks <= 0 || header.runs < 0 || header.agent_runs < 0 ||
        header.agent_runs > header.runs)
        throw std::invalid_argument("ResultWriter: inconsistent RunFileHeader");
    if (header.sweep) check_sweep_header(header);
    check_contingents_header(header);
    if (header.every < 1)
        throw InputError("--every must be 1 or more, got " + std::to_string(header.every));
    for (const std::string& name : header.series)
        if (std::none_of(kMetrics.begin(), kMetrics.end(),
                         [&](const MetricInfo& m) { return m.name == name; }))
            throw InputError("--series: unknown series '" + name +
                             "' (docs/hdf5-schema.md lists them)");
    impl_->tick_list = stored_ticks(header.ticks, header.every);
    impl_->stored_metrics = stored_metric_indices(header);
    // A sweep's run is one chunk a series; the scenario loader keeps horizons far below this.
    if (header.sweep && impl_->tick_list.size() > kChunkBytes / sizeof(double))
        throw InputError("a sweep stores at most " + std::to_string(kChunkBytes / sizeof(double)) +
                         " days a run; use --every");
    if (header.sweep) impl_->encoder = std::make_unique<RunEncoder>(header);
    impl_->overwrite = overwrite;
    impl_->prepare(path, placement);
    H5::Exception::dontPrint();
    impl_->header = header;
    impl_->written.assign(static_cast<std::size_t>(header.runs), false);
    try {
        impl_->create();
    } catch (const H5::Exception& e) {
        impl_->give_up();
        impl_->fail(e);
    }
    impl_->created = true;
}

namespace {

// A failure to write gives the file up at once: HDF5 can do nothing more with it.
template <class Impl, class F> void guarded_write(Impl& impl, F&& write) {
    if (!impl.open) throw std::logic_error("ResultWriter: write after close or a failed write");
    try {
        write();
        impl.check_io();
    } catch (const H5::Exception& e) {
        impl.open = false;
        impl.give_up();
        impl.fail(e);
    }
}

} // namespace

void ResultWriter::write(const ReplicationResult& result, std::int64_t row) {
    guarded_write(*impl_, [&] { impl_->add(result, row); });
}

void ResultWriter::write_failure(std::int64_t row, std::int64_t replication, std::uint64_t seed,
                                 const std::string& reason) {
    if (!impl_->sweep()) throw std::logic_error("ResultWriter::write_failure: not a sweep file");
    guarded_write(*impl_, [&] {
        impl_->add_encoded(impl_->encoder->failure(replication, seed, reason), row);
    });
}

void ResultWriter::write_encoded(const EncodedRun& run, std::int64_t row) {
    guarded_write(*impl_, [&] { impl_->add_encoded(run, row); });
}

void ResultWriter::flush() {
    guarded_write(*impl_, [&] { impl_->flush(); });
}

std::int64_t ResultWriter::block_rows() const {
    return static_cast<std::int64_t>(impl_->block_rows);
}

void ResultWriter::keep_rows(std::int64_t runs) {
    guarded_write(*impl_, [&] { impl_->keep_rows(runs); });
}

} // namespace rotsim
