#include "io/hdf5_reader.hpp"

#include "io/file_inspection.hpp"
#include "io/hdf5_schema.hpp"
#include "io/hdf5_writer.hpp"
#include "model/error.hpp"
#include "sim/derived.hpp"

#include <H5Cpp.h>
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <new>
#include <sstream>
#include <string>
#include <vector>

namespace rotsim {
namespace {

// A file's header can claim any size for a dataset: a chunked dataset never written is all fill
// value and costs the file nothing, however large. Values are read into memory only up to this
// many per call (1 GiB as doubles), so a corrupt or hostile file is refused by name instead of
// exhausting memory. It allows summaries of some 4 million runs and series of 360,000 run-years.
constexpr std::uint64_t kMaxValuesRead = std::uint64_t{1} << 27;
// Text attributes (the scenario, versions) are read whole; a real scenario is a few kilobytes,
// and the scenario loader refuses more than 16 MiB.
constexpr std::size_t kMaxTextBytes = std::size_t{16} << 20;

// Every check names the file and the object, because the reader is the first thing a user hits
// with a wrong path or a file from another tool.
class RunFile {
public:
    explicit RunFile(const std::string& path) : path_(path) {
        H5::Exception::dontPrint();
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) fail("no such file");
        if (std::filesystem::is_directory(path, ec)) fail("it is a directory");
        // A FIFO or a device would block or never end: HDF5 files are regular files.
        if (!std::filesystem::is_regular_file(path, ec)) fail("not a regular file");
        if (!H5::H5File::isHdf5(path)) fail("not an HDF5 file");
        try {
            // Left unset, HDF5 1.10 retries a metadata read that fails its checksum, sleeping
            // between attempts: a damaged superblock took minutes to refuse (found by fuzz_hdf5,
            // tests/fuzz/corpus/fuzz_hdf5/regression_superblock_checksum_retries.hdf5). A file
            // written and closed never needs a second attempt.
            H5::FileAccPropList once;
            if (H5Pset_metadata_read_attempts(once.getId(), 1) < 0)
                fail("cannot set HDF5's metadata read attempts");
            file_ = H5::H5File(path, H5F_ACC_RDONLY, H5::FileCreatPropList::DEFAULT, once);
        } catch (const H5::Exception&) {
            // A sweep file still being written, or left open by a writer that was killed, opens
            // only for single-writer / multiple-reader reading.
            file_ = H5::H5File(path, H5F_ACC_RDONLY | H5F_ACC_SWMR_READ,
                               H5::FileCreatPropList::DEFAULT, swmr_read_access());
        }
        // Sweep files are read by the same code: messages name the kind the file is.
        kind_ = has_group("design") ? "sweep file" : "run file";
    }

    [[noreturn]] void fail(const std::string& what) const {
        throw InputError("cannot read " + kind_ + " '" + path_ + "': " + what);
    }

    bool has_group(const std::string& name) const {
        return file_.nameExists(name) && file_.childObjType(name) == H5O_TYPE_GROUP;
    }
    H5::Group group(const std::string& name) const {
        if (!file_.nameExists(name) || file_.childObjType(name) != H5O_TYPE_GROUP)
            fail("no group /" + name + " (not a rotsim result file?)");
        return file_.openGroup(name);
    }

    // A numeric dataset of exactly `dims`, read as doubles.
    std::vector<double> numeric(const H5::Group& group, const std::string& group_name,
                                const std::string& name, const std::vector<hsize_t>& dims) const {
        const std::string where = "dataset /" + group_name + "/" + name;
        std::vector<hsize_t> actual;
        const H5::DataSet ds = numeric_dataset(group, where, name, actual);
        if (actual != dims)
            fail(where + " has shape " + shape(actual) + ", expected " + shape(dims));
        const std::uint64_t count = reserve_values(dims, where);
        std::vector<double> values(static_cast<std::size_t>(count));
        ds.read(values.data(), H5::PredType::NATIVE_DOUBLE);
        return values;
    }

    // Rows first..first+count-1 of a numeric dataset whose first axis is the run, as doubles.
    std::vector<double> rows(const H5::Group& group, const std::string& group_name,
                             const std::string& name, hsize_t first, hsize_t count) const {
        const std::string where = "dataset /" + group_name + "/" + name;
        std::vector<hsize_t> dims;
        const H5::DataSet ds = numeric_dataset(group, where, name, dims);
        if (dims.empty() || dims.size() > 2) fail(where + " is not a table");
        if (first + count > dims[0])
            fail(where + " has " + std::to_string(dims[0]) + " rows, fewer than " +
                 std::to_string(first + count));
        std::vector<hsize_t> start(dims.size(), 0), shape = dims;
        start[0] = first;
        shape[0] = count;
        const std::uint64_t n = reserve_values(shape, where);
        std::vector<double> values(static_cast<std::size_t>(n));
        if (n == 0) return values;
        H5::DataSpace space = ds.getSpace();
        space.selectHyperslab(H5S_SELECT_SET, shape.data(), start.data());
        const H5::DataSpace memory(static_cast<int>(shape.size()), shape.data());
        ds.read(values.data(), H5::PredType::NATIVE_DOUBLE, memory, space);
        return values;
    }

    // A 1-D numeric dataset whole.
    std::vector<double> column(const H5::Group& group, const std::string& group_name,
                               const std::string& name) const {
        const std::string where = "dataset /" + group_name + "/" + name;
        std::vector<hsize_t> dims;
        numeric_dataset(group, where, name, dims);
        if (dims.size() != 1) fail(where + " is not a column");
        return rows(group, group_name, name, 0, dims[0]);
    }

    // A 1-D unsigned dataset of `rows` values, read exactly: seeds use all 64 bits, which
    // doubles would round.
    std::vector<std::uint64_t> unsigned_column(const H5::Group& group,
                                               const std::string& group_name,
                                               const std::string& name, hsize_t rows) const {
        const std::string where = "dataset /" + group_name + "/" + name;
        std::vector<hsize_t> dims;
        const H5::DataSet ds = numeric_dataset(group, where, name, dims);
        if (dims != std::vector<hsize_t>{rows})
            fail(where + " has shape " + shape(dims) + ", expected " + shape({rows}));
        std::vector<std::uint64_t> values(static_cast<std::size_t>(reserve_values(dims, where)));
        if (!values.empty()) ds.read(values.data(), H5::PredType::NATIVE_UINT64);
        return values;
    }

    bool has_attribute(const char* name) const { return file_.attrExists(name); }

    std::int64_t group_integer(const H5::Group& group, const std::string& where,
                               const char* name) const {
        if (!group.attrExists(name) || group.openAttribute(name).getTypeClass() != H5T_INTEGER)
            fail("no integer attribute '" + std::string(name) + "' on /" + where);
        std::int64_t value = 0;
        group.openAttribute(name).read(H5::PredType::NATIVE_INT64, &value);
        return value;
    }

    // Values read so far count against kMaxValuesRead; a reader that reads a file a block at a
    // time limits each block instead.
    void new_budget() const { values_read_ = 0; }

    std::vector<std::string> texts(const H5::Group& group, const std::string& where,
                                   const std::string& name) const {
        if (!group.nameExists(name) || group.childObjType(name) != H5O_TYPE_DATASET)
            fail("no dataset /" + where + "/" + name);
        const H5::DataSet ds = group.openDataSet(name);
        if (ds.getTypeClass() != H5T_STRING)
            fail("dataset /" + where + "/" + name + " is not text");
        const H5::DataSpace space = ds.getSpace();
        const auto n = static_cast<hsize_t>(space.getSimpleExtentNpoints());
        reserve_values({n}, "dataset /" + where + "/" + name);
        std::vector<char*> raw(n, nullptr);
        // In the dataset's own character set: HDF5 1.10 can refuse to convert UTF-8 (as rotsim
        // writes text) to ASCII strings, and a SeriesReader that read no other text first
        // failed with "H5Dread failed" on the dates of a valid file.
        H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
        type.setCset(ds.getStrType().getCset());
        if (n > 0) ds.read(raw.data(), type);
        return reclaimed_strings(raw, type, space);
    }

    static std::string dataset_text_attribute(const H5::Group& group, const std::string& name,
                                              const char* attribute) {
        if (!group.nameExists(name)) return {};
        const H5::DataSet ds = group.openDataSet(name);
        if (!ds.attrExists(attribute)) return {};
        const H5::Attribute a = ds.openAttribute(attribute);
        if (a.getTypeClass() != H5T_STRING) return {};
        std::string value;
        a.read(a.getStrType(), value);
        return value;
    }

    H5::Attribute attribute(const char* name, H5T_class_t type_class) const {
        if (!file_.attrExists(name))
            fail(std::string("no root attribute '") + name + "' (not a rotsim result file?)");
        H5::Attribute attribute = file_.openAttribute(name);
        if (attribute.getTypeClass() != type_class ||
            attribute.getSpace().getSimpleExtentNpoints() != 1)
            fail(std::string("root attribute '") + name + "' has the wrong type");
        return attribute;
    }

    std::string string_attribute(const char* name) const {
        const H5::Attribute attribute = this->attribute(name, H5T_STRING);
        const H5::StrType type = attribute.getStrType();
        if (type.isVariableStr()) {
            // Read through the C API: the C++ API builds a std::string from the pointer HDF5
            // returns, which is null for a null string and would throw std::logic_error.
            char* text = nullptr;
            if (H5Aread(attribute.getId(), type.getId(), &text) < 0)
                fail(std::string("cannot read root attribute '") + name + "'");
            std::string value = text == nullptr ? std::string() : std::string(text);
            H5free_memory(text);
            return value;
        }
        if (type.getSize() > kMaxTextBytes)
            fail(std::string("root attribute '") + name + "' claims " +
                 std::to_string(type.getSize()) + " bytes, more than the reader's limit of " +
                 std::to_string(kMaxTextBytes));
        std::string value;
        attribute.read(type, value);
        return value;
    }

    // A 1-D string attribute of a group (or a dataset), as /contingents' names.
    std::vector<std::string> string_array_attribute(const H5::H5Object& object,
                                                    const std::string& where,
                                                    const char* name) const {
        if (!object.attrExists(name) || object.openAttribute(name).getTypeClass() != H5T_STRING)
            fail("no text attribute '" + std::string(name) + "' on /" + where);
        const H5::Attribute attribute = object.openAttribute(name);
        const H5::DataSpace space = attribute.getSpace();
        if (space.getSimpleExtentNdims() != 1)
            fail("attribute '" + std::string(name) + "' of /" + where + " is not a list");
        const auto n = static_cast<hsize_t>(space.getSimpleExtentNpoints());
        reserve_values({n}, "attribute '" + std::string(name) + "' of /" + where);
        H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
        type.setCset(attribute.getStrType().getCset());
        std::vector<char*> raw(n, nullptr);
        if (n > 0 && H5Aread(attribute.getId(), type.getId(), raw.data()) < 0)
            fail("cannot read attribute '" + std::string(name) + "' of /" + where);
        return reclaimed_strings(raw, type, space);
    }

    double double_attribute(const H5::H5Object& object, const std::string& where,
                            const char* name) const {
        if (!object.attrExists(name)) fail("no attribute '" + std::string(name) + "' on /" + where);
        const H5::Attribute attribute = object.openAttribute(name);
        if (attribute.getTypeClass() != H5T_FLOAT && attribute.getTypeClass() != H5T_INTEGER)
            fail("attribute '" + std::string(name) + "' of /" + where + " is not a number");
        if (attribute.getSpace().getSimpleExtentNpoints() != 1)
            fail("attribute '" + std::string(name) + "' of /" + where + " is not one number");
        double value = 0;
        attribute.read(H5::PredType::NATIVE_DOUBLE, &value);
        return value;
    }

    template <class T> T integer_attribute(const char* name, const H5::PredType& type) const {
        T value{};
        this->attribute(name, H5T_INTEGER).read(type, &value);
        return value;
    }

    // Rows of the file: the root attribute, checked against nonsense before it sizes anything.
    std::int64_t runs() const {
        const auto runs = integer_attribute<std::int64_t>("runs", H5::PredType::NATIVE_INT64);
        if (runs < 0) fail("root attribute 'runs' is negative");
        return runs;
    }

    // Metric names: link names in creation order (registry order for rotsim's files), else
    // alphabetical, without the coordinates netCDF readers need (hdf5_scales.cpp).
    std::vector<std::string> members(const H5::Group& group) const {
        std::vector<std::string> names;
        auto collect = [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
            static_cast<std::vector<std::string>*>(out)->emplace_back(name);
            return 0;
        };
        hsize_t index = 0;
        if (H5Literate(group.getId(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, collect, &names) <
            0) {
            names.clear();
            index = 0;
            if (H5Literate(group.getId(), H5_INDEX_NAME, H5_ITER_INC, &index, collect, &names) < 0)
                fail("cannot list the members of a group");
        }
        std::erase_if(names, [](const std::string& name) { return is_coordinate_name(name); });
        return names;
    }

    const std::string& path() const { return path_; }

private:
    // The dataset `name` of `group`, checked to be a numeric array; `dims` gets its shape.
    H5::DataSet numeric_dataset(const H5::Group& group, const std::string& where,
                                const std::string& name, std::vector<hsize_t>& dims) const {
        if (!group.nameExists(name) || group.childObjType(name) != H5O_TYPE_DATASET)
            fail("no " + where);
        H5::DataSet ds = group.openDataSet(name);
        const H5T_class_t type = ds.getTypeClass();
        if (type != H5T_INTEGER && type != H5T_FLOAT) fail(where + " is not numeric");
        const H5::DataSpace space = ds.getSpace();
        if (!space.isSimple()) fail(where + " is not an array");
        dims.assign(static_cast<std::size_t>(space.getSimpleExtentNdims()), 0);
        space.getSimpleExtentDims(dims.data());
        return ds;
    }

    // Counts the values of a dataset of `dims` against kMaxValuesRead before anything is
    // allocated for them; returns their number.
    std::uint64_t reserve_values(const std::vector<hsize_t>& dims, const std::string& where) const {
        std::uint64_t count = 1;
        for (const hsize_t d : dims) {
            if (d != 0 && count > (kMaxValuesRead - values_read_) / d)
                fail(where + " has shape " + shape(dims) + ": reading it would take the values " +
                     "read from this file past the reader's limit of " +
                     std::to_string(kMaxValuesRead) + " (1 GiB); is the file damaged?");
            count *= d;
        }
        values_read_ += count;
        return count;
    }

    static std::string shape(const std::vector<hsize_t>& dims) {
        std::ostringstream out;
        out << '(';
        for (std::size_t i = 0; i < dims.size(); ++i)
            out << (i ? ", " : "") << dims[i];
        out << ')';
        return out.str();
    }

    std::string path_;
    std::string kind_ = "result file"; // until the file is open
    H5::H5File file_;
    mutable std::uint64_t values_read_ = 0; // by numeric(), against kMaxValuesRead
};

// HDF5's own exceptions and failed allocations (a corrupt extent) become InputError too, so a
// bad file never takes the program down.
template <class F> auto guarded(const std::string& path, F&& read) {
    try {
        return read();
    } catch (const H5::Exception& e) {
        // HDF5's detail is the call that failed ("H5Aexists failed"): say what that means.
        throw InputError("cannot read result file '" + path +
                         "': the file is damaged or truncated (" +
                         hdf5_call_words(e.getDetailMsg()) + " failed)");
    } catch (const std::bad_alloc&) {
        throw InputError("cannot read result file '" + path + "': a dataset is too large");
    } catch (const std::length_error&) {
        throw InputError("cannot read result file '" + path + "': a dataset is too large");
    }
}

} // namespace

SummaryTable read_summary_table(const std::string& path) {
    return guarded(path, [&] {
        const RunFile file(path);
        SummaryTable table;
        table.runs = file.runs();
        table.scenario_text = file.string_attribute("scenario");
        table.seed = file.integer_attribute<std::uint64_t>("seed", H5::PredType::NATIVE_UINT64);
        table.engine_version = file.string_attribute("engine_version");
        if (file.has_attribute("stream_version"))
            table.stream_version =
                file.integer_attribute<int>("stream_version", H5::PredType::NATIVE_INT);
        table.sweep = file.has_group("design");
        if (file.has_attribute("rows_written"))
            table.rows_written =
                file.integer_attribute<std::int64_t>("rows_written", H5::PredType::NATIVE_INT64);
        if (file.has_attribute("expectation"))
            table.expectation = file.string_attribute("expectation");
        if (file.has_group("runs")) {
            const H5::Group runs = file.group("runs");
            const auto rows = static_cast<hsize_t>(table.runs);
            for (const double r : file.numeric(runs, "runs", "replication", {rows}))
                table.replications.push_back(static_cast<std::int64_t>(r));
            table.run_seeds = file.unsigned_column(runs, "runs", "seed", rows);
        }
        const H5::Group group = file.group("summary");
        for (const std::string& name : file.members(group)) {
            table.values.push_back(
                file.numeric(group, "summary", name, {static_cast<hsize_t>(table.runs)}));
            table.names.push_back(name);
        }
        if (table.names.empty()) file.fail("group /summary is empty");
        if (!file.has_group("contingents")) return table;
        const H5::Group all = file.group("contingents");
        for (const std::string& name : file.string_array_attribute(all, "contingents", "names")) {
            if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
                file.fail("/contingents names '" + name + "', not a contingent");
            const std::string where = "contingents/" + name;
            ContingentSummary c;
            c.name = name;
            const H5::Group own = file.group(where);
            c.hazard_multiplier = file.double_attribute(own, where, "hazard_multiplier");
            const H5::Group summary = file.group(where + "/summary");
            for (const std::string& metric : file.members(summary)) {
                c.values.push_back(file.numeric(summary, where + "/summary", metric,
                                                {static_cast<hsize_t>(table.runs)}));
                c.names.push_back(metric);
            }
            table.contingents.push_back(std::move(c));
        }
        return table;
    });
}

SeriesTable read_series(const std::string& path, const std::string& metric,
                        const std::string& contingent) {
    return guarded(path, [&] {
        const RunFile file(path);
        if (metric.empty() || metric.find('/') != std::string::npos)
            file.fail("'" + metric + "' is not a metric name");
        if (contingent.find('/') != std::string::npos)
            file.fail("'" + contingent + "' is not a contingent name");
        const std::string where =
            contingent.empty() ? "timeseries" : "contingents/" + contingent + "/timeseries";
        if (!contingent.empty() && !file.has_group("contingents"))
            file.fail("no group /contingents: the scenario has no contingents");
        if (!contingent.empty() && !file.has_group("contingents/" + contingent))
            file.fail("no contingent '" + contingent + "' under /contingents");
        SeriesTable table;
        table.runs = file.runs();
        table.ticks = file.integer_attribute<int>("ticks", H5::PredType::NATIVE_INT);
        if (table.ticks < 0) file.fail("root attribute 'ticks' is negative");
        // Files written with --every store fewer columns; /time/tick says which.
        if (file.has_group("time")) {
            const H5::Group time = file.group("time");
            if (time.nameExists("tick"))
                table.ticks = static_cast<std::int64_t>(
                    time.openDataSet("tick").getSpace().getSimpleExtentNpoints());
        }
        const H5::Group group = file.group(where);
        table.values =
            file.numeric(group, where, metric,
                         {static_cast<hsize_t>(table.runs), static_cast<hsize_t>(table.ticks)});
        return table;
    });
}

struct SeriesReader::Impl {
    std::string path;
    std::unique_ptr<RunFile> file;
    std::int64_t runs = 0, points = 1;
    bool sweep = false;
    std::vector<int> ticks;
    std::vector<std::string> dates, series, stored;
    std::vector<bool> done;
    std::vector<std::int64_t> point;
};

SeriesReader::SeriesReader(const std::string& path) : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    guarded(path, [&] {
        Impl& d = *impl_;
        d.file = std::make_unique<RunFile>(path);
        const RunFile& f = *d.file;
        d.runs = f.runs();
        const H5::Group time = f.group("time");
        for (const double t : f.column(time, "time", "tick"))
            d.ticks.push_back(static_cast<int>(t));
        d.dates = f.texts(time, "time", "date");
        if (d.dates.size() != d.ticks.size()) f.fail("/time/date and /time/tick differ in length");
        d.stored = f.members(f.group("timeseries"));
        d.series = d.stored;
        for (const DerivedMetric& m : derived_metrics())
            if (m.kind == DerivedKind::series && !missing_input(m, d.stored) &&
                std::find(d.series.begin(), d.series.end(), m.name) == d.series.end())
                d.series.emplace_back(m.name);
        const H5::Group runs = f.group("runs");
        const auto rows = static_cast<hsize_t>(d.runs);
        d.sweep = runs.nameExists("status");
        if (d.sweep) {
            for (const double v : f.rows(runs, "runs", "status", 0, rows))
                d.done.push_back(v == static_cast<double>(RunStatus::done));
            for (const double v : f.rows(runs, "runs", "point", 0, rows))
                d.point.push_back(static_cast<std::int64_t>(v));
            d.points = f.group_integer(f.group("design"), "design", "points");
            for (const std::int64_t p : d.point)
                if (p < 0 || p >= d.points)
                    f.fail("/runs/point holds " + std::to_string(p) +
                           ", outside the design's points");
        } else {
            for (const double v : f.rows(runs, "runs", "replication", 0, rows))
                d.done.push_back(v >= 0);
            d.point.assign(d.done.size(), 0);
        }
        return 0;
    });
}

SeriesReader::~SeriesReader() = default;

std::int64_t SeriesReader::runs() const {
    return impl_->runs;
}
const std::vector<int>& SeriesReader::ticks() const {
    return impl_->ticks;
}
const std::vector<std::string>& SeriesReader::dates() const {
    return impl_->dates;
}
const std::vector<std::string>& SeriesReader::series() const {
    return impl_->series;
}
const std::vector<bool>& SeriesReader::done() const {
    return impl_->done;
}
const std::vector<std::int64_t>& SeriesReader::point() const {
    return impl_->point;
}
std::int64_t SeriesReader::points() const {
    return impl_->points;
}
bool SeriesReader::sweep() const {
    return impl_->sweep;
}

std::vector<double> SeriesReader::read(const std::string& metric, std::int64_t first,
                                       std::int64_t rows) const {
    return guarded(impl_->path, [&] {
        const RunFile& f = *impl_->file;
        if (first < 0 || rows < 0 || first + rows > impl_->runs)
            throw std::out_of_range("SeriesReader::read: rows outside the file");
        f.new_budget();
        const bool stored =
            std::find(impl_->stored.begin(), impl_->stored.end(), metric) != impl_->stored.end();
        if (const DerivedMetric* derived = find_derived(metric, DerivedKind::series);
            derived && !stored)
            return read_derived(*derived, first, rows);
        std::vector<double> values =
            f.rows(f.group("timeseries"), "timeseries", metric, static_cast<hsize_t>(first),
                   static_cast<hsize_t>(rows));
        if (values.size() != static_cast<std::size_t>(rows) * impl_->ticks.size())
            f.fail("dataset /timeseries/" + metric + " does not have a column per stored tick");
        return values;
    });
}

std::vector<double> SeriesReader::read_derived(const DerivedMetric& metric, std::int64_t first,
                                               std::int64_t rows) const {
    if (const auto missing = missing_input(metric, impl_->stored))
        throw InputError(unavailable_message(metric, *missing, impl_->path));
    std::vector<std::vector<double>> inputs;
    for (const std::string_view input : metric.inputs)
        inputs.push_back(read(std::string(input), first, rows));
    std::vector<double> values =
        derive_series(metric, inputs, impl_->ticks, static_cast<std::size_t>(rows));
    // Rows never written hold -1 in integer series: their derived values would look real.
    const std::size_t width = impl_->ticks.size();
    for (std::int64_t r = 0; r < rows; ++r)
        if (!impl_->done[static_cast<std::size_t>(first + r)])
            std::fill_n(values.begin() + static_cast<std::ptrdiff_t>(r * width), width,
                        std::numeric_limits<double>::quiet_NaN());
    return values;
}

std::string SeriesReader::units(const std::string& metric) const {
    if (const DerivedMetric* derived = find_derived(metric, DerivedKind::series);
        derived &&
        std::find(impl_->stored.begin(), impl_->stored.end(), metric) == impl_->stored.end())
        return std::string(derived->units);
    return guarded(impl_->path, [&] {
        const RunFile& f = *impl_->file;
        return RunFile::dataset_text_attribute(f.group("timeseries"), metric, "units");
    });
}

} // namespace rotsim
