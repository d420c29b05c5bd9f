// What a message quotes of the user's input is shown on one line as it was written: control
// characters, NUL bytes and bytes that are not UTF-8 are escaped (issue 14, poor messages).
#include "model/error.hpp"
#include "model/ini_text.hpp"
#include "model/scenario_loader.hpp"

#include <catch2/catch.hpp>

using Catch::Contains;
using rotsim::in_quotes;

TEST_CASE("quoted text is escaped, never cut or split", "[scenario][messages]") {
    CHECK(in_quotes("60..90") == "'60..90'");
    CHECK(in_quotes("Kursk — 쿠르스크") == "'Kursk — 쿠르스크'"); // UTF-8 kept as it is
    CHECK(in_quotes(std::string("a\0b", 3)) == "'a\\0b'");
    CHECK(in_quotes("two\nlines") == "'two\\nlines'");
    CHECK(in_quotes("tab\there\r") == "'tab\\there\\r'");
    CHECK(in_quotes("\x01\x7f") == "'\\x01\\x7F'");
    CHECK(in_quotes("\xff\xfe") == "'\\xFF\\xFE'");          // not UTF-8
    CHECK(in_quotes("\xc3") == "'\\xC3'");                   // a sequence cut short
    CHECK(in_quotes("\xed\xa0\x80") == "'\\xED\\xA0\\x80'"); // a surrogate
    CHECK(in_quotes("\xc0\xaf") == "'\\xC0\\xAF'");          // an overlong '/'
    const std::string long_text = std::string(300, 'x') + "\n";
    const std::string shown = in_quotes(long_text);
    CHECK(shown.find('\n') == std::string::npos);
    CHECK_THAT(shown, Contains("(301 characters)"));
}

TEST_CASE("a --set value with a newline or a NUL gives a one-line message",
          "[scenario][messages]") {
    auto message = [](const std::string& override_text) {
        try {
            rotsim::parse_scenario("", "test.ini", {override_text});
        } catch (const rotsim::InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    const std::string newline = message("casualties.p_kia=0.1\nfoo");
    CHECK(newline.find('\n') == std::string::npos);
    CHECK_THAT(newline, Contains("\\nfoo"));
    const std::string nul = message(std::string("casualties.p_kia=0.1\0x", 22));
    CHECK(nul.find('\0') == std::string::npos);
    CHECK_THAT(nul, Contains("\\0x'"));
}
