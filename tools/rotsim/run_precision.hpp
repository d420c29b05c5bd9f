#pragma once

// `rotsim run --precision METRIC=R`: the options, the stopping rule they make, and the report.

#include <boost/program_options.hpp>
#include <cstdint>
#include <optional>
#include <ostream>
#include <vector>

#include "analysis/precision.hpp"
#include "sim/result.hpp"

namespace rotsim::cli {

void add_precision_options(boost::program_options::options_description& options);

// The rule the options ask for, or none. `max_runs` is --replications, the cap. Throws
// std::invalid_argument naming the option at fault.
std::optional<PrecisionRule> precision_rule(const boost::program_options::variables_map& vm,
                                            std::int64_t max_runs, std::int64_t agent_runs);

// The values a rule takes from one replication: its summaries, in the rule's target order.
std::vector<double> precision_values(const PrecisionRule& rule, const ReplicationResult& result);

// What the rule settled on and why, one line per target.
void report_precision(std::ostream& out, const PrecisionRule& rule, std::int64_t max_runs);

} // namespace rotsim::cli
