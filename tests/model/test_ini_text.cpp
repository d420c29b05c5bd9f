#include "model/error.hpp"
#include "model/ini_text.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

using Catch::Contains;
using rotsim::IniValue;
using rotsim::InputError;

namespace {

IniValue value(const std::string& text) {
    return {text, {"f.ini:7", "casualties.p_kia", 7}};
}

} // namespace

TEST_CASE("IniText indexes sections and keys with their lines", "[ini]") {
    rotsim::IniText ini("# comment\n[run]\r\n  horizon_days = 100 # days\n\n[class.a]\nshare=1\n",
                        "f.ini");
    REQUIRE(ini.sections().size() == 2);
    CHECK(ini.sections()[0].name == "run");
    CHECK(ini.sections()[0].line == 2);
    CHECK(ini.sections()[1].name == "class.a");
    REQUIRE(ini.entries().size() == 2);
    CHECK(ini.entries()[0].full_key() == "run.horizon_days");
    CHECK(ini.entries()[0].value == "100");
    CHECK(ini.entries()[0].line == 3);
    CHECK(ini.entries()[1].full_key() == "class.a.share");
    CHECK(ini.entries()[1].line == 6);
    CHECK(ini.where(6) == "f.ini:6");
}

TEST_CASE("IniText rejects lines Boost cannot read, with their line", "[ini]") {
    REQUIRE_THROWS_WITH(rotsim::IniText("[run]\nhorizon_days 100\n", "f.ini"),
                        Contains("f.ini:2") && Contains("expected 'key = value'") &&
                            Contains("'horizon_days 100'"));
    REQUIRE_THROWS_WITH(rotsim::IniText("\n\n[]\n", "f.ini"),
                        Contains("f.ini:3") && Contains("empty section name"));
    REQUIRE_THROWS_WITH(rotsim::IniText("[run]\n = 4\n", "f.ini"),
                        Contains("f.ini:2") && Contains("missing key name"));
}

TEST_CASE("integers are whole and inside their bounds", "[ini]") {
    CHECK(rotsim::parse_integer(value("42"), 0, 100) == 42);
    CHECK(rotsim::parse_integer(value("-3"), -5, 0) == -3);
    REQUIRE_THROWS_WITH(rotsim::parse_integer(value("4.5"), 0, 100),
                        Contains("f.ini:7: casualties.p_kia: expected a whole number, got '4.5'"));
    REQUIRE_THROWS_WITH(rotsim::parse_integer(value("12abc"), 0, 100),
                        Contains("expected a whole number"));
    REQUIRE_THROWS_WITH(rotsim::parse_integer(value(""), 0, 100),
                        Contains("expected a whole number, got ''"));
    REQUIRE_THROWS_WITH(rotsim::parse_integer(value("0"), 1, 100),
                        Contains("must be >= 1, got '0'"));
    REQUIRE_THROWS_WITH(rotsim::parse_integer(value("101"), 1, 100),
                        Contains("must be <= 100, got '101'"));
    REQUIRE_THROWS_WITH(rotsim::parse_integer(value("99999999999999999999"), 0, 100),
                        Contains("expected a whole number"));
}

TEST_CASE("numbers are finite and inside their bounds", "[ini]") {
    CHECK(rotsim::parse_double(value("0.25")) == 0.25);
    CHECK(rotsim::parse_double(value("40e9")) == 40e9);
    CHECK(rotsim::parse_double(value("-1.5")) == -1.5);
    REQUIRE_THROWS_WITH(rotsim::parse_double(value("abc")),
                        Contains("f.ini:7") && Contains("expected a number, got 'abc'"));
    REQUIRE_THROWS_WITH(rotsim::parse_double(value("inf")), Contains("expected a number"));
    REQUIRE_THROWS_WITH(rotsim::parse_double(value("nan")), Contains("expected a number"));
    REQUIRE_THROWS_WITH(rotsim::parse_double(value("1,5")), Contains("expected a number"));
    REQUIRE_THROWS_WITH(rotsim::parse_double(value("0"), 0, 1, true),
                        Contains("must be > 0, got '0'"));
    REQUIRE_THROWS_WITH(rotsim::parse_double(value("-0.1"), 0), Contains("must be >= 0"));
    REQUIRE_THROWS_WITH(rotsim::parse_double(value("1.5"), 0, 1), Contains("must be <= 1"));
    CHECK(rotsim::parse_probability(value("1")) == 1.0);
    REQUIRE_THROWS_WITH(rotsim::parse_probability(value("1.5")),
                        Contains("casualties.p_kia: must be a probability in [0, 1], got '1.5'"));
}

TEST_CASE("day ranges are min..max whole days", "[ini]") {
    rotsim::DayRange r = rotsim::parse_day_range(value("7..14"), 0, 36500);
    CHECK(r.min == 7);
    CHECK(r.max == 14);
    r = rotsim::parse_day_range(value("60 .. 60"), 1, 36500);
    CHECK(r.min == 60);
    CHECK(r.max == 60);
    for (const char* bad : {"7-14", "7..", "..14", "a..b", "7.5..14", "7..14..20", ""})
        REQUIRE_THROWS_WITH(rotsim::parse_day_range(value(bad), 0, 36500),
                            Contains("f.ini:7") && Contains("expected a range of whole days") &&
                                Contains("'" + std::string(bad) + "'"));
    REQUIRE_THROWS_WITH(rotsim::parse_day_range(value("14..7"), 0, 36500),
                        Contains("min 14 is greater than max 7 in '14..7'"));
    REQUIRE_THROWS_WITH(rotsim::parse_day_range(value("0..7"), 1, 36500),
                        Contains("min must be >= 1"));
    REQUIRE_THROWS_WITH(rotsim::parse_day_range(value("1..40000"), 0, 36500),
                        Contains("max must be <= 36500"));
}

TEST_CASE("schedules are day:value points with strictly increasing days", "[ini]") {
    auto points = rotsim::parse_schedule(value("0:11000, 90:15000"), 1e9);
    REQUIRE(points.size() == 2);
    CHECK(points[0] == std::pair<int, double>{0, 11000.0});
    CHECK(points[1] == std::pair<int, double>{90, 15000.0});
    CHECK(rotsim::parse_schedule(value("5:2.5"), HUGE_VAL).size() == 1);
    for (const char* bad : {"", "0=1", "0:1,", "a:1", "0:x", "0:1; 5:2", "1.5:2"})
        REQUIRE_THROWS_WITH(rotsim::parse_schedule(value(bad), HUGE_VAL),
                            Contains("f.ini:7") && Contains("expected a schedule 'day:value"));
    REQUIRE_THROWS_WITH(rotsim::parse_schedule(value("0:1, 90:2, 90:3"), HUGE_VAL),
                        Contains("strictly increasing") && Contains("day 90 follows day 90"));
    REQUIRE_THROWS_WITH(rotsim::parse_schedule(value("10:1, 5:2"), HUGE_VAL),
                        Contains("day 5 follows day 10"));
    REQUIRE_THROWS_WITH(rotsim::parse_schedule(value("-1:1"), HUGE_VAL),
                        Contains("days must be >= 0"));
    REQUIRE_THROWS_WITH(rotsim::parse_schedule(value("0:1, 10:-0.5"), HUGE_VAL),
                        Contains("value -0.5 on day 10 must be >= 0"));
    REQUIRE_THROWS_WITH(rotsim::parse_schedule(value("0:2e9"), 1e9),
                        Contains("must be in [0, 1000000000]"));
}

TEST_CASE("lists, dates and cents", "[ini]") {
    CHECK(rotsim::parse_list(value("a, b ,c")) == std::vector<std::string>{"a", "b", "c"});
    CHECK(rotsim::parse_list(value("")).empty());
    REQUIRE_THROWS_WITH(rotsim::parse_list(value("a,,b")), Contains("empty item in list 'a,,b'"));

    CHECK(rotsim::parse_date(value("2024-10-01")) == "2024-10-01");
    CHECK(rotsim::parse_date(value("2024-02-29")) == "2024-02-29");
    for (const char* bad : {"2024-1-01", "01-10-2024", "2024/10/01", "2024-10-01x", "tomorrow"})
        REQUIRE_THROWS_WITH(rotsim::parse_date(value(bad)),
                            Contains("f.ini:7") && Contains("expected a date YYYY-MM-DD"));
    for (const char* bad : {"2023-02-29", "2024-13-01", "2024-04-31", "2024-00-10", "0000-01-01"})
        REQUIRE_THROWS_WITH(rotsim::parse_date(value(bad)), Contains("no such date"));

    CHECK(rotsim::parse_cents(value("2000"), 1e6) == 200000);
    CHECK(rotsim::parse_cents(value("0.29"), 1e6) == 29);
    CHECK(rotsim::parse_cents(value("1234.5"), 1e6) == 123450);
    CHECK(rotsim::parse_cents(value("999999.99"), 1e6) == 99999999);
    REQUIRE_THROWS_WITH(rotsim::parse_cents(value("2000.005"), 1e6),
                        Contains("must be a whole number of cents, got '2000.005'"));
    REQUIRE_THROWS_WITH(rotsim::parse_cents(value("-1"), 1e6), Contains("must be >= 0"));
    REQUIRE_THROWS_WITH(rotsim::parse_cents(value("2e6"), 1e6), Contains("must be <= 1000000"));
}

TEST_CASE("writers are the inverses of the parsers", "[ini]") {
    for (double x : {0.1, 0.0005, 1e-5, 40e9, 1.0 / 3.0, 2.0 / 3.0 * 1e-300, 123456789.123456789,
                     -2.5e-7, 9.99999999e14, 1e15, 1.7976931348623157e308, 4.9e-324})
        CHECK(rotsim::parse_double(value(rotsim::format_double(x))) == x);
    CHECK(rotsim::format_double(0.5) == "0.5");
    CHECK(rotsim::format_double(0.0005) == "0.0005");
    CHECK(rotsim::format_double(1e-5) == "0.00001");
    CHECK(rotsim::format_double(40e9) == "40000000000");
    CHECK(rotsim::format_double(11000) == "11000");
    CHECK(rotsim::format_double(1e-300) == "1e-300");
    CHECK(rotsim::format_double(0.1 + 0.2) == "0.30000000000000004");
    CHECK(rotsim::format_cents(200000) == "2000");
    CHECK(rotsim::format_cents(123450) == "1234.5");
    CHECK(rotsim::format_cents(5) == "0.05");
    for (std::int64_t c : {0, 1, 10, 99, 100, 123456789})
        CHECK(rotsim::parse_cents(value(rotsim::format_cents(c)), 1e9) == c);
    CHECK(rotsim::format_parts_per_billion(50'000'000) == "0.05");
    CHECK(rotsim::format_parts_per_billion(1'000'000'000) == "1");
    CHECK(rotsim::format_parts_per_billion(123'456'789) == "0.123456789");
    CHECK(rotsim::format_parts_per_billion(0) == "0");
    CHECK(rotsim::format_day_range({7, 14}) == "7..14");
    CHECK(rotsim::format_schedule({{0, 11000}, {90, 15000.5}}) == "0:11000, 90:15000.5");
    CHECK(rotsim::format_approx(0.1 + 0.2) == "0.3");
}

TEST_CASE("edit distance counts a transposition as one edit", "[ini]") {
    CHECK(rotsim::edit_distance("p_kia", "p_kia") == 0);
    CHECK(rotsim::edit_distance("p_kai", "p_kia") == 1);
    CHECK(rotsim::edit_distance("p_ki", "p_kia") == 1);
    CHECK(rotsim::edit_distance("", "abc") == 3);
    CHECK(rotsim::edit_distance("kitten", "sitting") == 3);
    CHECK(rotsim::closest("casualtes", {"run", "casualties", "context"}) == "casualties");
    CHECK(rotsim::closest("x", {"ab", "cd"}) == "ab"); // the first of equally close ones
    // An abbreviation finds the key it abbreviates.
    CHECK(rotsim::suggestion_distance("hazard", "hazard_multiplier") == 1);
    CHECK(rotsim::closest("hazard", {"share", "hazard_multiplier", "monthly_pay_usd"}) ==
          "hazard_multiplier");
}
