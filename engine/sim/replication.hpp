#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <vector>

#include "model/scenario.hpp"
#include "sim/front.hpp"
#include "sim/ledger.hpp"
#include "sim/random.hpp"
#include "sim/result.hpp"
#include "sim/soldiers.hpp"

namespace rotsim {

// A soldier's past before day 0, as a warm start draws it (warm_start.cpp).
struct WarmPast;

// The class of a soldier whose class draw is `u` (uniform in [0, 1)): by the classes' shares.
int class_for(const Scenario& scenario, double u);

// How long before day 0 a warm start looks: a soldier who arrived longer ago than this is home or
// dead (the longest stay, then a wound on its last day and the longest recovery and journey home).
inline int warm_past_days(const Scenario& sc) {
    return sc.stay_days.max + sc.recovery_days.max + sc.transit_out_days.max + 1;
}

// Where a soldier's credit goes at a settlement: his account while he is away (on his way, in
// Russia, on his way home), his hand at home, the party fund once he is killed or captured.
enum class Fate : std::uint8_t { away, home, lost };
inline constexpr int kFateCount = 3;
constexpr Fate fate_of(State s) {
    return s == State::home ? Fate::home : is_absorbing(s) ? Fate::lost : Fate::away;
}

// Thrown out of a replication whose cancel flag was raised; not an error.
struct Cancelled {};

// What one thread's replications can share, one after another: the soldiers' arrays, which keep
// their size from one replication to the next, so that only the first grows them (page faults,
// copies) and the rest reuse them. A workspace serves one replication at a time; results do not
// depend on whether one is used.
struct ReplicationWorkspace {
    Soldiers soldiers;
};

struct ReplicationOptions {
    bool keep_agents = false; // also return the per-soldier table
    // Buffers to reuse (owned by the caller, one per thread); none: the replication's own.
    ReplicationWorkspace* workspace = nullptr;
    // Checked every tick, so that a long replication stops within a tick of the flag being set
    // (Ctrl-C); the replication then throws Cancelled.
    const std::atomic<bool>* cancel = nullptr;
    // Arrivals in Russia and homecomings after a last tour are worked out when they become known,
    // with no event on their day (docs/engine.md). Off: an event each, as the check of that
    // shortcut (tests/sim/test_shortcuts.cpp); the results are the same either way.
    bool ahead = true;
    // Check head count and ledger conservation after every tick, not only at the end. On in
    // debug builds and in the tests; off by default in release builds for speed.
#ifdef ROTSIM_CHECK_EVERY_TICK
    bool check_every_tick = true;
#else
    bool check_every_tick = false;
#endif
};

// Runs one replication of `scenario`: the fast, calendar-driven loop, once per contingent when it
// has contingents (sim/force.cpp). Deterministic in (seed, replication): the same numbers on any
// thread, in any order.
ReplicationResult run_replication(const Scenario& scenario, std::uint64_t seed,
                                  std::int64_t replication, const ReplicationOptions& options = {});

// Fills result.summary from result.series (see kSummaries).
void summarize_replication(const Scenario& scenario, ReplicationResult& result);
// The summary metrics of any series, such as expected values.
std::array<double, kSummaryCount> summarize_series(const Scenario& scenario,
                                                   const SeriesValues& series);

// One replication in progress. Each soldier has at most one pending calendar entry; a day costs
// the entries due on it, plus dispatch and one column of output.
class Replication {
public:
    // One force: a scenario without contingents, or one contingent's scenario and stream lane.
    Replication(const Scenario& scenario, std::uint64_t seed, std::int64_t replication,
                const ReplicationOptions& options, std::uint32_t lane = 0);
    ReplicationResult run();

private:
    // replication.cpp: strength, dispatch and the soldiers' course
    std::uint32_t recruit(std::int64_t unit_id, State initial, int t);
    std::uint64_t id_of(std::uint32_t slot) const {
        return static_cast<std::uint64_t>(soldiers_[slot].id);
    }
    // A soldier who has left for good is folded into the aggregates at the next settlement, once
    // his last pay and his family's compensation are settled; his slot is then reused.
    void retire(std::uint32_t i);
    void fold_retired();
    void place_initial_soldiers();
    // warm_start.cpp: strength.start = warm
    void place_warm_start();
    void place_warm_soldier(const WarmPast& past, std::int64_t unit_id);
    void place_warm_pipeline();
    const DayRange& leg(Leg which, std::uint32_t i) const {
        return sc_.duration(which, soldiers_[i].dispatch_tick);
    }
    void dispatch(int t);
    std::int64_t send_unit(int t, std::int64_t wanted);
    void process_calendar(int t);
    void handle(std::uint32_t i, Event event, int t);
    // Sends a soldier dispatched (or on his way at a warm start) to Russia, arriving on `arrival`.
    void travel_to_russia(std::uint32_t i, int arrival);
    void arrive(std::uint32_t i, int t);
    // His stay in Russia from `arrival`: his rotation date (individual rotation) and training.
    // Returns the rotation date.
    int begin_stay(std::uint32_t i, int arrival);
    // The day's arrivals settled in advance by travel_to_russia: the counts move today.
    void take_arrivals(int t);
    void start_training(std::uint32_t i, int t);
    void go_to_front(std::uint32_t i, int t);
    void leave_front(std::uint32_t i, int t, bool today_counts);
    void leave_russia(std::uint32_t i, int t, State next);
    void recover(std::uint32_t i, int t);
    void reach_home(std::uint32_t i, int t);
    // Whether he will be sent on another tour after his rest, once home.
    bool serves_again(std::uint32_t i) const { return soldiers_[i].tours < sc_.max_tours; }
    // A soldier leaving Russia on `t` for good, reaching home on `home`: his homecoming worked out
    // now, where it can be (see home_ahead_). False where it is left to a reach_home event.
    bool come_home_ahead(std::uint32_t i, int t, int home);
    // The day's homecomings settled in advance: the counts and his account's payout move today.
    void take_homecomings(int t);
    void set_state(std::uint32_t i, State next, int t);
    // Bookkeeping of counts, strength and pay for leaving / being counted in the current state;
    // with pay_runs_on, his pay is left running (set_state).
    void leave_state(std::uint32_t i, int t, bool pay_runs_on = false);
    void admit(std::uint32_t i, int t, bool pay_runs_on = false);
    void schedule(std::uint32_t i, Event event, int tick);
    void record(int t);
    void check(int t) const;

    // settlement.cpp: pay and the ledger
    void close_pay(std::uint32_t i, int upto);
    // Days of his pay settled by now (accrued before the last settlement).
    std::int32_t settled_days(std::uint32_t i) const;
    // He goes from one fate to another: his pay of this period follows him, and what was
    // credited to him is paid to him (reaching home), forfeited (killed, captured) or, after a
    // rest at home, counted as paid.
    void change_fate(std::uint32_t i, Fate from, Fate to);
    // His account: the credit of his settled days not yet paid to him or forfeited.
    Money account(std::uint32_t i) const;
    // Empties his account (to pay or forfeit it) and returns what it held.
    Money take_account(std::uint32_t i);
    // A soldier at home: what settlements credited since he came home went to his hand in the
    // ledger at once; his own `paid` catches up here.
    void bring_paid_up_to_date(std::uint32_t i);
    void accrue_day();
    void settle(int t);
    void close_all_pay(int upto);

    const Scenario& sc_;
    KeyedStreams rng_;
    std::uint64_t seed_;
    std::int64_t replication_;
    ReplicationOptions options_;

    ExperienceClock clock_;
    FrontTables front_tables_;
    Soldiers own_soldiers_; // used when no workspace is given
    Soldiers& soldiers_;
    std::int64_t next_id_ = 0;
    std::vector<std::uint32_t> retiring_;
    AgentTable folded_rows_; // only with keep_agents
    Money folded_accrued_ = 0, folded_paid_ = 0, folded_family_ = 0;
    Ledger ledger_;
    std::vector<std::vector<std::uint32_t>> calendar_;
    std::array<std::int64_t, kStateCount> n_state_{};
    std::array<std::int64_t, kMetricCount> cumulative_{};

    // Strength as dispatch sees it: soldiers (unit policy: nominal unit strength) in Russia and
    // in the pipeline, and how many of those in Russia rotate on each tick.
    std::int64_t counted_in_russia_ = 0;
    std::int64_t counted_pipeline_ = 0;
    std::vector<std::int64_t> rotating_on_;
    // Unit policy only: nominal strength entering Russia / leaving it, by tick.
    std::vector<std::vector<std::pair<std::int64_t, int>>> unit_arrivals_;
    std::vector<std::int64_t> unit_rotations_;
    std::int64_t recruited_ = 0;
    std::int64_t next_unit_ = 0;
    std::deque<std::pair<int, std::uint32_t>> resting_; // (eligible tick, soldier) in tick order

    // Nothing happens to a soldier on his way to Russia, so his arrival is worked out when he is
    // sent, and on the day only the counts move: soldiers arriving by tick and class, those of
    // them on their first tour by tick, and the rotation dates they bring (individual rotation).
    // Not when the pipeline pays and training does not: his pay would have to stop on the way.
    bool arrive_ahead_ = true;
    bool pay_starts_on_arrival_ = false;
    std::vector<std::int64_t> arriving_;
    std::vector<std::int64_t> first_arrivals_;
    std::vector<std::vector<int>> rotations_arriving_;

    // Nor does anything happen to a soldier on his way home for good (his last tour), so his
    // homecoming is worked out when he leaves Russia: by tick and class, the soldiers coming home,
    // their days of pay not yet paid to them, and of those the days of the current settlement
    // period (a settlement on the way makes them settled, and they are then paid on arrival).
    // Not when transit_out or home pays: his pay would change on the way.
    bool home_ahead_ = false;
    std::vector<std::int64_t> homecomings_;
    std::vector<std::int64_t> home_unpaid_days_;
    std::vector<std::int64_t> home_unsettled_days_;
    int last_homecoming_ = -1;

    // Pay bookkeeping. A settlement credits each soldier the same whole number of units for
    // each day of pay he accrued (credit_per_day_), so it walks nobody: the days of the period
    // are counted by class and by fate, and each soldier's credit is a product of his days,
    // worked out when he reaches home or dies (docs/model.md, "Money").
    std::vector<Money> daily_pay_;      // by class, ledger units
    std::vector<Money> credit_per_day_; // by class: the soldiers' share of a day's pay, floored
    std::array<std::vector<std::int64_t>, kFateCount> on_pay_;      // by fate and class
    std::array<std::vector<std::int64_t>, kFateCount> period_days_; // by fate and class
    int period_start_ = 0; // the first tick not yet settled
    std::vector<std::uint32_t> compensation_due_;
    Money death_lump_units_ = 0;

    ReplicationResult result_;
};

} // namespace rotsim
