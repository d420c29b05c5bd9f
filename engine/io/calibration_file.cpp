#include "io/calibration_file.hpp"

#include "io/hdf5_schema.hpp"
#include "model/error.hpp"

#include <H5Cpp.h>
#include <algorithm>
#include <filesystem>
#include <map>
#include <new>

namespace rotsim {
namespace {

// Series are read this many runs at a time, so that a calibration of a million runs needs no
// more memory than one of a few thousand.
constexpr hsize_t kRowsPerRead = 4096;

class ColumnsReader {
public:
    explicit ColumnsReader(const std::string& path) : path_(path) {
        H5::Exception::dontPrint();
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) fail("no such file");
        if (!H5::H5File::isHdf5(path)) fail("not an HDF5 file");
        try {
            file_ = H5::H5File(path, H5F_ACC_RDONLY);
        } catch (const H5::Exception&) {
            file_ = H5::H5File(path, H5F_ACC_RDONLY | H5F_ACC_SWMR_READ,
                               H5::FileCreatPropList::DEFAULT, swmr_read_access());
        }
        if (!file_.nameExists("design") || !file_.nameExists("runs/status"))
            fail("not a sweep file (no /design or /runs/status)");
    }

    [[noreturn]] void fail(const std::string& what) const {
        throw InputError("cannot read the runs of '" + path_ + "' for calibration: " + what);
    }

    H5::DataSet dataset(const std::string& name) const {
        if (!file_.nameExists(name)) fail("no dataset /" + name);
        return file_.openDataSet(name);
    }

    static std::vector<hsize_t> dims(const H5::DataSet& ds) {
        const H5::DataSpace space = ds.getSpace();
        std::vector<hsize_t> out(static_cast<std::size_t>(space.getSimpleExtentNdims()));
        space.getSimpleExtentDims(out.data());
        return out;
    }

    // Rows of a one-dimensional dataset.
    hsize_t length(const std::string& name) const {
        const std::vector<hsize_t> shape = dims(dataset(name));
        if (shape.size() != 1) fail("/" + name + " is not one-dimensional");
        return shape[0];
    }

    template <class T>
    std::vector<T> vector(const std::string& name, const H5::PredType& type, hsize_t n) const {
        const H5::DataSet ds = dataset(name);
        if (ds.getTypeClass() != H5T_INTEGER && ds.getTypeClass() != H5T_FLOAT)
            fail("/" + name + " is not numeric");
        if (dims(ds) != std::vector<hsize_t>{n})
            fail("/" + name + " does not have " + std::to_string(n) + " values");
        std::vector<T> out(n);
        if (n > 0) ds.read(out.data(), type);
        return out;
    }

    std::vector<std::string> keys() const {
        const H5::Group design = file_.openGroup("design");
        if (!design.attrExists("keys")) fail("no attribute 'keys' on /design");
        const H5::Attribute attribute = design.openAttribute("keys");
        const auto n = static_cast<std::size_t>(attribute.getSpace().getSimpleExtentNpoints());
        std::vector<char*> raw(n, nullptr);
        const H5::StrType type = utf8_string_type();
        if (n > 0) attribute.read(type, raw.data());
        std::vector<std::string> out;
        out.reserve(n);
        for (const char* p : raw)
            out.emplace_back(p ? p : "");
        if (n > 0)
            H5Dvlen_reclaim(type.getId(), attribute.getSpace().getId(), H5P_DEFAULT, raw.data());
        return out;
    }

    std::int64_t points() const {
        const H5::Group design = file_.openGroup("design");
        if (!design.attrExists("points")) fail("no attribute 'points' on /design");
        std::int64_t points = 0;
        design.openAttribute("points").read(H5::PredType::NATIVE_INT64, &points);
        if (points < 1) fail("/design has no points");
        return points;
    }

    // Each series once, a block of runs at a time, keeping only the stored days asked for.
    void read_series(const std::string& metric, const std::vector<std::size_t>& columns,
                     const std::vector<hsize_t>& offsets, hsize_t runs,
                     std::vector<std::vector<double>>& values) const {
        const std::string name = "timeseries/" + metric;
        const H5::DataSet ds = dataset(name);
        const std::vector<hsize_t> shape = dims(ds);
        if (shape.size() != 2 || shape[0] != runs) fail("/" + name + " is not runs x days");
        std::vector<double> block;
        for (hsize_t first = 0; first < runs; first += kRowsPerRead) {
            const hsize_t count[2] = {std::min(kRowsPerRead, runs - first), shape[1]};
            const hsize_t start[2] = {first, 0};
            block.resize(static_cast<std::size_t>(count[0] * count[1]));
            H5::DataSpace file_space = ds.getSpace();
            file_space.selectHyperslab(H5S_SELECT_SET, count, start);
            ds.read(block.data(), H5::PredType::NATIVE_DOUBLE, H5::DataSpace(2, count), file_space);
            for (std::size_t k = 0; k < columns.size(); ++k)
                for (hsize_t r = 0; r < count[0]; ++r)
                    values[columns[k]][first + r] = block[r * count[1] + offsets[k]];
        }
    }

private:
    std::string path_;
    H5::H5File file_;
};

template <class T>
void write_vector(H5::Group& group, const char* name, const H5::PredType& file_type,
                  const H5::PredType& memory_type, const std::vector<T>& values,
                  std::vector<hsize_t> dims, std::string_view units, std::string_view description) {
    H5::DSetCreatPropList plist;
    if (H5Pset_obj_track_times(plist.getId(), false) < 0)
        throw H5::PropListIException("write_calibration", "cannot disable time tracking");
    H5::DataSet ds = group.createDataSet(
        name, file_type, H5::DataSpace(static_cast<int>(dims.size()), dims.data()), plist);
    if (!values.empty()) ds.write(values.data(), memory_type);
    write_string_attribute(ds, "units", units);
    write_string_attribute(ds, "description", description);
}

void write_doubles(H5::Group& group, const char* name, const std::vector<double>& values,
                   std::string_view units, std::string_view description) {
    write_vector(group, name, H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE, values,
                 {values.size()}, units, description);
}

void write_record(H5::H5File& file, const CalibrationRecord& r) {
    if (file.nameExists("calibration") && H5Ldelete(file.getId(), "calibration", H5P_DEFAULT) < 0)
        throw H5::FileIException("write_calibration", "cannot replace /calibration");
    H5::Group group = create_group(file, "calibration");
    write_string_attribute(group, "method", r.method);
    write_string_attribute(group, "distance", r.distance);
    write_string_attribute(group, "rule", r.rule);
    write_scalar_attribute(group, "accept_fraction", H5::PredType::IEEE_F64LE,
                           H5::PredType::NATIVE_DOUBLE, &r.accept_fraction);
    write_scalar_attribute(group, "tolerance", H5::PredType::IEEE_F64LE,
                           H5::PredType::NATIVE_DOUBLE, &r.tolerance);
    const auto accepted =
        static_cast<std::int64_t>(std::count(r.accepted.begin(), r.accepted.end(), std::int8_t{1}));
    write_scalar_attribute(group, "accepted", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64,
                           &accepted);
    write_scalar_attribute(group, "best_point", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64,
                           &r.best_point);
    write_string_attribute(group, "targets_file", r.targets_path);
    write_string_attribute(group, "targets_text", r.targets_text);

    const hsize_t targets = r.metric.size(), points = r.point_distance.size();
    write_doubles(group, "distance", r.point_distance, "standard deviations",
                  "per design point: root mean square over the targets of (mean of the point's "
                  "runs - value) / uncertainty; NaN where the point has no finished run");
    write_vector(group, "accepted", H5::PredType::STD_I8LE, H5::PredType::NATIVE_INT8, r.accepted,
                 {points}, "flag", "per design point: 1 if accepted into the posterior sample");
    write_vector(group, "simulated", H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE,
                 r.simulated, {points, targets}, "metric",
                 "per design point and target: mean over the point's finished runs of the "
                 "target's metric on its day");

    H5::Group t = create_group(file, "calibration/targets");
    write_text_dataset(t, "metric", r.metric, "", "the metric observed (/timeseries or /summary)");
    write_text_dataset(t, "date", r.date, "YYYY-MM-DD", "calendar date of the observation");
    write_vector(t, "tick", H5::PredType::STD_I32LE, H5::PredType::NATIVE_INT32, r.tick, {targets},
                 "day", "day of the observation (0: start_date)");
    write_doubles(t, "value", r.value, "metric", "the observed value");
    write_doubles(t, "uncertainty", r.uncertainty, "metric",
                  "one standard deviation of the observed value");
    write_vector(t, "line", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64, r.line, {targets},
                 "index", "line of the target in the targets file");
    write_doubles(t, "simulated_best", r.fit_best, "metric",
                  "the closest point's mean over its runs");
    write_doubles(t, "simulated_median", r.fit_median, "metric",
                  "median over every finished run of the accepted points");
    write_doubles(t, "simulated_q05", r.fit_q05, "metric",
                  "5th percentile over every finished run of the accepted points");
    write_doubles(t, "simulated_q95", r.fit_q95, "metric",
                  "95th percentile over every finished run of the accepted points");

    H5::Group p = create_group(file, "calibration/posterior");
    write_text_dataset(p, "key", r.key, "", "the swept scenario key");
    write_doubles(p, "prior_lo", r.prior_lo, "key", "lower end of the key's uniform prior");
    write_doubles(p, "prior_hi", r.prior_hi, "key", "upper end of the key's uniform prior");
    write_doubles(p, "mean", r.mean, "key", "mean of the accepted values");
    write_doubles(p, "sd", r.sd, "key", "sample standard deviation of the accepted values");
    write_doubles(p, "q05", r.q05, "key", "5th percentile of the accepted values");
    write_doubles(p, "q50", r.q50, "key", "median of the accepted values");
    write_doubles(p, "q95", r.q95, "key", "95th percentile of the accepted values");
}

} // namespace

SweepColumns read_sweep_columns(const std::string& path, const std::vector<RunColumn>& columns) {
    try {
        const ColumnsReader file(path);
        SweepColumns out;
        out.points = file.points();
        out.keys = file.keys();
        for (const std::string& key : out.keys) {
            if (file.dataset("design/" + key).getTypeClass() == H5T_STRING)
                file.fail("key " + key + " is not numeric");
            out.design.push_back(file.vector<double>("design/" + key, H5::PredType::NATIVE_DOUBLE,
                                                     static_cast<hsize_t>(out.points)));
        }
        const hsize_t runs = file.length("runs/status");
        out.point = file.vector<std::int64_t>("runs/point", H5::PredType::NATIVE_INT64, runs);
        for (const std::int64_t p : out.point)
            if (p < 0 || p >= out.points) file.fail("/runs/point is outside the design");
        for (const std::int8_t s :
             file.vector<std::int8_t>("runs/status", H5::PredType::NATIVE_INT8, runs))
            out.done.push_back(s == static_cast<std::int8_t>(1));
        const auto ticks = file.vector<std::int32_t>("time/tick", H5::PredType::NATIVE_INT32,
                                                     file.length("time/tick"));

        out.values.assign(columns.size(), std::vector<double>(runs));
        std::map<std::string, std::pair<std::vector<std::size_t>, std::vector<hsize_t>>> series;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const RunColumn& column = columns[c];
            if (column.summary) {
                out.values[c] = file.vector<double>("summary/" + column.metric,
                                                    H5::PredType::NATIVE_DOUBLE, runs);
                continue;
            }
            const auto at = std::find(ticks.begin(), ticks.end(), column.tick);
            if (at == ticks.end())
                file.fail("day " + std::to_string(column.tick) + " is not stored (--every)");
            series[column.metric].first.push_back(c);
            series[column.metric].second.push_back(static_cast<hsize_t>(at - ticks.begin()));
        }
        for (const auto& [metric, wanted] : series)
            file.read_series(metric, wanted.first, wanted.second, runs, out.values);
        return out;
    } catch (const H5::Exception& e) {
        throw InputError("cannot read the runs of '" + path +
                         "' for calibration: the file is damaged (HDF5: " + e.getDetailMsg() + ")");
    } catch (const std::bad_alloc&) {
        throw InputError("cannot read the runs of '" + path + "' for calibration: too large");
    }
}

void write_calibration(const std::string& path, const CalibrationRecord& record) {
    H5::Exception::dontPrint();
    try {
        H5::H5File file(path, H5F_ACC_RDWR);
        write_record(file, record);
        file.close();
    } catch (const H5::Exception& e) {
        throw InputError("cannot write /calibration into '" + path + "': " + e.getDetailMsg());
    }
}

} // namespace rotsim
