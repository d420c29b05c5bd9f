#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rotsim {

// A design: the points of a sweep, each a list of scenario overrides ("section.key=value")
// applied after the sweep's own --set options. The design knows keys and values as text only;
// whether a point makes a valid scenario is the scenario loader's to say.
struct Design {
    // grid (full factorial), lhs (Latin hypercube), sobol (Saltelli) or points (listed one by one)
    std::string kind = "grid";
    std::vector<std::string> keys;
    std::vector<std::vector<std::string>> values; // [key][point], as written into the override
    std::int64_t points = 1;
    std::uint64_t seed = 0;           // lhs and sobol draw from it
    std::int64_t base_samples = 0;    // sobol: N, so points = N x (keys + 2)
    std::int64_t sobol_skip = 0;      // sobol: the base samples are points skip..skip+N-1
    std::vector<std::int64_t> sample; // sobol, per point: base sample j
    // sobol, per point: 0 the row A_j; i in 1..keys: A_j with key i-1 taken from B_j; keys+1: B_j.
    std::vector<std::int32_t> matrix;
    // points: where they were listed ("points.csv", or "generation 2" of a calibration) and, per
    // point, its line there (0 when not from a file), so that a refusal names the line to fix.
    std::string source;
    std::vector<std::int64_t> lines;

    std::vector<std::string> overrides(std::int64_t point) const;
    // "point 4 (casualties.p_kia=0.002, strength.max_tours=2)", for messages.
    std::string describe(std::int64_t point) const;
};

// Whether a design's points are draws of an input distribution (a scenario's priors, a
// calibration's posterior), whose runs pool into one predictive distribution.
inline bool drawn_inputs(std::string_view kind) {
    return kind == "prior" || kind == "posterior";
}

// Design points listed one by one: --points FILE.csv, or the proposals of a calibration.
struct PointList {
    // The design's kind: "points" (listed), "prior" (drawn from a scenario's priors) or
    // "posterior" (drawn from a calibration), so that readers know whether the points pool.
    std::string kind = "points";
    std::string source; // for messages: the file, or what made the points
    std::int64_t header_line = 0;
    std::vector<std::string> keys;
    std::vector<std::vector<std::string>> values; // [point][key], each as --set KEY=VALUE takes it
    std::vector<std::int64_t> lines;              // per point: its line in the file (0: none)
};

// Parses a points CSV: a header naming the keys, then one point per line, a value per key, each
// written as --set takes it; a value holding commas is quoted with double quotes ("" is a quote
// inside). Blank lines and lines starting with '#' are skipped. Throws InputError "PATH:LINE:
// what is wrong" (a key given twice, a line with the wrong number of values, an empty value,
// more than kMaxDesignPoints points, no point at all).
PointList parse_points(std::string_view text, const std::string& path);
// The design of kind "points" that runs them in their order; throws InputError when they are
// not one value per key at each point, or a key is listed twice.
struct Design;
Design points_design(const PointList& list);

// What the command line asks for.
struct DesignRequest {
    std::vector<std::string> grids;  // "KEY=v1,v2,..." (or ';'-separated), or "KEY=lo:hi:step"
    std::vector<std::string> ranges; // "KEY=lo:hi", for lhs and sobol
    std::int64_t lhs = 0;            // points of a Latin hypercube
    std::int64_t sobol = 0;          // base samples of Saltelli's design
    std::uint64_t seed = 0;
    std::string points_file;         // --points FILE.csv: read by prepare_sweep into `points`
    std::optional<PointList> points; // the points listed, in order
};

// The smallest step between values a key accepts: 1 for whole numbers, 0.01 for whole cents, 0
// for any number. Sampled designs (lhs, sobol) round to it, so that every point they draw is one
// the scenario loader can accept.
using KeyGrain = std::function<double(const std::string& key)>;

// Builds the design the request describes, checking its syntax (values, ranges, keys given
// twice); throws InputError naming the option at fault.
Design make_design(const DesignRequest& request, const KeyGrain& grain);

// The most points a design may have: far beyond any cluster's budget, small enough that a typo
// ("--lhs 1e9") is refused before memory runs out.
inline constexpr std::int64_t kMaxDesignPoints = 10'000'000;
// Saltelli's design draws 2 x keys dimensions of the Sobol' sequence; the table has this many.
inline constexpr int kMaxSobolDimensions = 32;

// Points first..first+count-1 of the Sobol' sequence in `dims` dimensions (Joe and Kuo's direction
// numbers, unscrambled; point 0 is the origin), in [0, 1): row-major, count x dims.
std::vector<double> sobol_points(int dims, std::int64_t first, std::int64_t count);
// A Latin hypercube of `count` points in [0, 1)^dims: each dimension has exactly one point in
// each of its `count` strata. Row-major, count x dims; a function of seed only.
std::vector<double> latin_hypercube(int dims, std::int64_t count, std::uint64_t seed);

} // namespace rotsim
