#pragma once

// What `rotsim sensitivity` reads of a sweep file, and the /sensitivity group it adds to it
// (docs/hdf5-schema.md, "Sensitivity indices"). Plain data: engine/io knows nothing of how the
// indices are computed.

#include <cstdint>
#include <string>
#include <vector>

#include "io/sweep_file.hpp"

namespace rotsim {

// A dataset of /sensitivity: one value per metric, or per metric and key (row-major).
struct SensitivityColumn {
    std::string name, units, description;
    std::vector<double> values;
    bool per_key = false;
};

struct SensitivityRecord {
    std::string method; // "regression" (lhs sweeps) or "sobol"
    std::vector<std::string> metrics, keys;
    std::vector<SensitivityColumn> columns;
    double confidence = 0.95;
    std::int64_t bootstrap_resamples = 0; // sobol only
    std::uint64_t bootstrap_seed = 0;     // sobol only
    std::string command_line;
};

// Adds /sensitivity to the sweep file at `path`. An existing /sensitivity is an InputError unless
// `overwrite`. The group is written into a copy next to the file, which then replaces it in one
// rename: whatever fails, the file holds either its old contents or the new ones, never a half.
void store_sensitivity(const std::string& path, const SensitivityRecord& record, bool overwrite);

// Whether the file holds a /sensitivity group already.
bool has_sensitivity(const std::string& path);

// The copy store_sensitivity builds beside the file: what an interrupted command must remove.
std::string sensitivity_copy_path(const std::string& path);

} // namespace rotsim
