#include "model/keys.hpp"

#include <array>
#include <cmath>

#include "model/calendar.hpp"

namespace rotsim {
namespace {

using std::to_string;

int days(const IniValue& v, int lo) {
    return static_cast<int>(parse_integer(v, lo, kMaxDays));
}

DayRange duration(const IniValue& v, int lo) {
    return parse_day_range(v, lo, kMaxDays);
}

// "60..90, 2025-02-01:180..365": the range for soldiers dispatched before the first change, then
// each change's range from its dispatch day on (a day number or a date from run.start_date).
void read_legs(Scenario& sc, const IniValue& v, int lo, Leg leg, DayRange& first) {
    auto& changes = sc.duration_changes[static_cast<std::size_t>(leg)];
    changes.clear();
    const std::vector<std::string> items = parse_list(v);
    if (items.empty()) fail(v.origin, "expected a range of whole days 'min..max', got ''");
    if (items.front().find(':') != std::string::npos)
        fail(v.origin, "the first range applies before any change, so it has no day: write "
                       "'min..max, DAY:min..max', got " +
                           in_quotes(v.text));
    first = duration({items.front(), v.origin}, lo);
    int previous = 0;
    for (std::size_t k = 1; k < items.size(); ++k) {
        const std::string& item = items[k];
        const std::size_t colon = item.find(':');
        if (colon == std::string::npos)
            fail(v.origin, "each range after the first starts with the dispatch day it applies "
                           "from, 'DAY:min..max', got " +
                               in_quotes(item));
        const std::string when = trim(item.substr(0, colon));
        DurationChange change;
        change.dated = looks_like_date(when);
        if (change.dated) {
            const auto d = days_between(sc.start_date, when);
            if (!d) fail(v.origin, "no such date " + in_quotes(when) + " in " + in_quotes(item));
            change.day = *d;
        } else {
            change.day = static_cast<int>(parse_integer({when, v.origin}, 1, kMaxDays));
        }
        if (change.day < 1 || change.day > kMaxDays)
            fail(v.origin, "a change of duration falls on day " + to_string(change.day) +
                               ", outside 1.." + to_string(kMaxDays) + " from run.start_date " +
                               sc.start_date + ", in " + in_quotes(item));
        if (change.day <= previous)
            fail(v.origin, "the days of the changes must increase, got " + in_quotes(v.text));
        previous = change.day;
        change.range = duration({trim(item.substr(colon + 1)), v.origin}, lo);
        changes.push_back(change);
    }
}

std::string write_legs(const Scenario& sc, Leg leg, const DayRange& first) {
    std::string text = format_day_range(first), days;
    for (const DurationChange& c : sc.duration_changes[static_cast<std::size_t>(leg)]) {
        const std::string range = format_day_range(c.range);
        text +=
            ", " + (c.dated ? date_after(sc.start_date, c.day) : to_string(c.day)) + ":" + range;
        if (c.dated) days += (days.empty() ? "" : ", ") + to_string(c.day) + ":" + range;
    }
    return days.empty() ? text : text + "  # days: " + days;
}

Schedule schedule(const Scenario& sc, const IniValue& v, double hi) {
    std::vector<bool> dated;
    auto points = parse_schedule(v, hi, kMaxDays, sc.start_date, &dated);
    return {std::move(points), std::move(dated)};
}

// Knots written as dates are written as dates again, with the days they fall on as a comment,
// so the resolved text shows both and still parses to the same days.
std::string dated_schedule(const Scenario& sc, const Schedule& s) {
    std::string text, days;
    bool any_date = false;
    for (std::size_t k = 0; k < s.points().size(); ++k) {
        const auto& [day, value] = s.points()[k];
        const std::string v = format_double(value);
        any_date = any_date || s.dated(k);
        text += (k ? ", " : "") + (s.dated(k) ? date_after(sc.start_date, day) : to_string(day)) +
                ":" + v;
        days += (k ? ", " : "") + to_string(day) + ":" + v;
    }
    return any_date ? text + "  # days: " + days : text;
}

std::int64_t share_ppb(const IniValue& v) {
    return std::llround(parse_probability(v) * static_cast<double>(Allocation::kWhole));
}

std::string states_text(const Scenario& sc) {
    std::string states;
    for (int i = 0; i < kStateCount; ++i)
        if (sc.pay_state[i]) states += (states.empty() ? "" : ", ") + std::string(kStateNames[i]);
    return states;
}

constexpr std::string_view kSpec = "model-spec";
constexpr std::string_view kAssumption = "model-spec (assumption)";

const std::array<KeyInfo, 43> kKeys = {{
    // [run]
    {"run", "horizon_days", KeyKind::whole, "365", "int", "> 0", "days",
     "number of ticks (days) simulated, 0 .. horizon_days - 1", "article: \"over one year\"",
     [](Scenario& sc, const IniValue& v) { sc.horizon_days = days(v, 1); },
     [](const Scenario& sc) { return to_string(sc.horizon_days); }},
    {"run", "start_date", KeyKind::date, "2024-10-01", "date YYYY-MM-DD", "a valid date", "date",
     "calendar date of tick 0: labels outputs, and schedule knots written as dates count from it",
     "article: deployment reported from October 2024",
     [](Scenario& sc, const IniValue& v) { sc.start_date = parse_date(v); },
     [](const Scenario& sc) { return sc.start_date; }},
    // [strength]
    {"strength", "target_strength", KeyKind::schedule, "0:11000, 90:15000", "schedule",
     "days strictly increasing, values >= 0", "soldiers",
     "target number in Russia (training + deployed + wounded) on each day",
     "article: about 11,000 stationed, up to 15,000 expected; build-up over 90 days from "
     "model-spec",
     [](Scenario& sc, const IniValue& v) {
         sc.target_strength = schedule(sc, v, static_cast<double>(kMaxStrength));
     },
     [](const Scenario& sc) { return dated_schedule(sc, sc.target_strength); }},
    {"strength", "dispatch", KeyKind::word, "target", "`target` or `schedule`", "either", "",
     "`target`: dispatch fills the deficit against `target_strength` (3.3.2); `schedule`: sends "
     "round(`dispatch_schedule(t)`) soldiers on day t whatever the strength, so the model has no "
     "feedback and an exact expectation ([expectation.md](expectation.md))",
     "engine",
     [](Scenario& sc, const IniValue& v) {
         if (v.text != "target" && v.text != "schedule")
             fail(v.origin, "must be 'target' or 'schedule', got " + in_quotes(v.text));
         sc.dispatch = v.text == "schedule" ? Dispatch::schedule : Dispatch::target;
     },
     [](const Scenario& sc) {
         return std::string(sc.dispatch == Dispatch::schedule ? "schedule" : "target");
     }},
    {"strength", "dispatch_schedule", KeyKind::schedule, "0:0", "schedule",
     "days strictly increasing, values >= 0", "soldiers a day",
     "soldiers sent per day when `dispatch = schedule` (in whole units of `unit_size`, capped by "
     "`pool_size`); ignored otherwise",
     "engine",
     [](Scenario& sc, const IniValue& v) {
         sc.dispatch_schedule = schedule(sc, v, static_cast<double>(kMaxStrength));
     },
     [](const Scenario& sc) { return dated_schedule(sc, sc.dispatch_schedule); }},
    {"strength", "initial_strength", KeyKind::whole_or, "auto", "int or `auto`",
     ">= 0; `auto` = round(target_strength(0))", "soldiers",
     "soldiers placed in Russia on day 0: all in `russia_training` with a cold start; with a warm "
     "start, the strength as dispatch counts it (3.3.13)",
     kSpec,
     [](Scenario& sc, const IniValue& v) {
         sc.initial_strength = static_cast<int>(
             parse_integer_or(v, "auto", std::llround(sc.target_strength.at(0)), kMaxStrength));
     },
     [](const Scenario& sc) { return to_string(sc.initial_strength); }},
    {"strength", "initial_arrival_spread_days", KeyKind::whole, "30", "int", ">= 1", "days",
     "initial soldiers' notional arrival days are uniform on [-spread, -1]", kSpec,
     [](Scenario& sc, const IniValue& v) { sc.initial_arrival_spread_days = days(v, 1); },
     [](const Scenario& sc) { return to_string(sc.initial_arrival_spread_days); }},
    {"strength", "relief_lead_days", KeyKind::whole, "14", "int", ">= 0", "days",
     "soldiers whose rotation date is within this many days are not counted as strength, so "
     "their reliefs are sent early",
     "model-spec (relief in place)",
     [](Scenario& sc, const IniValue& v) { sc.relief_lead_days = days(v, 0); },
     [](const Scenario& sc) { return to_string(sc.relief_lead_days); }},
    {"strength", "unit_size", KeyKind::whole, "1", "int", ">= 1", "soldiers",
     "soldiers per dispatched unit", kSpec,
     [](Scenario& sc, const IniValue& v) {
         sc.unit_size = static_cast<int>(parse_integer(v, 1, kMaxStrength));
     },
     [](const Scenario& sc) { return to_string(sc.unit_size); }},
    {"strength", "rotation_policy", KeyKind::word, "individual", "`individual` or `unit`", "either",
     "",
     "`unit`: a unit shares transit and stay, rotates as a whole, casualties unreplaced until it "
     "rotates",
     kSpec,
     [](Scenario& sc, const IniValue& v) {
         if (v.text != "individual" && v.text != "unit")
             fail(v.origin, "must be 'individual' or 'unit', got " + in_quotes(v.text));
         sc.rotation_policy = v.text == "unit" ? RotationPolicy::unit : RotationPolicy::individual;
     },
     [](const Scenario& sc) {
         return std::string(sc.rotation_policy == RotationPolicy::unit ? "unit" : "individual");
     }},
    {"strength", "pool_size", KeyKind::whole_or, "unlimited", "int or `unlimited`", ">= 0",
     "soldiers", "cap on distinct soldiers ever sent", kSpec,
     [](Scenario& sc, const IniValue& v) {
         sc.pool_size = parse_integer_or(v, "unlimited", -1, kMaxPool);
     },
     [](const Scenario& sc) {
         return sc.pool_size < 0 ? std::string("unlimited") : to_string(sc.pool_size);
     }},
    {"strength", "max_tours", KeyKind::whole, "1", "int", ">= 1", "tours",
     "tours a soldier may serve", kSpec,
     [](Scenario& sc, const IniValue& v) { sc.max_tours = days(v, 1); },
     [](const Scenario& sc) { return to_string(sc.max_tours); }},
    {"strength", "rest_days", KeyKind::whole, "180", "int", ">= 0", "days",
     "days at home before a veteran may be sent again (only when max_tours > 1)", "engine",
     [](Scenario& sc, const IniValue& v) { sc.rest_days = days(v, 0); },
     [](const Scenario& sc) { return to_string(sc.rest_days); }},
    {"strength", "start", KeyKind::word, "cold", "`cold` or `warm`", "either", "",
     "`cold`: the initial soldiers all start training on day 0 (3.3.2); `warm`: they are placed "
     "as if the rotation had been running at the day-0 strength, over training, front, hospital "
     "and the pipeline (3.3.13)",
     "model-spec (cold); engine (warm)",
     [](Scenario& sc, const IniValue& v) {
         if (v.text != "cold" && v.text != "warm")
             fail(v.origin, "must be 'cold' or 'warm', got " + in_quotes(v.text));
         sc.start = v.text == "warm" ? Start::warm : Start::cold;
     },
     [](const Scenario& sc) { return std::string(sc.start == Start::warm ? "warm" : "cold"); }},
    // [durations]
    {"durations", "transit_in_days", KeyKind::duration, "7..14", "duration by dispatch day",
     "as above", "days", "selection and travel from home to Russia", kAssumption,
     [](Scenario& sc, const IniValue& v) {
         read_legs(sc, v, 0, Leg::transit_in, sc.transit_in_days);
     },
     [](const Scenario& sc) { return write_legs(sc, Leg::transit_in, sc.transit_in_days); }},
    {"durations", "russia_training_days", KeyKind::duration, "14..42", "duration by dispatch day",
     "as above", "days", "adjustment training at a Russian base",
     "model-spec: \"several weeks\"; article: brief training",
     [](Scenario& sc, const IniValue& v) {
         read_legs(sc, v, 0, Leg::russia_training, sc.russia_training_days);
     },
     [](const Scenario& sc) {
         return write_legs(sc, Leg::russia_training, sc.russia_training_days);
     }},
    {"durations", "stay_days", KeyKind::duration, "60..90", "duration by dispatch day", "min >= 1",
     "days", "arrival to rotation date, training included",
     "article: rotated every two to three months",
     [](Scenario& sc, const IniValue& v) { read_legs(sc, v, 1, Leg::stay, sc.stay_days); },
     [](const Scenario& sc) { return write_legs(sc, Leg::stay, sc.stay_days); }},
    {"durations", "recovery_days", KeyKind::duration, "14..60", "duration", "min >= 1", "days",
     "time in hospital before the outcome of a wound", kAssumption,
     [](Scenario& sc, const IniValue& v) { sc.recovery_days = duration(v, 1); },
     [](const Scenario& sc) { return format_day_range(sc.recovery_days); }},
    {"durations", "transit_out_days", KeyKind::duration, "7..14", "duration by dispatch day",
     "as above", "days", "travel home after rotation or evacuation", kAssumption,
     [](Scenario& sc, const IniValue& v) {
         read_legs(sc, v, 0, Leg::transit_out, sc.transit_out_days);
     },
     [](const Scenario& sc) { return write_legs(sc, Leg::transit_out, sc.transit_out_days); }},
    // [casualties]
    {"casualties", "p_kia", KeyKind::real, "0.0005", "real", "[0, 1]", "per day",
     "daily probability of being killed at the front, before multipliers",
     "model-spec: order of South Korean intelligence estimates (hundreds killed among about "
     "11,000)",
     [](Scenario& sc, const IniValue& v) { sc.p_kia = parse_probability(v); },
     [](const Scenario& sc) { return format_double(sc.p_kia); }},
    {"casualties", "p_wia", KeyKind::real, "0.0035", "real", "[0, 1]", "per day",
     "daily probability of being wounded, before multipliers",
     "model-spec: same (thousands wounded)",
     [](Scenario& sc, const IniValue& v) { sc.p_wia = parse_probability(v); },
     [](const Scenario& sc) { return format_double(sc.p_wia); }},
    {"casualties", "p_captured", KeyKind::real, "0.00001", "real", "[0, 1]", "per day",
     "daily probability of capture, before multipliers", "model-spec: same (few prisoners)",
     [](Scenario& sc, const IniValue& v) { sc.p_captured = parse_probability(v); },
     [](const Scenario& sc) { return format_double(sc.p_captured); }},
    {"casualties", "p_died_of_wounds", KeyKind::real, "0.05", "real", "[0, 1]", "probability",
     "probability a wounded soldier dies at the end of his hospital stay", kAssumption,
     [](Scenario& sc, const IniValue& v) { sc.p_died_of_wounds = parse_probability(v); },
     [](const Scenario& sc) { return format_double(sc.p_died_of_wounds); }},
    {"casualties", "p_return_to_duty", KeyKind::real, "0.4", "real", "[0, 1]", "probability",
     "probability a surviving wounded soldier is fit for duty", kAssumption,
     [](Scenario& sc, const IniValue& v) { sc.p_return_to_duty = parse_probability(v); },
     [](const Scenario& sc) { return format_double(sc.p_return_to_duty); }},
    {"casualties", "intensity", KeyKind::schedule, "0:1.0", "schedule", "values >= 0", "multiplier",
     "combat intensity, multiplies every front probability", kSpec,
     [](Scenario& sc, const IniValue& v) { sc.intensity = schedule(sc, v, HUGE_VAL); },
     [](const Scenario& sc) { return dated_schedule(sc, sc.intensity); }},
    {"casualties", "inexperience", KeyKind::real, "1.0", "real", ">= 0", "multiplier",
     "extra hazard on the first day at the front; factor 1 + inexperience x "
     "exp(-days_at_front / experience_days)",
     kSpec, [](Scenario& sc, const IniValue& v) { sc.inexperience = parse_double(v, 0); },
     [](const Scenario& sc) { return format_double(sc.inexperience); }},
    {"casualties", "experience_days", KeyKind::real, "14", "real", "> 0", "days",
     "time scale (days at the front) over which the inexperience hazard fades", kSpec,
     [](Scenario& sc, const IniValue& v) {
         sc.experience_days = parse_double(v, 0, HUGE_VAL, true);
     },
     [](const Scenario& sc) { return format_double(sc.experience_days); }},
    {"casualties", "experience", KeyKind::word, "calendar", "`calendar` or `exposure`", "either",
     "",
     "what days_at_front counts in the inexperience factor: `calendar`, days at the front; "
     "`exposure`, each day at the front weighted by that day's intensity, so days behind the "
     "line at intensity 0 leave a soldier inexperienced (3.3.4)",
     "model-spec (calendar); issue 11 (exposure)",
     [](Scenario& sc, const IniValue& v) {
         if (v.text != "calendar" && v.text != "exposure")
             fail(v.origin, "must be 'calendar' or 'exposure', got " + in_quotes(v.text));
         sc.experience = v.text == "exposure" ? Experience::exposure : Experience::calendar;
     },
     [](const Scenario& sc) {
         return std::string(sc.experience == Experience::exposure ? "exposure" : "calendar");
     }},
    {"casualties", "training_gap", KeyKind::real, "0.5", "real", ">= 0", "multiplier",
     "extra hazard with no training; factor 1 + training_gap x max(0, 1 - training_days / "
     "training_reference_days)",
     "model-spec; article: training judged insufficient",
     [](Scenario& sc, const IniValue& v) { sc.training_gap = parse_double(v, 0); },
     [](const Scenario& sc) { return format_double(sc.training_gap); }},
    {"casualties", "training_reference_days", KeyKind::real, "42", "real", "> 0", "days",
     "training after which there is no extra hazard", kSpec,
     [](Scenario& sc, const IniValue& v) {
         sc.training_reference_days = parse_double(v, 0, HUGE_VAL, true);
     },
     [](const Scenario& sc) { return format_double(sc.training_reference_days); }},
    // [pay]
    {"pay", "monthly_pay_usd", KeyKind::usd, "2000", "money", ">= 0, whole cents", "USD",
     "what Russia pays per soldier per month (accrued daily as x 12 / 365); default pay of every "
     "class",
     "article: about 2,000 USD a month; 22 million a month for 11,000",
     [](Scenario& sc, const IniValue& v) {
         sc.monthly_pay_cents = parse_cents(v, kMaxMonthlyPayUsd);
     },
     [](const Scenario& sc) { return format_cents(sc.monthly_pay_cents); }},
    {"pay", "pay_states", KeyKind::states, "russia_training, deployed, wounded",
     "list of state names",
     "names from: pipeline, russia_training, deployed, wounded, transit_out, home, killed, "
     "captured",
     "", "states in which a soldier accrues pay", kSpec,
     [](Scenario& sc, const IniValue& v) { sc.pay_state = parse_state_set(v); }, states_text},
    {"pay", "settlement_days", KeyKind::whole, "30", "int", ">= 1", "days",
     "Russia pays what has accrued every this many days",
     "model-spec (assumption: monthly payment)",
     [](Scenario& sc, const IniValue& v) { sc.settlement_days = days(v, 1); },
     [](const Scenario& sc) { return to_string(sc.settlement_days); }},
    // [allocation]: the sum rule and the rounding to exact parts are the loader's (one rule
    // over the five keys).
    {"allocation", "soldier", KeyKind::share, "0.05", "real", "[0, 1]", "share",
     "credited to soldiers' own accounts, in proportion to what each accrued",
     "article: soldiers probably get nothing",
     [](Scenario& sc, const IniValue& v) { sc.allocation.soldier = share_ppb(v); },
     [](const Scenario& sc) { return format_parts_per_billion(sc.allocation.soldier); }},
    {"allocation", "party_fund", KeyKind::share, "0.45", "real", "[0, 1]", "share",
     "the ruling party and the leader's family", "article: most likely recipients",
     [](Scenario& sc, const IniValue& v) { sc.allocation.party_fund = share_ppb(v); },
     [](const Scenario& sc) { return format_parts_per_billion(sc.allocation.party_fund); }},
    {"allocation", "military", KeyKind::share, "0.25", "real", "[0, 1]", "share",
     "military equipment", "article",
     [](Scenario& sc, const IniValue& v) { sc.allocation.military = share_ppb(v); },
     [](const Scenario& sc) { return format_parts_per_billion(sc.allocation.military); }},
    {"allocation", "elite_luxury", KeyKind::share, "0.15", "real", "[0, 1]", "share",
     "luxury goods handed to elites to buy loyalty", "article",
     [](Scenario& sc, const IniValue& v) { sc.allocation.elite_luxury = share_ppb(v); },
     [](const Scenario& sc) { return format_parts_per_billion(sc.allocation.elite_luxury); }},
    {"allocation", "food", KeyKind::share, "0.10", "real", "[0, 1]", "share",
     "food and consumer goods", "article",
     [](Scenario& sc, const IniValue& v) { sc.allocation.food = share_ppb(v); },
     [](const Scenario& sc) { return format_parts_per_billion(sc.allocation.food); }},
    // [compensation]
    {"compensation", "death_compensation_share", KeyKind::real, "0.10", "real", "[0, 1]", "share",
     "share of what a killed soldier accrued paid to his family, from the party fund",
     "article: some families of the dead may get part of the earnings; value from model-spec",
     [](Scenario& sc, const IniValue& v) { sc.death_compensation_share = parse_probability(v); },
     [](const Scenario& sc) { return format_double(sc.death_compensation_share); }},
    {"compensation", "death_lump_usd", KeyKind::usd, "0", "money", ">= 0, whole cents", "USD",
     "fixed payment per death on top of the share", kSpec,
     [](Scenario& sc, const IniValue& v) { sc.death_lump_cents = parse_cents(v, kMaxLumpUsd); },
     [](const Scenario& sc) { return format_cents(sc.death_lump_cents); }},
    // [context]
    // The context keys divide the summaries: their lower bounds keep every quotient finite.
    {"context", "gdp_usd", KeyKind::real, "40e9", "real", ">= 1", "USD a year",
     "North Korea's GDP per year, for `revenue_share_of_gdp`", "article: about 40 billion USD",
     [](Scenario& sc, const IniValue& v) { sc.gdp_usd = parse_double(v, 1); },
     [](const Scenario& sc) { return format_double(sc.gdp_usd); }},
    {"context", "defence_share_of_gdp", KeyKind::real, "0.30", "real", "[1e-6, 1]", "share",
     "defence budget as a share of GDP, for `revenue_share_of_defence`", "article: up to 30 %",
     [](Scenario& sc, const IniValue& v) { sc.defence_share_of_gdp = parse_double(v, 1e-6, 1); },
     [](const Scenario& sc) { return format_double(sc.defence_share_of_gdp); }},
    {"context", "home_monthly_pay_usd", KeyKind::real, "1", "real", ">= 0.01", "USD",
     "monthly pay at home, for `payout_in_home_months`", "article: under 1 USD",
     [](Scenario& sc, const IniValue& v) { sc.home_monthly_pay_usd = parse_double(v, 0.01); },
     [](const Scenario& sc) { return format_double(sc.home_monthly_pay_usd); }},
}};

const std::array<ClassKeyInfo, 3> kClassKeys = {{
    {"share", KeyKind::share, "", "real", "[0, 1]; required when there are several classes",
     "share", "fraction of new soldiers of this class (1 with one class); class shares sum to 1",
     "article: the troops are Storm Corps special forces",
     [](SoldierClass& c, const IniValue& v) { c.share = parse_probability(v); },
     [](const SoldierClass& c) { return format_double(c.share); }},
    {"hazard_multiplier", KeyKind::real, "1.0", "real", ">= 0", "multiplier",
     "multiplies every casualty probability at the front for this class", kSpec,
     [](SoldierClass& c, const IniValue& v) { c.hazard_multiplier = parse_double(v, 0); },
     [](const SoldierClass& c) { return format_double(c.hazard_multiplier); }},
    {"monthly_pay_usd", KeyKind::usd, "", "money", ">= 0, whole cents", "USD",
     "this class's monthly pay (default `[pay] monthly_pay_usd`)", kSpec,
     [](SoldierClass& c, const IniValue& v) {
         c.monthly_pay_cents = parse_cents(v, kMaxMonthlyPayUsd);
     },
     [](const SoldierClass& c) { return format_cents(c.monthly_pay_cents); }},
}};

const std::array<SectionInfo, 10> kSections = {{
    {"run", ""},
    {"strength", ""},
    {"durations", "All durations are `min..max` whole days with 0 <= min <= max <= 36500."},
    {"casualties", "Validation: q_worst (3.3.4) must not exceed 1."},
    {"pay", ""},
    {"allocation",
     "Shares of each settlement, each in [0, 1], summing to 1 within 1e-9. The ranking follows "
     "the\n"
     "article. The numbers are model-spec's assumptions. A share given alone (by `--set`, a sweep\n"
     "or a prior) is held and the shares the file or the defaults gave are rescaled in proportion\n"
     "so that the sum stays 1; the resolved text notes each rescaled share."},
    {"compensation", ""},
    {"context", ""},
    {"class.NAME",
     "There can be zero or more class sections (at most 1,000). NAME is the class's name. With\n"
     "none, there is one class, `storm_corps`, with share 1 and the defaults below. A class share\n"
     "given alone rescales the other classes' shares in proportion, as allocation shares do."},
    {"contingent.NAME",
     "There can be zero or more contingent sections (at most 100); NAME is letters, digits, '_'\n"
     "and '-'. With none, the force is the one that [strength] describes. With some, the force is\n"
     "the contingents: each is run as a force of its own (its own dispatch, units, tours and\n"
     "ledger) and every output is their sum, with each contingent's own series and summary beside\n"
     "it (3.3.14). A contingent gives exactly one of `target_strength` and `dispatch_schedule`,\n"
     "which sets its dispatch; its `initial_strength` defaults to `auto`. Every other key below "
     "is\n"
     "inherited from its global section when the contingent does not give it; the keys not listed\n"
     "(casualty rates, classes, allocation, settlement, run dates) are the global ones for all."},
}};

const std::array<std::string_view, 19> kContingentKeys = {
    "contingent.hazard_multiplier",
    "strength.target_strength",
    "strength.dispatch_schedule",
    "strength.initial_strength",
    "strength.initial_arrival_spread_days",
    "strength.relief_lead_days",
    "strength.unit_size",
    "strength.rotation_policy",
    "strength.pool_size",
    "strength.max_tours",
    "strength.rest_days",
    "strength.start",
    "durations.transit_in_days",
    "durations.russia_training_days",
    "durations.stay_days",
    "durations.recovery_days",
    "durations.transit_out_days",
    "pay.monthly_pay_usd",
    "casualties.intensity",
};

} // namespace

std::span<const std::string_view> contingent_keys() {
    return kContingentKeys;
}

std::string scenario_ini_text(const Scenario& sc) {
    std::string out;
    auto put = [&](const std::string& key, std::string_view name, const std::string& value) {
        out += std::string(name) + (value.empty() ? " =" : " = " + value);
        if (auto note = sc.notes.find(key); note != sc.notes.end()) out += "  # " + note->second;
        out += "\n";
    };
    std::string_view section;
    for (const KeyInfo& key : kKeys) {
        if (key.section != section) {
            out += (out.empty() ? "[" : "\n[") + std::string(key.section) + "]\n";
            section = key.section;
        }
        put(key.full_name(), key.name, key.write(sc));
    }
    for (const SoldierClass& c : sc.classes) {
        out += "\n[class." + c.name + "]\n";
        for (const ClassKeyInfo& key : kClassKeys)
            put("class." + c.name + "." + std::string(key.name), key.name, key.write(c));
    }
    for (const Contingent& c : sc.contingents) {
        out += "\n[contingent." + c.name + "]\n";
        out += "hazard_multiplier = " + format_double(c.hazard_multiplier) + "\n";
        const Scenario& own = *c.scenario;
        for (const std::string_view full : kContingentKeys) {
            const KeyInfo* key = find_key(full);
            if (key == nullptr) continue; // hazard_multiplier, written above
            // Its dispatch follows from which of the two it gives.
            if (key->name ==
                (own.dispatch == Dispatch::target ? "dispatch_schedule" : "target_strength"))
                continue;
            out += std::string(key->name) + " = " + key->write(own) + "\n";
        }
    }
    if (!sc.priors.empty()) out += "\n[uncertainty]\n";
    for (const Prior& prior : sc.priors)
        out += prior.describe() + "\n";
    return out;
}

std::span<const KeyInfo> scenario_keys() {
    return kKeys;
}

std::span<const ClassKeyInfo> class_keys() {
    return kClassKeys;
}

std::span<const SectionInfo> scenario_sections() {
    return kSections;
}

const KeyInfo* find_key(std::string_view full_name) {
    for (const KeyInfo& key : kKeys)
        if (full_name.size() == key.section.size() + 1 + key.name.size() &&
            full_name.starts_with(key.section) && full_name[key.section.size()] == '.' &&
            full_name.ends_with(key.name))
            return &key;
    return nullptr;
}

std::string key_reference_markdown() {
    const std::string header = "| key | type | default | valid range | unit | meaning | source |\n"
                               "| --- | --- | --- | --- | --- | --- | --- |\n";
    auto row = [](std::string_view name, std::string_view type, std::string_view def,
                  std::string_view bounds, std::string_view unit, std::string_view meaning,
                  std::string_view source) {
        const bool code = def.find_first_of(":, ") != std::string_view::npos || def == "auto" ||
                          def == "unlimited" || def == "target" || def == "individual" ||
                          def == "cold" || def == "calendar";
        const std::string shown = def.empty() ? "see meaning"
                                  : code      ? "`" + std::string(def) + "`"
                                              : std::string(def);
        return "| `" + std::string(name) + "` | " + std::string(type) + " | " + shown + " | " +
               std::string(bounds) + " | " + std::string(unit) + " | " + std::string(meaning) +
               " | " + std::string(source) + " |\n";
    };
    std::string out;
    for (const SectionInfo& section : kSections) {
        out += "### [" + std::string(section.name) + "]\n\n";
        if (!section.note.empty()) out += std::string(section.note) + "\n\n";
        out += header;
        if (section.name == "contingent.NAME") {
            out += row("hazard_multiplier", "real", "1.0", ">= 0", "multiplier",
                       "front exposure: multiplies every casualty probability of this "
                       "contingent's soldiers, with their class's own; 0 for rear work such as "
                       "construction",
                       "issue 11");
            for (const std::string_view full : kContingentKeys) {
                const KeyInfo* k = find_key(full);
                if (k == nullptr) continue;
                const bool own = k->section == "strength" &&
                                 (k->name == "target_strength" || k->name == "dispatch_schedule" ||
                                  k->name == "initial_strength");
                out += row(k->name, k->type,
                           own ? (k->name == "initial_strength" ? "auto" : "none") : "global",
                           "as in [" + std::string(k->section) + "]", k->unit,
                           own ? "the contingent's own, never inherited"
                               : "`" + k->full_name() + "` unless the contingent gives it",
                           "engine");
            }
        } else if (section.name == "class.NAME") {
            for (const ClassKeyInfo& k : kClassKeys)
                out += row(k.name, k.type, k.default_text, k.bounds, k.unit, k.meaning, k.source);
        } else {
            for (const KeyInfo& k : kKeys)
                if (k.section == section.name)
                    out +=
                        row(k.name, k.type, k.default_text, k.bounds, k.unit, k.meaning, k.source);
        }
        out += "\n";
    }
    return out;
}

} // namespace rotsim
