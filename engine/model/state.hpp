#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace rotsim {

// The soldier's states of model-spec.md, in the order used for every per-state output.
enum class State : std::uint8_t {
    pipeline,
    russia_training,
    deployed,
    wounded,
    transit_out,
    home,
    killed,
    captured,
};

inline constexpr int kStateCount = 8;

inline constexpr std::array<std::string_view, kStateCount> kStateNames = {
    "pipeline", "russia_training", "deployed", "wounded", "transit_out",
    "home",     "killed",          "captured"};

constexpr std::string_view state_name(State s) {
    return kStateNames[static_cast<int>(s)];
}

inline std::optional<State> state_from_name(std::string_view name) {
    for (int i = 0; i < kStateCount; ++i)
        if (kStateNames[i] == name) return static_cast<State>(i);
    return std::nullopt;
}

constexpr bool is_in_russia(State s) {
    return s == State::russia_training || s == State::deployed || s == State::wounded;
}

constexpr bool is_absorbing(State s) {
    return s == State::killed || s == State::captured;
}

} // namespace rotsim
