#include "io/calibration_file.hpp"

#include "io/hdf5_reader.hpp"
#include "io/hdf5_schema.hpp"
#include "io/sweep_file.hpp"
#include "model/error.hpp"

#include <H5Cpp.h>
#include <algorithm>
#include <map>

namespace rotsim {
namespace {

// Series are read this many runs at a time, so that a calibration of a million runs needs no
// more memory than one of a few thousand.
constexpr std::int64_t kRowsPerRead = 4096;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw InputError("cannot read the runs of '" + path + "' for calibration: " + what);
}

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
    // The design, which run is which, and the summaries, as `rotsim summarize` reads them.
    const SweepSummaries sweep = read_sweep_summaries(path);
    SweepColumns out;
    out.points = sweep.sweep.points;
    if (out.points < 1) fail(path, "/design has no points");
    out.keys = sweep.sweep.keys;
    for (std::size_t k = 0; k < out.keys.size(); ++k) {
        if (sweep.sweep.numbers[k].empty()) fail(path, "key " + out.keys[k] + " is not numeric");
        out.design.push_back(sweep.sweep.numbers[k]);
    }
    out.point = sweep.point;
    for (const RunStatus s : sweep.status)
        out.done.push_back(s == RunStatus::done);
    const auto runs = static_cast<std::int64_t>(sweep.status.size());
    out.values.assign(columns.size(), std::vector<double>(static_cast<std::size_t>(runs)));

    // Series columns by metric, so that each series is read once: [metric] = (column, offset).
    const SeriesReader reader(path);
    std::map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> series;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const RunColumn& column = columns[c];
        if (column.summary) {
            const auto m = std::find(sweep.metrics.begin(), sweep.metrics.end(), column.metric);
            if (m == sweep.metrics.end()) fail(path, "no dataset /summary/" + column.metric);
            out.values[c] = sweep.values[static_cast<std::size_t>(m - sweep.metrics.begin())];
            continue;
        }
        const auto at = std::find(reader.ticks().begin(), reader.ticks().end(), column.tick);
        if (at == reader.ticks().end())
            fail(path, "day " + std::to_string(column.tick) + " is not stored (--every)");
        series[column.metric].emplace_back(c,
                                           static_cast<std::size_t>(at - reader.ticks().begin()));
    }
    const std::size_t ticks = reader.ticks().size();
    for (const auto& [metric, wanted] : series) {
        if (std::find(reader.series().begin(), reader.series().end(), metric) ==
            reader.series().end())
            fail(path, "no dataset /timeseries/" + metric);
        for (std::int64_t first = 0; first < runs; first += kRowsPerRead) {
            const std::int64_t count = std::min(kRowsPerRead, runs - first);
            const std::vector<double> block = reader.read(metric, first, count);
            for (const auto& [c, offset] : wanted)
                for (std::int64_t r = 0; r < count; ++r)
                    out.values[c][static_cast<std::size_t>(first + r)] =
                        block[static_cast<std::size_t>(r) * ticks + offset];
        }
    }
    return out;
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
