// Benchmark 5: the HDF5 writer alone, writing N replications of the article's scenario.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "io/hdf5_writer.hpp"
#include "sim/replication.hpp"

namespace rotsim::bench {
namespace {

using benchmark::Counter;

// Distinct real replications, cycled to make N rows (computed once, about 6 s). After HDF5's
// shuffle filter each byte plane of a chunk holds one byte per value, so a cycle of 128 rows spans
// 128 x 365 = 47 KB of a plane, beyond deflate's 32 KB window: the repetition does not make the
// data compress better than N distinct replications would.
constexpr int kDistinct = 128;

const std::vector<ReplicationResult>& sample_results() {
    static const std::vector<ReplicationResult> results = [] {
        std::vector<ReplicationResult> r;
        for (int k = 0; k < kDistinct; ++k)
            r.push_back(run_replication(article(), kSeed, k));
        return r;
    }();
    return results;
}

std::string scratch_file(const char* name) {
    return (std::filesystem::temp_directory_path() / name).string();
}

// Creates the file, writes N rows in order, closes it: what `rotsim run` does around the ensemble.
void BM_ResultWriter(benchmark::State& state) {
    const std::int64_t runs = state.range(0);
    const auto& results = sample_results();
    const std::string path = scratch_file("rotsim_bench_writer.h5");
    RunFileHeader header;
    header.scenario_text = article().resolved_text;
    header.seed = kSeed;
    header.ticks = article().horizon_days;
    header.start_date = article().start_date;
    header.runs = runs;
    header.command_line = "rotsim_bench BM_ResultWriter";
    for (auto _ : state) {
        // The writer is destroyed inside the timed loop: close() leaves the datasets open, and
        // HDF5 completes the file only when the last of them is released (benchmarks/README.md).
        ResultWriter writer(path, header, true);
        for (std::int64_t row = 0; row < runs; ++row)
            writer.write(results[static_cast<std::size_t>(row % kDistinct)], row);
        writer.close();
    }
    const std::uintmax_t file_bytes = std::filesystem::file_size(path);
    std::filesystem::remove(path);
    const double series_bytes = static_cast<double>(kMetricCount) * header.ticks *
                                sizeof(std::int64_t) * static_cast<double>(runs);
    state.SetBytesProcessed(static_cast<std::int64_t>(series_bytes) * state.iterations());
    state.counters["replications/s"] =
        Counter(static_cast<double>(runs * state.iterations()), Counter::kIsRate);
    state.counters["file_bytes"] =
        Counter(static_cast<double>(file_bytes), Counter::kDefaults, Counter::kIs1024);
    state.counters["file/series"] = static_cast<double>(file_bytes) / series_bytes;
}
BENCHMARK(BM_ResultWriter)
    ->ArgName("runs")
    ->Arg(100)
    ->Arg(1000)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

} // namespace
} // namespace rotsim::bench
