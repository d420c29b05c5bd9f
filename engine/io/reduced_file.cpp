#include "io/reduced_file.hpp"

#include "io/file_annex.hpp"
#include "io/hdf5_schema.hpp"
#include "version.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace rotsim {

namespace {

std::string statistic_name(double q) {
    const double percent = 100.0 * q;
    const auto whole = static_cast<long long>(std::llround(percent));
    return "p" + (std::fabs(percent - static_cast<double>(whole)) < 1e-9 ? std::to_string(whole)
                                                                         : std::to_string(percent));
}

} // namespace

void store_reduction(const std::string& path, const Reduction& reduction, bool overwrite) {
    const auto groups = static_cast<hsize_t>(reduction.runs.size());
    const hsize_t stats = 1 + reduction.quantiles.size();
    const auto ticks = static_cast<hsize_t>(reduction.ticks);
    for (const ReducedSeries& s : reduction.series)
        if (s.values.size() != groups * stats * ticks)
            throw std::invalid_argument("store_reduction: /reduced/" + s.metric +
                                        " has the wrong size");
    annex_group(path, "reduced", overwrite, [&](H5::Group& group) {
        std::vector<std::string> names{"mean"};
        for (const double q : reduction.quantiles)
            names.push_back(statistic_name(q));
        write_string_array_attribute(group, "statistics",
                                     std::vector<std::string_view>(names.begin(), names.end()));
        const hsize_t levels = reduction.quantiles.size();
        group.createAttribute("quantiles", H5::PredType::IEEE_F64LE, H5::DataSpace(1, &levels))
            .write(H5::PredType::NATIVE_DOUBLE, reduction.quantiles.data());
        write_string_attribute(group, "grouping", reduction.grouping);
        write_string_attribute(group, "engine_version", kEngineVersion);
        write_string_attribute(group, "command_line", reduction.command_line);

        const std::int64_t none = -1;
        H5::DataSet runs = create_dataset(
            group, "runs", H5::PredType::STD_I64LE, {groups}, {std::max<hsize_t>(groups, 1)},
            H5::PredType::NATIVE_INT64, &none, "runs",
            reduction.grouping == "point" ? "finished runs of each design point the statistics "
                                            "are over"
                                          : "finished runs the statistics are over");
        if (groups > 0) runs.write(reduction.runs.data(), H5::PredType::NATIVE_INT64);

        const double nan = std::numeric_limits<double>::quiet_NaN();
        for (const ReducedSeries& s : reduction.series) {
            H5::DataSet ds = create_dataset(
                group, s.metric, H5::PredType::IEEE_F64LE, {groups, stats, ticks},
                {1, stats, ticks}, H5::PredType::NATIVE_DOUBLE, &nan, s.units,
                "per tick across runs: the mean, then the quantiles in the group's attribute "
                "statistics; axes (group, statistic, tick), ticks as /time/tick");
            if (groups > 0) ds.write(s.values.data(), H5::PredType::NATIVE_DOUBLE);
        }
    });
}

std::string reduction_copy_path(const std::string& path) {
    return annex_copy_path(path, "reduced");
}

bool has_reduction(const std::string& path) {
    return file_has_group(path, "reduced");
}

} // namespace rotsim
