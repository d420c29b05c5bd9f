#include <boost/program_options.hpp>
#include <exception>
#include <iostream>

#include "commands.hpp"
#include "model/scenario_loader.hpp"

namespace po = boost::program_options;

namespace rotsim::cli {

int check_command(int argc, char** argv) {
    po::options_description options("rotsim check SCENARIO [options]");
    options.add_options()("help,h", "describe the options")(
        "set", po::value<std::vector<std::string>>()->composing(),
        "override a key: --set section.key=value (repeatable)")(
        "quiet,q", "print nothing when the scenario is valid");
    po::options_description hidden;
    hidden.add_options()("scenario", po::value<std::string>());
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description positional;
    positional.add("scenario", 1);
    try {
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(),
                  vm);
        po::notify(vm);
        if (vm.count("help")) {
            std::cout << options << "\nValidates SCENARIO and prints it with every key resolved.\n";
            return 0;
        }
        if (!vm.count("scenario")) {
            std::cerr << "rotsim check: missing SCENARIO (a scenario file)\n";
            return 2;
        }
        const auto overrides =
            vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
        const Scenario scenario = load_scenario(vm["scenario"].as<std::string>(), overrides);
        if (!vm.count("quiet")) std::cout << scenario.resolved_text;
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "rotsim check: " << e.what() << "\n";
        return 2;
    }
}

} // namespace rotsim::cli
