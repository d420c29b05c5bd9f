#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rotsim {

// A run file's /summary group: one column of values (one per run) for each summary metric, in
// the file's order, plus the root attributes an analysis needs.
struct SummaryTable {
    std::vector<std::string> names;
    std::vector<std::vector<double>> values; // values[metric][run]
    std::int64_t runs = 0;
    std::string scenario_text;
    std::uint64_t seed = 0;
    std::string engine_version;
};

// Throws InputError naming the file and the dataset when the file is missing, is not HDF5, or is
// not a rotsim run file (missing or wrong-shaped datasets).
SummaryTable read_summary_table(const std::string& path);

// One /timeseries/<metric> dataset as runs x ticks values, row-major; used by tests and tools.
struct SeriesTable {
    std::int64_t runs = 0;
    std::int64_t ticks = 0;
    std::vector<double> values;
};
SeriesTable read_series(const std::string& path, const std::string& metric);

} // namespace rotsim
