#pragma once

#include <array>
#include <string_view>

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

} // namespace rotsim
