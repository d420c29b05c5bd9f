#pragma once

namespace rotsim {

// The version of the soldiers' random streams: how (seed, replication, subject, purpose, index)
// becomes numbers (sim/random.hpp). Two builds with the same version give the same results for
// the same scenario and seed; a new version changes them number by number, not in law. Written to
// every result file as the root attribute `stream_version` (docs/hdf5-schema.md; the versions are
// described in docs/model.md, "Random numbers").
//   1: Philox4x64-10 through MicroURNG and Boost's distributions (up to 0.1.0 of 2026-12-06).
//   2: Philox4x32-10, one block per keyed draw with all its words used, whole days by Lemire's
//      method with rejection, the first casualty of a front spell by exact inversion.
//   3: the draws of version 2; veterans home on the same day are sent again in the order of their
//      ids (not in the order the day's entries were handled), which changes the numbers of
//      scenarios with several tours.
inline constexpr int kStreamVersion = 3;
// The key version of runs made by stream version `version`: the version whose keys their streams
// were made under. Version 3 kept the draws of version 2, so the same seed gives the same numbers
// wherever the order of veterans does not matter, and `compare` may pair runs of the two. A
// version that changes the draws starts a key version of its own here.
constexpr int stream_key_version(int version) {
    return version >= 2 ? 2 : 1;
}
// The key version KeyedStreams uses.
inline constexpr int kStreamKeyVersion = stream_key_version(kStreamVersion);

} // namespace rotsim
