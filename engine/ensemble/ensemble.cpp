#include "ensemble/ensemble.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "model/error.hpp"
#include "sim/replication.hpp"

namespace rotsim {

int default_thread_count() {
    return std::max(1u, std::thread::hardware_concurrency());
}

namespace {

// Finished replications on their way to the single consumer; bounded so that a slow writer
// holds back the workers instead of letting results pile up in memory.
template <class Item> class BoundedQueue {
public:
    explicit BoundedQueue(std::size_t capacity) : capacity_(capacity) {}

    void push(Item&& item) {
        std::unique_lock lock(mutex_);
        space_.wait(lock, [&] { return items_.size() < capacity_ || closed_; });
        items_.push_back(std::move(item));
        ready_.notify_one();
    }
    bool pop(Item& item) {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return !items_.empty() || producers_ == 0; });
        return take(item);
    }
    // As pop, but gives up after `wait`; then false even though producers remain.
    bool pop_for(Item& item, std::chrono::milliseconds wait) {
        std::unique_lock lock(mutex_);
        ready_.wait_for(lock, wait, [&] { return !items_.empty() || producers_ == 0; });
        return take(item);
    }
    bool drained() {
        std::lock_guard lock(mutex_);
        return items_.empty() && producers_ == 0;
    }
    void add_producer() {
        std::lock_guard lock(mutex_);
        ++producers_;
    }
    void producer_done() {
        std::lock_guard lock(mutex_);
        --producers_;
        ready_.notify_all();
    }
    // The consumer gave up: release producers blocked on a full queue.
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        space_.notify_all();
    }

private:
    bool take(Item& item) {
        if (items_.empty()) return false;
        item = std::move(items_.front());
        items_.pop_front();
        space_.notify_one();
        return true;
    }

    std::mutex mutex_;
    std::condition_variable ready_, space_;
    std::deque<Item> items_;
    std::size_t capacity_;
    int producers_ = 0;
    bool closed_ = false;
};

using ResultQueue = BoundedQueue<std::pair<ReplicationResult, std::int64_t>>;

} // namespace

void check_plan(std::int64_t first_replication, std::int64_t replications,
                std::int64_t agent_replications) {
    if (replications < 1)
        throw InputError("--replications must be at least 1, got " + std::to_string(replications));
    if (replications > kMaxRuns)
        throw InputError("--replications " + std::to_string(replications) +
                         " is more than the limit of " + std::to_string(kMaxRuns) +
                         " runs in one file (docs/reliability.md); split it into files with "
                         "--first-replication");
    if (first_replication < 0) throw InputError("--first-replication must be 0 or more");
    if (first_replication > std::numeric_limits<std::int64_t>::max() - (replications - 1))
        throw InputError("--first-replication " + std::to_string(first_replication) +
                         " with --replications " + std::to_string(replications) +
                         ": the last replication would be past the largest replication index, "
                         "2^63-1 (" +
                         std::to_string(std::numeric_limits<std::int64_t>::max()) + ")");
    if (agent_replications < 0 || agent_replications > replications)
        throw InputError("--agents must be between 0 and --replications (" +
                         std::to_string(replications) + ")");
}

EnsembleOutcome run_ensemble(const Scenario& scenario, const EnsemblePlan& plan,
                             const ResultSink& sink, const Progress& progress) {
    check_plan(plan.first_replication, plan.replications, plan.agent_replications);
    const int threads = static_cast<int>(
        std::clamp<std::int64_t>(plan.threads > 0 ? plan.threads : default_thread_count(), 1,
                                 std::max<std::int64_t>(1, plan.replications)));
    std::atomic<std::int64_t> next{0};
    std::atomic<bool> stop{false};
    auto cancelled = [&] { return plan.cancel && plan.cancel->load(std::memory_order_relaxed); };
    std::exception_ptr failure;
    std::mutex failure_mutex;
    ResultQueue queue(static_cast<std::size_t>(2 * threads));

    auto work = [&] {
        ReplicationWorkspace workspace; // this thread's, reused by each of its replications
        try {
            auto end = [&] {
                return plan.row_limit ? std::min(plan.replications,
                                                 plan.row_limit->load(std::memory_order_relaxed))
                                      : plan.replications;
            };
            for (std::int64_t row = next++; row < end() && !stop && !cancelled(); row = next++) {
                ReplicationOptions options;
                options.cancel = plan.cancel;
                options.workspace = &workspace;
                options.keep_agents = row < plan.agent_replications;
                options.check_every_tick = options.check_every_tick || plan.check_every_tick;
                queue.push(
                    {run_replication(scenario, plan.seed, plan.first_replication + row, options),
                     row});
            }
        } catch (const Cancelled&) {
            // The flag is set; the others see it too.
        } catch (...) {
            std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            stop = true;
        }
        queue.producer_done();
    };

    std::vector<std::thread> workers;
    for (int k = 0; k < threads; ++k) {
        queue.add_producer();
        workers.emplace_back(work);
    }
    std::int64_t done = 0;
    try {
        std::pair<ReplicationResult, std::int64_t> item;
        while (queue.pop(item)) {
            if (!stop) sink(item.first, item.second);
            if (progress) progress(++done, plan.replications);
        }
    } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
        queue.close();
        std::pair<ReplicationResult, std::int64_t> drain;
        while (queue.pop(drain)) {
        }
    }
    for (auto& w : workers)
        w.join();
    if (failure) std::rethrow_exception(failure);
    return {done, cancelled() && done < plan.replications};
}

struct RowPool::Impl {
    BoundedQueue<RowOutcome> queue;
    std::vector<std::thread> workers;

    explicit Impl(std::size_t capacity) : queue(capacity) {}
};

RowPool::RowPool(int threads, Take take, Compute compute, const std::atomic<bool>* cancel)
    : impl_(std::make_unique<Impl>(static_cast<std::size_t>(2 * std::max(threads, 1)))) {
    auto work = [this, take = std::move(take), compute = std::move(compute), cancel] {
        ReplicationWorkspace workspace;
        auto cancelled = [&] { return cancel && cancel->load(std::memory_order_relaxed); };
        while (!cancelled()) {
            std::optional<std::int64_t> row;
            try {
                row = take();
            } catch (...) {
                break; // the source failed; its owner knows why
            }
            if (!row) break;
            RowOutcome outcome;
            outcome.row = *row;
            try {
                outcome.run = compute(*row, workspace);
            } catch (const Cancelled&) {
                outcome.cancelled = true;
            } catch (const std::exception& e) {
                outcome.failure = e.what();
                if (outcome.failure.empty()) outcome.failure = "unnamed error";
            } catch (...) {
                outcome.failure = "unknown exception";
            }
            impl_->queue.push(std::move(outcome));
        }
        impl_->queue.producer_done();
    };
    for (int k = 0; k < std::max(threads, 1); ++k) {
        impl_->queue.add_producer();
        impl_->workers.emplace_back(work);
    }
}

RowPool::~RowPool() {
    impl_->queue.close();
    for (auto& w : impl_->workers)
        w.join();
}

std::optional<RowOutcome> RowPool::next(int wait_ms) {
    RowOutcome outcome;
    if (!impl_->queue.pop_for(outcome, std::chrono::milliseconds(wait_ms))) return std::nullopt;
    return outcome;
}

bool RowPool::finished() {
    return impl_->queue.drained();
}

} // namespace rotsim
