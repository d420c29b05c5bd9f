#include "ensemble/design.hpp"

// philox.h sets up the feature macros the rest of Random123 needs, so it comes first.
#include <Random123/philox.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <optional>
#include <set>

#include "model/error.hpp"
#include "model/ini_text.hpp"

namespace rotsim {
namespace {

// Primitive polynomials and initial direction numbers of dimensions 2..32 of the Sobol' sequence:
// degree s, coefficients a, m_1..m_s (S. Joe and F. Y. Kuo, new-joe-kuo-6.21201, 2008).
struct Direction {
    int s;
    unsigned a;
    std::array<std::uint32_t, 7> m;
};
constexpr std::array<Direction, kMaxSobolDimensions - 1> kJoeKuo = {{
    {1, 0, {1}},
    {2, 1, {1, 3}},
    {3, 1, {1, 3, 1}},
    {3, 2, {1, 1, 1}},
    {4, 1, {1, 1, 3, 3}},
    {4, 4, {1, 3, 5, 13}},
    {5, 2, {1, 1, 5, 5, 17}},
    {5, 4, {1, 1, 5, 5, 5}},
    {5, 7, {1, 1, 7, 11, 19}},
    {5, 11, {1, 1, 5, 1, 1}},
    {5, 13, {1, 1, 1, 3, 11}},
    {5, 14, {1, 3, 5, 5, 31}},
    {6, 1, {1, 3, 3, 9, 7, 49}},
    {6, 13, {1, 1, 1, 15, 21, 21}},
    {6, 16, {1, 3, 1, 13, 27, 49}},
    {6, 19, {1, 1, 1, 15, 7, 5}},
    {6, 22, {1, 3, 1, 15, 13, 25}},
    {6, 25, {1, 1, 5, 5, 19, 61}},
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},
    {7, 7, {1, 1, 3, 13, 7, 35, 63}},
    {7, 8, {1, 3, 5, 9, 1, 25, 53}},
    {7, 14, {1, 3, 1, 13, 9, 35, 107}},
    {7, 19, {1, 3, 1, 5, 27, 61, 31}},
    {7, 21, {1, 1, 5, 11, 19, 41, 61}},
    {7, 28, {1, 3, 5, 3, 3, 13, 69}},
    {7, 31, {1, 1, 7, 13, 1, 19, 1}},
    {7, 32, {1, 3, 7, 5, 13, 19, 59}},
    {7, 37, {1, 1, 3, 9, 25, 29, 41}},
    {7, 41, {1, 3, 5, 13, 23, 1, 55}},
    {7, 42, {1, 3, 7, 3, 13, 59, 17}},
}};
constexpr int kBits = 32;

[[noreturn]] void refuse(const std::string& option, const std::string& text,
                         const std::string& problem) {
    throw InputError(option + " " + in_quotes(text) + ": " + problem);
}

std::optional<double> number(std::string_view text) {
    double value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) return {};
    return value;
}

// Without binary noise: "0.1:0.3:0.1" gives 0.1, 0.2, 0.3, written with the decimals the user
// wrote, not 0.30000000000000004.
int decimals(std::string_view text) {
    if (text.find_first_of("eE") != std::string_view::npos) return -1;
    const std::size_t dot = text.find('.');
    return dot == std::string_view::npos ? 0 : static_cast<int>(text.size() - dot - 1);
}

std::string fixed(double value, int digits) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", digits, value);
    std::string out = text;
    if (out.find('.') != std::string::npos) {
        out.erase(out.find_last_not_of('0') + 1);
        if (out.back() == '.') out.pop_back();
    }
    return out == "-0" ? "0" : out;
}

struct Assignment {
    std::string key, rest;
};

Assignment split(const std::string& option, const std::string& text, const char* expected) {
    const std::size_t equals = text.find('=');
    Assignment a{trim(text.substr(0, std::min(equals, text.size()))), ""};
    if (equals == std::string::npos || a.key.empty()) refuse(option, text, expected);
    a.rest = trim(text.substr(equals + 1));
    return a;
}

std::vector<std::string> pieces(const std::string& text, char separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        out.push_back(trim(text.substr(start, end - start)));
        if (end == std::string::npos) return out;
        start = end + 1;
    }
}

std::vector<std::string> grid_values(const std::string& text, const Assignment& a) {
    const std::vector<std::string> parts = pieces(a.rest, ':');
    const bool range = parts.size() == 3 && a.rest.find_first_of(",;") == std::string::npos &&
                       number(parts[0]) && number(parts[1]) && number(parts[2]);
    if (!range) {
        std::vector<std::string> values =
            pieces(a.rest, a.rest.find(';') != std::string::npos ? ';' : ',');
        for (const std::string& v : values)
            if (v.empty())
                refuse("--grid", text,
                       "empty value (values are separated by ',', or by ';' when they contain "
                       "commas)");
        return values;
    }
    const double lo = *number(parts[0]), hi = *number(parts[1]), step = *number(parts[2]);
    if (lo > hi) refuse("--grid", text, "lo " + parts[0] + " is greater than hi " + parts[1]);
    if (step <= 0) refuse("--grid", text, "step must be greater than 0, got " + parts[2]);
    const double steps = std::floor((hi - lo) / step * (1 + 1e-12) + 1e-9);
    if (steps + 1 > static_cast<double>(kMaxDesignPoints))
        refuse("--grid", text, "more than " + std::to_string(kMaxDesignPoints) + " values");
    const int digits = std::max({decimals(parts[0]), decimals(parts[1]), decimals(parts[2])});
    const bool exponent =
        std::min({decimals(parts[0]), decimals(parts[1]), decimals(parts[2])}) < 0;
    std::vector<std::string> values;
    for (std::int64_t k = 0; k <= static_cast<std::int64_t>(steps); ++k) {
        const double v = lo + static_cast<double>(k) * step;
        values.push_back(exponent ? format_double(std::stod(format_approx(v))) : fixed(v, digits));
    }
    return values;
}

struct Range {
    std::string key;
    double lo, hi, grain;
};

Range parse_range(const std::string& text, const KeyGrain& grain) {
    const Assignment a = split("--range", text, "expected KEY=lo:hi");
    const std::vector<std::string> parts = pieces(a.rest, ':');
    if (parts.size() != 2 || !number(parts[0]) || !number(parts[1]))
        refuse("--range", text, "expected KEY=lo:hi with two numbers");
    Range r{a.key, *number(parts[0]), *number(parts[1]), grain(a.key)};
    if (r.lo > r.hi) refuse("--range", text, "lo " + parts[0] + " is greater than hi " + parts[1]);
    if (r.lo == r.hi) refuse("--range", text, "lo and hi are equal; sweep a range, or use --set");
    if (r.grain >= 1 && (r.lo != std::floor(r.lo) || r.hi != std::floor(r.hi)))
        refuse("--range", text, a.key + " takes whole numbers; give whole bounds");
    return r;
}

// A point of the unit interval mapped into the range, on the key's grain: whole numbers are
// equally likely each, so the hypercube's strata stay balanced for small integer ranges too.
std::string scaled(double u, const Range& r) {
    if (r.grain >= 1) return fixed(std::min(r.hi, r.lo + std::floor(u * (r.hi - r.lo + 1))), 0);
    const double v = r.lo + u * (r.hi - r.lo);
    if (r.grain > 0) return fixed(std::clamp(std::round(v / r.grain) * r.grain, r.lo, r.hi), 2);
    return format_double(v);
}

std::uint64_t philox(std::uint64_t seed, std::uint64_t a, std::uint64_t b, std::uint64_t c) {
    r123::Philox4x64 generator;
    // The key's second word keeps design draws apart from any replication's streams.
    const r123::Philox4x64::key_type key{{seed, 0x5357'4545'5044'4553ULL}};
    return generator(r123::Philox4x64::ctr_type{{a, b, c, 0}}, key)[0];
}

double unit(std::uint64_t bits) {
    return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

} // namespace

std::vector<double> sobol_points(int dims, std::int64_t first, std::int64_t count) {
    if (dims < 1 || dims > kMaxSobolDimensions)
        throw std::invalid_argument("sobol_points: dimensions outside 1.." +
                                    std::to_string(kMaxSobolDimensions));
    if (first < 0 || count < 0 || first + count > (std::int64_t{1} << kBits))
        throw std::invalid_argument("sobol_points: points outside the sequence");
    std::vector<std::array<std::uint32_t, kBits + 1>> v(static_cast<std::size_t>(dims));
    for (int i = 1; i <= kBits; ++i)
        v[0][i] = std::uint32_t{1} << (kBits - i);
    for (int d = 1; d < dims; ++d) {
        const Direction& dir = kJoeKuo[static_cast<std::size_t>(d - 1)];
        auto& w = v[static_cast<std::size_t>(d)];
        for (int i = 1; i <= std::min(dir.s, kBits); ++i)
            w[i] = dir.m[static_cast<std::size_t>(i - 1)] << (kBits - i);
        for (int i = dir.s + 1; i <= kBits; ++i) {
            w[i] = w[i - dir.s] ^ (w[i - dir.s] >> dir.s);
            for (int k = 1; k < dir.s; ++k)
                if ((dir.a >> (dir.s - 1 - k)) & 1) w[i] ^= w[i - k];
        }
    }
    std::vector<double> out(static_cast<std::size_t>(count * dims));
    std::vector<std::uint32_t> x(static_cast<std::size_t>(dims), 0); // point 0, the origin
    for (std::int64_t n = 0; n < first + count; ++n) {
        if (n > 0) {
            // Gray code order: point n differs from point n-1 in the direction of the lowest
            // zero bit of n-1.
            int c = 1;
            for (std::int64_t value = n - 1; value & 1; value >>= 1)
                ++c;
            for (int d = 0; d < dims; ++d)
                x[static_cast<std::size_t>(d)] ^=
                    v[static_cast<std::size_t>(d)][static_cast<std::size_t>(c)];
        }
        if (n < first) continue;
        for (int d = 0; d < dims; ++d)
            out[static_cast<std::size_t>((n - first) * dims + d)] =
                std::ldexp(x[static_cast<std::size_t>(d)], -kBits);
    }
    return out;
}

std::vector<double> latin_hypercube(int dims, std::int64_t count, std::uint64_t seed) {
    std::vector<double> out(static_cast<std::size_t>(count * dims));
    std::vector<std::int64_t> strata(static_cast<std::size_t>(count));
    std::vector<std::uint64_t> keys(strata.size());
    for (int d = 0; d < dims; ++d) {
        // A uniform random permutation of the strata: sorted by independent random keys.
        for (std::int64_t i = 0; i < count; ++i)
            keys[static_cast<std::size_t>(i)] =
                philox(seed, static_cast<std::uint64_t>(d), static_cast<std::uint64_t>(i), 1);
        std::iota(strata.begin(), strata.end(), 0);
        std::sort(strata.begin(), strata.end(), [&](std::int64_t a, std::int64_t b) {
            const auto ka = keys[static_cast<std::size_t>(a)],
                       kb = keys[static_cast<std::size_t>(b)];
            return ka != kb ? ka < kb : a < b;
        });
        for (std::int64_t i = 0; i < count; ++i) {
            const double jitter =
                unit(philox(seed, static_cast<std::uint64_t>(d), static_cast<std::uint64_t>(i), 2));
            out[static_cast<std::size_t>(i * dims + d)] =
                (static_cast<double>(strata[static_cast<std::size_t>(i)]) + jitter) /
                static_cast<double>(count);
        }
    }
    return out;
}

std::vector<std::string> Design::overrides(std::int64_t point) const {
    std::vector<std::string> out;
    for (std::size_t k = 0; k < keys.size(); ++k)
        out.push_back(keys[k] + "=" + values[k][static_cast<std::size_t>(point)]);
    return out;
}

std::string Design::describe(std::int64_t point) const {
    std::string text = "point " + std::to_string(point) + " (";
    const auto at = static_cast<std::size_t>(point);
    if (kind == "points" && at < lines.size() && lines[at] > 0)
        text += source + ":" + std::to_string(lines[at]) + ": ";
    const std::vector<std::string> sets = overrides(point);
    for (std::size_t k = 0; k < sets.size(); ++k)
        text += (k ? ", " : "") + sets[k];
    return text + ")";
}

Design make_design(const DesignRequest& request, const KeyGrain& grain) {
    if (request.points) {
        if (!request.grids.empty() || request.lhs != 0 || request.sobol != 0 ||
            !request.ranges.empty())
            throw InputError("--points lists the design's points itself; it cannot be combined "
                             "with --grid, --lhs, --sobol or --range");
        Design design = points_design(*request.points);
        // Points drawn from priors or a posterior were drawn from this seed; listed ones were not.
        if (design.kind != "points") design.seed = request.seed;
        return design;
    }
    const bool sampled = request.lhs != 0 || request.sobol != 0;
    if (request.grids.empty() && !sampled)
        throw InputError("nothing to sweep: give --grid KEY=..., --lhs N / --sobol N with "
                         "--range KEY=lo:hi, or --points FILE.csv");
    if (!request.grids.empty() && sampled)
        throw InputError("--grid cannot be combined with --lhs or --sobol: a design is one or "
                         "the other");
    if (request.lhs != 0 && request.sobol != 0)
        throw InputError("--lhs and --sobol are two designs; give one");
    if (request.lhs < 0 || request.sobol < 0)
        throw InputError("--lhs and --sobol take a number of points of at least 1");
    if (sampled && request.ranges.empty())
        throw InputError(std::string(request.lhs ? "--lhs" : "--sobol") +
                         " needs at least one --range KEY=lo:hi");
    if (!sampled && !request.ranges.empty())
        throw InputError("--range is for --lhs and --sobol; a grid takes --grid KEY=lo:hi:step");

    Design design;
    design.seed = request.seed;
    std::set<std::string> seen;
    auto claim = [&](const std::string& option, const std::string& text, const std::string& key) {
        if (!seen.insert(key).second) refuse(option, text, key + " is swept twice");
        design.keys.push_back(key);
    };
    if (!sampled) {
        for (const std::string& text : request.grids) {
            const Assignment a = split("--grid", text, "expected KEY=v1,v2,... or KEY=lo:hi:step");
            claim("--grid", text, a.key);
            design.values.push_back(grid_values(text, a));
            const auto n = static_cast<std::int64_t>(design.values.back().size());
            if (design.points > kMaxDesignPoints / n)
                throw InputError("the grid has more than " + std::to_string(kMaxDesignPoints) +
                                 " points; sweep fewer values or use --lhs");
            design.points *= n;
        }
        // The full factorial, the last --grid varying fastest.
        std::vector<std::vector<std::string>> full(design.keys.size());
        for (std::int64_t p = 0; p < design.points; ++p) {
            std::int64_t rest = p;
            for (std::size_t k = design.keys.size(); k-- > 0;) {
                const auto& values = design.values[k];
                const auto n = static_cast<std::int64_t>(values.size());
                full[k].push_back(values[static_cast<std::size_t>(rest % n)]);
                rest /= n;
            }
        }
        design.values = std::move(full);
        return design;
    }

    std::vector<Range> ranges;
    for (const std::string& text : request.ranges) {
        ranges.push_back(parse_range(text, grain));
        claim("--range", text, ranges.back().key);
    }
    const int k = static_cast<int>(ranges.size());
    design.values.assign(ranges.size(), {});
    if (request.lhs != 0) {
        if (request.lhs > kMaxDesignPoints)
            throw InputError("--lhs " + std::to_string(request.lhs) + ": more than " +
                             std::to_string(kMaxDesignPoints) + " points");
        design.kind = "lhs";
        design.points = request.lhs;
        const std::vector<double> u = latin_hypercube(k, design.points, request.seed);
        for (std::int64_t p = 0; p < design.points; ++p)
            for (int d = 0; d < k; ++d)
                design.values[static_cast<std::size_t>(d)].push_back(scaled(
                    u[static_cast<std::size_t>(p * k + d)], ranges[static_cast<std::size_t>(d)]));
        return design;
    }
    if (2 * k > kMaxSobolDimensions)
        throw InputError("--sobol takes at most " + std::to_string(kMaxSobolDimensions / 2) +
                         " keys, got " + std::to_string(k));
    if (request.sobol > kMaxDesignPoints / (k + 2))
        throw InputError("--sobol " + std::to_string(request.sobol) + ": more than " +
                         std::to_string(kMaxDesignPoints) + " points");
    design.kind = "sobol";
    design.base_samples = request.sobol;
    design.points = request.sobol * (k + 2);
    // As SALib does: skip the first 2^ceil(log2 N) points, so that A and B never share a row
    // (the sequence's first points are alike in every dimension: the origin, then all 0.5).
    design.sobol_skip = 1;
    while (design.sobol_skip < request.sobol)
        design.sobol_skip *= 2;
    const std::vector<double> u = sobol_points(2 * k, design.sobol_skip, request.sobol);
    for (std::int64_t j = 0; j < request.sobol; ++j)
        for (int m = 0; m <= k + 1; ++m) {
            design.sample.push_back(j);
            design.matrix.push_back(m);
            for (int d = 0; d < k; ++d) {
                // Columns 0..k-1 of the sample are A, k..2k-1 are B.
                const bool from_b = m == k + 1 || m == d + 1;
                const double x = u[static_cast<std::size_t>(j * 2 * k + d + (from_b ? k : 0))];
                design.values[static_cast<std::size_t>(d)].push_back(
                    scaled(x, ranges[static_cast<std::size_t>(d)]));
            }
        }
    return design;
}

} // namespace rotsim
