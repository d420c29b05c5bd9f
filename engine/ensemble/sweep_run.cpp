// Running a sweep: rank 0 (the only process without MPI) hands out rows, writes the file and
// flushes it; other MPI ranks ask for rows, run them and send the results back.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include "ensemble/mpi_shim.hpp"
#include "ensemble/sweep_parts.hpp"
#include "io/sweep_file.hpp"
#include "io/writer_lock.hpp"
#include "model/error.hpp"

namespace rotsim {
namespace {

using namespace sweep_parts;

// The rows still to run, in groups of consecutive rows, the most expensive groups first: runs
// of a group arrive together and are written together, and costly points started early do not
// leave one rank busy at the end while the others wait.
class Dispenser {
public:
    Dispenser(const PreparedSweep& sweep, const std::vector<bool>& to_run, std::int64_t block) {
        std::map<std::int64_t, double> cost;
        for (std::size_t row = 0; row < to_run.size(); ++row)
            if (to_run[row])
                cost[static_cast<std::int64_t>(row) / block] += sweep.cost[static_cast<std::size_t>(
                    sweep.point_of(static_cast<std::int64_t>(row)))];
        std::vector<std::pair<double, std::int64_t>> order;
        order.reserve(cost.size());
        for (const auto& [index, c] : cost)
            order.emplace_back(-c, index);
        std::stable_sort(order.begin(), order.end());
        for (const auto& [c, index] : order)
            for (std::int64_t row = index * block;
                 row < std::min<std::int64_t>((index + 1) * block, std::ssize(to_run)); ++row)
                if (to_run[static_cast<std::size_t>(row)]) rows_.push_back(row);
    }
    std::vector<std::int64_t> take(std::size_t n) {
        std::lock_guard lock(mutex_);
        std::vector<std::int64_t> out;
        while (!stopped_ && out.size() < n && next_ < rows_.size())
            out.push_back(rows_[next_++]);
        return out;
    }
    std::optional<std::int64_t> take_one() {
        const auto rows = take(1);
        return rows.empty() ? std::nullopt : std::optional(rows.front());
    }
    void stop() {
        std::lock_guard lock(mutex_);
        stopped_ = true;
    }

private:
    std::mutex mutex_;
    std::vector<std::int64_t> rows_;
    std::size_t next_ = 0;
    bool stopped_ = false;
};

// Opens the file to write: a fresh one, or, with --resume, a copy of the interrupted one's
// finished runs that then takes its place, so that a crash at any moment leaves a file holding
// at least every run finished before.
std::unique_ptr<ResultWriter> open_output(const PreparedSweep& sweep, std::vector<bool>& have,
                                          SweepOutcome& outcome, const SweepHooks& hooks) {
    const SweepSpec& spec = sweep.spec;
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!spec.resume || !fs::exists(spec.out, ec)) {
        if (!spec.overwrite && fs::exists(spec.out, ec))
            throw InputError("output file '" + spec.out +
                             "' exists; pass --resume to run what it lacks, or --overwrite to "
                             "replace it");
        return std::make_unique<ResultWriter>(spec.out, sweep.header, spec.overwrite,
                                              Placement::in_place);
    }
    SweepFile old(spec.out);
    const std::string difference = sweep_difference(old.header(), sweep.header, true);
    if (!difference.empty())
        throw InputError("--resume: '" + spec.out + "' is not a file of this sweep: " + difference +
                         " (pass --overwrite to replace it)");
    const auto& status = old.status();
    if (std::none_of(status.begin(), status.end(),
                     [](RunStatus s) { return s == RunStatus::missing; })) {
        for (const RunStatus s : status)
            ++(s == RunStatus::done ? outcome.done : outcome.failed);
        outcome.resumed = outcome.runs;
        if (hooks.note) hooks.note("nothing to resume: every run is in " + spec.out);
        return nullptr;
    }
    const std::string temporary = spec.out + ".resume";
    auto writer =
        std::make_unique<ResultWriter>(temporary, sweep.header, true, Placement::in_place);
    constexpr std::int64_t block = 4096;
    for (std::int64_t first = 0; first < outcome.runs; first += block) {
        const std::int64_t n = std::min(block, outcome.runs - first);
        if (std::all_of(status.begin() + first, status.begin() + first + n,
                        [](RunStatus s) { return s == RunStatus::missing; }))
            continue;
        const StoredRows rows = old.read(first, n);
        for (std::int64_t i = 0; i < n; ++i) {
            const RunStatus s = status[static_cast<std::size_t>(first + i)];
            if (s == RunStatus::missing) continue;
            writer->write_encoded(rows.runs[static_cast<std::size_t>(i)], first + i);
            have[static_cast<std::size_t>(first + i)] = true;
            ++(s == RunStatus::done ? outcome.done : outcome.failed);
            ++outcome.resumed;
        }
    }
    writer->flush();
    fs::rename(temporary, spec.out);
    if (hooks.note)
        hooks.note("resuming " + spec.out + ": " + std::to_string(outcome.resumed) + " of " +
                   std::to_string(outcome.runs) + " runs are already in it");
    return writer;
}

std::string failure_text(const PreparedSweep& sweep, std::int64_t row, const std::string& what) {
    return "row " + std::to_string(row) + ", design " + sweep.design.describe(sweep.point_of(row)) +
           ", replication " + std::to_string(sweep.replication_of(row)) + ": " + what;
}

} // namespace

SweepOutcome run_sweep(const PreparedSweep& sweep, const SweepHooks& hooks) {
    if (mpi::rank() != 0) return run_worker_rank(sweep, hooks);
    const SweepSpec& spec = sweep.spec;
    const int ranks = mpi::size();
    SweepOutcome outcome;
    outcome.runs = sweep.header.runs;
    std::vector<bool> have(static_cast<std::size_t>(outcome.runs), false);
    std::unique_ptr<ResultWriter> writer;
    // Rank 0 alone writes, so it alone holds the file; the lock covers --resume's reading of the
    // interrupted file and its replacement by the resumed one.
    WriterLock lock;
    try {
        lock = WriterLock(spec.out);
        writer = open_output(sweep, have, outcome, hooks);
    } catch (...) {
        mpi::broadcast(1); // the other ranks stop too
        throw;
    }
    mpi::broadcast(writer ? 0 : 1);
    if (!writer) return outcome;

    std::int64_t new_failures = 0, unflushed = 0;
    auto record = [&](const RowOutcome& o) {
        if (o.cancelled) return;
        if (o.failure.empty()) {
            writer->write_encoded(o.run, o.row);
            ++outcome.done;
        } else {
            const std::string reason = failure_text(sweep, o.row, o.failure);
            writer->write_failure(o.row, sweep.replication_of(o.row), spec.seed, reason);
            ++outcome.failed;
            ++new_failures;
            if (outcome.first_failure.empty()) outcome.first_failure = reason;
        }
        ++unflushed;
        if (hooks.progress) hooks.progress(outcome.done + outcome.failed, outcome.runs);
    };
    std::vector<bool> to_run(have.size());
    for (std::int64_t row = 0; row < outcome.runs; ++row) {
        if (have[static_cast<std::size_t>(row)]) continue;
        const std::string& refusal = sweep.refusals[static_cast<std::size_t>(sweep.point_of(row))];
        if (refusal.empty()) {
            to_run[static_cast<std::size_t>(row)] = true;
            continue;
        }
        RowOutcome refused;
        refused.row = row;
        refused.failure = refusal;
        record(refused);
    }
    Dispenser dispenser(sweep, to_run, writer->block_rows());
    auto cancelled = [&] { return hooks.cancel && hooks.cancel->load(); };
    auto scenarios = std::make_shared<Scenarios>(sweep, 4 * threads_of(spec));
    RowPool pool(
        threads_of(spec), [&] { return dispenser.take_one(); }, computer(sweep, hooks, scenarios),
        hooks.cancel);
    int ranks_done = 0;
    auto last_flush = std::chrono::steady_clock::now();
    try {
        while (true) {
            if (cancelled() || (new_failures > 0 && spec.on_failure == OnFailure::stop)) {
                outcome.stopped = !cancelled();
                dispenser.stop();
            }
            bool busy = false;
            int from = 0, tag = 0;
            for (int k = 0; k < 64 && ranks > 1 && mpi::probe(from, tag); ++k) {
                busy = true;
                const std::vector<std::byte> bytes = mpi::receive(from, tag);
                // Few enough rows that the reply always goes out eagerly, whatever the receiver
                // is doing.
                if (tag == kRequest)
                    mpi::send(from, kRows,
                              pack_rows(dispenser.take(static_cast<std::size_t>(
                                  std::clamp<std::int64_t>(unpack_count(bytes), 1, 256)))));
                else if (tag == kResult)
                    record(unpack(bytes));
                else if (tag == kDone)
                    ++ranks_done;
            }
            if (auto o = pool.next(busy ? 0 : 2)) record(*o);
            const auto now = std::chrono::steady_clock::now();
            if (unflushed > 0 &&
                std::chrono::duration<double>(now - last_flush).count() >= spec.flush_seconds) {
                writer->flush();
                last_flush = now;
                unflushed = 0;
            }
            if (ranks_done == ranks - 1 && pool.finished()) break;
        }
        writer->close();
    } catch (const std::exception& e) {
        // The file cannot take more runs (a full disk, say): nothing is handed out any more, and
        // under MPI the other ranks, waiting for rows, are ended.
        dispenser.stop();
        if (ranks > 1) {
            if (hooks.note) hooks.note(std::string("stopping every rank: ") + e.what());
            mpi::abort(2);
        }
        throw;
    }
    outcome.cancelled = cancelled();
    return outcome;
}

} // namespace rotsim
