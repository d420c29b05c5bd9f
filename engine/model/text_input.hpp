#pragma once

// Every text input of rotsim (scenario files, --points and --targets CSVs) is read here, in
// bounded memory and without waiting forever on a pipe.

#include <cstddef>
#include <string>

namespace rotsim {

// The most any text input is read of: a scenario, a --points or --targets CSV, a --set value.
inline constexpr std::size_t kMaxTextInputBytes = std::size_t{16} << 20;

// Reads a text input whole, in bounded memory, for every command: more than kMaxTextInputBytes
// (a huge file, or an endless device such as /dev/zero) is refused, and so is a directory. A FIFO
// is read as a file once a program writes to it; one that no program opens for writing within
// 10 s is refused rather than waited on forever. `what` names the input in messages ("scenario
// file"). Problems throw InputError.
std::string read_text_input(const std::string& path, const std::string& what);

} // namespace rotsim
