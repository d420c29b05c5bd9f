// The messages between MPI ranks, and the ranks that only compute.
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <stdexcept>

#include "ensemble/mpi_shim.hpp"
#include "ensemble/sweep_parts.hpp"
#include "model/scenario_loader.hpp"

namespace rotsim::sweep_parts {
namespace {

// Messages between ranks: plain values and arrays, in the sender's byte order (one machine
// type across a job).
class Packer {
public:
    template <class T> Packer& put(const T& value) {
        const auto* p = reinterpret_cast<const std::byte*>(&value);
        bytes.insert(bytes.end(), p, p + sizeof(T));
        return *this;
    }
    template <class T> Packer& put_array(const T* data, std::size_t n) {
        put<std::uint64_t>(n);
        const auto* p = reinterpret_cast<const std::byte*>(data);
        bytes.insert(bytes.end(), p, p + n * sizeof(T));
        return *this;
    }
    std::vector<std::byte> bytes;
};

class Unpacker {
public:
    explicit Unpacker(const std::vector<std::byte>& bytes) : bytes_(bytes) {}
    template <class T> T get() {
        T value{};
        copy(&value, sizeof(T));
        return value;
    }
    template <class T> std::vector<T> get_array() {
        std::vector<T> values(get<std::uint64_t>());
        copy(values.data(), values.size() * sizeof(T));
        return values;
    }

private:
    void copy(void* out, std::size_t n) {
        if (at_ + n > bytes_.size()) throw std::runtime_error("truncated message between ranks");
        std::memcpy(out, bytes_.data() + at_, n);
        at_ += n;
    }
    const std::vector<std::byte>& bytes_;
    std::size_t at_ = 0;
};

} // namespace

std::vector<std::byte> pack(const RowOutcome& o) {
    Packer p;
    p.put(o.row).put(static_cast<std::uint8_t>(o.cancelled));
    p.put_array(o.failure.data(), o.failure.size());
    p.put<std::uint64_t>(o.run.columns.size());
    for (const auto& column : o.run.columns)
        p.put_array(column.data(), column.size());
    return std::move(p.bytes);
}

RowOutcome unpack(const std::vector<std::byte>& bytes) {
    Unpacker u(bytes);
    RowOutcome o;
    o.row = u.get<std::int64_t>();
    o.cancelled = u.get<std::uint8_t>() != 0;
    const auto failure = u.get_array<char>();
    o.failure.assign(failure.begin(), failure.end());
    const auto columns = u.get<std::uint64_t>();
    for (std::uint64_t c = 0; c < columns; ++c)
        o.run.columns.push_back(u.get_array<std::byte>());
    return o;
}

std::vector<std::byte> pack_rows(const std::vector<std::int64_t>& rows) {
    return Packer().put_array(rows.data(), rows.size()).bytes;
}

std::vector<std::int64_t> unpack_rows(const std::vector<std::byte>& bytes) {
    return Unpacker(bytes).get_array<std::int64_t>();
}

std::vector<std::byte> pack_count(std::int64_t n) {
    return Packer().put(n).bytes;
}

std::int64_t unpack_count(const std::vector<std::byte>& bytes) {
    return Unpacker(bytes).get<std::int64_t>();
}

int threads_of(const SweepSpec& spec) {
    // Under MPI a rank per core is the usual layout; --threads gives a rank several.
    if (spec.threads > 0) return spec.threads;
    return mpi::size() > 1 ? 1 : default_thread_count();
}

RowPool::Compute computer(const PreparedSweep& sweep, const SweepHooks& hooks,
                          std::shared_ptr<Scenarios> scenarios) {
    const RunFunction run =
        hooks.run ? hooks.run
                  : RunFunction([](const Scenario& sc, std::uint64_t seed, std::int64_t replication,
                                   const ReplicationOptions& o) {
                        return run_replication(sc, seed, replication, o);
                    });
    auto encoder = std::make_shared<const RunEncoder>(sweep.header);
    return [&sweep, &hooks, run, scenarios = std::move(scenarios),
            encoder](std::int64_t row, ReplicationWorkspace& workspace) {
        ReplicationOptions options;
        options.cancel = hooks.cancel;
        options.workspace = &workspace;
        return encoder->encode(run(*scenarios->get(sweep.point_of(row)), sweep.spec.seed,
                                   sweep.replication_of(row), options));
    };
}

SweepOutcome run_worker_rank(const PreparedSweep& sweep, const SweepHooks& hooks) {
    SweepOutcome outcome;
    outcome.writer = false;
    if (mpi::broadcast(0) != 0) return outcome; // rank 0 could not start the file
    const int threads = threads_of(sweep.spec);
    auto cancelled = [&] { return hooks.cancel && hooks.cancel->load(); };
    std::mutex mutex;
    std::condition_variable arrived;
    std::deque<std::int64_t> queue;
    bool no_more = false;
    RowPool::Take take = [&]() -> std::optional<std::int64_t> {
        std::unique_lock lock(mutex);
        while (queue.empty() && !no_more && !cancelled())
            arrived.wait_for(lock, std::chrono::milliseconds(50));
        if (queue.empty() || cancelled()) return std::nullopt;
        const std::int64_t row = queue.front();
        queue.pop_front();
        return row;
    };
    auto scenarios = std::make_shared<Scenarios>(sweep, static_cast<std::size_t>(4 * threads));
    RowPool pool(threads, take, computer(sweep, hooks, scenarios), hooks.cancel);
    std::vector<std::int64_t> returned; // rows given back unrun
    bool waiting = false;               // a request is on its way to rank 0
    while (true) {
        {
            std::lock_guard lock(mutex);
            if (!no_more && !waiting && !cancelled() && std::ssize(queue) < threads) {
                mpi::send(0, kRequest, pack_count(threads));
                waiting = true;
            }
        }
        int from = 0, tag = 0;
        if (waiting && mpi::probe(from, tag) && tag == kRows) {
            const auto bytes = mpi::receive(0, kRows);
            const auto rows = unpack_rows(bytes);
            std::lock_guard lock(mutex);
            waiting = false;
            if (rows.empty()) no_more = true;
            if (cancelled())
                returned.insert(returned.end(), rows.begin(), rows.end());
            else
                queue.insert(queue.end(), rows.begin(), rows.end());
            arrived.notify_all();
        }
        if (auto o = pool.next(1)) {
            if (o->cancelled)
                returned.push_back(o->row);
            else
                mpi::send(0, kResult, pack(*o));
        }
        std::lock_guard lock(mutex);
        if (cancelled()) {
            returned.insert(returned.end(), queue.begin(), queue.end());
            queue.clear();
        }
        if (!waiting && (no_more || cancelled()) && queue.empty() && pool.finished()) break;
    }
    mpi::send(0, kDone, pack_rows(returned));
    outcome.cancelled = cancelled();
    return outcome;
}

} // namespace rotsim::sweep_parts
