#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "model/text_input.hpp"

namespace rotsim {

// Reads a scenario file (INI syntax, sections as in docs/model.md), applies command-line
// overrides of the form "section.key=value", validates everything and returns the immutable
// model. Every problem throws InputError naming the file, line and key concerned.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

// The same from text already in memory; `source_name` is used in messages in place of a path.
Scenario parse_scenario(const std::string& text, const std::string& source_name,
                        const std::vector<std::string>& overrides = {});

// For callers that try a value of a key through an override (sweeps, priors): the loader's message
// without its "--set 'KEY=VALUE': " prefix, so they can name where the value came from instead;
// and whether the message says the key (or part) itself does not exist, rather than the value.
std::string without_set_prefix(const std::string& message);
bool names_unknown_key(const std::string& message);

} // namespace rotsim
