// rotsim run with uncertain inputs: K points drawn from the scenario's priors (--input-draws K) or
// from a calibration's posterior (--posterior FILE), R replications of each, run as a sweep of
// those points so that MPI, --resume and the sweep file's layout come with it
// (docs/uncertainty.md).
#include "run_inputs.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "arguments.hpp"
#include "cli_support.hpp"
#include "commands.hpp"
#include "ensemble/input_draws.hpp"
#include "ensemble/mpi_shim.hpp"
#include "ensemble/sweep.hpp"
#include "input_check.hpp"
#include "io/calibration_file.hpp"
#include "model/error.hpp"
#include "model/scenario_loader.hpp"
#include "stop_signals.hpp"
#include "sweep_cli.hpp"

namespace po = boost::program_options;

namespace rotsim::cli {
namespace {

void refuse_run_options(const po::variables_map& vm) {
    for (const char* option : {"first-replication", "agents", "precision", "check-every-tick"})
        if (vm.count(option) && !vm[option].defaulted())
            throw std::invalid_argument(std::string("--") + option +
                                        " is for a run of one scenario; with drawn inputs "
                                        "(priors or --posterior) the run is a sweep of points");
}

// The points to run: from the posterior (which supersedes priors of its own keys), or from the
// priors.
PointList drawn_points(const po::variables_map& vm, const Scenario& base, std::int64_t draws,
                       std::uint64_t seed) {
    if (!vm.count("posterior"))
        return prior_points(base.priors, draws, seed,
                            "priors of " + vm["scenario"].as<std::string>());
    const std::string path = vm["posterior"].as<std::string>();
    const PosteriorSample sample = read_posterior(path);
    std::vector<Prior> left;
    for (const Prior& p : base.priors)
        if (std::find(sample.keys.begin(), sample.keys.end(), p.key) == sample.keys.end())
            left.push_back(p);
    if (!left.empty())
        throw InputError("--posterior " + path + " sets " + std::to_string(sample.keys.size()) +
                         " keys, but the scenario also has priors of " + prior_keys(left) +
                         ", which the calibration did not fit: --set them, or calibrate them too");
    WeightedPoints posterior{sample.keys, sample.values, sample.weights};
    PointList list = posterior_points(posterior, draws, seed, "--posterior " + path);
    list.kind = "posterior";
    return list;
}

SweepSpec spec_of(const po::variables_map& vm, int argc, char** argv, const Scenario& base) {
    SweepSpec spec = sweep_spec_from(vm, argc, argv);
    const std::int64_t default_draws = vm.count("posterior") ? std::int64_t{100} : std::int64_t{0};
    const std::int64_t draws =
        vm.count("input-draws") ? vm["input-draws"].as<std::int64_t>() : default_draws;
    if (!vm.count("input-draws") && !vm.count("posterior"))
        throw InputError(spec.scenario_path + " has priors in [uncertainty] (" +
                         prior_keys(base.priors) +
                         "): give --input-draws K to run K points drawn from them (R = "
                         "--replications each), or --set each of those keys to run it fixed");
    spec.design.points = drawn_points(vm, base, draws, spec.seed);
    spec.design.seed = spec.seed;
    return spec;
}

} // namespace

bool has_drawn_inputs(const po::variables_map& vm, const Scenario& base) {
    return !base.priors.empty() || vm.count("posterior") || vm.count("input-draws");
}

int run_drawn_inputs(const po::variables_map& vm, int argc, char** argv, const Scenario& base) {
    refuse_run_options(vm);
    if (base.priors.empty() && !vm.count("posterior"))
        throw InputError("--input-draws: " + vm["scenario"].as<std::string>() +
                         " has no [uncertainty] priors to draw from (docs/uncertainty.md)");
    // Input files are read whole by a child process first, before MPI starts (input_check.hpp).
    if (vm.count("posterior")) check_result_file(vm["posterior"].as<std::string>());
    if (vm.count("resume") && vm.count("out")) {
        std::error_code ec;
        if (std::filesystem::exists(vm["out"].as<std::string>(), ec))
            check_file_to_resume(vm["out"].as<std::string>());
    }
    mpi::Session session(&argc, &argv);
    const bool speaks = session.rank() == 0; // the other ranks compute; rank 0 reports
    try {
        SweepSpec spec;
        // Rank 0 checks the output and every point; if it refuses, the other ranks, which wait
        // for its word, are told to stop.
        const PreparedSweep sweep = [&] {
            try {
                spec = spec_of(vm, argc, argv, base);
                if (speaks) check_writable(spec.out);
                return prepare_sweep(spec, speaks);
            } catch (...) {
                if (speaks && mpi::size() > 1) mpi::broadcast(1);
                throw;
            }
        }();
        const bool quiet = vm.count("quiet") > 0;
        const SweepOutcome outcome = run_sweep_with_progress(sweep, speaks, quiet, "rotsim run");
        if (!outcome.writer) return outcome.cancelled ? stop_exit_status() : 0;
        if (outcome.cancelled) {
            std::cerr << "\nrotsim run: interrupted; " << outcome.done + outcome.failed << " of "
                      << outcome.runs << " runs are in " << spec.out
                      << ".\nTo finish it, run the same command with --resume.\n";
            return stop_exit_status();
        }
        if (!outcome.first_failure.empty()) {
            std::cerr << "rotsim run: " << outcome.failed << " run"
                      << (outcome.failed == 1 ? "" : "s")
                      << " failed; the first: " << outcome.first_failure
                      << "\nThe runs not yet run are missing; --resume runs them.\n";
            return 1;
        }
        if (quiet) return 0;
        std::cout << outcome.runs << " runs (" << sweep.design.points << " input points drawn from "
                  << (sweep.design.kind == "posterior" ? "the posterior" : "the priors") << " x "
                  << spec.replications << " replications) of " << spec.scenario_path
                  << " written to " << spec.out << "\n";
        std::string summarize = "summarize";
        char* summarize_argv[] = {summarize.data(), const_cast<char*>(spec.out.c_str())};
        return summarize_command(2, summarize_argv);
    } catch (const std::exception& e) {
        if (speaks) std::cerr << "rotsim run: " << e.what() << "\n";
        return 2;
    }
}

} // namespace rotsim::cli
