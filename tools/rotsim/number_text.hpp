#pragma once

// How `rotsim summarize` writes numbers: exactly for CSV, legibly for people.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace rotsim::cli {

// Shortest text that reads back to the same double: CSV is for further analysis.
inline std::string exact(double value) {
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

// Six significant digits, but never exponents for the large USD totals: 264,000,000 reads better
// than 2.64e+08, and the thousands separators keep head counts legible.
inline std::string readable(double value) {
    if (!std::isfinite(value) || std::fabs(value) >= 1e15 || std::fabs(value) < 1.0) {
        char text[32];
        std::snprintf(text, sizeof text, "%.6g", value);
        return text;
    }
    const int digits = static_cast<int>(std::floor(std::log10(std::fabs(value)))) + 1;
    char text[48];
    std::snprintf(text, sizeof text, "%.*f", std::max(0, 6 - digits), value);
    std::string fixed = text;
    std::string::size_type point = fixed.find('.');
    if (point != std::string::npos) {
        while (fixed.back() == '0')
            fixed.pop_back();
        if (fixed.back() == '.') fixed.pop_back();
    }
    point = std::min(fixed.find('.'), fixed.size());
    const std::string::size_type first_digit = fixed[0] == '-' ? 1 : 0;
    for (auto i = point; i > first_digit + 3; i -= 3)
        fixed.insert(i - 3, ",");
    return fixed;
}

} // namespace rotsim::cli
