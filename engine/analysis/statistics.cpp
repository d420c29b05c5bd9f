#include "analysis/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace rotsim {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A ratio metric is NaN in a run where its denominator was zero (no payments, no survivors);
// such runs carry no information about the ratio, so statistics skip them.
void drop_nan(std::vector<double>& values) {
    std::erase_if(values, [](double v) { return std::isnan(v); });
}

// NumPy's interpolation, term for term, so that results agree to the last bit rather than to a
// rounding error: lerp from the nearer end.
double lerp(double a, double b, double t) {
    const double diff = b - a;
    return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

} // namespace

Moments moments(const std::vector<double>& values) {
    // Two passes: the mean first, then squared deviations from it, which stays accurate for the
    // large USD sums where a one-pass sum of squares would cancel catastrophically.
    double sum = 0.0;
    std::size_t n = 0;
    for (double v : values) {
        if (std::isnan(v)) continue;
        sum += v;
        ++n;
    }
    if (n == 0) return {kNaN, kNaN};
    const double mean = sum / static_cast<double>(n);
    if (n == 1) return {mean, 0.0};
    double squares = 0.0;
    for (double v : values) {
        if (std::isnan(v)) continue;
        squares += (v - mean) * (v - mean);
    }
    return {mean, std::sqrt(squares / static_cast<double>(n - 1))};
}

double quantile(std::vector<double> values, double q) {
    if (!(q >= 0.0 && q <= 1.0))
        throw std::invalid_argument("quantile: q = " + std::to_string(q) + " is outside [0, 1]");
    drop_nan(values);
    if (values.empty()) return kNaN;
    const double h = static_cast<double>(values.size() - 1) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const auto lo_it = values.begin() + static_cast<std::ptrdiff_t>(lo);
    std::nth_element(values.begin(), lo_it, values.end());
    const double a = *lo_it;
    if (lo + 1 >= values.size()) return a;
    // After nth_element everything beyond lo is >= a; the smallest of it is order statistic lo+1.
    const double b = *std::min_element(lo_it + 1, values.end());
    return lerp(a, b, h - static_cast<double>(lo));
}

double sorted_quantile(const std::vector<double>& sorted, double q) {
    if (!(q >= 0.0 && q <= 1.0))
        throw std::invalid_argument("quantile: q = " + std::to_string(q) + " is outside [0, 1]");
    if (sorted.empty()) return kNaN;
    const double h = static_cast<double>(sorted.size() - 1) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    if (lo + 1 >= sorted.size()) return sorted[lo];
    return lerp(sorted[lo], sorted[lo + 1], h - static_cast<double>(lo));
}

std::vector<double> column_bands(const std::vector<double>& block, std::size_t cols,
                                 const std::vector<std::size_t>& rows,
                                 const std::vector<double>& quantiles) {
    const std::size_t stats = 1 + quantiles.size();
    std::vector<double> out(stats * cols, kNaN);
    std::vector<double> column;
    for (std::size_t c = 0; c < cols; ++c) {
        column.clear();
        for (const std::size_t r : rows) {
            const double v = block.at(r * cols + c);
            if (!std::isnan(v)) column.push_back(v);
        }
        if (column.empty()) continue;
        out[c] = moments(column).mean;
        std::sort(column.begin(), column.end());
        for (std::size_t q = 0; q < quantiles.size(); ++q)
            out[(1 + q) * cols + c] = sorted_quantile(column, quantiles[q]);
    }
    return out;
}

} // namespace rotsim
