// Preparing a sweep: the design, every point checked by the scenario loader, the file's header.
// Running it is in sweep_run.cpp, merging shards in sweep_merge.cpp.
#include "ensemble/sweep.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <thread>

#include "ensemble/ensemble.hpp"
#include "model/error.hpp"
#include "model/ini_text.hpp"
#include "model/parts.hpp"
#include "model/scenario_loader.hpp"

namespace rotsim {
namespace {

// Soldier-days: what a run costs, near enough to hand out expensive blocks of rows first.
double run_cost(const Scenario& sc) {
    double sum = 0;
    const int samples = std::min(sc.horizon_days, 64);
    for (int k = 0; k < samples; ++k)
        sum += sc.target_strength.at(k * sc.horizon_days / samples);
    return static_cast<double>(sc.horizon_days) * (1 + sc.initial_strength + sum / samples);
}

std::vector<double> numbers_of(const std::vector<std::string>& texts) {
    std::vector<double> out;
    for (const std::string& text : texts) {
        double value = 0;
        const char* end = text.data() + text.size();
        auto [ptr, ec] = std::from_chars(text.data(), end, value);
        if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) return {};
        out.push_back(value);
    }
    return out;
}

void check_spec(const SweepSpec& spec) {
    if (spec.replications < 1)
        throw InputError("--replications must be at least 1, got " +
                         std::to_string(spec.replications));
    if (spec.replications > kMaxRuns)
        throw InputError("--replications " + std::to_string(spec.replications) +
                         " is more than the limit of " + std::to_string(kMaxRuns) +
                         " runs in one file (docs/reliability.md)");
    if (spec.shard_count > kMaxRuns)
        throw InputError("--shard I/N: N is at most the limit of " + std::to_string(kMaxRuns) +
                         " runs, got " + std::to_string(spec.shard_count));
    if (spec.shard_count < 1 || spec.shard_index < 0 || spec.shard_index >= spec.shard_count)
        throw InputError("--shard I/N needs 0 <= I < N, got " + std::to_string(spec.shard_index) +
                         "/" + std::to_string(spec.shard_count));
    if (spec.threads < 0) throw InputError("--threads must be 0 (all) or more");
    if (spec.resume && spec.overwrite)
        throw InputError("--resume continues the file and --overwrite replaces it; give one");
    if (!(spec.flush_seconds >= 0)) throw InputError("--flush-seconds must be 0 or more");
}

} // namespace

std::int64_t PreparedSweep::point_of(std::int64_t file_row) const {
    return header.sweep->rows[static_cast<std::size_t>(file_row)] / spec.replications;
}

std::int64_t PreparedSweep::replication_of(std::int64_t file_row) const {
    return header.sweep->rows[static_cast<std::size_t>(file_row)] % spec.replications;
}

std::vector<std::string> PreparedSweep::overrides(std::int64_t point) const {
    std::vector<std::string> all = spec.overrides;
    for (std::string& set : design.overrides(point))
        all.push_back(std::move(set));
    return all;
}

PreparedSweep prepare_sweep(const SweepSpec& spec, bool check_points) {
    check_spec(spec);
    PreparedSweep sweep;
    sweep.spec = spec;
    sweep.scenario_text = read_text_input(spec.scenario_path, "scenario file");
    const std::string& text = sweep.scenario_text;
    const Scenario base = parse_scenario(text, spec.scenario_path, spec.overrides);

    // Whether a key takes whole numbers or whole cents, asked of the loader itself, so that a
    // sampled design draws only values it accepts.
    auto refusal = [&](const std::string& key, const std::string& value) -> std::string {
        std::vector<std::string> sets = spec.overrides;
        sets.push_back(key + "=" + value);
        try {
            parse_scenario(text, spec.scenario_path, sets);
        } catch (const InputError& e) {
            return e.what();
        }
        return "";
    };
    auto check_key = [&](const std::string& option, const std::string& key,
                         const std::string& value) {
        const std::string message = refusal(key, value);
        if (names_unknown_key(message)) {
            // A part's message names the part already; a key's names only what it suggests.
            const std::string problem = without_set_prefix(message);
            throw InputError(option + " " +
                             (problem.starts_with(key + ": ") ? problem : key + ": " + problem));
        }
        const auto also_set = [&](const std::string& set) {
            return trim(set.substr(0, set.find('='))) == key;
        };
        if (std::ranges::any_of(spec.overrides, also_set))
            throw InputError(option + " " + key +
                             ": also given with --set; a key is either set or swept");
    };
    const KeyGrain grain = [&](const std::string& key) {
        check_key("--range", key, "0.5");
        return key_grain(key);
    };
    DesignRequest request = spec.design;
    if (!request.points_file.empty() && !request.points)
        request.points =
            parse_points(read_text_input(request.points_file, "points file"), request.points_file);
    sweep.design = make_design(request, grain);
    const Design& design = sweep.design;
    if (!base.priors.empty() && !drawn_inputs(design.kind))
        throw InputError(spec.scenario_path + " has priors in [uncertainty] (" +
                         prior_keys(base.priors) +
                         "), which a sweep would leave unused: run them with 'rotsim run "
                         "--input-draws K', or --set those keys (or remove the section) to "
                         "sweep the rest");
    const std::string option =
        design.kind == "grid" ? "--grid"
        : design.kind == "points"
            ? "--points " + design.source + ":" + std::to_string(request.points->header_line)
        : design.kind == "prior"     ? "[uncertainty]"
        : design.kind == "posterior" ? design.source
                                     : "--range";
    for (std::size_t k = 0; k < design.keys.size(); ++k)
        check_key(option, design.keys[k], design.values[k].front());
    // Checked before any point is: the file's rows, and what is kept per row, are bounded.
    if (design.points > kMaxRuns / spec.replications)
        throw InputError(std::to_string(design.points) + " points x --replications " +
                         std::to_string(spec.replications) + " is more than the limit of " +
                         std::to_string(kMaxRuns) + " runs in one file (docs/reliability.md)");

    // Every point through the loader, on every core: about 0.2 ms a point (100,000 points: 20
    // core-seconds).
    const auto points = static_cast<std::size_t>(design.points);
    sweep.refusals.assign(points, "");
    sweep.cost.assign(points, 0.0);
    std::atomic<std::int64_t> next{0};
    auto check_some = [&] {
        for (std::int64_t p = next++; p < design.points; p = next++) {
            try {
                sweep.cost[static_cast<std::size_t>(p)] =
                    run_cost(parse_scenario(text, spec.scenario_path, sweep.overrides(p)));
            } catch (const std::exception& e) {
                sweep.refusals[static_cast<std::size_t>(p)] = without_set_prefix(e.what());
            }
        }
    };
    if (check_points) {
        std::vector<std::jthread> checkers;
        const int threads = spec.threads > 0 ? spec.threads : default_thread_count();
        for (int t = 1; t < std::min<std::int64_t>(threads, design.points); ++t)
            checkers.emplace_back(check_some);
        check_some();
    }
    const auto refused =
        static_cast<std::int64_t>(std::count_if(sweep.refusals.begin(), sweep.refusals.end(),
                                                [](const std::string& r) { return !r.empty(); }));
    if (refused > 0 && spec.on_failure == OnFailure::stop) {
        const auto first = static_cast<std::int64_t>(
            std::find_if(sweep.refusals.begin(), sweep.refusals.end(),
                         [](const std::string& r) { return !r.empty(); }) -
            sweep.refusals.begin());
        throw InputError("design " + design.describe(first) + " is not a valid scenario: " +
                         sweep.refusals[static_cast<std::size_t>(first)] +
                         (refused > 1 ? "\n(" + std::to_string(refused - 1) +
                                            " more points are refused; --on-failure continue "
                                            "runs the others and records these as failed)"
                                      : ""));
    }

    RunFileHeader& h = sweep.header;
    h.scenario_text = base.resolved_text;
    h.seed = spec.seed;
    h.ticks = base.horizon_days;
    h.start_date = base.start_date;
    h.command_line = spec.command_line;
    h.series = spec.series;
    h.every = spec.every;
    h.single_precision = spec.single_precision;
    SweepHeader sw;
    sw.kind = design.kind;
    sw.keys = design.keys;
    sw.points = design.points;
    sw.replications = spec.replications;
    sw.texts = design.values;
    for (const auto& values : design.values)
        sw.numbers.push_back(numbers_of(values));
    for (std::int64_t p = 0; p < design.points; ++p) {
        std::string lines;
        for (const std::string& set : design.overrides(p))
            lines += (lines.empty() ? "" : "\n") + set;
        sw.overrides.push_back(lines);
    }
    sw.design_seed = design.seed;
    sw.base_samples = design.base_samples;
    sw.sobol_sample = design.sample;
    sw.sobol_matrix = design.matrix;
    sw.shard_index = spec.shard_index;
    sw.shard_count = spec.shard_count;
    sw.sweep_runs = design.points * spec.replications;
    // Shards interleave rows, so that each gets its share of cheap and expensive points.
    for (std::int64_t row = spec.shard_index; row < sw.sweep_runs; row += spec.shard_count)
        sw.rows.push_back(row);
    h.runs = static_cast<std::int64_t>(sw.rows.size());
    h.sweep = std::move(sw);
    return sweep;
}

std::string sweep_difference(const RunFileHeader& a, const RunFileHeader& b, bool same_shard) {
    if (!a.sweep || !b.sweep) return "one of them is not a sweep file";
    const SweepHeader &x = *a.sweep, &y = *b.sweep;
    auto pair = [](auto u, auto v) { return std::to_string(u) + " and " + std::to_string(v); };
    if (a.scenario_text != b.scenario_text) return "their scenarios (with --set) differ";
    if (a.seed != b.seed) return "their seeds differ: " + pair(a.seed, b.seed);
    if (a.stream_version != b.stream_version)
        return "they were made by random-stream versions " +
               pair(a.stream_version, b.stream_version) +
               " (the same seed gives other numbers; see docs/model.md)";
    if (x.kind != y.kind) return "their designs differ: " + x.kind + " and " + y.kind;
    if (x.keys != y.keys) return "they sweep different keys";
    if (x.points != y.points) return "their designs have " + pair(x.points, y.points) + " points";
    if (x.texts != y.texts || x.numbers != y.numbers || x.overrides != y.overrides ||
        x.design_seed != y.design_seed || x.base_samples != y.base_samples ||
        x.sobol_sample != y.sobol_sample || x.sobol_matrix != y.sobol_matrix)
        return "their design points differ";
    if (x.replications != y.replications)
        return "their replications per point differ: " + pair(x.replications, y.replications);
    if (a.ticks != b.ticks || a.start_date != b.start_date || a.every != b.every)
        return "their stored days differ (horizon, start date or --every)";
    auto stored = [](const RunFileHeader& h) {
        std::vector<std::string> names;
        for (const MetricInfo& m : kMetrics)
            if (h.series.empty() ||
                std::find(h.series.begin(), h.series.end(), m.name) != h.series.end())
                names.emplace_back(m.name);
        return names;
    };
    if (stored(a) != stored(b)) return "they store different --series";
    if (a.single_precision != b.single_precision) return "one of them is --single-precision";
    if (same_shard && (x.shard_index != y.shard_index || x.shard_count != y.shard_count))
        return "they are different shards: " + std::to_string(x.shard_index) + "/" +
               std::to_string(x.shard_count) + " and " + std::to_string(y.shard_index) + "/" +
               std::to_string(y.shard_count);
    return "";
}

} // namespace rotsim
