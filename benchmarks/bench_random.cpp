// Benchmark 4: the keyed random streams alone, and the exact inversion and thinning that draw a
// soldier's first event at the front.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "bench_support.hpp"
#include "sim/front.hpp"
#include "sim/random.hpp"

namespace rotsim::bench {
namespace {

using benchmark::Counter;

void set_call_rates(benchmark::State& state, const char* per_call_name) {
    state.SetItemsProcessed(state.iterations());
    // kIsRate | kInvert: seconds per call (printed with an SI prefix, n = nanoseconds).
    state.counters[per_call_name] =
        Counter(static_cast<double>(state.iterations()), Counter::kIsRate | Counter::kInvert);
}

// One Philox4x32-10 block: the raw cost under every keyed draw (stream version 2).
void BM_Philox4x32_Block(benchmark::State& state) {
    const r123::Philox4x32 philox;
    const r123::Philox4x32::key_type key{{0x1234'5678U, 0x9abc'def0U}};
    r123::Philox4x32::ctr_type counter{{0, 0, 0, static_cast<std::uint32_t>(Purpose::stay)}};
    for (auto _ : state) {
        ++counter.v[0];
        benchmark::DoNotOptimize(philox(counter, key));
    }
    set_call_rates(state, "s/block");
}
BENCHMARK(BM_Philox4x32_Block);

// KeyedStreams::words: one keyed block of four words, as every keyed draw makes.
void BM_KeyedStreams_Words(benchmark::State& state) {
    const KeyedStreams streams(kSeed, 0);
    std::uint64_t soldier = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(streams.words(soldier++, Purpose::front, 0));
    set_call_rates(state, "s/block");
}
BENCHMARK(BM_KeyedStreams_Words);

// KeyedStreams::days: a block for (soldier, purpose, index), one uniform whole number of days,
// here the article's stay_days 60..90. Each call is a new soldier, as in a replication.
void BM_KeyedStreams_Days(benchmark::State& state) {
    const KeyedStreams streams(kSeed, 0);
    const DayRange range = article().stay_days;
    std::uint64_t soldier = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(streams.days(range, soldier++, Purpose::stay, 0));
    set_call_rates(state, "s/draw");
}
BENCHMARK(BM_KeyedStreams_Days);

// KeyedStreams::uniform: a block and one uniform double in [0, 1) from two of its words.
void BM_KeyedStreams_Uniform(benchmark::State& state) {
    const KeyedStreams streams(kSeed, 0);
    std::uint64_t soldier = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(streams.uniform(soldier++, Purpose::recovery_outcome, 0));
    set_call_rates(state, "s/draw");
}
BENCHMARK(BM_KeyedStreams_Uniform);

// first_front_event: the first casualty of a soldier new to the front (28 days of training, the
// middle of russia_training_days 14..42) over a window of range(0) days, with the article's
// probabilities. One call per spell at the front: with tables (range(1) = 1) one block and a
// search of the survival table, without them (0) thinning, one block per candidate day.
void BM_FirstFrontEvent(benchmark::State& state) {
    const Scenario& sc = article();
    const KeyedStreams streams(kSeed, 0);
    const int window = static_cast<int>(state.range(0));
    const int from = 30, end = from + window;
    const ExperienceClock clock(sc, 0, end);
    FrontTables tables(sc);
    FrontTables* offered = state.range(1) != 0 ? &tables : nullptr;
    std::uint64_t soldier = 0;
    std::int64_t candidates = 0, events = 0;
    for (auto _ : state) {
        std::uint32_t draws = 0;
        const FrontSoldier fresh{soldier++, 1.0, 28, 0.0};
        const FrontEvent e =
            first_front_event(sc, streams, fresh, clock, from, end, draws, offered);
        benchmark::DoNotOptimize(e);
        candidates += draws;
        events += e.day >= 0 ? 1 : 0;
    }
    set_call_rates(state, "s/call");
    state.counters["blocks/call"] =
        Counter(static_cast<double>(candidates), Counter::kAvgIterations);
    state.counters["events/call"] = Counter(static_cast<double>(events), Counter::kAvgIterations);
}
BENCHMARK(BM_FirstFrontEvent)
    ->ArgNames({"window", "tables"})
    ->Args({45, 1})
    ->Args({45, 0})
    ->Args({365, 1})
    ->Args({365, 0});

} // namespace
} // namespace rotsim::bench
