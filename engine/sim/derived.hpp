#pragma once

// Derived metrics: computed on read from the stored /summary and /timeseries datasets, never
// stored, so that adding one changes no file. This table is the one declaration; the readers
// (io/hdf5_reader.hpp, io/sweep_file.hpp), `rotsim run --precision` and the docs follow it, and
// rotsim-plot evaluates the same `formula` texts with numpy (a test compares the two lists).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rotsim {

enum class DerivedKind { summary, series };

struct DerivedMetric {
    std::string_view name;
    DerivedKind kind;
    std::string_view units;
    std::string_view description;
    // The stored metrics it is computed from: /summary names for a summary, /timeseries names
    // for a series. A file without one of them does not offer the metric.
    std::vector<std::string_view> inputs;
    // The same computation in numpy, over S (the /summary columns as float arrays), T (the
    // /timeseries datasets as float arrays, runs x stored ticks) and t (/time/tick): what
    // docs/hdf5-schema.md shows and rotsim-plot evaluates.
    std::string_view formula;
    // summary: one run's value from its inputs' values, in `inputs` order.
    double (*summary)(const double* in) = nullptr;
    // series: one run's stored columns from its inputs' columns (each `ticks.size()` values, in
    // `inputs` order); `ticks` is /time/tick, which `--every N` thins.
    void (*series)(const std::vector<const double*>& in, const std::vector<int>& ticks,
                   double* out) = nullptr;
};

// Every derived metric, summaries first; a name may be both a summary and a series.
const std::vector<DerivedMetric>& derived_metrics();

// The derived metric of this name and kind, or null.
const DerivedMetric* find_derived(std::string_view name, DerivedKind kind);

// The first input of `metric` that `stored` lacks, or none when all are there.
std::optional<std::string> missing_input(const DerivedMetric& metric,
                                         const std::vector<std::string>& stored);

// Why a derived metric cannot be offered: names the stored dataset it needs and the file.
std::string unavailable_message(const DerivedMetric& metric, const std::string& missing,
                                const std::string& path);

// Appends, after the stored summary columns (names[m], values[m][run]), a column for every
// derived summary whose inputs are all there.
void append_derived_summaries(std::vector<std::string>& names,
                              std::vector<std::vector<double>>& values);

// A derived series for `rows` runs: `inputs[k]` holds input k as rows x ticks values, row-major.
// Returns rows x ticks values.
std::vector<double> derive_series(const DerivedMetric& metric,
                                  const std::vector<std::vector<double>>& inputs,
                                  const std::vector<int>& ticks, std::size_t rows);

} // namespace rotsim
