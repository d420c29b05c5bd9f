#include <algorithm>
#include <atomic>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <sstream>

#include "arguments.hpp"
#include "cli_support.hpp"
#include "commands.hpp"
#include "ensemble/ensemble.hpp"
#include "io/hdf5_writer.hpp"
#include "model/scenario_loader.hpp"
#include "run_inputs.hpp"
#include "run_precision.hpp"
#include "stop_signals.hpp"

namespace po = boost::program_options;

namespace rotsim::cli {

int run_command(int argc, char** argv) {
    po::options_description options("rotsim run SCENARIO --out FILE.h5 [options]");
    options.add_options()("help,h", "describe the options")("out,o", po::value<std::string>(),
                                                            "HDF5 file to write (required)")(
        "replications,n", po::value<std::int64_t>()->default_value(100), "replications to run")(
        "seed,s", po::value<std::string>()->default_value("1"), "master seed (0 to 2^64-1)")(
        "first-replication", po::value<std::int64_t>()->default_value(0),
        "index of the first replication (to rerun one replication of a larger run alone)")(
        "threads,t", po::value<int>()->default_value(0), "worker threads (0: all cores)")(
        "agents", po::value<std::int64_t>()->default_value(0),
        "also store the per-soldier table of the first K replications")(
        "overwrite", "replace FILE.h5 if it exists")("quiet,q", "no progress and no summary")(
        "check-every-tick", "check head count and ledger conservation after every tick")(
        "series", po::value<std::string>(),
        "store only these /timeseries, comma-separated (default: all)")(
        "every", po::value<int>()->default_value(1),
        "store every N-th tick of the series (and always the last)")(
        "single-precision", "store the series as 32-bit floats (about 7 significant digits)")(
        "input-draws", po::value<std::int64_t>(),
        "K: run K input points drawn from the scenario's [uncertainty] priors (a Latin "
        "hypercube), --replications each (docs/uncertainty.md)")(
        "posterior", po::value<std::string>(),
        "CALIBRATION.h5: draw the input points from a calibration's weighted posterior instead "
        "(--input-draws, default 100)")(
        "resume", "with drawn inputs: run only the runs FILE.h5 lacks (after Ctrl-C or a crash)");
    add_set_option(options, "override a scenario key: --set section.key=value (repeatable)");
    add_precision_options(options);

    try {
        const po::variables_map vm = parse_arguments(argc, argv, options, "scenario");
        if (vm.count("help")) {
            std::cout << options;
            return 0;
        }
        if (!vm.count("scenario"))
            throw std::invalid_argument("missing SCENARIO (a scenario file)");
        if (!vm.count("out")) throw std::invalid_argument("missing --out FILE.h5");
        EnsemblePlan plan;
        plan.seed = seed_from("--seed", vm["seed"].as<std::string>());
        plan.replications = vm["replications"].as<std::int64_t>();
        plan.first_replication = vm["first-replication"].as<std::int64_t>();
        plan.threads = vm["threads"].as<int>();
        plan.agent_replications = vm["agents"].as<std::int64_t>();
        plan.check_every_tick = vm.count("check-every-tick") > 0;
        // Counts are checked before anything is read or made: the replications a file holds,
        // replication indices within int64, --agents within --replications.
        check_plan(plan.first_replication, plan.replications, plan.agent_replications);
        if (plan.threads < 0) throw std::invalid_argument("--threads must be 0 (all) or more");

        std::optional<PrecisionRule> precision =
            precision_rule(vm, plan.replications, plan.agent_replications);
        std::atomic<std::int64_t> row_limit{plan.replications};
        plan.row_limit = &row_limit;

        const Scenario scenario = load_scenario(vm["scenario"].as<std::string>(), overrides(vm));
        if (has_drawn_inputs(vm, scenario)) return run_drawn_inputs(vm, argc, argv, scenario);
        if (vm.count("resume"))
            throw std::invalid_argument("--resume is for runs of drawn inputs (priors or "
                                        "--posterior); rerun a plain run with "
                                        "--first-replication");
        const std::string out = vm["out"].as<std::string>();
        check_writable(out);

        RunFileHeader header;
        header.scenario_text = scenario.resolved_text;
        header.seed = plan.seed;
        header.ticks = scenario.horizon_days;
        header.start_date = scenario.start_date;
        header.runs = plan.replications;
        header.agent_runs = plan.agent_replications;
        header.command_line = command_line_of(argc, argv);
        if (vm.count("series")) header.series = comma_list(vm["series"].as<std::string>());
        header.every = vm["every"].as<int>();
        header.single_precision = vm.count("single-precision") > 0;
        for (const Contingent& c : scenario.contingents)
            header.contingents.push_back({c.name, c.hazard_multiplier});
        ResultWriter writer(out, header, vm.count("overwrite") > 0);

        const bool quiet = vm.count("quiet") > 0;
        RunsProgress progress(!quiet && isatty(STDERR_FILENO));
        std::vector<bool> finished(static_cast<std::size_t>(plan.replications), false);
        plan.cancel = catch_stop_signals();
        const EnsembleOutcome outcome = run_ensemble(
            scenario, plan,
            [&](const ReplicationResult& r, std::int64_t row) {
                if (row >= row_limit) return; // past the count --precision settled on
                writer.write(r, row);
                finished[static_cast<std::size_t>(row)] = true;
                if (precision)
                    if (const auto runs = precision->add(row, precision_values(*precision, r)))
                        row_limit = *runs;
            },
            [&](std::int64_t done, std::int64_t total) { progress(done, total); });
        if (precision && precision->settled()) writer.keep_rows(*precision->settled());
        writer.close();
        release_stop_signals();
        if (outcome.cancelled) {
            const auto first_missing = static_cast<std::int64_t>(
                std::find(finished.begin(), finished.end(), false) - finished.begin());
            std::cerr << "\nrotsim run: interrupted; " << outcome.completed << " of "
                      << plan.replications << " replications are in " << out
                      << " (rows not run read as -1 or NaN).\nTo continue, run the rest into "
                         "another file: --seed "
                      << plan.seed << " --first-replication "
                      << plan.first_replication + first_missing << " --replications "
                      << plan.replications - first_missing << "\n";
            return stop_exit_status();
        }
        if (quiet) return 0;
        const std::int64_t runs =
            precision && precision->settled() ? *precision->settled() : plan.replications;
        if (precision) report_precision(std::cout, *precision, plan.replications);
        std::cout << runs << " replications of " << vm["scenario"].as<std::string>()
                  << " written to " << out << "\n\n";
        std::string summarize = "summarize";
        char* summarize_argv[] = {summarize.data(), const_cast<char*>(out.c_str())};
        return summarize_command(2, summarize_argv);
    } catch (const std::exception& e) {
        std::cerr << "rotsim run: " << error_text(e) << "\n";
        return 2;
    }
}

} // namespace rotsim::cli
