#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/money.hpp"
#include "model/schedule.hpp"
#include "model/state.hpp"
#include "model/uncertainty.hpp"

namespace rotsim {

// A whole number of days drawn uniformly from [min, max] inclusive.
struct DayRange {
    int min = 0;
    int max = 0;
    double mean() const { return (min + max) / 2.0; }
};

// A duration's range for soldiers dispatched from `day` on (durations that change by dispatch
// date: tours of 60..90 days before a date, 180..365 after).
struct DurationChange {
    int day = 0;
    DayRange range;
    bool dated = false; // written as a date, so the resolved text writes it as one again
};

// The durations that may change by dispatch date, as an index into Scenario::duration_changes.
enum class Leg : std::uint8_t { transit_in, russia_training, stay, transit_out };
inline constexpr int kLegCount = 4;

enum class RotationPolicy : std::uint8_t { individual, unit };

// How the soldiers in Russia on day 0 are placed: `cold`, all starting training on day 0 (the
// model-spec's rule); `warm`, as if the rotation had been running (docs/model.md, 3.3.7).
enum class Start : std::uint8_t { cold, warm };

// What counts as experience in the inexperience factor: calendar days at the front, or those
// days weighted by that day's intensity (so that days behind the line at intensity 0 teach
// nothing).
enum class Experience : std::uint8_t { calendar, exposure };

// How dispatch decides how many soldiers to send each day. `target` feeds back from the strength
// in Russia; `schedule` sends a fixed number a day, so that the agent model has an exact,
// computable expectation (docs/expectation.md).
enum class Dispatch : std::uint8_t { target, schedule };

struct SoldierClass {
    std::string name;
    double share = 1.0;             // fraction of dispatched soldiers of this class
    double hazard_multiplier = 1.0; // multiplies every casualty probability at the front
    std::int64_t monthly_pay_cents = 200000;
};

struct Scenario;

// A [contingent.NAME] section: a force of its own with its own strength, durations, pay and
// front exposure. `scenario` is the whole scenario as that contingent sees it (the global keys
// with the contingent's own over them, its hazard_multiplier folded into its classes'), run as
// an independent force on random streams of its own.
struct Contingent {
    std::string name;
    double hazard_multiplier = 1.0;
    std::uint32_t stream_lane = 0; // keys the contingent's streams (sim/random.hpp)
    std::shared_ptr<const Scenario> scenario;
};

// Shares of a settlement, in parts per billion so that splitting is exact integer arithmetic.
struct Allocation {
    static constexpr std::int64_t kWhole = 1'000'000'000;
    std::int64_t soldier = 0;
    std::int64_t party_fund = 0;
    std::int64_t military = 0;
    std::int64_t elite_luxury = 0;
    std::int64_t food = 0;
};

// The immutable, validated model of one scenario. Built once by load_scenario(); the runtime only
// reads it. Field names follow the scenario keys (docs/model.md lists them with their sources).
struct Scenario {
    // [run]
    int horizon_days = 365;
    std::string start_date = "2024-10-01";

    // [strength]
    Schedule target_strength;
    Dispatch dispatch = Dispatch::target;
    Schedule dispatch_schedule; // soldiers sent per day when dispatch = schedule
    int initial_strength = 0;
    int initial_arrival_spread_days = 30;
    int relief_lead_days = 14;
    int unit_size = 1;
    RotationPolicy rotation_policy = RotationPolicy::individual;
    Start start = Start::cold;
    std::int64_t pool_size = -1; // -1: unlimited
    int max_tours = 1;
    int rest_days = 180;

    // [durations]
    DayRange transit_in_days{7, 14};
    DayRange russia_training_days{14, 42};
    DayRange stay_days{60, 90};
    DayRange recovery_days{14, 60};
    DayRange transit_out_days{7, 14};
    // Later ranges of the legs that change by dispatch date, by Leg, in increasing day; the
    // fields above hold the range before the first change.
    std::array<std::vector<DurationChange>, kLegCount> duration_changes;

    // [casualties]
    double p_kia = 0.0005;
    double p_wia = 0.0035;
    double p_captured = 0.00001;
    double p_died_of_wounds = 0.05;
    double p_return_to_duty = 0.4;
    Schedule intensity;
    double inexperience = 1.0;
    double experience_days = 14.0;
    double training_gap = 0.5;
    double training_reference_days = 42.0;

    // [pay]
    std::int64_t monthly_pay_cents = 200000;
    std::array<bool, kStateCount> pay_state{};
    int settlement_days = 30;
    // A [casualties] key, kept here where a byte costs no padding.
    Experience experience = Experience::calendar;

    // [allocation]
    Allocation allocation;

    // [compensation]
    double death_compensation_share = 0.10;
    std::int64_t death_lump_cents = 0;

    // [context]
    double gdp_usd = 40e9;
    double defence_share_of_gdp = 0.30;
    double home_monthly_pay_usd = 1.0;

    // [class.<name>] sections; at least one.
    std::vector<SoldierClass> classes;

    // [contingent.<name>] sections. None: the force is this scenario's own strength. Some: the
    // force is these contingents, each run on its own, and outputs are their sums.
    std::vector<Contingent> contingents;

    // [uncertainty]: what the analyst is unsure of. The fields above hold the scenario as given
    // (every key at its written value); `rotsim run --input-draws K` draws points from these.
    std::vector<Prior> priors;

    // Why a value is not the one given: "allocation.military" -> "rescaled from 0.25 ...".
    std::map<std::string, std::string> notes;

    // The full resolved scenario, every key with its value, as written to output files.
    std::string resolved_text;

    // Largest daily probability that any event happens at the front (kia + wia + captured, with
    // every multiplier at its worst). Validation guarantees it is at most 1.
    double worst_front_probability() const;

    // The range of `leg` for a soldier dispatched on `dispatch_day` (negative for soldiers placed
    // in Russia at the start, who get the first range).
    const DayRange& duration(Leg leg, int dispatch_day) const;
    // The shortest training any soldier can get, over every range of russia_training_days.
    int shortest_training() const;
};

} // namespace rotsim
