#pragma once

namespace rotsim::cli {

// One function per subcommand; argv[0] is the subcommand's name. Each returns the exit status.
int run_command(int argc, char** argv);
int check_command(int argc, char** argv);
int summarize_command(int argc, char** argv);
int compare_command(int argc, char** argv);
int sweep_command(int argc, char** argv);
int merge_command(int argc, char** argv);
int expect_command(int argc, char** argv);
int sensitivity_command(int argc, char** argv);
int calibrate_command(int argc, char** argv);

} // namespace rotsim::cli
