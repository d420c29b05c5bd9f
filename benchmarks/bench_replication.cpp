// Benchmarks 1-3: one replication of the article's scenario with the fast calendar loop and with
// the per-day reference stepper, and the fast loop's scaling in strength and horizon.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "bench_support.hpp"
#include "reference_stepper.hpp"
#include "sim/replication.hpp"

namespace rotsim::bench {
namespace {

using benchmark::Counter;

struct Totals {
    std::int64_t transitions = 0;
    std::int64_t soldier_days = 0;
    std::int64_t blocks = 0; // -1 once a replication did not count them (no ROTSIM_COUNT_DRAWS)

    void add(const Work& w, const ReplicationResult& r) {
        transitions += w.transitions;
        soldier_days += w.soldier_days;
        blocks = blocks < 0 || r.random_blocks < 0 ? -1 : blocks + r.random_blocks;
    }
};

// Counters shared by the whole-replication benchmarks. Rates are per second of the benchmark's
// time (CPU time of the benchmark thread unless the benchmark uses real time).
void set_rates(benchmark::State& state, const Totals& totals) {
    const auto n = static_cast<double>(state.iterations());
    state.counters["replications/s"] = Counter(n, Counter::kIsRate);
    state.counters["soldier_days/s"] =
        Counter(static_cast<double>(totals.soldier_days), Counter::kIsRate);
    // kIsRate | kInvert: seconds per transition (printed with an SI prefix, n = nanoseconds).
    state.counters["s/transition"] =
        Counter(static_cast<double>(totals.transitions), Counter::kIsRate | Counter::kInvert);
    state.counters["transitions"] =
        Counter(static_cast<double>(totals.transitions), Counter::kAvgIterations);
    if (totals.blocks < 0) return;
    // Counted as they are drawn (ROTSIM_COUNT_DRAWS): every Philox4x32 block of the replication.
    state.counters["blocks"] = Counter(static_cast<double>(totals.blocks), Counter::kAvgIterations);
    state.counters["blocks/transition"] =
        static_cast<double>(totals.blocks) / static_cast<double>(totals.transitions);
}

// 1. One replication of scenarios/article-2024.ini (365 days), the fast loop as the ensemble runs
// it (no per-soldier table, checks at the horizon only in release builds). Each iteration runs the
// next replication index, so the figure is an average over replications.
void BM_ArticleReplication_Fast(benchmark::State& state) {
    const Scenario& sc = article();
    // Untimed: replication 0 with its per-soldier table, to count the keyed draws a replication
    // needs (draws per transition, a lower bound).
    ReplicationOptions with_agents;
    with_agents.keep_agents = true;
    const Work calibration = work_of(sc, run_replication(sc, kSeed, 0, with_agents));

    // One workspace for all iterations, as each of `rotsim run`'s threads keeps one.
    ReplicationWorkspace workspace;
    ReplicationOptions options;
    options.workspace = &workspace;
    Totals totals;
    std::int64_t replication = 0;
    for (auto _ : state) {
        const ReplicationResult r = run_replication(sc, kSeed, replication++, options);
        totals.add(work_of(sc, r), r);
    }
    set_rates(state, totals);
    const auto counted = static_cast<double>(calibration.transitions);
    state.counters["all_transitions/counted"] =
        static_cast<double>(calibration.all_transitions) / counted;
    state.counters["front_spells/transition"] =
        static_cast<double>(calibration.front_spells) / counted;
    state.counters["other_draws/transition"] =
        static_cast<double>(calibration.other_draws) / counted;
}
BENCHMARK(BM_ArticleReplication_Fast)->Unit(benchmark::kMillisecond);

// 2. The same replications with the plain per-day reference stepper (tests/support): every
// soldier ever sent is visited every day, and every soldier at the front draws every day.
void BM_ArticleReplication_Reference(benchmark::State& state) {
    const Scenario& sc = article();
    Totals totals;
    std::int64_t replication = 0;
    for (auto _ : state) {
        const ReplicationResult r = reference::run(sc, kSeed, replication++);
        totals.add(work_of(sc, r), r);
    }
    set_rates(state, totals);
}
BENCHMARK(BM_ArticleReplication_Reference)->Unit(benchmark::kMillisecond);

// 3. Scaling of the fast loop: the article's scenario at a flat target strength N (initial strength
// N too) over H days. One iteration each; the large cases take long (benchmarks/README.md).
void BM_Scaling(benchmark::State& state) {
    const std::int64_t strength = state.range(0);
    const int horizon = static_cast<int>(state.range(1));
    const Scenario sc = scaled(strength, horizon);

    PeakMemory memory;
    memory.start();
    Totals totals;
    Work last;
    std::int64_t replication = 0;
    for (auto _ : state) {
        const ReplicationResult r = run_replication(sc, kSeed, replication++);
        last = work_of(sc, r);
        totals.add(last, r);
    }
    const std::int64_t growth = memory.growth();
    set_rates(state, totals);
    state.counters["soldiers_ever"] = static_cast<double>(last.soldiers_ever);
    state.counters["peak_present"] = static_cast<double>(last.peak_present);
    state.counters["peak_rss_growth"] =
        Counter(static_cast<double>(growth), Counter::kDefaults, Counter::kIs1024);
    state.counters["bytes/present"] =
        static_cast<double>(growth) / static_cast<double>(last.peak_present);
    state.counters["bytes/ever"] =
        static_cast<double>(growth) / static_cast<double>(last.soldiers_ever);
    if (!memory.reset()) state.SetLabel("peak RSS not reset: growth since process start");
}
BENCHMARK(BM_Scaling)
    ->ArgNames({"strength", "horizon"})
    ->ArgsProduct({{1'000, 10'000, 100'000, 1'000'000}, {365, 3650}})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

} // namespace
} // namespace rotsim::bench
