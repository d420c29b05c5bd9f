#include "sim/front.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace rotsim {

namespace {

// The training-gap factor of a soldier with `training_days` of training received.
double training_factor(const Scenario& sc, int training_days) {
    return 1.0 + sc.training_gap * std::max(0.0, 1.0 - static_cast<double>(training_days) /
                                                           sc.training_reference_days);
}

// The inexperience factor of a soldier with `experience` (days at the front, or their exposure).
double inexperience_factor(const Scenario& sc, double experience) {
    return 1.0 + sc.inexperience * std::exp(-experience / sc.experience_days);
}

// Everything in the multiplier but intensity: the soldier's own factors on a day at the front.
double personal_factor(const Scenario& sc, double hazard_multiplier, int training_days,
                       double experience) {
    return hazard_multiplier * inexperience_factor(sc, experience) *
           training_factor(sc, training_days);
}

} // namespace

double front_multiplier(const Scenario& sc, double hazard_multiplier, int training_days,
                        double experience, int day) {
    return sc.intensity.at(day) * personal_factor(sc, hazard_multiplier, training_days, experience);
}

ExperienceClock::ExperienceClock(const Scenario& sc, int first, int last) : first_(first) {
    if (sc.experience != Experience::exposure) return;
    const auto days = static_cast<std::size_t>(std::max(last - first, 0));
    exposure_.assign(days + 1, 0.0);
    for (std::size_t k = 0; k < days; ++k)
        exposure_[k + 1] = exposure_[k] + sc.intensity.at(first + static_cast<int>(k));
}

FrontTables::FrontTables(const Scenario& sc)
    : sc_(sc), calendar_(sc.experience != Experience::exposure),
      flat_(sc.intensity.points().size() <= 1) {
    slots_.fill(-1);
}

const std::vector<FrontTables::Entry>* FrontTables::table(double scale, int upto) {
    // A scenario has few scales (classes times days of training received); more than this and
    // the tables would cost more to grow than thinning does.
    constexpr std::size_t kMostTables = kSlots / 2;
    // Open addressing on the scale's bits: a spell finds its table in a probe or two, where a
    // scan of the scales cost a compare per table before it.
    std::size_t h = (std::bit_cast<std::uint64_t>(scale) * 0x9E37'79B9'7F4A'7C15ULL) >>
                    (64 - std::countr_zero(kSlots));
    while (slots_[h] >= 0 && scales_[static_cast<std::size_t>(slots_[h])] != scale)
        h = (h + 1) % kSlots;
    if (slots_[h] < 0) {
        if (scales_.size() == kMostTables) return nullptr;
        slots_[h] = static_cast<std::int16_t>(scales_.size());
        scales_.push_back(scale);
        tables_.push_back({{1.0, 0.0}});
    }
    auto& t = tables_[static_cast<std::size_t>(slots_[h])];
    while (static_cast<int>(t.size()) <= upto) {
        const auto j = static_cast<double>(t.size() - 1);
        const double q = std::min(1.0, scale * inexperience_factor(sc_, j));
        const double log_survival = t.back().log_survival + std::log1p(-q);
        t.push_back({t.back().survival * (1.0 - q), log_survival});
    }
    return &t;
}

namespace {

Event pick_event(const Scenario& sc, std::uint32_t word) {
    const double pick = unit32(word) * (sc.p_kia + sc.p_wia + sc.p_captured);
    return pick < sc.p_kia              ? Event::killed_in_action
           : pick < sc.p_kia + sc.p_wia ? Event::wounded
                                        : Event::captured;
}

// Exact inversion: the first day k of the spell on which survival to experience e0 + k + 1 falls
// below u times survival to e0, u uniform in (0, 1].
FrontEvent invert(const Scenario& sc, const std::vector<FrontTables::Entry>& t, const Words& w,
                  int e0, int from, int days) {
    const double u = 1.0 - unit53(w[0], w[1]);
    const FrontTables::Entry& start = t[static_cast<std::size_t>(e0)];
    // Survives the day x - 1 of experience while the product to x stays at or above the bar. Far
    // down the table the product underflows, and logs are compared instead.
    const bool small = start.survival < 1e-250;
    const double bar = u * start.survival;
    const double log_bar = small ? std::log(u) + start.log_survival : 0.0;
    auto survives_to = [&](int x) {
        const FrontTables::Entry& e = t[static_cast<std::size_t>(x)];
        return small ? e.log_survival >= log_bar : e.survival >= bar;
    };
    if (survives_to(e0 + days)) return {};
    // The first day k with !survives_to(e0 + k + 1) is in [lo, lo + len). Halving without a
    // branch on the comparison (a conditional move): which way it goes is a coin toss that the
    // branch predictor would miss half the time.
    int lo = 0, len = days;
    while (len > 1) {
        const int half = len / 2;
        lo = survives_to(e0 + lo + half) ? lo + half : lo;
        len -= half;
    }
    return {from + lo, pick_event(sc, w[2])};
}

} // namespace

FrontEvent first_front_event(const Scenario& sc, const KeyedStreams& streams,
                             const FrontSoldier& soldier, const ExperienceClock& clock, int from,
                             int end, std::uint32_t& draws, FrontTables* tables, Purpose purpose) {
    const double base = sc.p_kia + sc.p_wia + sc.p_captured;
    if (base <= 0.0 || from >= end) return {};
    if (tables && tables->applies(from, end)) {
        // Calendar experience is a whole number of days.
        const auto e0 = static_cast<int>(soldier.experience);
        const double scale = base * sc.intensity.at(from) * soldier.hazard_multiplier *
                             training_factor(sc, soldier.training_days);
        if (scale <= 0.0) return {};
        if (const auto* t = tables->table(scale, e0 + (end - from)))
            return invert(sc, *t, streams.words(soldier.id, purpose, draws++), e0, from,
                          end - from);
    }
    const double personal =
        personal_factor(sc, soldier.hazard_multiplier, soldier.training_days, soldier.experience);
    const double q_max = std::min(1.0, base * sc.intensity.max_over(from, end) * personal);
    if (q_max <= 0.0) return {};
    const double log_miss = std::log1p(-q_max); // -inf when q_max is 1: every day is a candidate

    std::int64_t day = from;
    while (true) {
        const Words w = streams.words(soldier.id, purpose, draws++);
        // Failures before the first success of a Bernoulli(q_max) sequence, by inversion.
        const double gap = std::floor(std::log1p(-unit53(w[0], w[1])) / log_miss);
        if (!(gap < static_cast<double>(end - day))) return {};
        day += static_cast<std::int64_t>(gap);
        const int d = static_cast<int>(day);
        const double q =
            base * front_multiplier(sc, soldier.hazard_multiplier, soldier.training_days,
                                    soldier.experience + clock.gained(from, d), d);
        if (unit32(w[2]) * q_max < q) return {d, pick_event(sc, w[3])};
        ++day;
    }
}

} // namespace rotsim
