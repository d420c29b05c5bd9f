#include "run_precision.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "model/ini_text.hpp"
#include "sim/derived.hpp"

namespace po = boost::program_options;

namespace rotsim::cli {
namespace {

// Below this many replications the standard deviation itself is too uncertain for the interval
// to mean much, and an early lucky streak would stop the run.
constexpr std::int64_t kDefaultMinRuns = 20;

int summary_index(const std::string& name) {
    for (std::size_t s = 0; s < kSummaries.size(); ++s)
        if (kSummaries[s].name == name) return static_cast<int>(s);
    return -1;
}

PrecisionTarget parse_target(const std::string& text) {
    const auto equals = text.find('=');
    if (equals == std::string::npos || equals == 0)
        throw std::invalid_argument("--precision '" + text +
                                    "': expected METRIC=R, e.g. --precision served=0.01");
    PrecisionTarget target;
    target.metric = text.substr(0, equals);
    if (summary_index(target.metric) < 0 && !find_derived(target.metric, DerivedKind::summary)) {
        std::vector<std::string> names;
        names.reserve(kSummaries.size());
        for (const SummaryInfo& s : kSummaries)
            names.emplace_back(s.name);
        for (const DerivedMetric& m : derived_metrics())
            if (m.kind == DerivedKind::summary) names.emplace_back(m.name);
        throw std::invalid_argument("--precision '" + text + "': '" + target.metric +
                                    "' is not a summary metric; did you mean '" +
                                    closest(target.metric, names) + "'?");
    }
    const std::string value = text.substr(equals + 1);
    std::size_t used = 0;
    try {
        target.relative = std::stod(value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != value.size() || !(target.relative > 0.0) || !(target.relative < 1.0))
        throw std::invalid_argument("--precision '" + text +
                                    "': R must be a number between 0 and 1 (0.01 is 1 %), got '" +
                                    value + "'");
    return target;
}

std::string percent(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g %%", 100.0 * fraction);
    return text;
}

} // namespace

void add_precision_options(po::options_description& options) {
    options.add_options()(
        "precision", po::value<std::vector<std::string>>()->composing(),
        "METRIC=R: stop adding replications once the 95 % confidence interval of the summary "
        "metric's mean is within R of the mean (0.01: 1 %); repeatable (all must hold); "
        "--replications is the most it runs")(
        "min-replications", po::value<std::int64_t>()->default_value(kDefaultMinRuns),
        "with --precision: replications run before the interval is trusted");
}

std::optional<PrecisionRule> precision_rule(const po::variables_map& vm, std::int64_t max_runs,
                                            std::int64_t agent_runs) {
    if (!vm.count("precision")) {
        if (!vm["min-replications"].defaulted())
            throw std::invalid_argument("--min-replications is for --precision");
        return std::nullopt;
    }
    std::vector<PrecisionTarget> targets;
    for (const std::string& text : vm["precision"].as<std::vector<std::string>>())
        targets.push_back(parse_target(text));
    const std::int64_t min_runs = vm["min-replications"].as<std::int64_t>();
    if (min_runs < 2 || min_runs > max_runs)
        throw std::invalid_argument("--min-replications must be between 2 and --replications (" +
                                    std::to_string(max_runs) + "), got " +
                                    std::to_string(min_runs));
    // Per-soldier rows are kept in replication order; rows that --precision may drop would
    // have to be cut out of /agents too.
    if (agent_runs > min_runs)
        throw std::invalid_argument("with --precision, --agents must be at most "
                                    "--min-replications (" +
                                    std::to_string(min_runs) + ")");
    return PrecisionRule(std::move(targets), min_runs, max_runs);
}

std::vector<double> precision_values(const PrecisionRule& rule, const ReplicationResult& result) {
    std::vector<double> values;
    for (const PrecisionTarget& t : rule.targets()) {
        if (const int s = summary_index(t.metric); s >= 0) {
            values.push_back(result.summary[static_cast<std::size_t>(s)]);
            continue;
        }
        // A derived summary, from the replication's summaries as a reader would compute it.
        const DerivedMetric& derived = *find_derived(t.metric, DerivedKind::summary);
        std::vector<double> in;
        for (const std::string_view input : derived.inputs)
            in.push_back(
                result.summary[static_cast<std::size_t>(summary_index(std::string(input)))]);
        values.push_back(derived.summary(in.data()));
    }
    return values;
}

void report_precision(std::ostream& out, const PrecisionRule& rule, std::int64_t max_runs) {
    const std::int64_t runs = rule.settled().value_or(rule.rows_seen_in_order());
    const std::vector<PrecisionStatus> status = rule.status();
    bool all_met = true;
    for (const PrecisionStatus& s : status)
        all_met = all_met && s.met;
    out << (all_met ? "precision reached after " : "precision NOT reached after ") << runs
        << " replications"
        << (all_met ? "" : " (the --replications cap was " + std::to_string(max_runs) + ")")
        << ":\n";
    for (std::size_t i = 0; i < status.size(); ++i) {
        const PrecisionStatus& s = status[i];
        const double relative = s.half_width / std::fabs(s.mean);
        out << "  " << rule.targets()[i].metric << ": ";
        // A metric that never varies is known exactly, whatever its mean (0 has no relative
        // precision to speak of).
        if (s.half_width == 0 && s.runs > 1)
            out << "the same value, " << s.mean << ", in every run: exact";
        else
            out << "95 % interval +-"
                << (std::isfinite(relative) ? percent(relative)
                                            : "inf (the mean is 0: no relative precision)")
                << " of the mean";
        out << ", asked " << percent(rule.targets()[i].relative) << " (" << s.runs
            << " finite values)\n";
    }
}

} // namespace rotsim::cli
