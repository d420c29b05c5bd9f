// Building a Scenario's checked parts from the loader's settings (model/settings.hpp): the
// allocation, the classes, and the bounds on the front probability and on money.
#include "model/error.hpp"
#include "model/keys.hpp"
#include "model/settings.hpp"

#include <algorithm>
#include <cmath>

namespace rotsim {

// The five shares were read into exact parts per billion; this checks their sum and puts the
// rounding residue on the largest, so that a settlement splits into exactly what was received.
void finish_allocation(Scenario& sc, const Settings& settings, const std::string& source) {
    double sum = 0;
    std::string parts;
    for (std::size_t i = 0; i < kShareNames.size(); ++i) {
        const IniValue& s = settings.values.at(std::string("allocation.") + kShareNames[i]);
        sum += parse_probability(s);
        parts += (i == 0 ? "" : ", ") + named(s);
    }
    if (std::abs(sum - 1.0) > 1e-9)
        throw InputError(source + ": [allocation] shares must sum to 1, but they sum to " +
                         format_approx(sum) + ": " + parts);
    std::int64_t Allocation::*largest = kShareFields[0];
    std::int64_t total = 0;
    for (auto field : kShareFields) {
        total += sc.allocation.*field;
        if (sc.allocation.*field > sc.allocation.*largest) largest = field;
    }
    sc.allocation.*largest += Allocation::kWhole - total;
}

std::vector<SoldierClass> soldier_classes(const Settings& settings, std::int64_t default_pay,
                                          const std::string& source) {
    std::vector<SoldierClass> classes;
    classes.reserve(settings.classes.size());
    double sum = 0;
    // The message names the first few shares only: a file may have a hundred thousand classes.
    constexpr std::size_t kNamedShares = 10;
    std::string parts;
    std::size_t shares = 0;
    for (const ClassSettings& c : settings.classes) {
        SoldierClass k{c.name, 1.0, 1.0, default_pay};
        if (!c.values.contains("share") && settings.classes.size() > 1)
            fail({c.origin.where, "class." + c.name + ".share", c.origin.line},
                 "required when there are several classes");
        for (const ClassKeyInfo& key : class_keys())
            if (auto it = c.values.find(std::string(key.name)); it != c.values.end())
                key.read(k, it->second);
        if (auto it = c.values.find("share"); it != c.values.end() && shares++ < kNamedShares)
            parts += (parts.empty() ? "" : ", ") + named(it->second);
        sum += k.share;
        classes.push_back(k);
    }
    if (std::abs(sum - 1.0) > 1e-9)
        throw InputError(source + ": class shares must sum to 1, but they sum to " +
                         format_approx(sum) + ": " + parts +
                         (shares > kNamedShares
                              ? " and " + std::to_string(shares - kNamedShares) + " more"
                              : ""));
    return classes;
}

void check_front_probability(const Scenario& sc, const Settings& settings,
                             const std::string& source) {
    double worst = sc.worst_front_probability();
    if (worst <= 1.0) return;
    auto key = [&](const char* name) { return named(settings.values.at(name)); };
    const SoldierClass* hazard = &sc.classes.front();
    for (const SoldierClass& c : sc.classes)
        if (c.hazard_multiplier > hazard->hazard_multiplier) hazard = &c;
    double gap = std::max(0.0, 1.0 - sc.shortest_training() / sc.training_reference_days);
    throw InputError(
        source + ": the worst daily probability of a casualty at the front is " +
        format_approx(worst) + ", more than 1. It is the product of: (" + key("casualties.p_kia") +
        " + " + key("casualties.p_wia") + " + " + key("casualties.p_captured") +
        "); max intensity " + format_approx(sc.intensity.max_over(0, sc.horizon_days)) +
        " over the run from " + key("casualties.intensity") +
        "; the largest class hazard_multiplier " + format_approx(hazard->hazard_multiplier) +
        " (class." + hazard->name + "); the inexperience factor " +
        format_approx(1 + sc.inexperience) + " = 1 + " + key("casualties.inexperience") +
        "; the training-gap factor " + format_approx(1 + sc.training_gap * gap) + " = 1 + " +
        key("casualties.training_gap") + " x max(0, 1 - the shortest russia_training_days " +
        std::to_string(sc.shortest_training()) + " / " + key("casualties.training_reference_days") +
        ")");
}

double check_money_range(const Scenario& sc, const Settings& settings, const std::string& source) {
    const double peak =
        std::max(sc.target_strength.max_value(), static_cast<double>(sc.initial_strength)) +
        sc.unit_size;
    const SoldierClass* best = &sc.classes.front();
    for (const SoldierClass& c : sc.classes)
        if (c.monthly_pay_cents > best->monthly_pay_cents) best = &c;
    const double daily_usd = to_usd(daily_pay_units(best->monthly_pay_cents));
    const double lump_usd = static_cast<double>(sc.death_lump_cents) / 100.0;
    const double bound = peak * (sc.horizon_days * daily_usd + lump_usd);
    if (bound <= kMaxMoneyUsd) return bound;
    auto key = [&](const char* name) { return named(settings.values.at(name)); };
    throw InputError(source + ": the money this scenario can accrue, " + format_approx(bound) +
                     " USD, is more than rotsim's ledger holds with headroom (" +
                     format_approx(kMaxMoneyUsd) + " USD). It is bounded by the peak strength " +
                     format_approx(peak) + " (from " + key("strength.target_strength") + ", " +
                     key("strength.initial_strength") + " and " + key("strength.unit_size") +
                     ") x " + key("run.horizon_days") + " x the largest daily pay " +
                     format_approx(daily_usd) + " USD (class." + best->name +
                     ", monthly pay x 12 / 365), plus " + key("compensation.death_lump_usd") +
                     " per soldier; lower one of them");
}

// With dispatch = schedule, strength follows the schedule, not the target: the soldiers it can
// ever send bound the money instead, each paid for at most the whole horizon.
double check_schedule_money(const Scenario& sc, const Settings& settings,
                            const std::string& source) {
    if (sc.dispatch != Dispatch::schedule) return 0;
    const double per_day =
        std::ceil(std::round(sc.dispatch_schedule.max_value()) / sc.unit_size) * sc.unit_size;
    const double soldiers = sc.initial_strength + per_day * sc.horizon_days;
    double pay = 0;
    for (const SoldierClass& c : sc.classes)
        pay = std::max(pay, to_usd(daily_pay_units(c.monthly_pay_cents)));
    const double bound =
        soldiers * (sc.horizon_days * pay + static_cast<double>(sc.death_lump_cents) / 100.0);
    if (bound <= kMaxMoneyUsd) return bound;
    auto key = [&](const char* name) { return named(settings.values.at(name)); };
    throw InputError(source + ": the money this scenario can accrue, " + format_approx(bound) +
                     " USD, is more than rotsim's ledger holds with headroom (" +
                     format_approx(kMaxMoneyUsd) + " USD). It is bounded by the " +
                     format_approx(soldiers) + " soldiers that " +
                     key("strength.dispatch_schedule") + " can send over " +
                     key("run.horizon_days") + " x that horizon x the largest daily pay " +
                     format_approx(pay) + " USD; lower one of them");
}

} // namespace rotsim
