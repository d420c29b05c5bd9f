#pragma once

// Every command that reads a result file (summarize, summarize --reduce, sensitivity, merge,
// sweep --resume, run --resume and --posterior) has it read whole first by a child process: rotsim
// itself, started again with the hidden command below. libhdf5 aborts, segfaults or loops forever
// on some damaged files; in the child that costs only the child, and the command refuses the file
// with one message instead of dying (docs/reliability.md, "Damaged result files").

#include <string>

namespace rotsim::cli {

// The hidden command the child runs: `inspect-result-file FILE [--series-values]` walks the file
// (io/file_inspection.hpp) and exits 0, or prints why it cannot and exits 2. Not listed by --help.
inline constexpr const char* kInspectCommand = "inspect-result-file";
int inspect_command(int argc, char** argv);

// Has the file walked by a child process, before this process reads it. Throws InputError
// "cannot read result file 'FILE': the file is damaged (...)" when the child crashes or does not
// finish in time (ROTSIM_READ_TIMEOUT seconds; by default 120 s plus 300 s per GiB of the file),
// and the child's own message when it finds the file unreadable. `series_values`: the command
// reads every value of the time series (summarize --reduce, merge, --resume), so the child does
// too; the others read one row of each. Call it before any thread or MPI starts, so that the
// child is started from a process with nothing else going on.
void check_result_file(const std::string& path, bool series_values = false);

// The file --resume continues, before MPI starts: refused at once while another process writes
// it (its lock taken and let go again, by the launcher's rank 0 only; the command's own lock
// comes later), since a file being written may read as damaged; then checked as above.
void check_file_to_resume(const std::string& path);

// The rank the launcher gave this process, read from its environment as MPI is not started yet:
// 0 when not started by one.
int launched_rank();

} // namespace rotsim::cli
