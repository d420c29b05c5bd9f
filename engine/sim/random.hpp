#pragma once

// philox.h sets up the feature macros that MicroURNG.hpp needs, so it comes first.
#include <Random123/philox.h>

#include <Random123/MicroURNG.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cstdint>

#include "model/scenario.hpp"

namespace rotsim {

// What a draw is for. Each purpose is its own stream, so adding a draw for one purpose never
// shifts the numbers of another (and two scenarios that differ in one key share every stream
// that key does not touch: common random numbers). Values are part of the output's meaning:
// never renumber, only append.
enum class Purpose : std::uint64_t {
    soldier_class = 1,
    initial_arrival = 2,
    transit_in = 3,
    stay = 4,
    russia_training = 5,
    front = 6,
    recovery = 7,
    recovery_outcome = 8,
    transit_out = 9,
    unit_transit_in = 10,
    unit_stay = 11,
    reference_front = 12,
    warm_start = 13,    // a warm start's draws of elapsed stay and training (sim/warm_start.hpp)
    warm_front = 14,    // the front before day 0 of a soldier placed by a warm start
    warm_recovery = 15, // his recoveries before day 0
    warm_pipeline = 16, // soldiers on their way on day 0, by dispatch day and place
};

using Philox = r123::Philox4x64;

#ifdef ROTSIM_COUNT_DRAWS
// Philox4x64-10 that also counts the blocks it makes, for the benchmarks' blocks per transition
// (-DROTSIM_COUNT_DRAWS=ON, the bench and profile presets; benchmarks/README.md). A stream made
// without a tally, such as a bootstrap's, counts nowhere.
class CountingPhilox : public Philox {
public:
    CountingPhilox() = default;
    explicit CountingPhilox(std::uint64_t* tally) : tally_(tally) {}
    ctr_type operator()(ctr_type counter, ukey_type key) const {
        if (tally_) ++*tally_;
        return Philox::operator()(counter, key);
    }

private:
    std::uint64_t* tally_ = nullptr;
};
using Stream = r123::MicroURNG<CountingPhilox>;
#else
using Stream = r123::MicroURNG<Philox>;
#endif

// Streams keyed by (seed, replication, lane, subject, purpose, index): the Philox key is (seed,
// replication), the counter (subject, purpose, index, lane). A subject is a soldier id, or a unit
// id for the unit purposes; the lane is a contingent's (0 without contingents), so contingents
// number their soldiers alike and still draw apart. Streams are computed, never stored or shared
// between threads.
class KeyedStreams {
public:
    KeyedStreams(std::uint64_t seed, std::uint64_t replication, std::uint32_t lane = 0)
        : key_{{seed, replication}}, lane_(lane) {}

    Stream stream(std::uint64_t subject, Purpose purpose, std::uint64_t index) const {
        // MicroURNG counts in the high 32 bits of the last counter word; the lane takes the low.
        const Philox::ctr_type counter{
            {subject, static_cast<std::uint64_t>(purpose), index, lane_}};
#ifdef ROTSIM_COUNT_DRAWS
        return Stream(CountingPhilox(&blocks_), counter, key_);
#else
        return Stream(counter, key_);
#endif
    }

    // Philox blocks made by this object's streams so far; -1 unless built with ROTSIM_COUNT_DRAWS.
    // NOLINTNEXTLINE(readability-convert-member-functions-to-static): not static when counting
    std::int64_t blocks() const {
#ifdef ROTSIM_COUNT_DRAWS
        return static_cast<std::int64_t>(blocks_);
#else
        return -1;
#endif
    }

    // A whole number of days uniformly in [range.min, range.max].
    int days(const DayRange& range, std::uint64_t subject, Purpose purpose,
             std::uint64_t index) const {
        if (range.min == range.max) return range.min;
        Stream s = stream(subject, purpose, index);
        return boost::random::uniform_int_distribution<int>(range.min, range.max)(s);
    }

    double uniform(std::uint64_t subject, Purpose purpose, std::uint64_t index) const {
        Stream s = stream(subject, purpose, index);
        return boost::random::uniform_01<double>()(s);
    }

private:
    Philox::ukey_type key_;
    std::uint64_t lane_;
#ifdef ROTSIM_COUNT_DRAWS
    // Counted through const streams: a replication's own KeyedStreams, never shared by threads.
    mutable std::uint64_t blocks_ = 0;
#endif
};

} // namespace rotsim
