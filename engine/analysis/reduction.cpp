#include "analysis/reduction.hpp"

#include "analysis/statistics.hpp"
#include "io/hdf5_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace rotsim {

Reduction reduce_runs(const std::string& path, const std::vector<double>& quantiles,
                      const std::function<void(std::size_t, std::size_t)>& progress) {
    const SeriesReader reader(path);
    Reduction out;
    out.grouping = reader.sweep() ? "point" : "file";
    out.quantiles = quantiles;
    out.ticks = static_cast<std::int64_t>(reader.ticks().size());
    const auto groups = static_cast<std::size_t>(reader.points());
    std::vector<std::vector<std::int64_t>> rows(groups);
    for (std::size_t r = 0; r < reader.done().size(); ++r)
        if (reader.done()[r])
            rows[static_cast<std::size_t>(reader.point()[r])].push_back(
                static_cast<std::int64_t>(r));
    for (const auto& g : rows)
        out.runs.push_back(static_cast<std::int64_t>(g.size()));

    const auto ticks = static_cast<std::size_t>(out.ticks);
    const std::size_t stats = 1 + quantiles.size();
    for (const std::string& metric : reader.series()) {
        ReducedSeries series;
        series.metric = metric;
        series.units = reader.units(metric);
        series.values.assign(groups * stats * ticks, std::numeric_limits<double>::quiet_NaN());
        for (std::size_t g = 0; g < groups; ++g) {
            if (rows[g].empty()) continue;
            // A point's rows are consecutive in a whole sweep and nearly so in a shard: read
            // the span and pick them out.
            const std::int64_t first = rows[g].front(), last = rows[g].back();
            const std::vector<double> block = reader.read(metric, first, last - first + 1);
            std::vector<std::size_t> picked;
            for (const std::int64_t r : rows[g])
                picked.push_back(static_cast<std::size_t>(r - first));
            const std::vector<double> bands = column_bands(block, ticks, picked, quantiles);
            std::copy(bands.begin(), bands.end(),
                      series.values.begin() + static_cast<std::ptrdiff_t>(g * stats * ticks));
        }
        out.series.push_back(std::move(series));
        if (progress) progress(out.series.size(), reader.series().size());
    }
    return out;
}

} // namespace rotsim
