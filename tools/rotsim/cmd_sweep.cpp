#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "arguments.hpp"
#include "cli_support.hpp"
#include "commands.hpp"
#include "ensemble/mpi_shim.hpp"
#include "ensemble/sweep.hpp"
#include "input_check.hpp"
#include "stop_signals.hpp"
#include "sweep_cli.hpp"

namespace po = boost::program_options;

namespace rotsim::cli {

namespace {

po::options_description sweep_options() {
    po::options_description options("rotsim sweep SCENARIO --out FILE.h5 DESIGN [options]");
    auto add = options.add_options();
    add("help,h", "describe the options");
    add("out,o", po::value<std::string>(), "HDF5 file to write (required)");
    add("grid", po::value<std::vector<std::string>>()->composing(),
        "KEY=v1,v2,... or KEY=lo:hi:step (repeatable): the full factorial of the grids; values "
        "holding commas are separated by ';'");
    add("lhs", po::value<std::int64_t>(), "a Latin hypercube of N points over the --range keys");
    add("sobol", po::value<std::int64_t>(),
        "Saltelli's design for Sobol' indices: N base samples, N x (keys + 2) points");
    add("points", po::value<std::string>(),
        "FILE.csv: the design's points one by one: a header of keys, then a value per key on "
        "each line");
    add("range", po::value<std::vector<std::string>>()->composing(),
        "KEY=lo:hi (repeatable), for --lhs and --sobol");
    add("design-seed", po::value<std::string>(), "seed of --lhs (default: --seed)");
    add("replications,n", po::value<std::int64_t>()->default_value(1),
        "replications of each point (0..N-1, the same random streams at every point)");
    add("seed,s", po::value<std::string>()->default_value("1"), "master seed (0 to 2^64-1)");
    add("threads,t", po::value<int>()->default_value(0),
        "worker threads per process (0: all cores; under MPI: 1 per rank)");
    add("shard", po::value<std::string>(), "I/N: run only the I-th of N slices (0 <= I < N)");
    add("resume", "run only the runs FILE.h5 lacks (after a crash, a kill or Ctrl-C)");
    add("on-failure", po::value<std::string>()->default_value("stop"),
        "stop: end at the first failed run; continue: record it as failed and go on");
    add("overwrite", "replace FILE.h5 if it exists");
    add("quiet,q", "no progress and no summary");
    add("series", po::value<std::string>(), "store only these /timeseries, comma-separated");
    add("every", po::value<int>()->default_value(1), "store every N-th tick (and the last)");
    add("single-precision", "store the series as 32-bit floats");
    add("flush-seconds", po::value<double>()->default_value(1.0),
        "longest time a finished run waits in memory before it is on disk");
    add_set_option(options, "override a scenario key for every point: --set section.key=value");
    return options;
}

SweepSpec spec_from(const po::variables_map& vm, int argc, char** argv) {
    if (!vm.count("scenario")) throw std::invalid_argument("missing SCENARIO (a scenario file)");
    if (!vm.count("out")) throw std::invalid_argument("missing --out FILE.h5");
    SweepSpec spec = sweep_spec_from(vm, argc, argv);
    auto list = [&](const char* name) {
        return vm.count(name) ? vm[name].as<std::vector<std::string>>()
                              : std::vector<std::string>{};
    };
    spec.design.grids = list("grid");
    spec.design.ranges = list("range");
    if (vm.count("points")) {
        spec.design.points_file = vm["points"].as<std::string>();
        if (spec.design.points_file.empty())
            throw std::invalid_argument("--points takes a CSV file of design points");
    }
    if (vm.count("lhs")) spec.design.lhs = std::max<std::int64_t>(vm["lhs"].as<std::int64_t>(), -1);
    if (vm.count("sobol"))
        spec.design.sobol = std::max<std::int64_t>(vm["sobol"].as<std::int64_t>(), -1);
    if ((vm.count("lhs") && spec.design.lhs < 1) || (vm.count("sobol") && spec.design.sobol < 1))
        throw std::invalid_argument("--lhs and --sobol take a number of points of at least 1");
    spec.design.seed = vm.count("design-seed")
                           ? seed_from("--design-seed", vm["design-seed"].as<std::string>())
                           : spec.seed;
    if (vm.count("shard")) {
        const std::string text = vm["shard"].as<std::string>();
        const std::size_t slash = text.find('/');
        try {
            std::size_t used = 0;
            if (slash == std::string::npos) throw std::invalid_argument(text);
            spec.shard_index = std::stoll(text.substr(0, slash), &used);
            if (used != slash) throw std::invalid_argument(text);
            spec.shard_count = std::stoll(text.substr(slash + 1), &used);
            if (used != text.size() - slash - 1) throw std::invalid_argument(text);
        } catch (const std::logic_error&) {
            throw std::invalid_argument("--shard takes I/N (the I-th of N slices, 0 <= I < N), "
                                        "got '" +
                                        text + "'");
        }
    }
    const std::string policy = vm["on-failure"].as<std::string>();
    if (policy != "stop" && policy != "continue")
        throw std::invalid_argument("--on-failure is 'stop' or 'continue', got '" + policy + "'");
    spec.on_failure = policy == "stop" ? OnFailure::stop : OnFailure::next;
    spec.flush_seconds = vm["flush-seconds"].as<double>();
    return spec;
}

// Rank 0 checks the output path and every design point; if it refuses the sweep, the other
// ranks, which wait for its word before they start, are told to stop.
PreparedSweep prepare(const SweepSpec& spec, bool rank_0) {
    try {
        if (rank_0) check_writable(spec.out);
        return prepare_sweep(spec, rank_0);
    } catch (...) {
        if (rank_0 && mpi::size() > 1) mpi::broadcast(1);
        throw;
    }
}

// --resume reads the file it continues: read whole by a child process first (input_check.hpp),
// before MPI starts, by every rank (each reads the file). Arguments that do not parse are left
// for the parse after it to report.
void check_resumed_file(int argc, char** argv, const po::options_description& options) {
    po::variables_map vm;
    try {
        vm = parse_arguments(argc, argv, options, "scenario");
    } catch (const std::exception&) {
        return;
    }
    if (!vm.count("resume") || !vm.count("out")) return;
    const std::string out = vm["out"].as<std::string>();
    std::error_code ec;
    if (std::filesystem::exists(out, ec)) check_file_to_resume(out);
}

} // namespace

int sweep_command(int argc, char** argv) {
    const po::options_description options = sweep_options();
    bool speaks = true; // MPI ranks other than 0 stay silent: rank 0 reports for all
    try {
        speaks = launched_rank() == 0;
        check_resumed_file(argc, argv, options);
        mpi::Session session(&argc, &argv);
        speaks = session.rank() == 0;
        const po::variables_map vm = parse_arguments(argc, argv, options, "scenario");
        if (vm.count("help")) {
            if (speaks) std::cout << options;
            return 0;
        }
        const SweepSpec spec = spec_from(vm, argc, argv);
        const PreparedSweep sweep = prepare(spec, speaks);
        const bool quiet = vm.count("quiet") > 0;
        const SweepOutcome outcome = run_sweep_with_progress(sweep, speaks, quiet, "rotsim sweep");
        if (!outcome.writer) return outcome.cancelled ? stop_exit_status() : 0;
        const std::int64_t missing = outcome.runs - outcome.done - outcome.failed;
        if (outcome.cancelled) {
            std::cerr << "\nrotsim sweep: interrupted; " << outcome.done + outcome.failed << " of "
                      << outcome.runs << " runs are in " << spec.out << ", " << missing
                      << " missing.\nTo finish it, run the same command with --resume.\n";
            return stop_exit_status();
        }
        if (!outcome.first_failure.empty())
            std::cerr << "rotsim sweep: " << outcome.failed << " run"
                      << (outcome.failed == 1 ? "" : "s") << " failed (/runs/status, "
                      << "/runs/failure); the first: " << outcome.first_failure << "\n";
        if (outcome.stopped) {
            std::cerr << "rotsim sweep: stopped at the failure (--on-failure stop); " << missing
                      << " runs were not run. --resume runs them.\n";
            return 1;
        }
        if (!quiet)
            std::cout << outcome.runs << " runs (" << sweep.design.points << " points x "
                      << spec.replications << " replications"
                      << (spec.shard_count > 1 ? ", shard " + std::to_string(spec.shard_index) +
                                                     "/" + std::to_string(spec.shard_count)
                                               : std::string())
                      << ") in " << spec.out << "\n";
        return 0;
    } catch (const std::exception& e) {
        if (speaks) std::cerr << "rotsim sweep: " << error_text(e) << "\n";
        return 2;
    }
}

} // namespace rotsim::cli
