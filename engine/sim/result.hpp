#pragma once

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "model/money.hpp"
#include "sim/metrics.hpp"
#include "sim/soldier_fields.hpp"

namespace rotsim {

// Per-replication summary metrics; one registry, as for the per-tick series.
enum Summary : int {
    s_served,
    s_dispatched,
    s_arrivals,
    s_killed,
    s_killed_in_action,
    s_wounded,
    s_captured,
    s_died_of_wounds,
    s_evacuated,
    s_rotated_out,
    s_home,
    s_in_russia_final,
    s_peak_in_russia,
    s_accrued_usd,
    s_paid_by_russia_usd,
    s_receivable_usd,
    s_soldier_accounts_usd,
    s_paid_to_soldiers_usd,
    s_family_compensation_usd,
    s_party_fund_usd,
    s_military_usd,
    s_elite_luxury_usd,
    s_food_usd,
    s_accrued_per_month_usd,
    s_revenue_share_of_gdp,
    s_revenue_share_of_defence,
    s_share_to_soldiers_and_families,
    s_mean_payout_per_survivor_usd,
    s_payout_in_home_months,
    kSummaryCount
};

struct SummaryInfo {
    std::string_view name;
    std::string_view description;
};

inline constexpr std::array<SummaryInfo, kSummaryCount> kSummaries = {{
    {"served", "distinct soldiers who arrived in Russia by the horizon"},
    {"dispatched", "soldiers sent from home (tours)"},
    {"arrivals", "arrivals in Russia (tours)"},
    {"killed", "deaths: killed in action + died of wounds"},
    {"killed_in_action", "killed at the front"},
    {"wounded", "wounding events"},
    {"captured", "prisoners of war"},
    {"died_of_wounds", "deaths in hospital"},
    {"evacuated", "sent home from hospital unfit for duty"},
    {"rotated_out", "left Russia at the end of a tour"},
    {"home", "soldiers at home at the horizon"},
    {"in_russia_final", "soldiers in Russia at the horizon"},
    {"peak_in_russia", "largest number in Russia on any day"},
    {"accrued_usd", "pay accrued over the horizon (USD)"},
    {"paid_by_russia_usd", "paid by Russia to the state (USD)"},
    {"receivable_usd", "accrued, not yet paid at the horizon (USD)"},
    {"soldier_accounts_usd", "held in soldiers' accounts at the horizon (USD)"},
    {"paid_to_soldiers_usd", "paid to soldiers at home (USD)"},
    {"family_compensation_usd", "paid to families of the dead (USD)"},
    {"party_fund_usd", "party fund (USD)"},
    {"military_usd", "military equipment (USD)"},
    {"elite_luxury_usd", "luxury goods for elites (USD)"},
    {"food_usd", "food and consumer goods (USD)"},
    {"accrued_per_month_usd", "accrued per month (365/12 days), averaged over the horizon (USD)"},
    {"revenue_share_of_gdp", "accrued per year / gdp_usd"},
    {"revenue_share_of_defence", "accrued per year / (gdp_usd * defence_share_of_gdp)"},
    {"share_to_soldiers_and_families",
     "(soldier accounts + paid to soldiers + family compensation) / paid by Russia"},
    {"mean_payout_per_survivor_usd", "paid to soldiers / soldiers at home (USD)"},
    {"payout_in_home_months", "mean payout per survivor / home_monthly_pay_usd"},
}};

// One row per soldier, for replications where the per-soldier table was asked for: a column per
// ROW field of sim/soldier_fields.hpp, in its order, plus `contingent`.
struct AgentTable {
#define ROTSIM_AGENT_COLUMN(store, member, type, reset, column, column_type, ...)                  \
    std::vector<column_type> column;
    ROTSIM_SOLDIER_FIELDS(ROTSIM_AGENT_COLUMN, ROTSIM_SKIP_SOLDIER_FIELD)
#undef ROTSIM_AGENT_COLUMN
    // Only with contingents: the soldier's contingent, an index into Scenario::contingents. Ids
    // are then numbered across contingents, in their order. Not a soldier's field: the force
    // (sim/force.cpp) adds it when it joins its contingents' tables.
    std::vector<std::int32_t> contingent;

    std::size_t size() const {
        return id.size();
    }
};

// Calls f with the same column of each table, for every column but `contingent` (which only
// some tables have).
template <class F, class... Tables> void for_each_column(F&& f, Tables&... t) {
#define ROTSIM_VISIT_COLUMN(store, member, type, reset, column, ...) f(t.column...);
    ROTSIM_SOLDIER_FIELDS(ROTSIM_VISIT_COLUMN, ROTSIM_SKIP_SOLDIER_FIELD)
#undef ROTSIM_VISIT_COLUMN
}

// A series as real numbers: kMetricCount rows x ticks, money in ledger units.
using SeriesValues = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// One contingent's share of a replication: its series and its summary, as for the whole force.
struct ContingentResult {
    Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> series;
    std::array<double, kSummaryCount> summary{};
};

// Everything one replication produces. Series hold exact integers: counts, or ledger units for
// money metrics (converted to USD only when written).
struct ReplicationResult {
    std::int64_t replication = 0;
    std::uint64_t seed = 0;
    // kMetricCount rows x ticks columns.
    Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> series;
    std::array<double, kSummaryCount> summary{};
    // Only in an expected-value result (analysis/expectation.hpp): the series as fractional
    // expected values, which the writer stores instead of `series`.
    SeriesValues expected;
    bool has_agents = false;
    AgentTable agents;
    // By Scenario::contingents; empty without contingents. `series` is their sum.
    std::vector<ContingentResult> contingents;
    // Philox blocks the replication drew, for the benchmarks; -1 unless the engine was built with
    // ROTSIM_COUNT_DRAWS. Not written to files.
    std::int64_t random_blocks = -1;
};

} // namespace rotsim
