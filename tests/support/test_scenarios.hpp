#pragma once

#include <string>
#include <vector>

#include "model/scenario_loader.hpp"
#include "sim/replication.hpp"

namespace rotsim::testing {

// A scenario from INI text; keys not written take model-spec.md's defaults.
inline Scenario scenario(const std::string& text, const std::vector<std::string>& overrides = {}) {
    return parse_scenario(text, "<test scenario>", overrides);
}

inline Scenario article() {
    return load_scenario(std::string(ROTSIM_SOURCE_DIR) + "/scenarios/article-2024.ini");
}

// 11,000 soldiers held in Russia for the whole horizon: no rotation, no casualties.
inline const char* kHeldInRussia = R"(
[strength]
target_strength = 0:11000
[durations]
stay_days = 1000..1000
[casualties]
p_kia = 0
p_wia = 0
p_captured = 0
)";

inline ReplicationOptions checked(bool agents = false) {
    ReplicationOptions o;
    o.check_every_tick = true;
    o.keep_agents = agents;
    return o;
}

inline std::int64_t final_value(const ReplicationResult& r, int metric) {
    return r.series(metric, r.series.cols() - 1);
}

} // namespace rotsim::testing
