// Benchmark 6: run_ensemble on worker threads, results discarded, and a 1,000-replication run with
// and without the HDF5 writer (what output costs in a real run).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "bench_support.hpp"
#include "ensemble/ensemble.hpp"
#include "io/hdf5_writer.hpp"

namespace rotsim::bench {
namespace {

using benchmark::Counter;

// range(0) worker threads run 16 replications (8 per thread with 2); the sink discards each result
// as it arrives on the calling thread. Wall-clock time.
void BM_Ensemble(benchmark::State& state) {
    EnsemblePlan plan;
    plan.seed = kSeed;
    plan.replications = 16;
    plan.threads = static_cast<int>(state.range(0));
    std::int64_t received = 0;
    for (auto _ : state)
        run_ensemble(article(), plan, [&](const ReplicationResult&, std::int64_t) { ++received; });
    state.counters["replications/s"] = Counter(static_cast<double>(received), Counter::kIsRate);
}
BENCHMARK(BM_Ensemble)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->MinTime(2.0)
    ->Unit(benchmark::kMillisecond);

// `rotsim run scenarios/article-2024.ini --replications 1000 --threads 2` without the command
// line: write:1 stores every result with ResultWriter as the command does, write:0 discards them.
// The difference is what output costs in a 1,000-replication run: in wall-clock time (`Time`), and
// in CPU time of the whole process (`CPU`), which other work on the machine disturbs less. One
// iteration each.
void BM_Run1000(benchmark::State& state) {
    const bool write = state.range(1) != 0;
    EnsemblePlan plan;
    plan.seed = kSeed;
    plan.replications = 1000;
    plan.threads = static_cast<int>(state.range(0));
    const std::string path =
        (std::filesystem::temp_directory_path() / "rotsim_bench_run1000.h5").string();
    RunFileHeader header;
    header.scenario_text = article().resolved_text;
    header.seed = plan.seed;
    header.ticks = article().horizon_days;
    header.start_date = article().start_date;
    header.runs = plan.replications;
    header.command_line = "rotsim_bench BM_Run1000";
    for (auto _ : state) {
        std::unique_ptr<ResultWriter> writer;
        if (write) writer = std::make_unique<ResultWriter>(path, header, true);
        run_ensemble(article(), plan, [&](const ReplicationResult& r, std::int64_t row) {
            if (writer) writer->write(r, row);
        });
        if (writer) writer->close();
        writer.reset(); // the file is complete only once the writer is gone
    }
    if (write) std::filesystem::remove(path);
    state.counters["replications/s"] =
        Counter(static_cast<double>(plan.replications * state.iterations()), Counter::kIsRate);
}
BENCHMARK(BM_Run1000)
    ->ArgNames({"threads", "write"})
    ->Args({2, 0})
    ->Args({2, 1})
    ->Iterations(1)
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);

} // namespace
} // namespace rotsim::bench
