#pragma once

#include <cstdint>

#include "model/scenario.hpp"
#include "sim/result.hpp"

namespace rotsim::reference {

// The loop a modeler writes first: every soldier, every day, one casualty draw each for those at
// the front. It is the oracle for the fast calendar loop: it draws every duration from the same
// keyed streams, so without casualties both produce identical series, and with casualties the
// distributions must agree. Supports rotation_policy = individual and max_tours = 1; fills the
// soldier counts, the cumulative events and accrued_usd (the ledger's other accounts stay 0).
ReplicationResult run(const Scenario& scenario, std::uint64_t seed, std::int64_t replication);

} // namespace rotsim::reference
