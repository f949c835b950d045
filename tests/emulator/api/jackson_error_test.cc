// tests/emulator/api/jackson_error_test.cc
#include "emulator/api/jackson_error.h"

#include <doctest/doctest.h>

#include <string>

using sfn::emulator::JacksonParseError;

TEST_CASE("JacksonParseError accepts JSON") {
  CHECK(JacksonParseError(R"({"a":[1,-2.5e3,"x\n",true,false,null],"b":{}})") == "");
  CHECK(JacksonParseError("  2 ") == "");
  CHECK(JacksonParseError("\"some text\"") == "");
  CHECK(JacksonParseError("null") == "");
  CHECK(JacksonParseError("") == "");
}

TEST_CASE("JacksonParseError words errors as AWS quotes them") {
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

TEST_CASE("JacksonParseError survives deep nesting") {
  std::string deep(200000, '[');
  CHECK(JacksonParseError(deep).rfind("Unexpected end-of-input: expected close marker for Array",
                                      0) == 0);
}
