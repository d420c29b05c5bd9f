#pragma once

// Which members of /summary (and /timeseries) are metrics. Files with HDF5 dimension scales also
// hold coordinate datasets there, named exactly as below; they label the rows and are no metric.

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace rotsim::cli {

inline bool coordinate_name(std::string_view name) {
    constexpr std::array<std::string_view, 6> kCoordinates = {"run",         "time", "date",
                                                              "replication", "seed", "point"};
    return std::find(kCoordinates.begin(), kCoordinates.end(), name) != kCoordinates.end();
}

// Drops the coordinates from a list of metric names and the values read with them.
template <class Values>
void drop_coordinates(std::vector<std::string>& names, std::vector<Values>& values) {
    for (std::size_t m = names.size(); m-- > 0;)
        if (coordinate_name(names[m])) {
            names.erase(names.begin() + static_cast<std::ptrdiff_t>(m));
            if (m < values.size()) values.erase(values.begin() + static_cast<std::ptrdiff_t>(m));
        }
}

} // namespace rotsim::cli
