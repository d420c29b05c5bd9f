#include <boost/program_options.hpp>
#include <exception>
#include <iostream>

#include "arguments.hpp"
#include "commands.hpp"
#include "model/keys.hpp"
#include "model/scenario_loader.hpp"

namespace po = boost::program_options;

namespace rotsim::cli {

int check_command(int argc, char** argv) {
    po::options_description options("rotsim check SCENARIO [options]");
    options.add_options()("help,h", "describe the options")(
        "quiet,q", "print nothing when the scenario is valid")(
        "key-reference", "print the scenario key reference of docs/model.md (no SCENARIO)");
    add_set_option(options, "override a key: --set section.key=value (repeatable)");
    try {
        const po::variables_map vm = parse_arguments(argc, argv, options, "scenario");
        if (vm.count("help")) {
            std::cout << options << "\nValidates SCENARIO and prints it with every key resolved.\n";
            return 0;
        }
        if (vm.count("key-reference")) {
            std::cout << key_reference_markdown();
            return 0;
        }
        if (!vm.count("scenario")) {
            std::cerr << "rotsim check: missing SCENARIO (a scenario file)\n";
            return 2;
        }
        const Scenario scenario = load_scenario(vm["scenario"].as<std::string>(), overrides(vm));
        if (!vm.count("quiet")) std::cout << scenario.resolved_text;
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "rotsim check: " << e.what() << "\n";
        return 2;
    }
}

} // namespace rotsim::cli
