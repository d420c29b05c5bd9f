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

// The console reporter, also keeping the best CPU time per iteration (seconds) of every benchmark.
class CapturingReporter : public benchmark::ConsoleReporter {
public:
    using ConsoleReporter::ConsoleReporter;

    void ReportRuns(const std::vector<Run>& reports) override {
        for (const Run& run : reports) {
            if (run.error_occurred || run.iterations == 0) continue;
            const bool mean = run.run_type == Run::RT_Aggregate && run.aggregate_name == "mean";
            if (run.run_type != Run::RT_Iteration && !mean) continue;
            const double seconds = run.cpu_accumulated_time / static_cast<double>(run.iterations);
            auto [it, fresh] = best_.try_emplace(run.run_name.str(), seconds);
            if (!fresh && seconds < it->second) it->second = seconds;
        }
        ConsoleReporter::ReportRuns(reports);
    }

    double seconds(const std::string& name) const {
        const auto it = best_.find(name);
        return it == best_.end() ? -1.0 : it->second;
    }

private:
    std::map<std::string, double> best_;
};

double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

void print_speedup(const CapturingReporter* reporter) {
    double fast = reporter ? reporter->seconds(kFast) : -1.0;
    double reference = reporter ? reporter->seconds(kReference) : -1.0;
    const char* how = "CPU time per iteration of the two benchmarks above";
    if (fast <= 0.0 || reference <= 0.0) {
        using namespace rotsim;
        const Scenario& sc = bench::article();
        double start = thread_cpu_seconds();
        benchmark::DoNotOptimize(run_replication(sc, bench::kSeed, 0));
        fast = thread_cpu_seconds() - start;
        start = thread_cpu_seconds();
        benchmark::DoNotOptimize(reference::run(sc, bench::kSeed, 0));
        reference = thread_cpu_seconds() - start;
        how = "one replication each, CPU time, timed in main";
    }
    std::fprintf(reporter ? stdout : stderr,
                 "\nfast / reference speed-up: %.1f  (scenarios/article-2024.ini: fast %.2f ms, "
                 "reference %.2f ms per replication; %s)\n",
                 reference / fast, 1e3 * fast, 1e3 * reference, how);
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
