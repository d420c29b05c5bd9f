#include <catch2/catch.hpp>
#include <set>

#include "ensemble/design.hpp"
#include "model/error.hpp"

using namespace rotsim;
using Catch::Matchers::Contains;

namespace {

double any_number(const std::string&) {
    return 0.0;
}

Design grid(std::vector<std::string> grids) {
    DesignRequest request;
    request.grids = std::move(grids);
    return make_design(request, any_number);
}

Design sampled(const char* kind, std::int64_t n, std::vector<std::string> ranges,
               const KeyGrain& grain = any_number, std::uint64_t seed = 7) {
    DesignRequest request;
    (std::string(kind) == "lhs" ? request.lhs : request.sobol) = n;
    request.ranges = std::move(ranges);
    request.seed = seed;
    return make_design(request, grain);
}

} // namespace

TEST_CASE("a grid is the full factorial, the last key varying fastest") {
    const Design d = grid({"casualties.p_kia=0.001,0.002", "strength.max_tours=1:3:1"});
    REQUIRE(d.kind == "grid");
    REQUIRE(d.points == 6);
    CHECK(d.keys == std::vector<std::string>{"casualties.p_kia", "strength.max_tours"});
    CHECK(d.values[0] ==
          std::vector<std::string>{"0.001", "0.001", "0.001", "0.002", "0.002", "0.002"});
    CHECK(d.values[1] == std::vector<std::string>{"1", "2", "3", "1", "2", "3"});
    CHECK(d.overrides(4) ==
          std::vector<std::string>{"casualties.p_kia=0.002", "strength.max_tours=2"});
    CHECK(d.describe(4) == "point 4 (casualties.p_kia=0.002, strength.max_tours=2)");
}

TEST_CASE("grid ranges are written with the user's decimals, without binary noise") {
    CHECK(grid({"a.b=0.1:0.3:0.1"}).values[0] == std::vector<std::string>{"0.1", "0.2", "0.3"});
    CHECK(grid({"a.b=0:1000:250"}).values[0] ==
          std::vector<std::string>{"0", "250", "500", "750", "1000"});
    CHECK(grid({"a.b=0.0001:0.0005:0.0002"}).values[0] ==
          std::vector<std::string>{"0.0001", "0.0003", "0.0005"});
    CHECK(grid({"a.b=5:5:1"}).values[0] == std::vector<std::string>{"5"});
}

TEST_CASE("grid values holding commas are separated by semicolons") {
    const Design d = grid({"strength.target_strength=0:500, 90:800;0:1000"});
    CHECK(d.values[0] == std::vector<std::string>{"0:500, 90:800", "0:1000"});
    CHECK(grid({"durations.stay_days=60..90,90..120"}).values[0] ==
          std::vector<std::string>{"60..90", "90..120"});
    // Two parts are a schedule, not a range.
    CHECK(grid({"casualties.intensity=0:1.5"}).values[0] == std::vector<std::string>{"0:1.5"});
}

TEST_CASE("bad grids are refused, naming the option") {
    CHECK_THROWS_WITH(grid({"a.b=5:1:1"}),
                      Contains("--grid 'a.b=5:1:1'") && Contains("lo 5 is greater than hi 1"));
    CHECK_THROWS_WITH(grid({"a.b=1:5:0"}), Contains("step must be greater than 0"));
    CHECK_THROWS_WITH(grid({"a.b=1:5:-1"}), Contains("step must be greater than 0"));
    CHECK_THROWS_WITH(grid({"a.b"}), Contains("expected KEY=v1,v2,... or KEY=lo:hi:step"));
    CHECK_THROWS_WITH(grid({"=1,2"}), Contains("expected KEY="));
    CHECK_THROWS_WITH(grid({"a.b=1,,2"}), Contains("empty value"));
    CHECK_THROWS_WITH(grid({"a.b=1,2", "a.b=3"}), Contains("a.b is swept twice"));
    CHECK_THROWS_WITH(grid({"a.b=0:1e9:1"}), Contains("more than"));
    CHECK_THROWS_WITH(grid({"a.b=0:9999:1", "c.d=0:9999:1"}), Contains("more than"));
}

TEST_CASE("designs are one kind, with the options each needs") {
    DesignRequest r;
    CHECK_THROWS_WITH(make_design(r, any_number), Contains("nothing to sweep"));
    r.grids = {"a.b=1,2"};
    r.lhs = 4;
    CHECK_THROWS_WITH(make_design(r, any_number), Contains("cannot be combined"));
    r = {};
    r.lhs = 4;
    CHECK_THROWS_WITH(make_design(r, any_number), Contains("--lhs needs at least one --range"));
    r.sobol = 4;
    r.ranges = {"a.b=0:1"};
    CHECK_THROWS_WITH(make_design(r, any_number), Contains("give one"));
    r = {};
    r.grids = {"a.b=1,2"};
    r.ranges = {"c.d=0:1"};
    CHECK_THROWS_WITH(make_design(r, any_number), Contains("--range is for --lhs and --sobol"));
}

TEST_CASE("bad ranges are refused, naming the option") {
    CHECK_THROWS_WITH(sampled("lhs", 4, {"a.b=1:0"}),
                      Contains("--range 'a.b=1:0'") && Contains("lo 1 is greater than hi 0"));
    CHECK_THROWS_WITH(sampled("lhs", 4, {"a.b=1:1"}), Contains("are equal"));
    CHECK_THROWS_WITH(sampled("lhs", 4, {"a.b=0:1:2"}), Contains("expected KEY=lo:hi"));
    CHECK_THROWS_WITH(sampled("lhs", 4, {"a.b=x:1"}), Contains("expected KEY=lo:hi"));
    CHECK_THROWS_WITH(sampled("lhs", 4, {"a.b=0.5:3"}, [](const std::string&) { return 1.0; }),
                      Contains("takes whole numbers"));
    std::vector<std::string> many;
    for (int k = 0; k < 17; ++k)
        many.push_back("k.k" + std::to_string(k) + "=0:1");
    CHECK_THROWS_WITH(sampled("sobol", 4, many), Contains("at most 16 keys"));
}

TEST_CASE("a Latin hypercube has one point in each stratum of every key") {
    const int n = 50;
    const Design d = sampled("lhs", n, {"a.x=10:20", "a.y=0:1"});
    REQUIRE(d.kind == "lhs");
    REQUIRE(d.points == n);
    for (std::size_t k = 0; k < 2; ++k) {
        const double lo = k == 0 ? 10 : 0, width = k == 0 ? 10 : 1;
        std::set<int> strata;
        for (const std::string& text : d.values[k]) {
            const double u = (std::stod(text) - lo) / width;
            REQUIRE(u >= 0);
            REQUIRE(u < 1);
            strata.insert(static_cast<int>(u * n));
        }
        CHECK(strata.size() == static_cast<std::size_t>(n));
    }
    CHECK(sampled("lhs", n, {"a.x=10:20", "a.y=0:1"}).values == d.values);
    CHECK(sampled("lhs", n, {"a.x=10:20", "a.y=0:1"}, any_number, 8).values != d.values);
}

TEST_CASE("sampled values respect the key's grain") {
    const KeyGrain whole = [](const std::string& key) { return key == "a.n" ? 1.0 : 0.01; };
    const Design d = sampled("lhs", 40, {"a.n=1:4", "a.usd=100:200"}, whole);
    std::set<std::string> seen;
    for (const std::string& text : d.values[0]) {
        REQUIRE(text.find('.') == std::string::npos);
        seen.insert(text);
    }
    // Each whole number is a quarter of the strata: all four appear, ten times each.
    CHECK(seen == std::set<std::string>{"1", "2", "3", "4"});
    for (const std::string& text : d.values[1]) {
        const std::size_t dot = text.find('.');
        CHECK((dot == std::string::npos || text.size() - dot - 1 <= 2));
    }
}

TEST_CASE("the Sobol sequence is Joe and Kuo's, as scipy.stats.qmc.Sobol gives it unscrambled") {
    const std::vector<double> p = sobol_points(3, 0, 6);
    const std::vector<double> expected = {0,     0,     0,     0.5,   0.5,   0.5,
                                          0.75,  0.25,  0.25,  0.25,  0.75,  0.75,
                                          0.375, 0.375, 0.625, 0.875, 0.875, 0.125};
    CHECK(p == expected);
    CHECK(sobol_points(3, 4, 2) == std::vector<double>(expected.begin() + 12, expected.end()));
    // Dimension 32, points 1..7: checked against scipy 1.10.
    const std::vector<double> q = sobol_points(kMaxSobolDimensions, 1, 7);
    std::vector<double> last;
    for (int i = 0; i < 7; ++i)
        last.push_back(q[static_cast<std::size_t>(i * kMaxSobolDimensions + 31)]);
    CHECK(last == std::vector<double>{0.5, 0.25, 0.75, 0.125, 0.625, 0.375, 0.875});
    // Each coordinate of the first 2^m points fills the 2^m strata.
    const std::vector<double> r = sobol_points(kMaxSobolDimensions, 0, 64);
    for (int d = 0; d < kMaxSobolDimensions; ++d) {
        std::set<int> strata;
        for (int i = 0; i < 64; ++i)
            strata.insert(
                static_cast<int>(r[static_cast<std::size_t>(i * kMaxSobolDimensions + d)] * 64));
        CHECK(strata.size() == 64);
    }
}

TEST_CASE("Saltelli's design: per base sample, A, A with each key from B, then B") {
    const Design d = sampled("sobol", 8, {"a.x=0:1", "a.y=0:10", "a.z=5:6"});
    REQUIRE(d.kind == "sobol");
    REQUIRE(d.base_samples == 8);
    REQUIRE(d.points == 8 * 5);
    for (std::int64_t j = 0; j < 8; ++j) {
        const auto at = [&](int m, int key) {
            return d.values[static_cast<std::size_t>(key)][static_cast<std::size_t>(j * 5 + m)];
        };
        for (int m = 0; m < 5; ++m) {
            CHECK(d.sample[static_cast<std::size_t>(j * 5 + m)] == j);
            CHECK(d.matrix[static_cast<std::size_t>(j * 5 + m)] == m);
        }
        for (int key = 0; key < 3; ++key) {
            // AB_i takes key i-1 from B and every other key from A.
            for (int i = 1; i <= 3; ++i)
                CHECK(at(i, key) == (key == i - 1 ? at(4, key) : at(0, key)));
            CHECK(at(0, key) != at(4, key));
        }
    }
}
