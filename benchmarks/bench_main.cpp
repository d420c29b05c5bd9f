// rotsim_bench's main: Google Benchmark's BENCHMARK_MAIN, plus the speed-up of the fast loop over
// the per-day reference stepper printed at the end of every run.
//
// Own flag (removed before Google Benchmark sees the arguments):
//   --speedup=auto    (default) take the ratio from BM_ArticleReplication_Fast and
//                     BM_ArticleReplication_Reference if both ran; otherwise run one replication
//                     with each, timed here, and print that ratio
//   --speedup=never   print nothing more
// With --benchmark_format=json or csv, Google Benchmark's own reporter writes stdout and the line
// goes to stderr (from one replication each, timed here).
#include <benchmark/benchmark.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bench_support.hpp"
#include "reference_stepper.hpp"
#include "sim/replication.hpp"
#include "version.hpp"

namespace {

constexpr const char* kFast = "BM_ArticleReplication_Fast";
constexpr const char* kReference = "BM_ArticleReplication_Reference";

// The console reporter, also keeping the best CPU time per iteration (seconds) of every benchmark
// and that run's counters.
class CapturingReporter : public benchmark::ConsoleReporter {
public:
    using ConsoleReporter::ConsoleReporter;

    void ReportRuns(const std::vector<Run>& reports) override {
        for (const Run& run : reports) {
            if (run.error_occurred || run.iterations == 0) continue;
            const bool mean = run.run_type == Run::RT_Aggregate && run.aggregate_name == "mean";
            if (run.run_type != Run::RT_Iteration && !mean) continue;
            const double seconds = run.cpu_accumulated_time / static_cast<double>(run.iterations);
            auto [it, fresh] = best_.try_emplace(run.run_name.str(), Best{seconds, run.counters});
            if (!fresh && seconds < it->second.seconds) it->second = Best{seconds, run.counters};
        }
        ConsoleReporter::ReportRuns(reports);
    }

    double seconds(const std::string& name) const {
        const auto it = best_.find(name);
        return it == best_.end() ? -1.0 : it->second.seconds;
    }

    // A counter of the best run of `name`, as reported (rates and averages applied); -1 if absent.
    double counter(const std::string& name, const std::string& counter) const {
        const auto it = best_.find(name);
        if (it == best_.end()) return -1.0;
        const auto c = it->second.counters.find(counter);
        return c == it->second.counters.end() ? -1.0 : c->second.value;
    }

private:
    struct Best {
        double seconds;
        benchmark::UserCounters counters;
    };
    std::map<std::string, Best> best_;
};

double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// CPU nanoseconds per block of `philox` in a tight loop: the cost of a draw's random bits alone,
// without the stream set-up and conversion around it in the loop. The best of `trials` loops of
// 2^20 blocks, so that other work on the machine inflates it less.
bool streams_counted() {
    return rotsim::KeyedStreams(0, 0).blocks() >= 0;
}

// One keyed Philox4x32-10 block (KeyedStreams::words, what every keyed draw makes), best of
// `trials` loops of 2^20 blocks.
double ns_per_block(int trials) {
    constexpr int kBlocks = 1 << 20;
    const rotsim::KeyedStreams streams(rotsim::bench::kSeed, 0);
    double best = -1.0;
    for (int trial = 0; trial < trials; ++trial) {
        const double start = thread_cpu_seconds();
        for (std::uint64_t k = 0; k < kBlocks; ++k)
            benchmark::DoNotOptimize(streams.words(k, rotsim::Purpose::stay, 0));
        const double ns = 1e9 * (thread_cpu_seconds() - start) / kBlocks;
        if (best < 0.0 || ns < best) best = ns;
    }
    return best;
}

// One loop's figures per replication of the article's scenario: time, counted transitions (see
// benchmarks/README.md) and Philox blocks, from the benchmark's counters when it ran, otherwise
// from replication 0 run here.
struct Figures {
    double seconds = -1.0;
    double transitions = -1.0;
    double blocks = -1.0; // -1: not counted (built without ROTSIM_COUNT_DRAWS)
};

Figures figures_of(const CapturingReporter* reporter, const char* name,
                   const rotsim::ReplicationResult& replication0, double seconds) {
    Figures f;
    f.seconds = seconds;
    f.transitions = reporter ? reporter->counter(name, "transitions") : -1.0;
    f.blocks = reporter ? reporter->counter(name, "blocks") : -1.0;
    if (f.transitions <= 0.0) {
        const rotsim::Scenario& sc = rotsim::bench::article();
        f.transitions = static_cast<double>(rotsim::bench::work_of(sc, replication0).transitions);
        f.blocks = static_cast<double>(replication0.random_blocks);
    }
    return f;
}

void print_figures(std::FILE* out, const char* loop, const Figures& f, double ns_block) {
    std::fprintf(out, "%s: %.2f ms per replication, %.0f counted transitions at %.1f ns", loop,
                 1e3 * f.seconds, f.transitions, 1e9 * f.seconds / f.transitions);
    if (f.blocks < 0.0) {
        std::fprintf(out, "; Philox blocks not counted (configure with -DROTSIM_COUNT_DRAWS=ON)\n");
        return;
    }
    const double draw_ms = 1e-6 * f.blocks * ns_block;
    std::fprintf(out,
                 "; %.0f Philox blocks, %.3f per transition, at %.2f ns a block: %.2f ms, %.1f %% "
                 "of the replication\n",
                 f.blocks, f.blocks / f.transitions, ns_block, draw_ms,
                 100.0 * draw_ms / (1e3 * f.seconds));
}

void print_speedup(const CapturingReporter* reporter) {
    using namespace rotsim;
    double fast = reporter ? reporter->seconds(kFast) : -1.0;
    double reference = reporter ? reporter->seconds(kReference) : -1.0;
    const char* how = "CPU time per iteration of the two benchmarks above";
    const Scenario& sc = bench::article();
    double start = thread_cpu_seconds();
    const ReplicationResult fast0 = run_replication(sc, bench::kSeed, 0);
    const double fast0_seconds = thread_cpu_seconds() - start;
    start = thread_cpu_seconds();
    const ReplicationResult reference0 = reference::run(sc, bench::kSeed, 0);
    const double reference0_seconds = thread_cpu_seconds() - start;
    std::FILE* out = reporter ? stdout : stderr;
    if (fast <= 0.0 || reference <= 0.0) {
        fast = fast0_seconds;
        reference = reference0_seconds;
        how = "one replication each, CPU time, timed in main";
        reporter = nullptr; // the counters of one benchmark would not match the other's time
    }
    constexpr int kTrials = 9;
    const double ns_block = ns_per_block(kTrials);
    std::fprintf(out,
                 "\nfast / reference speed-up: %.1f  (scenarios/article-2024.ini: fast %.2f ms, "
                 "reference %.2f ms per replication; %s)\n",
                 reference / fast, 1e3 * fast, 1e3 * reference, how);
    print_figures(out, "fast loop", figures_of(reporter, kFast, fast0, fast), ns_block);
    print_figures(out, "reference", figures_of(reporter, kReference, reference0, reference),
                  ns_block);
    std::fprintf(out,
                 "keyed Philox4x32-10 block: %.2f ns (best of %d loops of 2^20 blocks each, timed "
                 "here%s)\n",
                 ns_block, kTrials, streams_counted() ? ", counting included" : "");
}

} // namespace

int main(int argc, char** argv) {
    std::string speedup = "auto";
    bool listing = false, console = true;
    int kept = 1;
    for (int k = 1; k < argc; ++k) {
        const std::string_view arg = argv[k];
        if (arg.rfind("--speedup=", 0) == 0) {
            speedup = arg.substr(10);
            continue;
        }
        if (arg == "--benchmark_list_tests" || arg == "--benchmark_list_tests=true") listing = true;
        if (arg.rfind("--benchmark_format=", 0) == 0) console = arg == "--benchmark_format=console";
        argv[kept++] = argv[k];
    }
    argc = kept;
    argv[argc] = nullptr;
    if (speedup != "auto" && speedup != "never") {
        std::fprintf(stderr, "rotsim_bench: --speedup must be auto or never, got '%s'\n",
                     speedup.c_str());
        return 1;
    }

    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::AddCustomContext("rotsim_revision", rotsim::kGitRevision);
    if (console) {
        CapturingReporter reporter(isatty(STDOUT_FILENO) ? benchmark::ConsoleReporter::OO_Color
                                                         : benchmark::ConsoleReporter::OO_None);
        benchmark::RunSpecifiedBenchmarks(&reporter);
        if (!listing && speedup == "auto") print_speedup(&reporter);
    } else {
        benchmark::RunSpecifiedBenchmarks();
        if (!listing && speedup == "auto") print_speedup(nullptr);
    }
    benchmark::Shutdown();
    return 0;
}
