#include <catch2/catch.hpp>

#include "ensemble/design.hpp"
#include "model/error.hpp"
#include "sweep_test_support.hpp"

using namespace rotsim;
using namespace rotsim::testing;
using Catch::Matchers::Contains;

namespace {

PointList parse(const std::string& text) {
    return parse_points(text, "p.csv");
}

} // namespace

TEST_CASE("a points file: a header of keys, then a value per key on each line") {
    const PointList list = parse("# casualty rates and tours\n"
                                 "casualties.p_kia, strength.max_tours ,strength.target_strength\n"
                                 "\n"
                                 "0.001,1,\"0:500, 90:800\"\n"
                                 "# a comment between points\r\n"
                                 " 2e-3 , 2 , \"0:1000\"\r\n");
    CHECK(list.keys == std::vector<std::string>{"casualties.p_kia", "strength.max_tours",
                                                "strength.target_strength"});
    CHECK(list.header_line == 2);
    REQUIRE(list.values.size() == 2);
    CHECK(list.values[0] == std::vector<std::string>{"0.001", "1", "0:500, 90:800"});
    CHECK(list.values[1] == std::vector<std::string>{"2e-3", "2", "0:1000"});
    CHECK(list.lines == std::vector<std::int64_t>{4, 6});
    // "" inside quotes is one quote.
    CHECK(parse("run.label\n\"a \"\"b\"\", c\"\n").values[0][0] == "a \"b\", c");

    const Design design = points_design(list);
    CHECK(design.kind == "points");
    CHECK(design.points == 2);
    CHECK(design.values[2] == std::vector<std::string>{"0:500, 90:800", "0:1000"});
    CHECK(design.overrides(1) == std::vector<std::string>{"casualties.p_kia=2e-3",
                                                          "strength.max_tours=2",
                                                          "strength.target_strength=0:1000"});
    CHECK(design.describe(0) == "point 0 (p.csv:4: casualties.p_kia=0.001, strength.max_tours=1, "
                                "strength.target_strength=0:500, 90:800)");
}

TEST_CASE("bad points files are refused, naming the file and line") {
    CHECK_THROWS_WITH(parse("casualties.p_kia,strength.max_tours\n0.001,1\n0.002\n"),
                      Contains("p.csv:3: expected 2 values") && Contains("got 1"));
    CHECK_THROWS_WITH(parse("casualties.p_kia,strength.max_tours\n0.001,1,3\n"),
                      Contains("p.csv:2: expected 2 values") && Contains("got 3"));
    CHECK_THROWS_WITH(parse("casualties.p_kia,strength.max_tours\n0.001, \n"),
                      Contains("p.csv:2: empty value for strength.max_tours"));
    CHECK_THROWS_WITH(parse("casualties.p_kia,casualties.p_kia\n0.001,0.002\n"),
                      Contains("p.csv:1: key casualties.p_kia is given twice"));
    CHECK_THROWS_WITH(parse("casualties.p_kia,\n0.001,0.002\n"),
                      Contains("p.csv:1: an empty key in the header"));
    CHECK_THROWS_WITH(parse("strength.target_strength\n\"0:1, 90:2\n"),
                      Contains("p.csv:2: a quoted value has no closing"));
    CHECK_THROWS_WITH(parse("casualties.p_kia\n# none\n"),
                      Contains("p.csv:1: no points after the header"));
    CHECK_THROWS_WITH(parse("\n# only comments\n"), Contains("p.csv: no header"));
    CHECK_THROWS_WITH(parse("casualties.p_kia=0.001\n"), Contains("without values"));
}

TEST_CASE("a points design is refused with any other design option") {
    DesignRequest request;
    request.points = parse("casualties.p_kia\n0.001\n");
    request.grids = {"strength.max_tours=1,2"};
    CHECK_THROWS_WITH(make_design(request, [](const std::string&) { return 0.0; }),
                      Contains("--points") && Contains("cannot be combined"));
}

TEST_CASE("a sweep of listed points equals the grid of the same points") {
    SweepDir dir;
    sweep(dir.spec("grid.h5"));
    // The grid's six points (p_kia x max_tours, the last fastest), listed in the same order.
    std::ofstream(dir.file("points.csv")) << "casualties.p_kia,strength.max_tours\n"
                                             "0.0005,1\n0.0005,2\n0.002,1\n0.002,2\n"
                                             "0.004,1\n0.004,2\n";
    SweepSpec spec = dir.spec("points.h5");
    spec.design.grids.clear();
    spec.design.points_file = dir.file("points.csv");
    const SweepOutcome outcome = sweep(spec);
    CHECK(outcome.done == 18);
    const SweepFile grid(dir.file("grid.h5")), points(dir.file("points.h5"));
    CHECK(points.header().sweep->kind == "points");
    CHECK(points.header().sweep->overrides == grid.header().sweep->overrides);
    const StoredRows a = grid.read(0, 18), b = points.read(0, 18);
    for (std::size_t i = 0; i < 18; ++i) {
        INFO("row " << i);
        REQUIRE(a.runs[i].columns == b.runs[i].columns);
    }
    // The same file again through --resume: nothing to run, the design read back equal.
    spec.resume = true;
    CHECK(sweep(spec).resumed == 18);
}

TEST_CASE("a listed point the loader refuses is named by its line") {
    SweepDir dir;
    std::ofstream(dir.file("points.csv")) << "casualties.p_kia\n0.001\n\n0.9\n";
    SweepSpec spec = dir.spec("points.h5");
    spec.design.grids.clear();
    spec.design.points_file = dir.file("points.csv");
    CHECK_THROWS_WITH(prepare_sweep(spec), Contains("point 1 (" + dir.file("points.csv") +
                                                    ":4: casualties.p_kia=0.9)") &&
                                               Contains("more than 1"));
    std::ofstream(dir.file("unknown.csv")) << "casualties.p_kai\n0.001\n";
    spec.design.points_file = dir.file("unknown.csv");
    CHECK_THROWS_WITH(prepare_sweep(spec), Contains("--points " + dir.file("unknown.csv") +
                                                    ":1 casualties.p_kai: unknown key") &&
                                               Contains("p_kia"));
    spec.design.points_file = dir.file("none.csv");
    CHECK_THROWS_WITH(prepare_sweep(spec), Contains("cannot open points file"));
}
