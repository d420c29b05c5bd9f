// The counts of a run (issue 14, items 8 and 9): refused before anything is made, naming the
// option and the limit, rather than failing to allocate or overflowing replication indices.
#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>

#include "ensemble/ensemble.hpp"
#include "model/error.hpp"

using Catch::Contains;
using rotsim::check_plan;
using rotsim::kMaxRuns;

TEST_CASE("a run's counts are checked against the limits up front", "[ensemble][limits]") {
    constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
    CHECK_NOTHROW(check_plan(0, 100, 10));
    CHECK_NOTHROW(check_plan(0, kMaxRuns, 0));
    CHECK_THROWS_WITH(check_plan(0, kMaxRuns + 1, 0),
                      Contains("--replications 134217729 is more than the limit of 134217728 "
                               "runs in one file"));
    CHECK_THROWS_WITH(check_plan(0, 1'000'000'000'000, 0), Contains("--replications"));
    CHECK_THROWS_WITH(check_plan(0, max, 0), Contains("more than the limit"));
    CHECK_THROWS_WITH(check_plan(0, 0, 0), Contains("--replications must be at least 1"));
    // The last replication index, first + n - 1, must fit in int64.
    CHECK_NOTHROW(check_plan(max - 2, 3, 0));
    CHECK_NOTHROW(check_plan(max, 1, 0));
    CHECK_THROWS_WITH(check_plan(max, 3, 0),
                      Contains("--first-replication 9223372036854775807 with --replications 3: "
                               "the last replication would be past the largest replication "
                               "index, 2^63-1"));
    CHECK_THROWS_WITH(check_plan(max - 1, 3, 0), Contains("--first-replication"));
    CHECK_THROWS_WITH(check_plan(-1, 3, 0), Contains("--first-replication must be 0 or more"));
    CHECK_THROWS_WITH(check_plan(0, 3, 4), Contains("--agents must be between 0 and"));
    CHECK_THROWS_AS(check_plan(0, 3, -1), rotsim::InputError);
}
