#include "io/calibration_file.hpp"

#include "io/file_inspection.hpp"
#include "io/hdf5_reader.hpp"
#include "io/hdf5_schema.hpp"
#include "io/sweep_file.hpp"
#include "io/writer_lock.hpp"
#include "model/error.hpp"

#include <H5Cpp.h>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
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

// What both algorithms share for `rotsim run --posterior` and for following a sequential
// calibration: the weighted particles, each point's generation and weight, and the generations.
void write_smc_parts(H5::H5File& file, H5::Group& group, const CalibrationRecord& r) {
    write_string_attribute(group, "algorithm", r.algorithm);
    write_string_attribute(group, "stop_reason", r.stop_reason);
    write_scalar_attribute(group, "quantile", H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE,
                           &r.quantile);
    write_scalar_attribute(group, "particles", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64,
                           &r.particles);
    const hsize_t points = r.point_distance.size();
    write_vector(group, "generation", H5::PredType::STD_I32LE, H5::PredType::NATIVE_INT32,
                 r.generation, {points}, "index",
                 "per design point: the generation that proposed it (rejection: 0)");
    write_doubles(group, "weight", r.weight, "fraction",
                  "per design point: its normalised weight in the posterior sample (0: not in it)");

    H5::Group p = create_group(file, "calibration/particles");
    const hsize_t particles = r.particle_point.size(), keys = r.key.size();
    write_vector(p, "point", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64, r.particle_point,
                 {particles}, "index", "the particle's design point: index into /design");
    write_doubles(p, "weight", r.particle_weight, "fraction",
                  "the particle's normalised importance weight (they sum to 1; rejection: equal)");
    write_doubles(p, "distance", r.particle_distance, "standard deviations",
                  "the particle's distance to the targets");
    write_text_dataset(p, "overrides", r.particle_overrides, "",
                       "the particle's values as --set takes them: KEY=VALUE, one per line, in the "
                       "order of /calibration/posterior/key");
    write_vector(p, "values", H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE,
                 r.particle_values, {particles, keys}, "key",
                 "particles x keys: each particle's value of each key (NaN: not a number)");

    H5::Group g = create_group(file, "calibration/generations");
    const hsize_t generations = r.generation_tolerance.size();
    write_doubles(g, "tolerance", r.generation_tolerance, "standard deviations",
                  "the distance a proposal had to reach (inf: the prior sample, all kept)");
    write_vector(g, "first_point", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64,
                 r.generation_first_point, {generations}, "index",
                 "the generation's first design point; its points follow in order");
    write_vector(g, "proposed", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64,
                 r.generation_proposed, {generations}, "count", "design points proposed and run");
    write_vector(g, "refused", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64,
                 r.generation_refused, {generations}, "count",
                 "proposals the scenario loader refused (outside the prior's support): not run");
    write_vector(g, "runs", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64, r.generation_runs,
                 {generations}, "count", "runs: proposed x replications");
    write_vector(g, "accepted", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64,
                 r.generation_accepted, {generations}, "count", "particles kept");
    write_doubles(g, "ess", r.generation_ess, "count",
                  "effective sample size of the kept particles' weights, (sum w)^2 / sum w^2");
    write_vector(g, "complete", H5::PredType::STD_I8LE, H5::PredType::NATIVE_INT8,
                 r.generation_complete, {generations}, "flag",
                 "1 if the generation kept a whole population; the posterior is the last "
                 "complete one");
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
    write_smc_parts(file, group, r);
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

namespace {

std::vector<std::string> read_texts(const H5::DataSet& ds) {
    const auto n = static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints());
    std::vector<char*> raw(n, nullptr);
    const H5::StrType type = utf8_string_type();
    if (n > 0) ds.read(raw.data(), type);
    std::vector<std::string> out;
    out.reserve(n);
    for (const char* p : raw)
        out.emplace_back(p ? p : "");
    if (n > 0) {
        const H5::DataSpace space = ds.getSpace();
        H5Dvlen_reclaim(type.getId(), space.getId(), H5P_DEFAULT, raw.data());
    }
    return out;
}

template <class T> std::vector<T> read_numbers(const H5::DataSet& ds, const H5::PredType& type) {
    std::vector<T> out(static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints()));
    if (!out.empty()) ds.read(out.data(), type);
    return out;
}

// "KEY=VALUE" lines into the values of `keys`, in their order.
std::vector<std::string> values_of(const std::string& lines, const std::vector<std::string>& keys,
                                   const std::function<void(const std::string&)>& fail) {
    std::vector<std::string> values(keys.size());
    std::vector<bool> found(keys.size(), false);
    std::size_t start = 0;
    while (start <= lines.size()) {
        const std::size_t end = std::min(lines.find('\n', start), lines.size());
        const std::string line = lines.substr(start, end - start);
        start = end + 1;
        if (line.empty()) continue;
        const std::size_t equals = line.find('=');
        const auto key = std::find(keys.begin(), keys.end(), line.substr(0, equals));
        if (equals == std::string::npos || key == keys.end()) continue; // another override
        const auto k = static_cast<std::size_t>(key - keys.begin());
        values[k] = line.substr(equals + 1);
        found[k] = true;
    }
    for (std::size_t k = 0; k < keys.size(); ++k)
        if (!found[k]) fail("a particle's overrides lack " + keys[k]);
    return values;
}

} // namespace

PosteriorSample read_posterior(const std::string& path) {
    auto fail = [&](const std::string& what) {
        throw InputError("cannot read the posterior of '" + path + "': " + what);
    };
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) fail("no such file");
    H5::Exception::dontPrint();
    PosteriorSample out;
    try {
        if (H5Fis_hdf5(path.c_str()) <= 0) fail("not an HDF5 file");
        const H5::H5File file(path, H5F_ACC_RDONLY);
        if (!file.nameExists("calibration") || !file.nameExists("calibration/posterior/key"))
            fail("no /calibration: not a file of 'rotsim calibrate'");
        out.keys = read_texts(file.openDataSet("calibration/posterior/key"));
        if (out.keys.empty()) fail("/calibration/posterior/key lists no key");
        std::vector<std::string> overrides;
        if (file.nameExists("calibration/particles")) {
            overrides = read_texts(file.openDataSet("calibration/particles/overrides"));
            out.weights = read_numbers<double>(file.openDataSet("calibration/particles/weight"),
                                               H5::PredType::NATIVE_DOUBLE);
            out.points = read_numbers<std::int64_t>(file.openDataSet("calibration/particles/point"),
                                                    H5::PredType::NATIVE_INT64);
        } else {
            // Written before the particles were stored: rejection's accepted points, alike.
            const auto accepted = read_numbers<std::int8_t>(
                file.openDataSet("calibration/accepted"), H5::PredType::NATIVE_INT8);
            const std::vector<std::string> all = read_texts(file.openDataSet("design/overrides"));
            if (all.size() != accepted.size())
                fail("/calibration/accepted is not one flag a point");
            for (std::size_t p = 0; p < accepted.size(); ++p)
                if (accepted[p] == 1) {
                    overrides.push_back(all[p]);
                    out.points.push_back(static_cast<std::int64_t>(p));
                }
            out.weights.assign(overrides.size(), 1.0 / static_cast<double>(overrides.size()));
        }
        if (overrides.empty()) fail("the calibration accepted no particle");
        if (overrides.size() != out.weights.size() || overrides.size() != out.points.size())
            fail("/calibration/particles: overrides, weight and point differ in length");
        double total = 0;
        for (const double w : out.weights) {
            if (!(w >= 0) || std::isinf(w)) fail("a particle's weight is negative or not finite");
            total += w;
        }
        if (!(total > 0)) fail("the particles' weights sum to 0");
        for (double& w : out.weights)
            w /= total;
        for (const std::string& lines : overrides)
            out.values.push_back(values_of(lines, out.keys, fail));
    } catch (const H5::Exception& e) {
        fail("the file is damaged or truncated (" + hdf5_call_words(e.getDetailMsg()) + " failed)");
    }
    return out;
}

void write_calibration(const std::string& path, const CalibrationRecord& record) {
    const WriterLock lock(path); // held by `rotsim calibrate` since it began, too
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
