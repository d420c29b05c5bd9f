#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <iostream>
#include <sstream>

#include "analysis/expectation.hpp"
#include "arguments.hpp"
#include "cli_support.hpp"
#include "commands.hpp"
#include "io/hdf5_writer.hpp"
#include "model/scenario_loader.hpp"

namespace po = boost::program_options;

namespace rotsim::cli {

namespace {

// Stored as the file's root attribute `expectation`, so that nobody reads the row as a run.
constexpr const char* kExact =
    "exact: the expectation of the agent model (dispatch = schedule); each series is the mean "
    "over infinitely many replications";
constexpr const char* kMeanField =
    "mean-field: dispatch = target computed from the expected state each day, an approximation "
    "of the agent model's mean (docs/expectation.md)";

} // namespace

int expect_command(int argc, char** argv) {
    po::options_description options("rotsim expect SCENARIO --out FILE.h5 [options]");
    options.add_options()("help,h", "describe the options")("out,o", po::value<std::string>(),
                                                            "HDF5 file to write (required)")(
        "overwrite", "replace FILE.h5 if it exists")("quiet,q", "print nothing");
    add_set_option(options, "override a scenario key: --set section.key=value (repeatable)");
    try {
        const po::variables_map vm = parse_arguments(argc, argv, options, "scenario");
        if (vm.count("help")) {
            std::cout
                << options
                << "\nWrites the expected values of every series of SCENARIO, computed by "
                   "the\nexpected-value model (docs/expectation.md), as a one-row run file.\n";
            return 0;
        }
        if (!vm.count("scenario"))
            throw std::invalid_argument("missing SCENARIO (a scenario file)");
        if (!vm.count("out")) throw std::invalid_argument("missing --out FILE.h5");
        check_writable(vm["out"].as<std::string>());
        const std::string path = vm["scenario"].as<std::string>();
        const Scenario scenario = load_scenario(path, overrides(vm));
        // Expected values are of one scenario; silently taking the priors' keys at their written
        // values would pass for the expectation over the priors.
        if (!scenario.priors.empty())
            throw std::invalid_argument(
                path + " has priors in [uncertainty] (" + prior_keys(scenario.priors) +
                "); expected values are of one scenario: --set those keys to the values to use, "
                "or run the priors with 'rotsim run --input-draws K'");
        const auto start = std::chrono::steady_clock::now();
        const Expectation expectation = expect_scenario(scenario);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();

        RunFileHeader header;
        header.scenario_text = scenario.resolved_text;
        header.ticks = scenario.horizon_days;
        header.start_date = scenario.start_date;
        header.runs = 1;
        std::ostringstream command;
        command << "rotsim";
        for (int k = 0; k < argc; ++k)
            command << ' ' << argv[k];
        header.command_line = command.str();
        header.expectation = expectation.exact ? kExact : kMeanField;
        const std::string out = vm["out"].as<std::string>();
        ResultWriter writer(out, header, vm.count("overwrite") > 0);
        writer.write(expectation_result(expectation), 0);
        writer.close();
        if (vm.count("quiet")) return 0;

        std::printf("expected values of %s (%s) written to %s in %.0f ms\n\n", path.c_str(),
                    expectation.exact ? "exact" : "mean-field", out.c_str(), ms);
        for (int s = 0; s < kSummaryCount; ++s) {
            // Cents for the large totals, six digits for shares and rates.
            const double x = expectation.summary[static_cast<std::size_t>(s)];
            std::printf(std::fabs(x) >= 1000 ? "%-32s %18.2f\n" : "%-32s %18.6g\n",
                        std::string(kSummaries[s].name).c_str(), x);
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "rotsim expect: " << error_text(e) << "\n";
        return 2;
    }
}

} // namespace rotsim::cli
