#include "ensemble/calibration_runs.hpp"

#include <chrono>
#include <filesystem>
#include <memory>

#include "ensemble/ensemble.hpp"
#include "model/error.hpp"
#include "model/scenario_loader.hpp"

namespace rotsim {

SweepOutcome run_calibration_sweep(const PreparedSweep& sweep, const SweepHooks& hooks,
                                   std::int64_t first_point) {
    const SweepSpec& spec = sweep.spec;
    if (spec.resume || spec.shard_count != 1)
        throw InputError("a calibration runs its whole design at once: no --resume, no --shard");
    std::error_code ec;
    if (!spec.overwrite && std::filesystem::exists(spec.out, ec))
        throw InputError("output file '" + spec.out + "' exists; pass --overwrite to replace it");
    SweepOutcome outcome;
    outcome.runs = sweep.header.runs;
    ResultWriter writer(spec.out, sweep.header, spec.overwrite);
    const RunEncoder encoder(sweep.header);
    const RunFunction run =
        hooks.run ? hooks.run
                  : RunFunction([](const Scenario& sc, std::uint64_t seed, std::int64_t replication,
                                   const ReplicationOptions& o) {
                        return run_replication(sc, seed, replication, o);
                    });
    auto stream = [&](std::int64_t row) {
        return calibration_stream(first_point + sweep.point_of(row), spec.replications,
                                  sweep.replication_of(row));
    };

    std::atomic<std::int64_t> next{0};
    std::atomic<bool> stop{false};
    RowPool::Take take = [&]() -> std::optional<std::int64_t> {
        const std::int64_t row = next++;
        if (stop.load() || row >= outcome.runs) return std::nullopt;
        return row;
    };
    // A point's scenario is parsed for each of its runs: a fraction of a millisecond, against
    // the run's milliseconds to seconds.
    RowPool::Compute compute = [&](std::int64_t row, ReplicationWorkspace& workspace) {
        const Scenario sc = parse_scenario(sweep.scenario_text, spec.scenario_path,
                                           sweep.overrides(sweep.point_of(row)));
        ReplicationOptions options;
        options.cancel = hooks.cancel;
        options.workspace = &workspace;
        return encoder.encode(run(sc, spec.seed, stream(row), options));
    };
    // Several threads for a design of one run would only wait.
    const int threads = static_cast<int>(std::min<std::int64_t>(
        spec.threads > 0 ? spec.threads : default_thread_count(), outcome.runs));
    RowPool pool(threads, take, compute, hooks.cancel);
    auto last_flush = std::chrono::steady_clock::now();
    try {
        while (true) {
            auto o = pool.next(20);
            if (!o) {
                if (pool.finished()) break;
                continue;
            }
            if (o->cancelled) continue;
            if (o->failure.empty()) {
                writer.write_encoded(o->run, o->row);
                ++outcome.done;
            } else {
                const std::string reason = "row " + std::to_string(o->row) + ", design " +
                                           sweep.design.describe(sweep.point_of(o->row)) +
                                           ", stream " + std::to_string(stream(o->row)) + ": " +
                                           o->failure;
                writer.write_failure(o->row, stream(o->row), spec.seed, reason);
                ++outcome.failed;
                if (outcome.first_failure.empty()) outcome.first_failure = reason;
                outcome.stopped = true;
                stop.store(true);
            }
            if (hooks.progress) hooks.progress(outcome.done + outcome.failed, outcome.runs);
            const auto now = std::chrono::steady_clock::now();
            if (std::chrono::duration<double>(now - last_flush).count() >= spec.flush_seconds) {
                writer.flush();
                last_flush = now;
            }
        }
        writer.close();
    } catch (...) {
        // The file takes no more runs (a full disk, say): the workers stop at their next row.
        stop.store(true);
        throw;
    }
    outcome.cancelled = hooks.cancel && hooks.cancel->load();
    outcome.stopped = outcome.stopped && !outcome.cancelled;
    return outcome;
}

} // namespace rotsim
