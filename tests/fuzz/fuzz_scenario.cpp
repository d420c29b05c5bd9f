// libFuzzer target: the scenario parser on arbitrary text (the whole file: INI syntax, values,
// schedules, ranges, dates, class sections). Any input must either load or throw InputError;
// anything else (another exception, a crash, a sanitizer report, a hang) is a bug. A scenario
// that loads must read back from its own resolved text into the same resolved text, as files
// written by `rotsim run` are read back by `rotsim run --set` and by analyses.
#include "fuzz_support.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    rotsim::fuzz::load_and_round_trip(text, {});
    return 0;
}
