// The loader's limits on huge and hostile input (docs/reliability.md): each refused up front with
// the limit named, in bounded time and memory.
#include "model/error.hpp"
#include "model/ini_text.hpp"
#include "model/scenario_loader.hpp"
#include "model/schedule.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

using Catch::Contains;
using rotsim::InputError;

namespace {

rotsim::Scenario parse(const std::string& text, const std::vector<std::string>& overrides = {}) {
    return rotsim::parse_scenario(text, "test.ini", overrides);
}

std::string schedule_of(int points) {
    std::string text = "0:1";
    for (int day = 1; day < points; ++day)
        text += ", " + std::to_string(day) + ":1";
    return text;
}

} // namespace

TEST_CASE("strength is at most a million soldiers", "[scenario][limits]") {
    REQUIRE_THROWS_WITH(parse("[strength]\ntarget_strength = 0:1000000000\n"),
                        Contains("test.ini:2: strength.target_strength: value 1000000000 on day 0 "
                                 "must be in [0, 1000000]"));
    REQUIRE_THROWS_WITH(parse("", {"strength.initial_strength=1000001"}),
                        Contains("strength.initial_strength: must be <= 1000000"));
    REQUIRE_THROWS_WITH(parse("", {"strength.unit_size=1000000000"}),
                        Contains("strength.unit_size: must be <= 1000000"));
    CHECK(parse("", {"strength.target_strength=0:1000000"}).target_strength.max_value() == 1e6);
    // The pool is a count of recruits, not soldiers held in memory.
    CHECK(parse("", {"strength.pool_size=1000000000"}).pool_size == 1'000'000'000);
}

TEST_CASE("the horizon is at most 36500 days, and so are schedule days", "[scenario][limits]") {
    REQUIRE_THROWS_WITH(parse("[run]\nhorizon_days = 1000000\n"),
                        Contains("run.horizon_days: must be <= 36500, got '1000000'"));
    REQUIRE_THROWS_WITH(parse("[casualties]\nintensity = 0:1, 36501:2\n"),
                        Contains("casualties.intensity: days must be <= 36500, got day 36501"));
    CHECK(parse("[casualties]\nintensity = 0:1, 36500:2\n").intensity.points().size() == 2);
}

TEST_CASE("a schedule has at most a point a day", "[scenario][limits]") {
    // Counted before anything is converted: a million points cost one pass over the text.
    REQUIRE_THROWS_WITH(parse("[strength]\ntarget_strength = " + schedule_of(1'000'000) + "\n"),
                        Contains("strength.target_strength: a schedule has at most 36501 points "
                                 "(one a day up to day 36500), got 1000000"));
    const rotsim::Scenario sc = parse(
        "[run]\nhorizon_days = 36500\n[casualties]\nintensity = " + schedule_of(36501) + "\n");
    CHECK(sc.intensity.points().size() == 36501);
}

TEST_CASE("a scenario is at most 16 MiB", "[scenario][limits]") {
    const std::string huge = "[run]\nhorizon_days = " + std::string(16 << 20, '7') + "\n";
    REQUIRE_THROWS_WITH(parse(huge), Contains("test.ini: the scenario is 16777238 bytes, more than "
                                              "the limit of 16777216 (16 MiB)"));
    REQUIRE_THROWS_WITH(parse("", {"run.horizon_days=" + std::string(16 << 20, '7')}),
                        Contains("more than the limit of 16777216 bytes"));

    const auto path = std::filesystem::temp_directory_path() / "rotsim_test_limits_huge.ini";
    std::ofstream(path) << huge;
    REQUIRE_THROWS_WITH(rotsim::load_scenario(path.string()),
                        Contains("is larger than the limit of 16777216 bytes (16 MiB)"));
    std::filesystem::remove(path);
    // A device that never ends is read only up to the limit.
    REQUIRE_THROWS_WITH(rotsim::load_scenario("/dev/zero"),
                        Contains("'/dev/zero' is larger than the limit"));
}

TEST_CASE("long text in a message is shortened", "[scenario][limits]") {
    CHECK(rotsim::in_quotes("p_kia") == "'p_kia'");
    CHECK(rotsim::in_quotes(std::string(200, 'x')) == "'" + std::string(200, 'x') + "'");
    const std::string quoted =
        rotsim::in_quotes(std::string(120, 'a') + std::string(1000, 'b') + std::string(40, 'c'));
    CHECK(quoted ==
          "'" + std::string(120, 'a') + "..." + std::string(40, 'c') + "' (1160 characters)");
    // Cut at UTF-8 character boundaries: a two-byte character is not split.
    std::string accents(119, 'a');
    for (int k = 0; k < 100; ++k)
        accents += "\xC3\xA9";
    CHECK(rotsim::in_quotes(accents).starts_with("'" + std::string(119, 'a') + "..."));

    // A ten-megabyte misspelled key: a short message, and no edit-distance table of 10^8 cells.
    const std::string key(10'000'000, 'k');
    try {
        parse("[casualties]\n" + key + " = 1\n");
        FAIL("accepted an unknown key");
    } catch (const InputError& e) {
        const std::string message = e.what();
        CHECK(message.size() < 400);
        CHECK_THAT(message, Contains("(10000011 characters); did you mean"));
    }
    CHECK(rotsim::edit_distance(std::string(300, 'a'), "p_kia") == 300);
    CHECK(rotsim::edit_distance("p_kia", std::string(257, 'b')) == 257);
}

TEST_CASE("money the ledger could not hold is refused up front", "[scenario][limits]") {
    // A million soldiers for a century at a million dollars a month: about 1.2e15 USD.
    REQUIRE_THROWS_WITH(parse("[run]\nhorizon_days = 36500\n[strength]\ntarget_strength = "
                              "0:1000000\n[pay]\nmonthly_pay_usd = 1000000\n"),
                        Contains("test.ini: the money this scenario can accrue") &&
                            Contains("strength.target_strength = 0:1000000 (line 4)") &&
                            Contains("run.horizon_days = 36500 (line 2)"));
    // The same army at the article's pay is well inside the range.
    CHECK_NOTHROW(parse("[run]\nhorizon_days = 36500\n[strength]\ntarget_strength = 0:1000000\n"));
    // A class's pay counts, not only the default.
    REQUIRE_THROWS_WITH(parse("[run]\nhorizon_days = 36500\n[strength]\ntarget_strength = "
                              "0:1000000\n[class.general]\nmonthly_pay_usd = 1000000\n"),
                        Contains("class.general"));
}

TEST_CASE("Schedule::max_over equals a scan of every day", "[schedule][limits]") {
    std::mt19937 random(7);
    std::uniform_int_distribution<int> gap(1, 20), value(0, 100), day(-5, 400);
    for (int trial = 0; trial < 200; ++trial) {
        std::vector<std::pair<int, double>> points;
        for (int d = value(random) % 10, k = 0; k < 1 + trial % 12; ++k, d += gap(random))
            points.emplace_back(d, value(random));
        const rotsim::Schedule schedule(points);
        int from = day(random), to = day(random);
        if (from > to) std::swap(from, to);
        double scanned = schedule.at(from);
        for (int t = from; t < to; ++t)
            scanned = std::max(scanned, schedule.at(t));
        INFO("trial " << trial << ", days [" << from << ", " << to << ")");
        CHECK(schedule.max_over(from, to) == scanned);
    }
}

TEST_CASE("every text input is read through one bounded reader", "[scenario][limits]") {
    using rotsim::read_text_input;
    const auto dir = std::filesystem::temp_directory_path() /
                     ("rotsim_test_text_input_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string file = (dir / "targets.csv").string();
    std::ofstream(file) << "day,metric,value,uncertainty\n";
    CHECK(read_text_input(file, "targets file") == "day,metric,value,uncertainty\n");
    // An endless device, a directory, a missing file: each named with what it was to be.
    REQUIRE_THROWS_WITH(read_text_input("/dev/zero", "targets file"),
                        Contains("targets file '/dev/zero' is larger than the limit of 16777216 "
                                 "bytes (16 MiB)"));
    REQUIRE_THROWS_WITH(
        read_text_input(dir.string(), "points file"),
        Contains("cannot open points file '" + dir.string() + "': it is a directory"));
    REQUIRE_THROWS_WITH(read_text_input((dir / "none.csv").string(), "points file"),
                        Contains("cannot open points file"));
    // A FIFO is read whole once a program writes to it, whether the writer opens it before or
    // after the reader does. (One that no program opens is refused after 10 s: the faults test
    // check-fifo.)
    const std::string fifo = (dir / "fifo.ini").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::jthread writer([&] { std::ofstream(fifo) << "[run]\nhorizon_days = 30\n"; });
    int horizon = 0;
    try {
        horizon = rotsim::load_scenario(fifo).horizon_days;
    } catch (...) {
        // Lets the writer's open return, so that the test fails instead of waiting for it.
        const int unblock = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
        writer.join();
        ::close(unblock);
        throw;
    }
    writer.join();
    CHECK(horizon == 30);
    std::filesystem::remove_all(dir);
}

TEST_CASE("validation is linear in the number of class sections", "[scenario][limits]") {
    // Each key finds its class by an index, not a search of the classes before it; classes are at
    // most 1000, since each contingent and each probe of a prior builds them all again.
    auto classes = [](int n, const std::string& share) {
        std::string text = "[run]\nhorizon_days = 60\n";
        for (int k = 0; k < n; ++k)
            text += "[class.c" + std::to_string(k) + "]\nshare = " + share + "\n";
        return text;
    };
    const rotsim::Scenario sc = parse(classes(1000, "0.001"));
    CHECK(sc.classes.size() == 1000);
    CHECK(sc.classes.back().name == "c999");
    REQUIRE_THROWS_WITH(parse(classes(200'000, "0")),
                        Contains("test.ini:2003: more than 1000 classes"));
    // The message about shares names the first ten only.
    try {
        parse(classes(1000, "0"));
        FAIL("shares that sum to 0 were accepted");
    } catch (const InputError& e) {
        const std::string message = e.what();
        CHECK_THAT(message, Contains("class shares must sum to 1, but they sum to 0: "
                                     "class.c0.share = 0 (line 4)"));
        CHECK_THAT(message, Contains("and 990 more"));
        CHECK(message.size() < 1000);
    }
}
