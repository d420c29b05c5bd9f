#pragma once

// Internals shared by sweep_run.cpp (rank 0: hands out rows, writes the file) and
// sweep_ranks.cpp (the messages between ranks, and the ranks that only compute).

#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "ensemble/ensemble.hpp"
#include "ensemble/sweep.hpp"
#include "model/scenario_loader.hpp"

namespace rotsim::sweep_parts {

enum Tag : int { kRequest = 1, kRows = 2, kResult = 3, kDone = 4 };

std::vector<std::byte> pack(const RowOutcome& o);
RowOutcome unpack(const std::vector<std::byte>& bytes);
std::vector<std::byte> pack_rows(const std::vector<std::int64_t>& rows);
std::vector<std::int64_t> unpack_rows(const std::vector<std::byte>& bytes);
std::vector<std::byte> pack_count(std::int64_t n);
std::int64_t unpack_count(const std::vector<std::byte>& bytes);

// Points' scenarios, parsed when first needed: a design of a million points is never held whole.
class Scenarios {
public:
    Scenarios(const PreparedSweep& sweep, std::size_t keep) : sweep_(sweep), keep_(keep) {}
    std::shared_ptr<const Scenario> get(std::int64_t point) {
        {
            std::lock_guard lock(mutex_);
            if (auto it = cache_.find(point); it != cache_.end()) return it->second;
        }
        auto sc = std::make_shared<const Scenario>(parse_scenario(
            sweep_.scenario_text, sweep_.spec.scenario_path, sweep_.overrides(point)));
        std::lock_guard lock(mutex_);
        if (cache_.emplace(point, sc).second) order_.push_back(point);
        while (order_.size() > keep_) {
            cache_.erase(order_.front());
            order_.pop_front();
        }
        return sc;
    }

private:
    const PreparedSweep& sweep_;
    std::size_t keep_;
    std::mutex mutex_;
    std::map<std::int64_t, std::shared_ptr<const Scenario>> cache_;
    std::deque<std::int64_t> order_;
};

// Threads per process: --threads, else every core, or one per rank under MPI.
int threads_of(const SweepSpec& spec);

// Runs a row and encodes it for the file, on a worker thread.
RowPool::Compute computer(const PreparedSweep& sweep, const SweepHooks& hooks,
                          std::shared_ptr<Scenarios> scenarios);

// MPI ranks other than 0: ask rank 0 for rows, run them, send back the encoded runs.
SweepOutcome run_worker_rank(const PreparedSweep& sweep, const SweepHooks& hooks);

} // namespace rotsim::sweep_parts
