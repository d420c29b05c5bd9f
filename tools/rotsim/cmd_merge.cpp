#include <boost/program_options.hpp>
#include <iostream>

#include "cli_support.hpp"
#include "commands.hpp"
#include "ensemble/sweep.hpp"
#include "input_check.hpp"

namespace po = boost::program_options;

namespace rotsim::cli {

int merge_command(int argc, char** argv) {
    po::options_description options("rotsim merge SHARD.h5... --out FILE.h5 [options]");
    options.add_options()("help,h", "describe the options")("out,o", po::value<std::string>(),
                                                            "the sweep's file to write (required)")(
        "overwrite", "replace FILE.h5 if it exists")("quiet,q", "no summary line");
    try {
        po::options_description all;
        all.add(options).add_options()("shards", po::value<std::vector<std::string>>());
        po::positional_options_description positional;
        positional.add("shards", -1);
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(),
                  vm);
        po::notify(vm);
        if (vm.count("help")) {
            std::cout << options;
            return 0;
        }
        if (!vm.count("shards"))
            throw std::invalid_argument("missing SHARD.h5 files (made by 'rotsim sweep --shard')");
        if (!vm.count("out")) throw std::invalid_argument("missing --out FILE.h5");
        const std::string out = vm["out"].as<std::string>();
        check_writable(out);
        const auto shards = vm["shards"].as<std::vector<std::string>>();
        // Each shard is read whole by a child process first (input_check.hpp).
        for (const std::string& shard : shards)
            check_result_file(shard, true);
        const std::int64_t runs =
            merge_sweep_files(shards, out, vm.count("overwrite") > 0, command_line_of(argc, argv));
        if (!vm.count("quiet"))
            std::cout << runs << " runs from " << shards.size() << " shard"
                      << (shards.size() == 1 ? "" : "s") << " in " << out << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "rotsim merge: " << e.what() << "\n";
        return 2;
    }
}

} // namespace rotsim::cli
