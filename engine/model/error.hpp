#pragma once

#include <stdexcept>
#include <string>

namespace rotsim {

// Every problem with user input is reported through this one type, so front ends can print the
// message and exit non-zero without distinguishing where in the engine it was found.
class InputError : public std::runtime_error {
public:
    explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

} // namespace rotsim
