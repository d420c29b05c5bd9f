#pragma once

// What the scenario fuzz targets check for every input (see fuzz_scenario.cpp).

#include "model/error.hpp"
#include "model/scenario_loader.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace rotsim::fuzz {

[[noreturn]] inline void broken(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz oracle: %s\n%s\n", what, detail.c_str());
    std::abort();
}

inline void load_and_round_trip(const std::string& text,
                                const std::vector<std::string>& overrides) {
    Scenario scenario;
    try {
        scenario = parse_scenario(text, "fuzz.ini", overrides);
    } catch (const InputError&) {
        return; // refused with a message: the expected outcome for most inputs
    }
    // Anything else thrown escapes to libFuzzer, which reports it as a crash.
    Scenario again;
    try {
        again = parse_scenario(scenario.resolved_text, "resolved.ini");
    } catch (const InputError& e) {
        broken("the resolved text of a valid scenario does not load",
               std::string(e.what()) + "\n--- resolved text:\n" + scenario.resolved_text);
    }
    if (again.resolved_text != scenario.resolved_text)
        broken("the resolved text does not read back to itself",
               scenario.resolved_text + "\n--- read back as:\n" + again.resolved_text);
}

} // namespace rotsim::fuzz
