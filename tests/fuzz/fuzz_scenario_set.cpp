// libFuzzer target: `--set section.key=value` overrides, one per line of the input, applied to a
// fixed valid scenario with two classes and schedules (so class keys, schedules and ranges are
// all reachable). Same oracle as fuzz_scenario: load or InputError, and a loaded scenario round
// trips through its resolved text.
#include "fuzz_support.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr const char* kBase = R"([run]
horizon_days = 120
[strength]
target_strength = 0:300, 40:500
relief_lead_days = 7
[durations]
russia_training_days = 3..42
stay_days = 30..70
[casualties]
intensity = 0:1, 30:3, 60:3, 90:0.5
[pay]
pay_states = russia_training, deployed, wounded
[class.storm_corps]
share = 0.7
[class.regular]
share = 0.3
hazard_multiplier = 1.5
monthly_pay_usd = 1800.5
)";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> overrides;
    for (std::size_t start = 0; start <= input.size();) {
        std::size_t stop = input.find('\n', start);
        if (stop == std::string_view::npos) stop = input.size();
        overrides.emplace_back(input.substr(start, stop - start));
        start = stop + 1;
    }
    rotsim::fuzz::load_and_round_trip(kBase, overrides);
    return 0;
}
