#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace rotsim::cli {

// Parses a subcommand's arguments: the named options, plus one positional argument stored
// under `positional_name` (the scenario or the run file).
inline boost::program_options::variables_map
parse_arguments(int argc, char** argv, const boost::program_options::options_description& options,
                const char* positional_name) {
    namespace po = boost::program_options;
    po::options_description all;
    all.add(options).add_options()(positional_name, po::value<std::string>());
    po::positional_options_description positional;
    positional.add(positional_name, 1);
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
    return vm;
}

// The repeatable --set section.key=value option and its values.
inline void add_set_option(boost::program_options::options_description& options, const char* help) {
    options.add_options()(
        "set", boost::program_options::value<std::vector<std::string>>()->composing(), help);
}

inline std::vector<std::string> overrides(const boost::program_options::variables_map& vm) {
    return vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
}

} // namespace rotsim::cli
