// The force of a replication: one Replication for a scenario without contingents, or one per
// contingent, each a force of its own on its own streams, summed into the totals.
#include "sim/replication.hpp"

namespace rotsim {

namespace {

// Appends a contingent's soldiers to the force's table, numbering ids after the contingents
// before it so that an id stays unique within the replication.
void append_agents(AgentTable& all, AgentTable part, std::int32_t contingent,
                   std::int64_t id_offset) {
    for (auto& id : part.id)
        id += id_offset;
    for_each_column([](auto& to, auto& from) { to.insert(to.end(), from.begin(), from.end()); },
                    all, part);
    all.contingent.insert(all.contingent.end(), part.size(), contingent);
}

} // namespace

ReplicationResult run_replication(const Scenario& scenario, std::uint64_t seed,
                                  std::int64_t replication, const ReplicationOptions& options) {
    if (scenario.contingents.empty())
        return Replication(scenario, seed, replication, options).run();
    ReplicationResult force;
    force.replication = replication;
    force.seed = seed;
    force.series.setZero(kMetricCount, scenario.horizon_days);
    force.has_agents = options.keep_agents;
    force.random_blocks = 0;
    std::int64_t ids = 0;
    for (std::size_t k = 0; k < scenario.contingents.size(); ++k) {
        const Contingent& c = scenario.contingents[k];
        ReplicationResult part =
            Replication(*c.scenario, seed, replication, options, c.stream_lane).run();
        force.series += part.series;
        force.random_blocks =
            part.random_blocks < 0 ? -1 : force.random_blocks + part.random_blocks;
        if (options.keep_agents) {
            // Ids are dense from 0 in each contingent: every soldier it made has a row.
            const auto count = static_cast<std::int64_t>(part.agents.size());
            append_agents(force.agents, std::move(part.agents), static_cast<std::int32_t>(k), ids);
            ids += count;
        }
        force.contingents.push_back({std::move(part.series), part.summary});
    }
    summarize_replication(scenario, force);
    return force;
}

} // namespace rotsim
