// rotsim: the command-line front end. It only picks the subcommand; each lives in its own file.
#include <csignal>
#include <cstring>
#include <iostream>
#include <string>

#include "commands.hpp"
#include "input_check.hpp"
#include "version.hpp"

namespace {

void usage(std::ostream& out) {
    out << "rotsim " << rotsim::kEngineVersion << " (" << rotsim::kGitRevision
        << "): agent-based simulation of soldiers' rotation, casualties and pay\n\n"
           "usage: rotsim <command> [options]\n\n"
           "commands:\n"
           "  run SCENARIO --out FILE.h5   Monte Carlo replications of a scenario to HDF5\n"
           "  sweep SCENARIO --out FILE.h5 replications of every point of a design (grid, Latin\n"
           "                               hypercube, Saltelli) on threads, MPI ranks or shards\n"
           "  merge SHARD.h5... --out F.h5 join the shards of a sweep into one file\n"
           "  calibrate SCENARIO --targets T.csv --range KEY=lo:hi --out F.h5\n"
           "                               fit keys to observed targets (rejection ABC)\n"
           "  check SCENARIO               validate a scenario file and print it resolved\n"
           "  summarize FILE.h5            statistics of every summary metric across runs (per\n"
           "                               design point of a sweep); --reduce stores bands\n"
           "  compare A.h5 B.h5            difference of every summary metric's mean, B - A,\n"
           "                               with its 95 % interval (paired by seed); a sweep's\n"
           "                               points against one with --baseline POINT\n"
           "  sensitivity SWEEP.h5         SRC, PRCC or Sobol' indices of an lhs or sobol sweep\n"
           "  expect SCENARIO --out F.h5   the expected value of every series, in milliseconds\n\n"
           "'rotsim <command> --help' describes a command's options.\n";
}

} // namespace

int main(int argc, char** argv) {
    // Past a file-size limit (ulimit -f) the system would kill rotsim with SIGXFSZ, silently and
    // leaving its temporary file; ignored, the write fails with EFBIG, which every writer reports
    // ("File too large") before it gives its file up.
    std::signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        usage(std::cerr);
        return 2;
    }
    const std::string command = argv[1];
    if (command == "run") return rotsim::cli::run_command(argc - 1, argv + 1);
    if (command == "sweep") return rotsim::cli::sweep_command(argc - 1, argv + 1);
    if (command == "merge") return rotsim::cli::merge_command(argc - 1, argv + 1);
    if (command == "calibrate") return rotsim::cli::calibrate_command(argc - 1, argv + 1);
    if (command == "check") return rotsim::cli::check_command(argc - 1, argv + 1);
    if (command == "summarize") return rotsim::cli::summarize_command(argc - 1, argv + 1);
    if (command == "compare") return rotsim::cli::compare_command(argc - 1, argv + 1);
    if (command == "expect") return rotsim::cli::expect_command(argc - 1, argv + 1);
    if (command == "sensitivity") return rotsim::cli::sensitivity_command(argc - 1, argv + 1);
    if (command == rotsim::cli::kInspectCommand)
        return rotsim::cli::inspect_command(argc - 1, argv + 1);
    if (command == "--help" || command == "-h" || command == "help") {
        usage(std::cout);
        return 0;
    }
    if (command == "--version") {
        std::cout << "rotsim " << rotsim::kEngineVersion << " (" << rotsim::kGitRevision << ")\n";
        return 0;
    }
    std::cerr << "rotsim: unknown command '" << command << "'\n\n";
    usage(std::cerr);
    return 2;
}
