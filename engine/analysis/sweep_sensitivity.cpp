#include "analysis/sweep_sensitivity.hpp"

#include "model/error.hpp"
#include "model/ini_text.hpp"

#include <algorithm>
#include <cmath>

namespace rotsim {
namespace {

[[noreturn]] void refuse(const SweepSummaries& sweep, const std::string& what) {
    throw InputError("cannot compute sensitivity indices of '" + sweep.path + "': " + what);
}

void check_design(const SweepSummaries& sweep) {
    const SweepHeader& d = sweep.sweep;
    if (d.kind == "grid")
        refuse(sweep, "it is a grid sweep, and indices need a sampled design: sweep with --lhs N "
                      "--range KEY=lo:hi ... (standardized regression and partial rank "
                      "correlation coefficients) or --sobol N --range KEY=lo:hi ... (Sobol' "
                      "indices)");
    if (d.kind == "points")
        refuse(sweep, "its points are listed one by one (--points, or a calibration), not "
                      "sampled from ranges, so no index can be attributed to a key: sweep with "
                      "--lhs N or --sobol N and --range KEY=lo:hi ...");
    if (d.kind == "posterior")
        refuse(sweep, "its points are resampled from a calibration's posterior, whose keys are "
                      "correlated, so no index can be attributed to one key; the variance split "
                      "of 'rotsim summarize' holds for it");
    // Draws from priors are a Latin hypercube of the priors' quantiles: the regression indices
    // of an lhs sweep apply as they are.
    if (d.kind != "lhs" && d.kind != "sobol" && d.kind != "prior")
        refuse(sweep, "its design is of kind '" + d.kind +
                          "'; lhs, prior and sobol designs are supported");
    if (d.shard_count > 1)
        refuse(sweep, "it is shard " + std::to_string(d.shard_index) + "/" +
                          std::to_string(d.shard_count) +
                          " of a sweep; join the shards with 'rotsim merge' first");
    const auto missing = std::count(sweep.status.begin(), sweep.status.end(), RunStatus::missing);
    if (missing > 0)
        refuse(sweep, "the sweep is not finished: " + std::to_string(missing) + " of " +
                          std::to_string(sweep.status.size()) +
                          " runs are not in the file (rerun its command with --resume)");
    for (std::size_t k = 0; k < d.keys.size(); ++k)
        if (d.numbers[k].size() != static_cast<std::size_t>(d.points))
            refuse(sweep, "key " + d.keys[k] + " has values that are not numbers");
    if (d.keys.empty()) refuse(sweep, "its design sweeps no key");
}

// Means over the replications that finished; failed runs have no summaries.
PointMeans point_means(const SweepSummaries& sweep, std::size_t metric) {
    std::vector<double> values;
    std::vector<std::int64_t> points, replications;
    for (std::size_t r = 0; r < sweep.status.size(); ++r) {
        if (sweep.status[r] != RunStatus::done) continue;
        values.push_back(sweep.values[metric][r]);
        points.push_back(sweep.point[r]);
        replications.push_back(sweep.sweep.rows[r] % sweep.sweep.replications);
    }
    return average_replications(values, points, replications, sweep.sweep.points);
}

void latin_hypercube(const SweepSummaries& sweep, MetricSensitivity& out, const PointMeans& f) {
    const SweepHeader& d = sweep.sweep;
    std::vector<std::int64_t> used;
    for (std::int64_t p = 0; p < d.points; ++p)
        if (std::isfinite(f.mean[static_cast<std::size_t>(p)])) used.push_back(p);
    const auto n = static_cast<Eigen::Index>(used.size());
    const auto k = static_cast<Eigen::Index>(d.keys.size());
    Eigen::MatrixXd x(n, k);
    Eigen::VectorXd y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto p = static_cast<std::size_t>(used[static_cast<std::size_t>(i)]);
        y(i) = f.mean[p];
        for (Eigen::Index j = 0; j < k; ++j)
            x(i, j) = d.numbers[static_cast<std::size_t>(j)][p];
    }
    out.used = n;
    out.dropped = d.points - n;
    out.constant = n > 0 && y.maxCoeff() == y.minCoeff();
    out.regression = regression_indices(x, y);
}

// The design's point of base sample j in matrix m (0 A, i AB_i, keys + 1 B), checked whole.
std::vector<std::int64_t> saltelli_layout(const SweepSummaries& sweep) {
    const SweepHeader& d = sweep.sweep;
    const auto width = static_cast<std::int64_t>(d.keys.size()) + 2;
    const auto points = static_cast<std::size_t>(d.points);
    if (d.base_samples < 1 || d.points != d.base_samples * width ||
        d.sobol_sample.size() != points || d.sobol_matrix.size() != points)
        refuse(sweep, "its Saltelli design is damaged: /design/sobol_sample and sobol_matrix do "
                      "not describe base_samples x (keys + 2) points");
    std::vector<std::int64_t> layout(points, -1);
    for (std::size_t p = 0; p < points; ++p) {
        const std::int64_t j = d.sobol_sample[p], m = d.sobol_matrix[p];
        if (j < 0 || j >= d.base_samples || m < 0 || m >= width ||
            layout[static_cast<std::size_t>(j * width + m)] >= 0)
            refuse(sweep, "its Saltelli design is damaged: point " + std::to_string(p) +
                              " has base sample " + std::to_string(j) + ", matrix " +
                              std::to_string(m));
        layout[static_cast<std::size_t>(j * width + m)] = static_cast<std::int64_t>(p);
    }
    return layout;
}

void saltelli(const SweepSummaries& sweep, const std::vector<std::int64_t>& layout, int resamples,
              std::uint64_t seed, MetricSensitivity& out, const PointMeans& f) {
    const SweepHeader& d = sweep.sweep;
    const auto k = static_cast<Eigen::Index>(d.keys.size());
    const auto width = static_cast<std::size_t>(k + 2);
    // A base sample is used whole or not at all: the estimators pair its k + 2 outputs.
    std::vector<std::size_t> used;
    for (std::size_t j = 0; j < static_cast<std::size_t>(d.base_samples); ++j) {
        const auto begin = layout.begin() + static_cast<std::ptrdiff_t>(j * width);
        if (std::all_of(begin, begin + static_cast<std::ptrdiff_t>(width), [&](std::int64_t p) {
                return std::isfinite(f.mean[static_cast<std::size_t>(p)]);
            }))
            used.push_back(j);
    }
    const auto n = static_cast<Eigen::Index>(used.size());
    Eigen::VectorXd a(n), b(n);
    Eigen::MatrixXd ab(n, k);
    auto at = [&](std::size_t j, std::size_t m) {
        return f.mean[static_cast<std::size_t>(layout[j * width + m])];
    };
    for (Eigen::Index i = 0; i < n; ++i) {
        const std::size_t j = used[static_cast<std::size_t>(i)];
        a(i) = at(j, 0);
        b(i) = at(j, width - 1);
        for (Eigen::Index key = 0; key < k; ++key)
            ab(i, key) = at(j, static_cast<std::size_t>(key) + 1);
    }
    out.used = n;
    out.dropped = d.base_samples - n;
    out.sobol = sobol_indices(a, b, ab, resamples, seed);
    out.constant = n > 0 && !(out.sobol.variance > 0);
}

std::vector<std::size_t> chosen_metrics(const SweepSummaries& sweep,
                                        const std::vector<std::string>& names) {
    std::vector<std::size_t> out;
    for (const std::string& name : names) {
        const auto it = std::find(sweep.metrics.begin(), sweep.metrics.end(), name);
        if (it == sweep.metrics.end()) {
            std::string message = "it has no summary metric '";
            message.append(name).append("'; did you mean '");
            message.append(closest(name, sweep.metrics)).append("'? It has ");
            for (std::size_t m = 0; m < sweep.metrics.size(); ++m)
                message.append(m ? ", " : "").append(sweep.metrics[m]);
            refuse(sweep, message);
        }
        out.push_back(static_cast<std::size_t>(it - sweep.metrics.begin()));
    }
    if (names.empty())
        for (std::size_t m = 0; m < sweep.metrics.size(); ++m)
            out.push_back(m);
    return out;
}

} // namespace

namespace {

// A prior may be a choice of values that are not numbers (durations, schedules): such keys have
// no coefficient, so they are left out of the regression, where their effect joins the noise.
SweepSummaries numeric_keys(const SweepSummaries& given, std::vector<std::string>& left_out) {
    SweepSummaries sweep = given;
    SweepHeader& d = sweep.sweep;
    for (std::size_t k = d.keys.size(); k-- > 0;) {
        if (d.numbers[k].size() == static_cast<std::size_t>(d.points)) continue;
        left_out.insert(left_out.begin(), d.keys[k]);
        d.keys.erase(d.keys.begin() + static_cast<std::ptrdiff_t>(k));
        d.numbers.erase(d.numbers.begin() + static_cast<std::ptrdiff_t>(k));
        d.texts.erase(d.texts.begin() + static_cast<std::ptrdiff_t>(k));
    }
    return sweep;
}

} // namespace

SweepSensitivity sweep_sensitivity(const SweepSummaries& given,
                                   const std::vector<std::string>& metrics, int resamples,
                                   std::uint64_t seed) {
    std::vector<std::string> left_out;
    const SweepSummaries sweep =
        given.sweep.kind == "prior" ? numeric_keys(given, left_out) : given;
    check_design(sweep);
    const SweepHeader& d = sweep.sweep;
    SweepSensitivity out;
    out.left_out = left_out;
    out.prior_draws = d.kind == "prior";
    out.kind = d.kind == "prior" ? "lhs" : d.kind;
    out.keys = d.keys;
    out.points = d.points;
    out.replications = d.replications;
    out.base_samples = d.base_samples;
    out.resamples = resamples;
    out.seed = seed;
    const auto keys = static_cast<std::int64_t>(d.keys.size());
    // Fewer points leave no degrees of freedom for the intervals of SRC and PRCC.
    if (out.kind == "lhs" && d.points < keys + 3)
        refuse(sweep, "a Latin hypercube of " + std::to_string(d.points) +
                          " points is too small "
                          "for " +
                          std::to_string(keys) +
                          " keys: SRC and PRCC need at least keys + 3 "
                          "points (ten or more per key are advisable)");
    if (d.kind == "sobol" && d.base_samples < 2)
        refuse(sweep, "Sobol' indices need at least 2 base samples (--sobol N; hundreds are "
                      "advisable)");
    const std::vector<std::int64_t> layout =
        d.kind == "sobol" ? saltelli_layout(sweep) : std::vector<std::int64_t>{};
    for (const std::size_t m : chosen_metrics(sweep, metrics)) {
        MetricSensitivity& result = out.metrics.emplace_back();
        result.metric = sweep.metrics[m];
        const PointMeans f = point_means(sweep, m);
        result.noise_share = f.noise_share;
        if (out.kind == "lhs")
            latin_hypercube(sweep, result, f);
        else
            saltelli(sweep, layout, resamples, seed, result, f);
    }
    return out;
}

namespace {

// A column of the record: per_key columns are metric-major, as /sensitivity stores them.
class Columns {
public:
    explicit Columns(const SweepSensitivity& result) : result_(result) {}

    template <class Value>
    void per_metric(const std::string& name, const std::string& units,
                    const std::string& description, Value value) {
        SensitivityColumn& c = add(name, units, description, false);
        for (const MetricSensitivity& m : result_.metrics)
            c.values.push_back(static_cast<double>(value(m)));
    }

    // value, lo, hi and se of an index, each a dataset of one value per metric and key.
    template <class Of>
    void interval(const std::string& name, const std::string& units, const std::string& what,
                  Of of) {
        struct Part {
            const char* suffix;
            Eigen::VectorXd Indices::*field;
            const char* description; // of the part, followed by the index's name
        };
        const Part parts[] = {{"", &Indices::value, ""},
                              {"_lo", &Indices::lo, "lower end of the 95% interval of "},
                              {"_hi", &Indices::hi, "upper end of the 95% interval of "},
                              {"_se", &Indices::se, "standard error of "}};
        for (const auto& [suffix, field, prefix] : parts) {
            const std::string part = suffix;
            const std::string description = part.empty() ? what : prefix + name;
            SensitivityColumn& c = add(name + part, units, description, true);
            for (const MetricSensitivity& m : result_.metrics) {
                const Eigen::VectorXd& v = of(m).*field;
                c.values.insert(c.values.end(), v.data(), v.data() + v.size());
            }
        }
    }

    std::vector<SensitivityColumn> columns;

private:
    SensitivityColumn& add(const std::string& name, const std::string& units,
                           const std::string& description, bool per_key) {
        return columns.emplace_back(SensitivityColumn{name, units, description, {}, per_key});
    }
    const SweepSensitivity& result_;
};

} // namespace

SensitivityRecord sensitivity_record(const SweepSensitivity& result,
                                     const std::string& command_line) {
    SensitivityRecord record;
    record.keys = result.keys;
    for (const MetricSensitivity& m : result.metrics)
        record.metrics.push_back(m.metric);
    record.confidence = kConfidence;
    record.command_line = command_line;
    Columns c(result);
    if (result.kind == "lhs") {
        record.method = "regression";
        c.interval("src", "coefficient",
                   "standardized regression coefficient of the metric on the key",
                   [](const MetricSensitivity& m) -> const Indices& { return m.regression.src; });
        c.per_metric("r_squared", "fraction",
                     "R^2 of the linear fit: the SRCs describe the metric only when it is high",
                     [](const MetricSensitivity& m) { return m.regression.r_squared; });
        c.interval("prcc", "coefficient",
                   "partial rank correlation coefficient of the metric and the key",
                   [](const MetricSensitivity& m) -> const Indices& { return m.regression.prcc; });
        c.per_metric("points", "points", "design points used (with a finite mean)",
                     [](const MetricSensitivity& m) { return m.used; });
    } else {
        record.method = "sobol";
        record.bootstrap_resamples = result.resamples;
        record.bootstrap_seed = result.seed;
        c.interval("first", "fraction", "first-order Sobol' index (Saltelli et al. 2010)",
                   [](const MetricSensitivity& m) -> const Indices& { return m.sobol.first; });
        c.interval("total", "fraction", "total Sobol' index (Jansen 1999)",
                   [](const MetricSensitivity& m) -> const Indices& { return m.sobol.total; });
        c.per_metric("variance", "metric units squared",
                     "variance of the point means over A and B: the indices' denominator",
                     [](const MetricSensitivity& m) { return m.sobol.variance; });
        c.per_metric("base_samples", "samples",
                     "base samples used (every point with a finite mean)",
                     [](const MetricSensitivity& m) { return m.used; });
    }
    c.per_metric("noise_share", "fraction",
                 "variance of the point means due to replication noise (beyond what all points "
                 "share), over their variance",
                 [](const MetricSensitivity& m) { return m.noise_share; });
    record.columns = std::move(c.columns);
    return record;
}

} // namespace rotsim
