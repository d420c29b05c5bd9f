#pragma once

// What `rotsim calibrate` prints and stores once its runs are in: the calibration's numbers as
// tables, and as the /calibration record of the file.

#include <iosfwd>
#include <string>
#include <vector>

#include "analysis/abc_smc.hpp"
#include "analysis/calibration.hpp"
#include "io/calibration_file.hpp"

namespace rotsim::cli {

struct CalibrationSetting {
    std::string out;
    std::string targets_path, targets_text;
    std::vector<CalibrationTarget> targets;
    std::vector<CalibrationKey> keys;
    AcceptanceRule rule;
    std::int64_t replications = 1;
    double seconds = 0; // the sweep's wall time
    int table_rows = 20;
    std::vector<std::vector<std::string>> texts; // [key][point]: each value as overridden
    // Sequential ABC (--method smc); a rejection calibration leaves these empty.
    bool smc = false;
    double quantile = 0.5;
    std::int64_t particles = 0;
    std::vector<SmcGeneration> generations;
    std::vector<std::int32_t> point_generation; // per point
    std::string stop_reason;
};

// The rule in words: "the closest 10 % of the points" or "distance <= 1.5".
std::string rule_text(const AcceptanceRule& rule);

CalibrationRecord calibration_record(const CalibrationSetting& setting, const Calibration& c);

// Why no point was accepted, and what to change.
std::string nothing_accepted(const CalibrationSetting& setting, const Calibration& c);

// The accepted points (the closest table_rows), the posterior of every key and the fit to every
// target.
void print_calibration(std::ostream& out, const CalibrationSetting& setting, const Calibration& c);

} // namespace rotsim::cli
