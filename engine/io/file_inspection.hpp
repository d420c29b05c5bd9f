#pragma once

// Reading an untrusted result file once, whole, before a command reads it for real. libhdf5
// 1.10 does not only fail on some damaged files: it aborts, segfaults or loops forever inside
// its own calls (docs/reliability.md, "Damaged result files"). A command therefore has the file
// walked by inspect_result_file in a child process first (tools/rotsim/input_check.cpp), where a
// crash or a hang costs only the child, and reads it itself only once the child came through.

#include <cstdint>
#include <functional>
#include <string>

namespace rotsim {

struct InspectionCounts {
    std::int64_t objects = 0; // groups, datasets and named types
    std::int64_t attributes = 0;
    std::uint64_t bytes = 0; // of values read
};

// Walks everything a reader of result files touches: every group and link (listed in creation
// order and in name order, as the readers list them), every attribute's value, every dataset's
// type, shape and values in blocks of bounded size, and every variable-length string. The values
// of the bulk datasets (/timeseries, a contingent's, /agents) are read only with `series_values`
// (what `summarize --reduce`, merge and --resume read); without, one row of each is read. Before
// each object it calls `at` with the object's path, so that whoever runs the walk can say where it
// stopped. Datasets larger than the readers' own limit (1 GiB of values) are not read: the readers
// refuse them by name. Throws InputError naming the file and the object when HDF5 reports an error.
InspectionCounts inspect_result_file(const std::string& path, bool series_values,
                                     const std::function<void(const std::string&)>& at = {});

// Then the readers' own first steps on the file, as each command takes them: the summaries, a
// sweep file's header, design and first row, a time series reader and its first row of every
// series, a calibration's posterior. What they refuse is not reported here (a command may not
// need what is missing, and says so itself): only a crash or a hang in them matters, and the
// child process that runs this shows those.
void exercise_readers(const std::string& path);

// HDF5's C++ exceptions say which library call failed ("H5Lexists failed"); these are the words
// for what that call was doing, for messages a user reads ("looking up a link").
std::string hdf5_call_words(const std::string& detail);

} // namespace rotsim
