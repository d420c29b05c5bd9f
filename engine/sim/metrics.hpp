#pragma once

#include <array>
#include <string_view>

#include "model/state.hpp"

namespace rotsim {

// The registry of per-tick series. One list drives the recorder, the HDF5 layout and the docs:
// adding a metric here adds it everywhere. Counts are soldiers or cumulative events; money
// metrics are cumulative ledger units (see model/money.hpp), written out as USD.
enum class Unit { soldiers, events, money };

struct MetricInfo {
    std::string_view name;
    Unit unit;
    std::string_view description;
};

// Scoped in a namespace (not an enum class) so the values index arrays directly, without
// their short names (killed, served, ...) clashing with the model's other words.
namespace metric {
enum Metric : int {
    n_pipeline,
    n_russia_training,
    n_deployed,
    n_wounded,
    n_transit_out,
    n_home,
    n_killed,
    n_captured,
    in_russia,
    target_strength,
    dispatched,
    served,
    arrivals,
    killed,
    killed_in_action,
    wounded,
    captured,
    died_of_wounds,
    evacuated,
    rotated_out,
    returned_to_duty,
    accrued_usd,
    paid_by_russia_usd,
    receivable_usd,
    soldier_accounts_usd,
    paid_to_soldiers_usd,
    family_compensation_usd,
    party_fund_usd,
    military_usd,
    elite_luxury_usd,
    food_usd,
    count
};
} // namespace metric
using metric::Metric;
inline constexpr int kMetricCount = metric::count;

inline constexpr std::array<MetricInfo, kMetricCount> kMetrics = {{
    {"n_pipeline", Unit::soldiers, "soldiers selected at home and travelling to Russia"},
    {"n_russia_training", Unit::soldiers, "soldiers in adjustment training at a Russian base"},
    {"n_deployed", Unit::soldiers, "soldiers at the front"},
    {"n_wounded", Unit::soldiers, "soldiers in hospital in Russia"},
    {"n_transit_out", Unit::soldiers, "soldiers rotated out or evacuated, travelling home"},
    {"n_home", Unit::soldiers, "soldiers back in North Korea"},
    {"n_killed", Unit::soldiers, "soldiers killed in action or dead of wounds"},
    {"n_captured", Unit::soldiers, "prisoners of war"},
    {"in_russia", Unit::soldiers, "n_russia_training + n_deployed + n_wounded"},
    {"target_strength", Unit::soldiers, "target strength in Russia on that day (rounded)"},
    {"dispatched", Unit::events, "cumulative soldiers sent from home (tours, repeats counted)"},
    {"served", Unit::events, "cumulative distinct soldiers who have arrived in Russia"},
    {"arrivals", Unit::events, "cumulative arrivals in Russia (tours, repeats counted)"},
    {"killed", Unit::events, "cumulative deaths (killed in action + died of wounds)"},
    {"killed_in_action", Unit::events, "cumulative soldiers killed at the front"},
    {"wounded", Unit::events, "cumulative wounding events"},
    {"captured", Unit::events, "cumulative soldiers captured"},
    {"died_of_wounds", Unit::events, "cumulative deaths in hospital"},
    {"evacuated", Unit::events, "cumulative soldiers sent home from hospital unfit for duty"},
    {"rotated_out", Unit::events, "cumulative soldiers who left Russia at the end of their tour"},
    {"returned_to_duty", Unit::events, "cumulative returns from hospital to the front"},
    {"accrued_usd", Unit::money, "pay accrued (what Russia owes), cumulative"},
    {"paid_by_russia_usd", Unit::money, "what Russia has paid to the North Korean state"},
    {"receivable_usd", Unit::money, "accrued but not yet paid by Russia"},
    {"soldier_accounts_usd", Unit::money, "credited to soldiers' accounts, not yet paid out"},
    {"paid_to_soldiers_usd", Unit::money, "paid to soldiers on reaching home"},
    {"family_compensation_usd", Unit::money, "paid to families of the dead"},
    {"party_fund_usd", Unit::money, "ruling party and the leader's family"},
    {"military_usd", Unit::money, "military equipment"},
    {"elite_luxury_usd", Unit::money, "luxury goods handed to elites"},
    {"food_usd", Unit::money, "food and consumer goods"},
}};

// The series that counts the soldiers in each state, declared pair by pair and looked up by state:
// reordering the states or the series cannot move a count into another series.
struct StateSeries {
    State state;
    Metric metric;
};

inline constexpr std::array<StateSeries, kStateCount> kStateSeries = {{
    {State::pipeline, metric::n_pipeline},
    {State::russia_training, metric::n_russia_training},
    {State::deployed, metric::n_deployed},
    {State::wounded, metric::n_wounded},
    {State::transit_out, metric::n_transit_out},
    {State::home, metric::n_home},
    {State::killed, metric::n_killed},
    {State::captured, metric::n_captured},
}};

// kStateSeries by state; metric::count for a state it leaves out (which the check below refuses).
constexpr std::array<Metric, kStateCount> series_by_state() {
    std::array<Metric, kStateCount> by_state{};
    by_state.fill(metric::count);
    for (const StateSeries& p : kStateSeries)
        by_state[static_cast<std::size_t>(p.state)] = p.metric;
    return by_state;
}
inline constexpr std::array<Metric, kStateCount> kSeriesByState = series_by_state();

constexpr Metric state_series(State s) {
    return kSeriesByState[static_cast<std::size_t>(s)];
}

// Every state has a series of soldiers of its own.
constexpr bool each_state_counted_once() {
    for (int s = 0; s < kStateCount; ++s) {
        const Metric m = state_series(static_cast<State>(s));
        if (m == metric::count || kMetrics[m].unit != Unit::soldiers) return false;
        for (int other = 0; other < s; ++other)
            if (state_series(static_cast<State>(other)) == m) return false;
    }
    return true;
}
static_assert(each_state_counted_once(), "kStateSeries: a state without a series, or two in one");

// in_russia: the counts of the states is_in_russia names, added in the states' order.
template <class Count> Count count_in_russia(const std::array<Count, kStateCount>& by_state) {
    Count total{};
    bool first = true;
    for (int s = 0; s < kStateCount; ++s) {
        if (!is_in_russia(static_cast<State>(s))) continue;
        // Starting from the first count, not from zero: 0.0 + -0.0 is not -0.0.
        total = first ? by_state[static_cast<std::size_t>(s)]
                      : total + by_state[static_cast<std::size_t>(s)];
        first = false;
    }
    return total;
}

} // namespace rotsim
