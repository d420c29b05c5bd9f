// rotsim calibrate: a Latin hypercube sweep over the --range keys, then rejection ABC against
// observed targets; or sequential ABC, generation after generation (docs/calibration.md).
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>
#include <map>

#include "arguments.hpp"
#include "calibrate_report.hpp"
#include "cli_support.hpp"
#include "commands.hpp"
#include "ensemble/calibration_runs.hpp"
#include "ensemble/calibration_smc.hpp"
#include "ensemble/mpi_shim.hpp"
#include "io/writer_lock.hpp"
#include "model/error.hpp"
#include "model/ini_text.hpp"
#include "model/scenario_loader.hpp"
#include "sim/metrics.hpp"
#include "sim/result.hpp"
#include "stop_signals.hpp"

namespace po = boost::program_options;

namespace rotsim::cli {

namespace {

po::options_description calibrate_options() {
    po::options_description options(
        "rotsim calibrate SCENARIO --targets TARGETS.csv --range KEY=lo:hi ... --out FILE.h5");
    auto add = options.add_options();
    add("help,h", "describe the options");
    add("out,o", po::value<std::string>(), "HDF5 file to write: the sweep and /calibration");
    add("targets", po::value<std::string>(),
        "CSV of observations: date (or day),metric,value,uncertainty (required)");
    add("range", po::value<std::vector<std::string>>()->composing(),
        "KEY=lo:hi (repeatable): a key to calibrate and its uniform prior");
    add("method", po::value<std::string>()->default_value("rejection"),
        "rejection: keep the closest of a Latin hypercube; smc: sequential ABC (populations under "
        "a decreasing tolerance)");
    add("samples", po::value<std::int64_t>()->default_value(200),
        "rejection: points of the Latin hypercube over the prior");
    add("particles", po::value<std::int64_t>()->default_value(200), "smc: population size");
    add("generations", po::value<int>()->default_value(5),
        "smc: populations, the prior sample (generation 0) included");
    add("quantile", po::value<double>()->default_value(0.5),
        "smc: each tolerance is this weighted quantile of the last population's distances");
    add("min-tolerance", po::value<double>()->default_value(0.0),
        "smc: stop after the first generation whose tolerance is at most this");
    add("max-runs", po::value<std::int64_t>()->default_value(0),
        "smc: run at most this many runs in all (0: no limit); a generation cut short is not "
        "the posterior");
    add("replications,n", po::value<std::int64_t>()->default_value(3),
        "replications of each point; the distance uses their mean");
    add("accept", po::value<double>(), "accept the closest fraction of the points (default 0.1)");
    add("tolerance", po::value<double>(),
        "accept the points within this distance instead (in the targets' standard deviations)");
    add("seed,s", po::value<std::string>()->default_value("1"), "master seed (0 to 2^64-1)");
    add("design-seed", po::value<std::string>(), "seed of the design (default: --seed)");
    add("threads,t", po::value<int>()->default_value(0), "worker threads (0: all cores)");
    add("overwrite", "replace FILE.h5 if it exists");
    add("table-rows", po::value<int>()->default_value(20), "accepted points to print");
    add("quiet,q", "no progress and no report");
    add_set_option(options, "override a scenario key for every point: --set section.key=value");
    return options;
}

AcceptanceRule rule_from(const po::variables_map& vm) {
    AcceptanceRule rule;
    if (vm.count("accept") && vm.count("tolerance"))
        throw std::invalid_argument("--accept and --tolerance are two rules; give one");
    if (vm.count("accept")) {
        rule.fraction = vm["accept"].as<double>();
        if (!(rule.fraction > 0 && rule.fraction <= 1))
            throw std::invalid_argument("--accept takes a fraction of the points, above 0 and at "
                                        "most 1, got " +
                                        format_double(rule.fraction));
    }
    if (vm.count("tolerance")) {
        rule.tolerance = vm["tolerance"].as<double>();
        if (!(rule.tolerance > 0) || std::isinf(rule.tolerance))
            throw std::invalid_argument("--tolerance takes a distance greater than 0, got " +
                                        format_double(rule.tolerance));
    }
    return rule;
}

bool smc_method(const po::variables_map& vm) {
    const std::string method = vm["method"].as<std::string>();
    if (method != "rejection" && method != "smc")
        throw std::invalid_argument("--method is 'rejection' or 'smc', got '" + method + "'");
    const bool smc = method == "smc";
    auto given = [&](const char* name) { return vm.count(name) && !vm[name].defaulted(); };
    for (const char* name : {"samples", "accept", "tolerance"})
        if (smc && given(name))
            throw std::invalid_argument(std::string("--") + name +
                                        " is for --method rejection; smc takes --particles, "
                                        "--generations, --quantile, --min-tolerance, --max-runs");
    for (const char* name : {"particles", "generations", "quantile", "min-tolerance", "max-runs"})
        if (!smc && given(name))
            throw std::invalid_argument(std::string("--") + name + " is for --method smc");
    return smc;
}

SmcSettings smc_settings(const po::variables_map& vm) {
    SmcSettings s;
    s.particles = vm["particles"].as<std::int64_t>();
    s.generations = vm["generations"].as<int>();
    s.quantile = vm["quantile"].as<double>();
    s.min_tolerance = vm["min-tolerance"].as<double>();
    s.max_runs = vm["max-runs"].as<std::int64_t>();
    if (s.particles < 2)
        throw std::invalid_argument("--particles takes a population size of at least 2, got " +
                                    std::to_string(s.particles));
    return s;
}

// prepare_sweep's own message for points the scenario loader refuses suggests sweep's
// --on-failure, which calibrate does not take: calibrate keeps the refusals and says what it
// does take instead. A sequential calibration (OnFailure::next) leaves such points out.
PreparedSweep prepared_points(SweepSpec spec) {
    const OnFailure policy = spec.on_failure;
    spec.on_failure = OnFailure::next;
    PreparedSweep sweep = prepare_sweep(spec);
    sweep.spec.on_failure = policy;
    if (policy == OnFailure::next) return sweep;
    const auto refused = [](const std::string& r) { return !r.empty(); };
    const auto first = std::find_if(sweep.refusals.begin(), sweep.refusals.end(), refused);
    if (first == sweep.refusals.end()) return sweep;
    const auto more = std::count_if(first + 1, sweep.refusals.end(), refused);
    throw InputError(
        "design " + sweep.design.describe(first - sweep.refusals.begin()) +
        " is not a valid scenario: " + *first + "\n(" +
        (more > 0 ? std::to_string(more) + " more points are refused; " : std::string()) +
        "narrow --range to values the scenario accepts, or use --method smc, which leaves "
        "refused points out of the calibration)");
}

SweepSpec spec_from(const po::variables_map& vm, int argc, char** argv) {
    if (!vm.count("scenario")) throw std::invalid_argument("missing SCENARIO (a scenario file)");
    if (!vm.count("targets")) throw std::invalid_argument("missing --targets TARGETS.csv");
    if (!vm.count("range"))
        throw std::invalid_argument("missing --range KEY=lo:hi: the keys to calibrate");
    if (!vm.count("out")) throw std::invalid_argument("missing --out FILE.h5");
    SweepSpec spec;
    spec.scenario_path = vm["scenario"].as<std::string>();
    spec.overrides = overrides(vm);
    spec.design.ranges = vm["range"].as<std::vector<std::string>>();
    spec.design.lhs =
        smc_method(vm) ? vm["particles"].as<std::int64_t>() : vm["samples"].as<std::int64_t>();
    // A point the scenario loader refuses lies outside a sequential calibration's prior: it is
    // left out rather than ending the calibration.
    if (smc_method(vm)) spec.on_failure = OnFailure::next;
    if (spec.design.lhs < 1)
        throw std::invalid_argument("--samples takes a number of points of at least 1, got " +
                                    std::to_string(spec.design.lhs));
    spec.seed = seed_from("--seed", vm["seed"].as<std::string>());
    spec.design.seed = vm.count("design-seed")
                           ? seed_from("--design-seed", vm["design-seed"].as<std::string>())
                           : spec.seed;
    spec.replications = vm["replications"].as<std::int64_t>();
    spec.threads = vm["threads"].as<int>();
    spec.out = vm["out"].as<std::string>();
    spec.overwrite = vm.count("overwrite") > 0;
    spec.command_line = command_line_of(argc, argv);
    return spec;
}

TargetCalendar calendar_of(const PreparedSweep& sweep) {
    TargetCalendar calendar;
    calendar.start_date = sweep.header.start_date;
    calendar.horizon_days = sweep.header.ticks;
    for (const MetricInfo& m : kMetrics)
        calendar.series.emplace_back(m.name);
    for (const SummaryInfo& s : kSummaries)
        calendar.summaries.emplace_back(s.name);
    return calendar;
}

// The prior of each swept key, from its --range (which the design has checked already).
std::vector<CalibrationKey> keys_of(const SweepSpec& spec, const SweepColumns& columns) {
    std::map<std::string, std::pair<double, double>> prior;
    for (const std::string& range : spec.design.ranges) {
        const std::size_t equals = range.find('='), colon = range.find(':', equals);
        prior[trim(range.substr(0, equals))] = {std::stod(range.substr(equals + 1)),
                                                std::stod(range.substr(colon + 1))};
    }
    std::vector<CalibrationKey> keys;
    for (std::size_t k = 0; k < columns.keys.size(); ++k) {
        const auto [lo, hi] = prior.at(columns.keys[k]);
        keys.push_back({columns.keys[k], columns.design[k], lo, hi});
    }
    return keys;
}

CalibrationRuns runs_of(SweepColumns&& columns) {
    CalibrationRuns runs;
    runs.points = columns.points;
    runs.point = std::move(columns.point);
    runs.done = std::move(columns.done);
    runs.simulated = std::move(columns.values);
    return runs;
}

} // namespace

int calibrate_command(int argc, char** argv) {
    const po::options_description options = calibrate_options();
    try {
        const po::variables_map vm = parse_arguments(argc, argv, options, "scenario");
        if (vm.count("help")) {
            std::cout << options;
            return 0;
        }
        // Every rank would run the whole calibration into the same file.
        if (mpi::launched_processes() > 1)
            throw InputError("calibrate runs on one machine's threads; start it without mpirun");
        const AcceptanceRule rule = rule_from(vm);
        const bool smc = smc_method(vm);
        const SmcSettings smc_setting = smc ? smc_settings(vm) : SmcSettings{};
        const SweepSpec spec = spec_from(vm, argc, argv);
        check_writable(spec.out);
        // Held from the sweep's first run to the /calibration group written into its file.
        const WriterLock lock(spec.out);
        CalibrationSetting setting;
        setting.out = spec.out;
        setting.targets_path = vm["targets"].as<std::string>();
        // Read before the design is made, which may take a while.
        setting.targets_text = read_text_input(setting.targets_path, "targets file");
        const PreparedSweep sweep = prepared_points(spec);
        setting.targets =
            parse_targets(setting.targets_text, setting.targets_path, calendar_of(sweep));
        setting.rule = rule;
        setting.replications = spec.replications;
        setting.table_rows = std::max(vm["table-rows"].as<int>(), 0);

        const bool quiet = vm.count("quiet") > 0;
        RunsProgress progress(!quiet && isatty(STDERR_FILENO));
        SweepHooks hooks;
        hooks.cancel = catch_stop_signals();
        hooks.progress = [&](std::int64_t done, std::int64_t total) { progress(done, total); };
        const auto start = std::chrono::steady_clock::now();
        SmcOutcome smc_outcome;
        if (smc) {
            setting.smc = true;
            setting.quantile = smc_setting.quantile;
            setting.particles = smc_setting.particles;
            smc_outcome = run_smc_calibration(sweep, setting.targets, smc_setting, hooks);
            setting.generations = smc_outcome.generations;
            setting.point_generation = smc_outcome.point_generation;
            setting.stop_reason = smc_outcome.stop_reason;
            setting.texts = smc_outcome.texts;
        } else {
            smc_outcome.sweep = run_calibration_sweep(sweep, hooks);
            setting.texts = sweep.design.values;
        }
        const SweepOutcome& outcome = smc_outcome.sweep;
        release_stop_signals();
        setting.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (outcome.cancelled) {
            if (smc)
                std::cerr << "\nrotsim calibrate: interrupted in generation "
                          << smc_outcome.point_generation.back()
                          << "; no calibration and no file (a sequential calibration keeps its "
                             "runs only when it ends).\n";
            else
                std::cerr << "\nrotsim calibrate: interrupted; " << outcome.done + outcome.failed
                          << " of " << outcome.runs << " runs are in " << spec.out
                          << "; no calibration.\n";
            return stop_exit_status();
        }
        if (!outcome.first_failure.empty())
            std::cerr << "rotsim calibrate: " << outcome.failed << " run"
                      << (outcome.failed == 1 ? "" : "s")
                      << " failed; the first: " << outcome.first_failure << "\n";
        if (outcome.stopped) {
            std::cerr << "rotsim calibrate: stopped at the failure; no calibration.\n";
            return 1;
        }

        std::vector<RunColumn> wanted;
        for (const CalibrationTarget& t : setting.targets)
            wanted.push_back({t.metric, t.summary, t.tick});
        SweepColumns columns = read_sweep_columns(spec.out, wanted);
        setting.keys = keys_of(spec, columns);
        const Calibration result =
            smc ? smc_calibration(runs_of(std::move(columns)), setting.targets, setting.keys,
                                  smc_outcome.particle_points, smc_outcome.weights)
                : calibrate(runs_of(std::move(columns)), setting.targets, setting.keys,
                            setting.rule);
        write_calibration(spec.out, calibration_record(setting, result));
        if (!quiet) print_calibration(std::cout, setting, result);
        if (result.ranking.empty()) {
            std::cerr << "rotsim calibrate: " << nothing_accepted(setting, result) << "\n";
            return 1;
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "rotsim calibrate: " << error_text(e) << "\n";
        return 2;
    }
}

} // namespace rotsim::cli
