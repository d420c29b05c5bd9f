#include "bench_support.hpp"

#include <malloc.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "model/scenario_loader.hpp"
#include "model/state.hpp"
#include "sim/metrics.hpp"

namespace rotsim::bench {

std::string source_path(const std::string& relative) {
    return std::string(ROTSIM_SOURCE_DIR) + "/" + relative;
}

const Scenario& article() {
    static const Scenario scenario = load_scenario(source_path("scenarios/article-2024.ini"));
    return scenario;
}

Scenario article_with(const std::vector<std::string>& overrides) {
    return load_scenario(source_path("scenarios/article-2024.ini"), overrides);
}

Scenario scaled(std::int64_t strength, int horizon_days) {
    return article_with({"strength.target_strength=0:" + std::to_string(strength),
                         "strength.initial_strength=auto",
                         "run.horizon_days=" + std::to_string(horizon_days)});
}

namespace {

// Draws KeyedStreams::days() takes for one duration: none when the range is a single day.
std::int64_t draws_of(const DayRange& range) {
    return range.min == range.max ? 0 : 1;
}

} // namespace

Work work_of(const Scenario& sc, const ReplicationResult& r) {
    Work w;
    const auto& s = r.series;
    const Eigen::Index last = s.cols() - 1;
    auto at_end = [&](Metric m) { return s(m, last); };
    w.transitions =
        at_end(metric::dispatched) + at_end(metric::arrivals) + at_end(metric::killed_in_action) +
        at_end(metric::wounded) + at_end(metric::captured) + at_end(metric::died_of_wounds) +
        at_end(metric::evacuated) + at_end(metric::rotated_out) + at_end(metric::returned_to_duty);
    for (Eigen::Index t = 0; t <= last; ++t) {
        const std::int64_t present = s(metric::n_pipeline, t) + s(metric::n_russia_training, t) +
                                     s(metric::n_deployed, t) + s(metric::n_wounded, t) +
                                     s(metric::n_transit_out, t);
        w.soldier_days += present;
        w.peak_present = std::max(w.peak_present, present);
    }
    const std::int64_t initial = sc.initial_strength;
    w.soldiers_ever = initial + at_end(metric::dispatched);

    if (!r.has_agents) return w;
    // With one tour each, a soldier reached the front once iff he has days there, or entered it on
    // the last tick.
    std::int64_t reached_front = 0;
    for (std::size_t i = 0; i < r.agents.size(); ++i)
        if (r.agents.days_at_front[i] > 0 ||
            r.agents.final_state[i] == static_cast<std::int8_t>(State::deployed))
            ++reached_front;
    w.all_transitions = w.transitions + reached_front + at_end(metric::n_home);
    w.front_spells = reached_front + at_end(metric::returned_to_duty);
    const std::int64_t hospital_outcomes = at_end(metric::died_of_wounds) +
                                           at_end(metric::evacuated) +
                                           at_end(metric::returned_to_duty);
    const DayRange spread{1, sc.initial_arrival_spread_days};
    w.other_draws =
        initial * draws_of(spread) +                                // initial arrival day
        at_end(metric::dispatched) * draws_of(sc.transit_in_days) + // journey out
        at_end(metric::arrivals) * (draws_of(sc.stay_days) + draws_of(sc.russia_training_days)) +
        at_end(metric::wounded) * draws_of(sc.recovery_days) + // hospital stay
        hospital_outcomes +                                    // two uniforms, one block
        (at_end(metric::rotated_out) + at_end(metric::evacuated)) *
            draws_of(sc.transit_out_days); // journey home
    return w;
}

std::int64_t status_bytes(const char* field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(field) + ":";
    while (std::getline(in, line)) {
        if (line.rfind(prefix, 0) != 0) continue;
        std::istringstream value(line.substr(prefix.size()));
        std::int64_t kib = -1;
        value >> kib;
        return kib < 0 ? -1 : kib * 1024;
    }
    return -1;
}

void PeakMemory::start() {
    malloc_trim(0);
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5" << std::flush;
    reset_ = static_cast<bool>(clear);
    baseline_ = status_bytes("VmRSS");
}

std::int64_t PeakMemory::growth() const {
    return status_bytes("VmHWM") - baseline_;
}

} // namespace rotsim::bench
