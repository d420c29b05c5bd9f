#pragma once

// Adding a group of derived results (/reduced, /sensitivity, /calibration) to a finished result
// file. Private to engine/io.

#include <H5Cpp.h>
#include <functional>
#include <string>

namespace rotsim {

// Whether the file has a top-level object of this name; opens files left open by a writer, too.
bool file_has_group(const std::string& path, const std::string& group);

// The copy annex_group(path, group, ...) builds beside the file, named for this process; empty if
// `path` does not exist.
std::string annex_copy_path(const std::string& path, const std::string& group);

// Adds the top-level group `group`, filled by `fill`, to the result file at `path`. A file changed
// in place is left unreadable by HDF5 if the process dies half-way (a full disk, a killed job), so
// the group is built in a copy beside the file that replaces it only once complete and on disk:
// this costs a copy of the file, and free space for it. An existing group of that name is an
// InputError unless `overwrite`. Every failure is an InputError saying the file is unchanged.
void annex_group(const std::string& path, const std::string& group, bool overwrite,
                 const std::function<void(H5::Group&)>& fill);

} // namespace rotsim
