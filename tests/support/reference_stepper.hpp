#pragma once

#include <cstdint>

#include "model/scenario.hpp"
#include "sim/result.hpp"

namespace rotsim::reference {

// The loop a modeler writes first: every soldier, every day, one casualty draw each for those at
// the front. It is the oracle for the fast calendar loop: it draws every duration from the same
// keyed streams, so without casualties (and with a cold start) both produce identical series, and
// with casualties the distributions must agree. Supports rotation_policy = individual and
// max_tours = 1; fills the soldier counts, the cumulative events and accrued_usd (the ledger's
// other accounts stay 0), and the summary of those series.
//
// The rules of issue 11, each written the plain way:
// - contingents: each contingent's scenario is stepped on its own stream lane, and the series are
//   summed (ReplicationResult::contingents holds each one's series and summary);
// - durations by dispatch date: every leg's range is looked up by the soldier's dispatch day (the
//   soldiers placed at the start take the first range);
// - experience = exposure: each day at the front adds that day's intensity to the soldier's
//   experience (1 with calendar experience);
// - start = warm: the soldiers of day 0 are placed by the stepper's own draws (purposes of its
//   own), following the law of engine/sim/warm_start.cpp: candidates who arrived a uniform number
//   of days before day 0 (over every age at which one can still be in Russia or on his way home),
//   each with a stay, class, training and journey home of his own, whose course before day 0 is
//   stepped day by day by the per-day rule (one Bernoulli draw a day at the front, wounds,
//   hospital, returns to duty, rotation); those in Russia or on their way home on day 0 are
//   placed, the others are not there, until initial_strength are in Russia; and the pipeline,
//   sent at the rate that keeps the strength. So the comparison checks the fast loop's thinning
//   before day 0 too. Equal to the fast loop in distribution only, never draw for draw.
ReplicationResult run(const Scenario& scenario, std::uint64_t seed, std::int64_t replication);

} // namespace rotsim::reference
