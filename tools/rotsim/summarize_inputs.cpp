#include "summarize_inputs.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/variance_split.hpp"
#include "number_text.hpp"
#include "text_table.hpp"

namespace rotsim::cli {

void print_input_uncertainty(std::ostream& out, const SweepSummaries& sweep,
                             const std::vector<std::string>& metrics, bool csv) {
    TextTable table;
    table.header = {"metric", "mean", "sd",        "p5",       "p50",
                    "p95",    "runs", "sd_inputs", "sd_noise", "inputs_share"};
    std::vector<bool> finished;
    for (RunStatus s : sweep.status)
        finished.push_back(s == RunStatus::done);
    for (std::size_t m = 0; m < sweep.metrics.size(); ++m) {
        if (!metrics.empty() &&
            std::find(metrics.begin(), metrics.end(), sweep.metrics[m]) == metrics.end())
            continue;
        const VarianceSplit s = split_variance(sweep.values[m], sweep.point, finished);
        const auto number = [&](double x) { return csv ? exact(x) : readable(x); };
        const std::string share =
            std::isnan(s.input_share)
                ? (csv ? "nan" : "-")
                : (csv ? exact(s.input_share)
                       : std::to_string(static_cast<int>(std::lround(100 * s.input_share))) + " %");
        // The split's estimates need not add up to the pooled variance exactly (each is
        // estimated on its own); shown as the pooled variance in the estimated shares, they do.
        const double inputs = std::sqrt(s.input_share * s.variance);
        const double noise = std::sqrt((1 - s.input_share) * s.variance);
        table.rows.push_back({sweep.metrics[m], number(s.mean), number(std::sqrt(s.variance)),
                              number(s.q05), number(s.q50), number(s.q95), std::to_string(s.runs),
                              number(inputs), number(noise), share});
    }
    if (csv) {
        table.print_csv(out);
        return;
    }
    const bool posterior = sweep.sweep.kind == "posterior";
    out << "\nCombined uncertainty: " << sweep.sweep.points << " input points drawn from "
        << (posterior ? "a calibration's posterior" : "the scenario's [uncertainty] priors") << ", "
        << sweep.sweep.replications << " replications each.\n"
        << "mean, sd, p5..p95: over every run, so the band holds both input uncertainty and "
           "run-to-run noise\n"
        << "  (the " << (posterior ? "posterior" : "prior") << " predictive distribution).\n"
        << "inputs_share: the share of the variance due to the inputs, Var(E[metric | inputs]) "
           "/ Var(metric),\n"
        << "  the rest being run-to-run noise, E[Var(metric | inputs)]; sd_inputs and sd_noise "
           "split sd in those shares\n"
        << "  (sd_inputs^2 + sd_noise^2 = sd^2; docs/uncertainty.md).\n\n";
    table.print(out);
    if (sweep.sweep.replications < 2)
        out << "\nWith 1 replication per point the noise cannot be told from the inputs: run "
               "--replications 2 or more for the split.\n";
}

} // namespace rotsim::cli
