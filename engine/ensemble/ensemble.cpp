#include "ensemble/ensemble.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "sim/replication.hpp"

namespace rotsim {

int default_thread_count() {
    return std::max(1u, std::thread::hardware_concurrency());
}

namespace {

// Finished replications on their way to the single consumer; bounded so that a slow writer
// holds back the workers instead of letting results pile up in memory.
class ResultQueue {
public:
    explicit ResultQueue(std::size_t capacity) : capacity_(capacity) {}

    void push(ReplicationResult&& r, std::int64_t row) {
        std::unique_lock lock(mutex_);
        space_.wait(lock, [&] { return items_.size() < capacity_ || closed_; });
        items_.emplace_back(std::move(r), row);
        ready_.notify_one();
    }
    bool pop(ReplicationResult& r, std::int64_t& row) {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return !items_.empty() || producers_ == 0; });
        if (items_.empty()) return false;
        r = std::move(items_.front().first);
        row = items_.front().second;
        items_.pop_front();
        space_.notify_one();
        return true;
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
    std::mutex mutex_;
    std::condition_variable ready_, space_;
    std::deque<std::pair<ReplicationResult, std::int64_t>> items_;
    std::size_t capacity_;
    int producers_ = 0;
    bool closed_ = false;
};

} // namespace

EnsembleOutcome run_ensemble(const Scenario& scenario, const EnsemblePlan& plan,
                             const ResultSink& sink, const Progress& progress) {
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
        try {
            for (std::int64_t row = next++; row < plan.replications && !stop && !cancelled();
                 row = next++) {
                ReplicationOptions options;
                options.cancel = plan.cancel;
                options.keep_agents = row < plan.agent_replications;
                options.check_every_tick = options.check_every_tick || plan.check_every_tick;
                queue.push(
                    run_replication(scenario, plan.seed, plan.first_replication + row, options),
                    row);
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
        ReplicationResult result;
        std::int64_t row = 0;
        while (queue.pop(result, row)) {
            if (!stop) sink(result, row);
            if (progress) progress(++done, plan.replications);
        }
    } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
        queue.close();
        ReplicationResult drain;
        std::int64_t row = 0;
        while (queue.pop(drain, row)) {
        }
    }
    for (auto& w : workers)
        w.join();
    if (failure) std::rethrow_exception(failure);
    return {done, cancelled() && done < plan.replications};
}

} // namespace rotsim
