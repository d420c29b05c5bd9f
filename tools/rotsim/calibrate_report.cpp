#include "calibrate_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <ostream>

namespace rotsim::cli {
namespace {

// Four significant digits: enough to compare a posterior with its prior and a fit with its
// target, without noise that the sampling does not support.
std::string number(double value) {
    if (std::isnan(value)) return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

// Columns padded to their widest cell, left-aligned, two spaces apart.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width;
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (width.size() <= c) width.push_back(0);
            width[c] = std::max(width[c], row[c].size());
        }
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c)
            line +=
                row[c] + std::string(c + 1 < row.size() ? width[c] - row[c].size() + 2 : 0, ' ');
        out << line << "\n";
    }
}

} // namespace

std::string rule_text(const AcceptanceRule& rule) {
    if (rule.by_tolerance()) return "distance <= " + number(rule.tolerance);
    return "the closest " + number(rule.fraction * 100) + " % of the points";
}

std::string nothing_accepted(const CalibrationSetting& s, const Calibration& c) {
    if (c.best < 0) return "no point accepted: no point has a finished run";
    return "no point accepted (" + rule_text(s.rule) + "); the closest is at " +
           number(c.distance[static_cast<std::size_t>(c.best)]) +
           ": raise --tolerance, or use --accept";
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The weighted particles, each point's generation and weight, and the generations: rejection is
// one generation whose accepted points weigh alike.
void add_particles(CalibrationRecord& r, const CalibrationSetting& s, const Calibration& c) {
    const auto points = c.distance.size();
    r.algorithm = s.smc ? "smc" : "rejection";
    r.stop_reason = s.stop_reason;
    r.weight = c.weight;
    r.generation = s.smc ? s.point_generation : std::vector<std::int32_t>(points, 0);
    for (const std::int64_t point : c.ranking) {
        const auto p = static_cast<std::size_t>(point);
        r.particle_point.push_back(point);
        r.particle_weight.push_back(c.weight[p]);
        r.particle_distance.push_back(c.distance[p]);
        std::string lines;
        for (std::size_t k = 0; k < s.keys.size(); ++k) {
            lines += (k ? "\n" : "") + s.keys[k].name + "=" + s.texts[k][p];
            r.particle_values.push_back(s.keys[k].values[p]);
        }
        r.particle_overrides.push_back(lines);
    }
    if (s.smc) {
        r.quantile = s.quantile;
        r.particles = s.particles;
        for (const SmcGeneration& g : s.generations) {
            r.generation_tolerance.push_back(g.tolerance);
            r.generation_first_point.push_back(g.first_point);
            r.generation_proposed.push_back(g.proposed);
            r.generation_refused.push_back(g.refused);
            r.generation_runs.push_back(g.runs);
            r.generation_accepted.push_back(g.accepted);
            r.generation_ess.push_back(g.ess);
            r.generation_complete.push_back(g.complete ? 1 : 0);
        }
        return;
    }
    const auto accepted = static_cast<std::int64_t>(c.ranking.size());
    r.generation_tolerance.push_back(
        s.rule.by_tolerance()
            ? s.rule.tolerance
            : (c.ranking.empty() ? kNaN : c.distance[static_cast<std::size_t>(c.ranking.back())]));
    r.generation_first_point.push_back(0);
    r.generation_proposed.push_back(static_cast<std::int64_t>(points));
    r.generation_refused.push_back(0);
    r.generation_runs.push_back(static_cast<std::int64_t>(points) * s.replications);
    r.generation_accepted.push_back(accepted);
    r.generation_ess.push_back(static_cast<double>(accepted));
    r.generation_complete.push_back(1);
}

} // namespace

CalibrationRecord calibration_record(const CalibrationSetting& s, const Calibration& c) {
    CalibrationRecord r;
    r.method = s.smc ? "sequential ABC (ABC-SMC, Beaumont et al. 2009): populations of weighted "
                       "particles under a decreasing tolerance, each proposed from the last by a "
                       "normal kernel of twice its weighted variance; generation 0 is a Latin "
                       "hypercube of the uniform prior over each --range"
                     : "rejection ABC: the design is a Latin hypercube of the uniform prior over "
                       "each --range; the accepted points are a sample of the posterior";
    r.distance = "sqrt(mean over targets of ((mean over the point's finished runs of the metric "
                 "on the target's day - value) / uncertainty)^2)";
    if (s.smc) {
        // The posterior is the last complete generation; a cut-short one after it is not.
        std::size_t last = s.generations.size();
        while (last > 1 && !s.generations[last - 1].complete)
            --last;
        r.tolerance = last > 0 ? s.generations[last - 1].tolerance : kNaN;
        r.rule = "generation " + std::to_string(last - 1) + ": the first " +
                 std::to_string(s.particles) + " proposals within distance " + number(r.tolerance) +
                 ", the weighted " + number(s.quantile * 100) +
                 " % quantile of the previous generation's distances";
    } else {
        r.rule = rule_text(s.rule);
        if (s.rule.by_tolerance())
            r.tolerance = s.rule.tolerance;
        else
            r.accept_fraction = s.rule.fraction;
    }
    r.best_point = c.best;
    r.targets_path = s.targets_path;
    r.targets_text = s.targets_text;
    for (std::size_t t = 0; t < s.targets.size(); ++t) {
        const CalibrationTarget& target = s.targets[t];
        r.metric.push_back(target.metric);
        r.date.push_back(target.date);
        r.tick.push_back(target.tick);
        r.line.push_back(target.line);
        r.value.push_back(target.value);
        r.uncertainty.push_back(target.uncertainty);
        r.fit_best.push_back(c.fit[t].best);
        r.fit_median.push_back(c.fit[t].median);
        r.fit_q05.push_back(c.fit[t].q05);
        r.fit_q95.push_back(c.fit[t].q95);
    }
    for (std::size_t p = 0; p < c.distance.size(); ++p) {
        r.point_distance.push_back(c.distance[p]);
        r.accepted.push_back(c.accepted[p] ? 1 : 0);
        r.simulated.insert(r.simulated.end(), c.means[p].begin(), c.means[p].end());
    }
    add_particles(r, s, c);
    for (const PosteriorSummary& k : c.posterior) {
        r.key.push_back(k.key);
        r.prior_lo.push_back(k.prior_lo);
        r.prior_hi.push_back(k.prior_hi);
        r.mean.push_back(k.mean);
        r.sd.push_back(k.sd);
        r.q05.push_back(k.q05);
        r.q50.push_back(k.q50);
        r.q95.push_back(k.q95);
    }
    return r;
}

namespace {

// The generations of a sequential calibration: how the tolerance fell and what each cost.
void print_generations(std::ostream& out, const CalibrationSetting& s, const Calibration& c) {
    std::int64_t runs = 0;
    for (const SmcGeneration& g : s.generations)
        runs += g.runs;
    const auto points = static_cast<std::int64_t>(c.distance.size());
    out << "calibration against " << s.targets.size() << " target"
        << (s.targets.size() == 1 ? "" : "s") << " (" << s.targets_path
        << "): sequential ABC, populations of " << s.particles << " particles, " << points
        << " points x " << s.replications << " replications (" << runs << " runs) in "
        << number(s.seconds) << " s\nstopped: " << s.stop_reason
        << "; each tolerance is the weighted " << number(s.quantile * 100)
        << " % quantile of the last population's distances (root mean square of the targets' "
           "z-scores)\n\ngenerations:\n";
    // Only shown when the loader refused some proposals (schedule days out of order, say).
    const bool refusals = std::any_of(s.generations.begin(), s.generations.end(),
                                      [](const SmcGeneration& g) { return g.refused > 0; });
    std::vector<std::vector<std::string>> rows = {
        {"generation", "tolerance", "proposed", "runs", "accepted", "acceptance", "ESS"}};
    if (refusals) rows.front().insert(rows.front().begin() + 3, "refused");
    for (std::size_t g = 0; g < s.generations.size(); ++g) {
        const SmcGeneration& gen = s.generations[g];
        const std::int64_t drawn = gen.proposed + gen.refused;
        rows.push_back({std::to_string(g) + (gen.complete ? "" : " (incomplete)"),
                        std::isinf(gen.tolerance) ? "prior" : number(gen.tolerance),
                        std::to_string(gen.proposed), std::to_string(gen.runs),
                        std::to_string(gen.accepted),
                        number(100.0 * static_cast<double>(gen.accepted) /
                               static_cast<double>(std::max<std::int64_t>(drawn, 1))) +
                            " %",
                        gen.complete ? number(gen.ess) : "-"});
        if (refusals) rows.back().insert(rows.back().begin() + 3, std::to_string(gen.refused));
    }
    print_table(out, rows);
}

} // namespace

void print_calibration(std::ostream& out, const CalibrationSetting& s, const Calibration& c) {
    const auto points = static_cast<std::int64_t>(c.distance.size());
    const auto accepted = static_cast<std::int64_t>(c.ranking.size());
    if (s.smc) {
        print_generations(out, s, c);
        out << "\nposterior (sequential ABC, the final population's weighted particles; uniform "
               "prior over each --range):\n";
    } else {
        out << "calibration against " << s.targets.size() << " target"
            << (s.targets.size() == 1 ? "" : "s") << " (" << s.targets_path << "): " << points
            << " points x " << s.replications << " replications in " << number(s.seconds) << " s\n"
            << accepted << " of " << points << " points accepted (" << rule_text(s.rule) << ")";
        if (c.best >= 0)
            out << "; distance of the best " << number(c.distance[static_cast<std::size_t>(c.best)])
                << (accepted > 0
                        ? ", of the last accepted " +
                              number(c.distance[static_cast<std::size_t>(c.ranking.back())])
                        : std::string())
                << " (root mean square of the targets' z-scores)";
        out << "\n\nposterior (rejection ABC; uniform prior over each --range):\n";
    }
    std::vector<std::vector<std::string>> rows = {
        {"key", "prior lo", "prior hi", "mean", "sd", "5 %", "50 %", "95 %"}};
    for (const PosteriorSummary& k : c.posterior)
        rows.push_back({k.key, number(k.prior_lo), number(k.prior_hi), number(k.mean), number(k.sd),
                        number(k.q05), number(k.q50), number(k.q95)});
    print_table(out, rows);

    out << "\nfit to the targets (best: the closest point's mean; median and 90 % band: every "
        << (s.smc ? "run of the final particles, weighted" : "run of the accepted points")
        << "):\n";
    rows = {{"line", "metric", "date", "observed", "+/-", "best", "median", "5 %", "95 %"}};
    for (std::size_t t = 0; t < s.targets.size(); ++t) {
        const CalibrationTarget& target = s.targets[t];
        const TargetFit& fit = c.fit[t];
        rows.push_back({std::to_string(target.line), target.metric, target.date,
                        number(target.value), number(target.uncertainty), number(fit.best),
                        number(fit.median), number(fit.q05), number(fit.q95)});
    }
    print_table(out, rows);

    const auto shown = std::min<std::int64_t>(accepted, s.table_rows);
    out << "\n"
        << (s.smc ? "final particles" : "accepted points") << ", closest first (" << shown << " of "
        << accepted << "; all of them in /calibration/" << (s.smc ? "particles" : "accepted")
        << " of " << s.out << "):\n";
    rows = {{"rank", "point", "distance"}};
    if (s.smc) rows.front().push_back("weight");
    for (const CalibrationKey& key : s.keys)
        rows.front().push_back(key.name);
    for (std::int64_t k = 0; k < shown; ++k) {
        const auto p = static_cast<std::size_t>(c.ranking[static_cast<std::size_t>(k)]);
        std::vector<std::string> row = {std::to_string(k + 1), std::to_string(p),
                                        number(c.distance[p])};
        if (s.smc) row.push_back(number(c.weight[p]));
        for (const CalibrationKey& key : s.keys)
            row.push_back(number(key.values[p]));
        rows.push_back(std::move(row));
    }
    print_table(out, rows);
}

} // namespace rotsim::cli
