#pragma once

#include <string>
#include <vector>

#include "model/scenario.hpp"

namespace rotsim {

// Reads a scenario file (INI syntax, sections as in docs/model.md), applies command-line
// overrides of the form "section.key=value", validates everything and returns the immutable
// model. Every problem throws InputError naming the file, line and key concerned.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

// The same from text already in memory; `source_name` is used in messages in place of a path.
Scenario parse_scenario(const std::string& text, const std::string& source_name,
                        const std::vector<std::string>& overrides = {});

} // namespace rotsim
