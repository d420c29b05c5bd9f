#pragma once

#include <array>

#include "model/scenario.hpp"
#include "sim/result.hpp"

namespace rotsim {

// The expected-value model (docs/expectation.md): a deterministic cohort projection of the agent
// model, tick by tick in the order of docs/model.md section 1.3. With `dispatch = schedule` it is
// the exact expectation of every per-tick series (up to floating point and the ledger's rounding
// to whole units); with `dispatch = target` dispatch is computed from the expected state, the
// mean-field approximation.
struct Expectation {
    // kMetricCount rows x horizon_days columns, as a replication's series: expected soldiers and
    // cumulative events (fractional), money in ledger units (model/money.hpp).
    SeriesValues series;
    // The summary metrics of kSummaries computed from the expected series (so peak_in_russia is
    // the peak of the expected strength, not the expected peak).
    std::array<double, kSummaryCount> summary{};
    bool exact = false; // dispatch = schedule
};

// Throws InputError, naming the key, for what the projection does not model: more than one tour
// (strength.max_tours > 1), units that rotate together when dispatch feeds back
// (strength.rotation_policy = unit with dispatch = target), durations so long that the state
// would not fit in memory, and the rules of issue 11: contingents, durations that change by
// dispatch date within the horizon, casualties.experience = exposure (unless the intensity is 1
// throughout or inexperience is 0) and strength.start = warm.
Expectation expect_scenario(const Scenario& scenario);

// The expectation as a one-row result for ResultWriter: `expected` holds the series, `series`
// the same values rounded to whole soldiers and units.
ReplicationResult expectation_result(const Expectation& expectation);

} // namespace rotsim
