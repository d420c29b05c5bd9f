// Sequential ABC's generations: propose, run as a sweep of listed points, keep the proposals
// within the tolerance, weigh them; then every batch into one file (docs/calibration.md).
#include "ensemble/calibration_smc.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <utility>

#include "ensemble/calibration_runs.hpp"
#include "io/calibration_file.hpp"
#include "io/sweep_file.hpp"
#include "model/error.hpp"
#include "model/ini_text.hpp"
#include "model/parts.hpp"
#include "model/scenario_loader.hpp"

namespace rotsim {
namespace {

namespace fs = std::filesystem;

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// A generation that needs more proposals than this many populations' worth accepts under 1 %
// of them: its tolerance is out of the model's reach with these keys.
constexpr std::int64_t kMaxProposalsPerParticle = 100;
// Rows copied from the batches into the final file this many at a time, to bound memory.
constexpr std::int64_t kCopyRows = 1024;

// A proposal's value as --set takes it, on its key's grain.
std::string value_text(double value, double grain) {
    if (grain >= 1) return std::to_string(std::llround(value));
    if (grain > 0) {
        char text[64];
        std::snprintf(text, sizeof text, "%.2f", value);
        return text;
    }
    return format_double(value);
}

// The batches' files, next to the output, removed whatever happens.
class BatchFiles {
public:
    explicit BatchFiles(std::string out) : out_(std::move(out)) {}
    ~BatchFiles() {
        for (const std::string& path : paths_) {
            std::error_code ignored;
            fs::remove(path, ignored);
        }
    }
    BatchFiles(const BatchFiles&) = delete;
    BatchFiles& operator=(const BatchFiles&) = delete;
    const std::string& add() {
        const fs::path out(out_);
        paths_.push_back((out.parent_path() / ("." + out.filename().string() + ".smc-batch-" +
                                               std::to_string(paths_.size())))
                             .string());
        return paths_.back();
    }
    const std::vector<std::string>& paths() const { return paths_; }

private:
    std::string out_;
    std::vector<std::string> paths_;
};

struct Run {
    const PreparedSweep& first;
    const std::vector<CalibrationTarget>& targets;
    const SweepHooks& hooks;
    std::vector<SmcKey> keys;
    std::vector<RunColumn> wanted;
    BatchFiles files;
    std::vector<std::vector<std::string>> texts; // [point][key], every proposal so far
    SmcOutcome outcome;

    // Runs the points as one batch; their distances, or empty when stopped or cancelled.
    std::vector<double> batch(const std::vector<std::vector<double>>& points, int generation) {
        PointList list;
        list.source = "generation " + std::to_string(generation);
        for (const SmcKey& key : keys)
            list.keys.push_back(key.name);
        for (const auto& point : points) {
            std::vector<std::string> row;
            for (std::size_t k = 0; k < keys.size(); ++k)
                row.push_back(value_text(point[k], keys[k].grain));
            list.values.push_back(row);
            texts.push_back(row);
        }
        SweepSpec spec = first.spec;
        spec.design = DesignRequest{};
        spec.design.points = std::move(list);
        spec.out = files.add();
        spec.overwrite = true;
        const PreparedSweep prepared = prepare_sweep(spec);
        const auto first_point = static_cast<std::int64_t>(outcome.point_generation.size());
        SweepHooks hooks_here = hooks;
        const std::int64_t before = outcome.runs;
        if (hooks.progress)
            hooks_here.progress = [&](std::int64_t done, std::int64_t total) {
                hooks.progress(before + done, before + total);
            };
        outcome.sweep = run_calibration_sweep(prepared, hooks_here, first_point);
        outcome.runs += prepared.header.runs;
        outcome.point_generation.insert(outcome.point_generation.end(), points.size(),
                                        static_cast<std::int32_t>(generation));
        if (outcome.sweep.cancelled || outcome.sweep.stopped) return {};
        SweepColumns columns = read_sweep_columns(spec.out, wanted);
        CalibrationRuns runs;
        runs.points = columns.points;
        runs.point = std::move(columns.point);
        runs.done = std::move(columns.done);
        runs.simulated = std::move(columns.values);
        std::vector<double> distance;
        for (const auto& means : point_means(runs))
            distance.push_back(calibration_distance(means, targets));
        return distance;
    }

    // Whether the scenario loader takes the point: a combination it refuses (a schedule's days
    // out of order after a shifted knot) lies outside the prior, whatever the ranges say.
    bool valid(const std::vector<double>& point) const {
        std::vector<std::string> sets = first.spec.overrides;
        for (std::size_t k = 0; k < keys.size(); ++k)
            sets.push_back(keys[k].name + "=" + value_text(point[k], keys[k].grain));
        try {
            parse_scenario(first.scenario_text, first.spec.scenario_path, sets);
        } catch (const InputError&) {
            return false;
        }
        return true;
    }

    // Every batch, in order, into the output: one sweep whose design lists every proposal.
    void write_file() {
        PointList list;
        list.source = "calibrate --method smc";
        for (const SmcKey& key : keys)
            list.keys.push_back(key.name);
        list.values = texts;
        SweepSpec spec = first.spec;
        spec.design = DesignRequest{};
        spec.design.points = std::move(list);
        // Every point passed the loader as its batch ran.
        const PreparedSweep whole = prepare_sweep(spec, false);
        ResultWriter writer(spec.out, whole.header, spec.overwrite);
        std::int64_t row = 0;
        for (const std::string& path : files.paths()) {
            const SweepFile part(path);
            const std::int64_t runs = part.header().runs;
            for (std::int64_t at = 0; at < runs; at += kCopyRows) {
                const StoredRows rows = part.read(at, std::min(kCopyRows, runs - at));
                for (const EncodedRun& run : rows.runs)
                    writer.write_encoded(run, row++);
            }
        }
        writer.close();
        outcome.written = true;
    }
};

std::vector<SmcKey> keys_of(const PreparedSweep& first) {
    std::vector<SmcKey> keys;
    for (const std::string& range : first.spec.design.ranges) {
        const std::size_t equals = range.find('='), colon = range.find(':', equals);
        SmcKey key;
        key.name = trim(range.substr(0, equals));
        key.lo = std::stod(range.substr(equals + 1));
        key.hi = std::stod(range.substr(colon + 1));
        key.grain = key_grain(key.name);
        keys.push_back(key);
    }
    return keys;
}

void check(const PreparedSweep& first, const SmcSettings& s) {
    if (first.design.kind != "lhs" || first.design.points != s.particles)
        throw std::invalid_argument("run_smc_calibration: generation 0 must be a Latin hypercube "
                                    "of the population size");
    if (s.particles < 2) throw InputError("--particles must be at least 2");
    if (s.generations < 1) throw InputError("--generations must be at least 1");
    if (!(s.quantile > 0 && s.quantile < 1))
        throw InputError("--quantile takes a fraction above 0 and below 1, got " +
                         format_double(s.quantile));
    if (!(s.min_tolerance >= 0)) throw InputError("--min-tolerance must be 0 or more");
    if (s.max_runs < 0) throw InputError("--max-runs must be 0 (no limit) or more");
    if (s.max_runs > 0 && s.max_runs < s.particles * first.spec.replications)
        throw InputError("--max-runs " + std::to_string(s.max_runs) +
                         " does not cover generation 0: --particles x --replications is " +
                         std::to_string(s.particles * first.spec.replications));
    std::error_code ec;
    if (!first.spec.overwrite && fs::exists(first.spec.out, ec))
        throw InputError("output file '" + first.spec.out +
                         "' exists; pass --overwrite to replace it");
}

} // namespace

SmcOutcome run_smc_calibration(const PreparedSweep& first,
                               const std::vector<CalibrationTarget>& targets,
                               const SmcSettings& settings, const SweepHooks& hooks) {
    check(first, settings);
    Run run{first, targets, hooks, keys_of(first), {}, BatchFiles(first.spec.out), {}, {}};
    for (const CalibrationTarget& t : targets)
        run.wanted.push_back({t.metric, t.summary, t.tick});
    SmcOutcome& out = run.outcome;
    const std::int64_t n = settings.particles, reps = first.spec.replications;

    // Generation 0: the prior, as a Latin hypercube; every point the loader takes is kept,
    // weighed alike.
    std::vector<std::vector<double>> points;
    std::string first_refusal;
    for (std::size_t p = 0; p < static_cast<std::size_t>(n); ++p) {
        if (!first.refusals.empty() && !first.refusals[p].empty()) {
            if (first_refusal.empty())
                first_refusal =
                    first.design.describe(static_cast<std::int64_t>(p)) + ": " + first.refusals[p];
            continue;
        }
        points.emplace_back();
        for (std::size_t k = 0; k < run.keys.size(); ++k)
            points.back().push_back(std::stod(first.design.values[k][p]));
    }
    const auto kept_0 = static_cast<std::int64_t>(points.size());
    if (kept_0 < 2)
        throw InputError("only " + std::to_string(kept_0) + " of the " + std::to_string(n) +
                         " points of generation 0 make a valid scenario; narrow the ranges. The "
                         "first refused: design " +
                         first_refusal);
    std::vector<double> distance = run.batch(points, 0);
    if (distance.empty()) return out;
    Particles population{points,
                         std::vector<double>(points.size(), 1.0 / static_cast<double>(kept_0))};
    std::vector<double> population_distance = distance;
    std::vector<std::int64_t> population_points(points.size());
    for (std::size_t p = 0; p < points.size(); ++p)
        population_points[p] = static_cast<std::int64_t>(p);
    SmcGeneration prior{
        kInfinity, 0, kept_0, n - kept_0, kept_0 * reps, kept_0, static_cast<double>(kept_0), true};
    out.generations.push_back(prior);
    out.stop_reason = "--generations " + std::to_string(settings.generations) + " reached";

    for (int g = 1; g < settings.generations; ++g) {
        const double tolerance =
            weighted_quantile(population_distance, population.weights, settings.quantile);
        if (std::isnan(tolerance)) {
            out.stop_reason =
                "no particle of generation " + std::to_string(g - 1) + " has a distance";
            break;
        }
        if (tolerance >= out.generations.back().tolerance) {
            out.stop_reason = "the tolerance no longer decreases (" + format_double(tolerance) +
                              "): the particles' distances are all alike";
            break;
        }
        const std::vector<double> scales = kernel_scales(population, run.keys);
        SmcGeneration gen;
        gen.tolerance = tolerance;
        gen.first_point = static_cast<std::int64_t>(out.point_generation.size());
        std::vector<std::vector<double>> kept;
        std::vector<double> kept_distance;
        std::vector<std::int64_t> kept_points;
        while (static_cast<std::int64_t>(kept.size()) < n) {
            // Enough proposals for the particles still missing at the acceptance rate so far,
            // and a fifth more, so that most generations need one or two batches.
            const auto missing = n - static_cast<std::int64_t>(kept.size());
            // Refused proposals count as drawn: they are part of the acceptance rate.
            const std::int64_t drawn = gen.proposed + gen.refused;
            std::int64_t size = n;
            if (drawn > 0)
                size = kept.empty() ? 2 * drawn
                                    : static_cast<std::int64_t>(
                                          std::ceil(1.2 * static_cast<double>(missing * drawn) /
                                                    static_cast<double>(kept.size())));
            size = std::min(size, kMaxProposalsPerParticle * n - drawn);
            if (settings.max_runs > 0) size = std::min(size, (settings.max_runs - out.runs) / reps);
            if (size < 1) {
                out.stop_reason = drawn >= kMaxProposalsPerParticle * n
                                      ? "generation " + std::to_string(g) +
                                            " accepted under 1 % of " + std::to_string(drawn) +
                                            " proposals at tolerance " + format_double(tolerance)
                                      : "--max-runs " + std::to_string(settings.max_runs) +
                                            " reached in generation " + std::to_string(g);
                break;
            }
            std::vector<std::vector<double>> proposals;
            for (std::int64_t i = 0; i < size; ++i) {
                std::vector<double> p = smc_proposal(population, scales, run.keys,
                                                     first.spec.design.seed, g, drawn + i);
                if (run.valid(p))
                    proposals.push_back(std::move(p));
                else
                    ++gen.refused;
            }
            if (proposals.empty()) continue;
            const auto batch_first = static_cast<std::int64_t>(out.point_generation.size());
            const std::vector<double> d = run.batch(proposals, g);
            if (d.empty()) return out;
            gen.proposed += static_cast<std::int64_t>(proposals.size());
            gen.runs += static_cast<std::int64_t>(proposals.size()) * reps;
            for (std::size_t i = 0; i < proposals.size(); ++i)
                if (d[i] <= tolerance && static_cast<std::int64_t>(kept.size()) < n) {
                    kept.push_back(proposals[i]);
                    kept_distance.push_back(d[i]);
                    kept_points.push_back(batch_first + static_cast<std::int64_t>(i));
                }
        }
        gen.accepted = static_cast<std::int64_t>(kept.size());
        gen.complete = gen.accepted == n;
        if (!gen.complete) {
            out.generations.push_back(gen);
            break;
        }
        const std::vector<double> weights = smc_weights(kept, population, scales, run.keys);
        gen.ess = effective_sample_size(weights);
        out.generations.push_back(gen);
        population = Particles{kept, weights};
        population_distance = kept_distance;
        population_points = kept_points;
        if (tolerance <= settings.min_tolerance) {
            out.stop_reason = "tolerance " + format_double(tolerance) + " reached --min-tolerance";
            break;
        }
    }
    out.particle_points = population_points;
    out.weights = population.weights;
    out.texts.assign(run.keys.size(), {});
    for (const auto& point : run.texts)
        for (std::size_t k = 0; k < point.size(); ++k)
            out.texts[k].push_back(point[k]);
    run.write_file();
    return out;
}

} // namespace rotsim
