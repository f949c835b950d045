// tests/asl/core/json_syntax_error_test.cc
#include "asl/core/json_syntax_error.h"

#include <doctest/doctest.h>

#include <string>

using sfn::CheckJsonSyntax;
using sfn::JacksonLocation;
using sfn::JsonSyntaxCheck;
using sfn::TrailingText;

namespace {

// The message for the first syntax error when trailing text is refused, as
// execution input is read; "" when there is none.
std::string JacksonParseError(const std::string& text) {
  return CheckJsonSyntax(text, TrailingText::kReject).message;
}

}  // namespace

TEST_CASE("CheckJsonSyntax accepts JSON") {
  CHECK(JacksonParseError(R"({"a":[1,-2.5e3,"x\n",true,false,null],"b":{}})") == "");
  CHECK(JacksonParseError("  2 ") == "");
  CHECK(JacksonParseError("\"some text\"") == "");
  CHECK(JacksonParseError("null") == "");
  CHECK(JacksonParseError("") == "");
}

TEST_CASE("CheckJsonSyntax words errors as AWS quotes them") {
  // Recorded against AWS (StartExecution InvalidExecutionInput).
  CHECK(JacksonParseError("not some json") ==
        "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token "
        "'null', 'true' or 'false')");
  CHECK(JacksonParseError("{'not': 'json'") ==
        "Unexpected character (''' (code 39)): was expecting double-quote to start field name");
  // Jackson's wording for the other common mistakes.
  CHECK(JacksonParseError("{\"a\" 1}") ==
        "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and "
        "value");
  CHECK(JacksonParseError("{\"a\":1 \"b\":2}") ==
        "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries");
  CHECK(JacksonParseError("[1 2]") ==
        "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries");
  CHECK(JacksonParseError("[1,]") ==
        "Unexpected character (']' (code 93)): expected a valid value (JSON String, Number, "
        "Array, Object or token 'null', 'true' or 'false')");
  CHECK(JacksonParseError("truex") ==
        "Unrecognized token 'truex': was expecting (JSON String, Number, Array, Object or token "
        "'null', 'true' or 'false')");
  CHECK(JacksonParseError("\"abc") ==
        "Unexpected end-of-input: was expecting closing quote for a string value");
  CHECK(JacksonParseError("{\"a\":1") ==
        "Unexpected end-of-input: expected close marker for Object (start marker at [Source: "
        "(String)\"{\"a\":1\"; line: 1, column: 1])");
  CHECK(JacksonParseError("[1}") ==
        "Unexpected close marker '}': expected ']' (for Array starting at [Source: "
        "(String)\"[1}\"; line: 1, column: 1])");
  CHECK(JacksonParseError("01") == "Invalid numeric value: Leading zeroes not allowed");
  CHECK(JacksonParseError("-x") ==
        "Unexpected character ('x' (code 120)) in numeric value: expected digit (0-9) to follow "
        "minus sign, for valid numeric value");
  CHECK(JacksonParseError("\"a\nb\"") ==
        "Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to "
        "be included in string value");
  CHECK(JacksonParseError("\"\\x\"") == "Unrecognized character escape 'x' (code 120)");
}

TEST_CASE("CheckJsonSyntax survives deep nesting") {
  std::string deep(200000, '[');
  CHECK(JacksonParseError(deep).rfind("Unexpected end-of-input: expected close marker for Array",
                                      0) == 0);
}

TEST_CASE("CheckJsonSyntax outcomes and offsets") {
  using Outcome = JsonSyntaxCheck::Outcome;
  JsonSyntaxCheck c = CheckJsonSyntax(" \n\t", TrailingText::kIgnore);
  CHECK(c.outcome == Outcome::kEmpty);
  CHECK(c.message == "");
  c = CheckJsonSyntax("{\"a\":1}  tail", TrailingText::kIgnore);
  CHECK(c.outcome == Outcome::kValue);
  CHECK(c.offset == 9);  // after the value and the white space after it
  c = CheckJsonSyntax("{\"a\":1}  tail", TrailingText::kReject);
  CHECK(c.outcome == Outcome::kError);
  CHECK(c.message ==
        "Unexpected character ('t' (code 116)): expected end-of-input after the root value");
  CHECK(c.offset == 10);  // Jackson has consumed the offending character
  c = CheckJsonSyntax("not a definition", TrailingText::kIgnore);
  CHECK(c.offset == 3);  // the end of the token
  c = CheckJsonSyntax("{\"a\":-", TrailingText::kIgnore);
  CHECK(c.message == "Unexpected end-of-input in a Number value");
  CHECK(c.offset == 6);
  c = CheckJsonSyntax("\"\\u12", TrailingText::kIgnore);
  CHECK(c.message == "Unexpected end-of-input in character escape sequence");
  c = CheckJsonSyntax("1.x", TrailingText::kIgnore);
  CHECK(c.message ==
        "Unexpected character ('x' (code 120)) in numeric value: Decimal point not followed by a "
        "digit");
  c = CheckJsonSyntax("\"\\u12g\"", TrailingText::kIgnore);
  CHECK(c.message ==
        "Unexpected character ('g' (code 103)): expected a hex-digit for character escape "
        "sequence");
  c = CheckJsonSyntax("[\xe2\x82\xac]", TrailingText::kIgnore);
  CHECK(c.message ==
        "Unrecognized token '\xe2\x82\xac': was expecting (JSON String, Number, Array, Object or "
        "token 'null', 'true' or 'false')");
  c = CheckJsonSyntax("[\x7f]", TrailingText::kIgnore);
  CHECK(c.message ==
        "Unexpected character ((CTRL-CHAR, code 127)): expected a valid value (JSON String, "
        "Number, Array, Object or token 'null', 'true' or 'false')");
}

TEST_CASE("JacksonLocation counts lines and UTF-16 columns") {
  CHECK(JacksonLocation("abc", 1) == "[Source: (String)\"abc\"; line: 1, column: 2]");
  CHECK(JacksonLocation("a\nbc", 4) == "[Source: (String)\"a\nbc\"; line: 2, column: 3]");
  // U+00E9 is one unit, U+1F600 (4 UTF-8 bytes) two.
  CHECK(JacksonLocation("\xc3\xa9\xf0\x9f\x98\x80x", 6) ==
        "[Source: (String)\"\xc3\xa9\xf0\x9f\x98\x80x\"; line: 1, column: 4]");
  std::string long_text(600, 'x');
  CHECK(JacksonLocation(long_text, 0) == "[Source: (String)\"" + std::string(500, 'x') +
                                             "\"[truncated 100 chars]; line: 1, column: 1]");
}
