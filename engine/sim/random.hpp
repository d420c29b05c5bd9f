#pragma once

// philox.h sets up the feature macros that MicroURNG.hpp needs, so it comes first.
#include <Random123/philox.h>

#include <Random123/MicroURNG.hpp>
#include <array>
#include <cstdint>

#include "model/scenario.hpp"
#include "sim/stream_version.hpp"

namespace rotsim {

// What a draw is for. Each purpose is its own stream, so adding a draw for one purpose never
// shifts the numbers of another (and two scenarios that differ in one key share every stream
// that key does not touch: common random numbers). Values are part of the output's meaning:
// never renumber, only append (a purpose takes 16 bits of the counter).
enum class Purpose : std::uint16_t {
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
    warm_unit = 17,     // a warm start's elapsed time and stay of a unit (or lone soldier)
};

// The four 32-bit words of one Philox4x32-10 block.
using Words = std::array<std::uint32_t, 4>;

// Uniform in (0, 1) from one word: the word's centre, so never 0 or 1.
inline double unit32(std::uint32_t w) {
    return (static_cast<double>(w) + 0.5) * 0x1p-32;
}

// Uniform in [0, 1) with 53 bits from two words (one for the top 32 bits, 21 of the other).
inline double unit53(std::uint32_t hi, std::uint32_t lo) {
    return static_cast<double>((static_cast<std::uint64_t>(hi) << 21) | (lo >> 11)) * 0x1p-53;
}

// A whole number of days uniformly in [range.min, range.max] from `word`, exactly: Lemire's
// multiply-and-shift, and in the rare case the word falls in the biased part (probability below
// the width / 2^32) further words from `more()` until one does not.
template <class More> int lemire_days(const DayRange& range, std::uint32_t word, More&& more) {
    const auto width = static_cast<std::uint32_t>(range.max - range.min) + 1;
    std::uint64_t m = std::uint64_t{word} * width;
    if (static_cast<std::uint32_t>(m) < width) {
        const std::uint32_t threshold = (0U - width) % width;
        while (static_cast<std::uint32_t>(m) < threshold)
            m = std::uint64_t{more()} * width;
    }
    return range.min + static_cast<int>(m >> 32);
}

// Streams keyed by (seed, replication, lane, subject, purpose, index). The replication's Philox4x32
// key is a Philox4x64-10 hash of (seed, replication, lane), made once; a block's counter is
// (subject: two words, index, purpose | block << 16). A subject is a soldier id, or a unit id for
// the unit purposes; the lane is a contingent's (0 without contingents), so contingents number
// their soldiers alike and still draw apart. Two different (seed, replication, lane) share a key
// with probability 2^-64. Streams are computed, never stored or shared between threads.
class KeyedStreams {
public:
    KeyedStreams(std::uint64_t seed, std::uint64_t replication, std::uint32_t lane = 0);

    // Block `block` of the stream (subject, purpose, index): its four words.
    Words words(std::uint64_t subject, Purpose purpose, std::uint64_t index,
                std::uint32_t block = 0) const {
#ifdef ROTSIM_COUNT_DRAWS
        ++blocks_;
#endif
        const r123::Philox4x32::ctr_type counter{
            {static_cast<std::uint32_t>(subject), static_cast<std::uint32_t>(subject >> 32),
             static_cast<std::uint32_t>(index),
             static_cast<std::uint32_t>(purpose) | (block << 16)}};
        const auto out = r123::Philox4x32()(counter, key_);
        return {out[0], out[1], out[2], out[3]};
    }

    // A whole number of days uniformly in [range.min, range.max]: word 0 of (subject, purpose,
    // index), and should it be rejected, the words of its blocks 1, 5, 9, ...
    int days(const DayRange& range, std::uint64_t subject, Purpose purpose,
             std::uint64_t index) const {
        if (range.min == range.max) return range.min;
        std::uint32_t k = 0;
        return lemire_days(range, words(subject, purpose, index)[0], [&] {
            const std::uint32_t word = k % 4;
            return words(subject, purpose, index, 1 + 4 * (k++ / 4))[word];
        });
    }

    // Uniform in [0, 1) with 53 bits: words 0 and 1 of (subject, purpose, index).
    double uniform(std::uint64_t subject, Purpose purpose, std::uint64_t index) const {
        const Words w = words(subject, purpose, index);
        return unit53(w[0], w[1]);
    }

    // Philox blocks made by this object so far; -1 unless built with ROTSIM_COUNT_DRAWS.
    // NOLINTNEXTLINE(readability-convert-member-functions-to-static): not static when counting
    std::int64_t blocks() const {
#ifdef ROTSIM_COUNT_DRAWS
        return static_cast<std::int64_t>(blocks_);
#else
        return -1;
#endif
    }

private:
    r123::Philox4x32::key_type key_;
#ifdef ROTSIM_COUNT_DRAWS
    // Counted through const calls: a replication's own KeyedStreams, never shared by threads.
    mutable std::uint64_t blocks_ = 0;
#endif
};

inline KeyedStreams::KeyedStreams(std::uint64_t seed, std::uint64_t replication,
                                  std::uint32_t lane) {
    // A constant key of the hash ("KEYEDSTR", "EAMS v2 "), apart from the bootstrap's and the
    // design's Philox4x64 keys, which hold the seed.
    const r123::Philox4x64::key_type hash_key{{0x4B45'5945'4453'5452ULL, 0x4541'4D53'2076'3220ULL}};
    const auto h = r123::Philox4x64()(
        r123::Philox4x64::ctr_type{{seed, replication, lane, kStreamKeyVersion}}, hash_key);
    key_ = {{static_cast<std::uint32_t>(h[0]), static_cast<std::uint32_t>(h[0] >> 32)}};
}

// Any number of draws from one keyed stream, in order: the words of its blocks 0, 1, 2, ...
// For the few places that need more than four words under one key (a warm start's past).
class WordStream {
public:
    WordStream(const KeyedStreams& streams, std::uint64_t subject, Purpose purpose,
               std::uint64_t index)
        : streams_(&streams), subject_(subject), purpose_(purpose), index_(index) {}

    std::uint32_t next() {
        if (used_ == 4) {
            words_ = streams_->words(subject_, purpose_, index_, block_++);
            used_ = 0;
        }
        return words_[used_++];
    }
    double unit() {
        const std::uint32_t hi = next();
        return unit53(hi, next());
    }
    // Uniform in [range.min, range.max], exactly (Lemire's method with rejection).
    int days(const DayRange& range) {
        if (range.min == range.max) return range.min;
        return lemire_days(range, next(), [this] { return next(); });
    }

private:
    const KeyedStreams* streams_;
    std::uint64_t subject_;
    Purpose purpose_;
    std::uint64_t index_;
    std::uint32_t block_ = 0;
    Words words_{};
    int used_ = 4;
};

// Analysis draws that are not a soldier's (a bootstrap's resamples): Philox4x64-10 through
// MicroURNG, keyed by the caller.
using Philox = r123::Philox4x64;
using Stream = r123::MicroURNG<Philox>;

} // namespace rotsim
