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

// Each line without its comment ('#' to the end of the line, as the loader reads it).
inline std::string without_comments(const std::string& text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        line = line.substr(0, line.find('#'));
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out += line;
        out += '\n';
        start = end + 1;
    }
    return out;
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
    // Notes (a share rescaled because another was given alone) are comments that say how a
    // value was made; read back, the value is given as it is and the note goes. Values must read
    // back the same, and from then on the text itself.
    if (without_comments(again.resolved_text) != without_comments(scenario.resolved_text))
        broken("the resolved text does not read back to itself",
               scenario.resolved_text + "\n--- read back as:\n" + again.resolved_text);
    if (parse_scenario(again.resolved_text, "again.ini").resolved_text != again.resolved_text)
        broken("the resolved text of a resolved text does not read back to itself",
               again.resolved_text);
}

} // namespace rotsim::fuzz
