#include "io/sweep_file.hpp"

#include "io/file_inspection.hpp"
#include "io/hdf5_reader.hpp"
#include "io/hdf5_schema.hpp"
#include "model/error.hpp"
#include "sim/derived.hpp"

#include <H5Cpp.h>
#include <filesystem>
#include <new>
#include <type_traits>

namespace rotsim {

struct SweepFile::Impl {
    struct Column {
        H5::DataSet ds;
        H5::DataType memory;
        std::size_t row_bytes = 0;
    };

    std::string path;
    H5::H5File file;
    RunFileHeader header;
    std::vector<RunStatus> status;
    std::vector<Column> columns; // in the writer's order: series, summaries, /runs
    // What is being read, for the message when HDF5 fails on a damaged file.
    std::string reading = "the file's superblock";

    [[noreturn]] void fail(const std::string& what) const {
        throw InputError("cannot read sweep file '" + path + "': " + what);
    }

    // HDF5 names only its call that failed ("H5Lexists failed"): say what and where instead.
    [[noreturn]] void damaged(const H5::Exception& e) const {
        fail("the file is damaged or truncated at " + reading + " (" +
             hdf5_call_words(e.getDetailMsg()) + " failed)");
    }

    void open();
    void read_header();
    void read_design(SweepHeader& sweep);
    void add_columns(const std::string& group_name);

    bool exists(const std::string& name) const { return file.nameExists(name); }

    template <class T> T scalar(const H5::H5Object& object, const char* name) const {
        if (!object.attrExists(name)) fail(std::string("no attribute '") + name + "'");
        T value{};
        object.openAttribute(name).read(native<T>(), &value);
        return value;
    }

    template <class T> static const H5::PredType& native() {
        if constexpr (std::is_same_v<T, std::int32_t>) return H5::PredType::NATIVE_INT32;
        if constexpr (std::is_same_v<T, std::uint64_t>) return H5::PredType::NATIVE_UINT64;
        return H5::PredType::NATIVE_INT64;
    }

    std::string text(const H5::H5Object& object, const char* name) const {
        if (!object.attrExists(name)) fail(std::string("no attribute '") + name + "'");
        const H5::Attribute attribute = object.openAttribute(name);
        std::string value;
        attribute.read(attribute.getStrType(), value);
        return value;
    }

    static std::vector<std::string> texts(const H5::Attribute& attribute) {
        const hsize_t n = static_cast<hsize_t>(attribute.getSpace().getSimpleExtentNpoints());
        std::vector<char*> raw(n, nullptr);
        const H5::StrType type = utf8_string_type();
        if (n > 0) attribute.read(type, raw.data());
        return reclaimed_strings(raw, type, attribute.getSpace());
    }

    static std::vector<std::string> texts(const H5::DataSet& ds) {
        const hsize_t n = static_cast<hsize_t>(ds.getSpace().getSimpleExtentNpoints());
        std::vector<char*> raw(n, nullptr);
        const H5::StrType type = utf8_string_type();
        if (n > 0) ds.read(raw.data(), type);
        return reclaimed_strings(raw, type, ds.getSpace());
    }

    template <class T>
    std::vector<T> values(const std::string& name, const H5::DataType& type, hsize_t n) const {
        if (!exists(name)) fail("no dataset /" + name);
        const H5::DataSet ds = file.openDataSet(name);
        if (static_cast<hsize_t>(ds.getSpace().getSimpleExtentNpoints()) != n)
            fail("dataset /" + name + " does not have " + std::to_string(n) + " values");
        std::vector<T> out(n);
        if (n > 0) ds.read(out.data(), type);
        return out;
    }
};

void SweepFile::Impl::open() {
    H5::Exception::dontPrint();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) fail("no such file");
    if (!H5::H5File::isHdf5(path)) fail("not an HDF5 file");
    try {
        file = H5::H5File(path, H5F_ACC_RDONLY);
    } catch (const H5::Exception&) {
        // Still being written, or left open by a writer that was killed.
        file = H5::H5File(path, H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, H5::FileCreatPropList::DEFAULT,
                          swmr_read_access());
    }
    reading = "/design";
    if (!exists("design") || !exists("runs/status"))
        fail("not a sweep file (no /design or /runs/status: made by 'rotsim run'?)");
    reading = "the root attributes";
    read_header();
    add_columns("timeseries");
    add_columns("summary");
    for (const char* name : {"replication", "seed", "status", "failure"}) {
        reading = std::string("/runs/") + name;
        if (!exists(std::string("runs/") + name)) fail(std::string("no dataset /runs/") + name);
        Column c;
        c.ds = file.openDataSet(std::string("runs/") + name);
        c.memory = native_type_of(c.ds);
        c.row_bytes = c.memory.getSize();
        columns.push_back(c);
    }
    const auto statuses = values<std::int8_t>("runs/status", H5::PredType::NATIVE_INT8,
                                              static_cast<hsize_t>(header.runs));
    for (const std::int8_t s : statuses) {
        if (s < 0 || s > 2) fail("/runs/status holds " + std::to_string(s));
        status.push_back(static_cast<RunStatus>(s));
    }
}

void SweepFile::Impl::read_header() {
    header.scenario_text = text(file, "scenario");
    header.seed = scalar<std::uint64_t>(file, "seed");
    header.stream_version =
        file.attrExists("stream_version") ? scalar<std::int32_t>(file, "stream_version") : 1;
    header.ticks = scalar<std::int32_t>(file, "ticks");
    header.start_date = text(file, "start_date");
    header.runs = scalar<std::int64_t>(file, "runs");
    header.agent_runs = scalar<std::int64_t>(file, "agent_runs");
    header.command_line = text(file, "command_line");
    header.every = scalar<std::int32_t>(file, "every");
    if (header.ticks <= 0 || header.runs < 0 || header.every < 1)
        fail("its ticks, runs or every attribute is out of range");
    SweepHeader sweep;
    reading = "/runs/row";
    sweep.sweep_runs = scalar<std::int64_t>(file, "sweep_runs");
    sweep.shard_index = scalar<std::int64_t>(file, "shard_index");
    sweep.shard_count = scalar<std::int64_t>(file, "shard_count");
    sweep.rows = values<std::int64_t>("runs/row", H5::PredType::NATIVE_INT64,
                                      static_cast<hsize_t>(header.runs));
    read_design(sweep);
    header.sweep = std::move(sweep);
}

void SweepFile::Impl::read_design(SweepHeader& sweep) {
    reading = "/design";
    const H5::Group design = file.openGroup("design");
    sweep.kind = text(design, "kind");
    if (!design.attrExists("keys")) fail("no attribute 'keys' on /design");
    sweep.keys = texts(design.openAttribute("keys"));
    sweep.points = scalar<std::int64_t>(design, "points");
    sweep.replications = scalar<std::int64_t>(design, "replications");
    sweep.design_seed = scalar<std::uint64_t>(design, "seed");
    sweep.base_samples = scalar<std::int64_t>(design, "base_samples");
    if (sweep.points < 1 || sweep.replications < 1) fail("/design has no points or replications");
    const auto points = static_cast<hsize_t>(sweep.points);
    for (const std::string& key : sweep.keys) {
        const std::string name = "design/" + key;
        reading = "/" + name;
        if (!exists(name)) fail("no dataset /" + name);
        const H5::DataSet ds = file.openDataSet(name);
        if (ds.getTypeClass() == H5T_STRING) {
            sweep.texts.push_back(texts(ds));
            sweep.numbers.emplace_back();
        } else {
            sweep.numbers.push_back(values<double>(name, H5::PredType::NATIVE_DOUBLE, points));
            sweep.texts.emplace_back();
        }
    }
    reading = "/design/overrides";
    sweep.overrides = texts(file.openDataSet("design/overrides"));
    if (sweep.overrides.size() != points) fail("/design/overrides does not have one row a point");
    // The texts of numeric keys are in the overrides; recovered so that headers compare whole.
    for (std::size_t k = 0; k < sweep.keys.size(); ++k) {
        if (!sweep.texts[k].empty()) continue;
        const std::string prefix = "\n" + sweep.keys[k] + "=";
        for (const std::string& lines : sweep.overrides) {
            const std::string text = "\n" + lines + "\n";
            const std::size_t at = text.find(prefix);
            if (at == std::string::npos) fail("/design/overrides lacks " + sweep.keys[k]);
            const std::size_t begin = at + prefix.size();
            sweep.texts[k].push_back(text.substr(begin, text.find('\n', begin) - begin));
        }
    }
    if (sweep.kind == "sobol") {
        sweep.sobol_sample =
            values<std::int64_t>("design/sobol_sample", H5::PredType::NATIVE_INT64, points);
        sweep.sobol_matrix =
            values<std::int32_t>("design/sobol_matrix", H5::PredType::NATIVE_INT32, points);
    }
}

void SweepFile::Impl::add_columns(const std::string& group_name) {
    reading = "/" + group_name;
    if (!exists(group_name)) fail("no group /" + group_name);
    const H5::Group group = file.openGroup(group_name);
    std::vector<std::string> names;
    auto collect = [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
        static_cast<std::vector<std::string>*>(out)->emplace_back(name);
        return 0;
    };
    hsize_t index = 0;
    if (H5Literate(group.getId(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, collect, &names) < 0)
        fail("cannot list /" + group_name);
    // The coordinates of netCDF readers are no columns: the new file makes its own.
    std::erase_if(names, [](const std::string& name) { return is_coordinate_name(name); });
    for (const std::string& name : names) {
        reading = std::string("/").append(group_name).append("/").append(name);
        Column c;
        c.ds = group.openDataSet(name);
        c.memory = native_type_of(c.ds);
        const H5::DataSpace space = c.ds.getSpace();
        std::vector<hsize_t> dims(static_cast<std::size_t>(space.getSimpleExtentNdims()));
        space.getSimpleExtentDims(dims.data());
        if (dims.empty() || dims[0] != static_cast<hsize_t>(header.runs))
            // NOLINTNEXTLINE(performance-inefficient-string-concatenation): an error, once
            fail("/" + group_name + "/" + name + " does not have one row a run");
        c.row_bytes = c.memory.getSize() * (dims.size() > 1 ? dims[1] : 1);
        columns.push_back(c);
        if (group_name != "timeseries") continue;
        header.series.push_back(name);
        header.single_precision = c.memory.getSize() == 4;
    }
}

SweepFile::SweepFile(const std::string& path) : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    try {
        impl_->open();
    } catch (const H5::Exception& e) {
        impl_->damaged(e);
    } catch (const std::bad_alloc&) {
        impl_->fail("a dataset is too large");
    }
}

SweepFile::~SweepFile() = default;
SweepFile::SweepFile(SweepFile&&) noexcept = default;
SweepFile& SweepFile::operator=(SweepFile&&) noexcept = default;

const std::string& SweepFile::path() const {
    return impl_->path;
}
const RunFileHeader& SweepFile::header() const {
    return impl_->header;
}
const std::vector<RunStatus>& SweepFile::status() const {
    return impl_->status;
}

StoredRows SweepFile::read(std::int64_t first, std::int64_t count) const {
    const Impl& im = *impl_;
    if (first < 0 || count < 0 || first + count > im.header.runs)
        throw std::out_of_range("SweepFile::read: rows outside the file");
    StoredRows rows;
    rows.first = first;
    rows.runs.resize(static_cast<std::size_t>(count));
    const std::size_t series = im.header.series.size(), failure = im.columns.size() - 1;
    try {
        for (std::size_t c = 0; c < im.columns.size(); ++c) {
            const Impl::Column& column = im.columns[c];
            std::vector<std::byte> values;
            if (c >= series && count > 0) {
                // Per-run values of every row at once.
                values.resize(static_cast<std::size_t>(count) * column.row_bytes);
                H5::DataSpace file_space = column.ds.getSpace();
                const auto start = static_cast<hsize_t>(first), n = static_cast<hsize_t>(count);
                file_space.selectHyperslab(H5S_SELECT_SET, &n, &start);
                column.ds.read(values.data(), column.memory, H5::DataSpace(1, &n), file_space);
            }
            for (std::int64_t i = 0; i < count; ++i) {
                auto& out = rows.runs[static_cast<std::size_t>(i)].columns.emplace_back();
                const RunStatus status = im.status[static_cast<std::size_t>(first + i)];
                if (c < series) {
                    // The run's compressed chunk, exactly as stored.
                    if (status != RunStatus::done) continue;
                    const hsize_t offset[2] = {static_cast<hsize_t>(first + i), 0};
                    hsize_t bytes = 0;
                    std::uint32_t filters = 0;
                    if (H5Dget_chunk_storage_size(column.ds.getId(), offset, &bytes) < 0 ||
                        bytes == 0)
                        im.fail("no series chunk for row " + std::to_string(first + i));
                    out.resize(bytes);
                    if (H5Dread_chunk(column.ds.getId(), H5P_DEFAULT, offset, &filters,
                                      out.data()) < 0 ||
                        filters != 0)
                        im.fail("cannot read the series chunk of row " + std::to_string(first + i));
                    continue;
                }
                if (c == failure && status != RunStatus::failed) continue;
                const auto at =
                    values.begin() +
                    static_cast<std::ptrdiff_t>(static_cast<std::size_t>(i) * column.row_bytes);
                out.assign(at, at + static_cast<std::ptrdiff_t>(column.row_bytes));
            }
        }
    } catch (const H5::Exception& e) {
        im.fail("the file is damaged or truncated in rows " + std::to_string(first) + " to " +
                std::to_string(first + count - 1) + " (" + hdf5_call_words(e.getDetailMsg()) +
                " failed)");
    }
    return rows;
}

std::string SweepFile::failure(std::int64_t row) const {
    const StoredRows rows = read(row, 1);
    const std::vector<std::byte>& bytes = rows.runs.front().columns.back();
    std::string text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    return text.substr(0, text.find('\0'));
}

SweepSummaries read_sweep_summaries(const std::string& path) {
    SweepSummaries out;
    out.path = path;
    {
        // Closed before the summaries are read: HDF5 refuses a second open with other flags.
        const SweepFile file(path);
        out.sweep = *file.header().sweep;
        out.status = file.status();
    }
    const SummaryTable table = read_summary_table(path);
    if (table.runs != static_cast<std::int64_t>(out.status.size()))
        throw InputError("cannot read sweep file '" + path +
                         "': /summary does not have a row a run");
    out.metrics = table.names;
    out.values = table.values;
    append_derived_summaries(out.metrics, out.values);
    // Rows are point-major over the whole sweep (docs/hdf5-schema.md), as /runs/point says.
    for (const std::int64_t row : out.sweep.rows)
        out.point.push_back(row / out.sweep.replications);
    return out;
}

} // namespace rotsim
