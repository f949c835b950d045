// tests/asl/core/json_test.cc
#include "asl/core/json.h"

#include <doctest/doctest.h>

#include <string>

#include "tests/support/deep_values.h"
#include "tests/support/json_helpers.h"

using sfn::Json;
using sfn::testing::ParseOrDie;

TEST_CASE("ParseJson and Dump round-trip") {
  CHECK(sfn::Dump(ParseOrDie(R"({"a":[1,2.5,"x",null,true],"b":{}})")) ==
        R"({"a":[1,2.5,"x",null,true],"b":{}})");
  CHECK(sfn::Dump(ParseOrDie("0.0")) == "0.0");
  CHECK(sfn::Dump(ParseOrDie("-3")) == "-3");
  CHECK(sfn::Dump(ParseOrDie(R"("\u00e9\n")")) == "\"\xc3\xa9\\n\"");
}

TEST_CASE("FormatDouble follows Java's Double.toString") {
  CHECK(sfn::FormatDouble(1.0) == "1.0");
  CHECK(sfn::FormatDouble(129.48) == "129.48");
  CHECK(sfn::FormatDouble(0.001) == "0.001");
  CHECK(sfn::FormatDouble(0.0001) == "1.0E-4");
  CHECK(sfn::FormatDouble(1e7) == "1.0E7");
  CHECK(sfn::FormatDouble(1234567.5) == "1234567.5");
  CHECK(sfn::FormatDouble(-2.5e10) == "-2.5E10");
}

TEST_CASE("ParseJson refuses bad and too deep input") {
  CHECK_FALSE(sfn::ParseJson("{").ok);
  CHECK_FALSE(sfn::ParseJson("not json").ok);
  std::string deep(200000, '[');
  auto r = sfn::ParseJson(deep);
  CHECK_FALSE(r.ok);
  CHECK(r.error.message == "Document nested too deeply");
}

TEST_CASE("Json objects") {
  Json o = ParseOrDie(R"({"a":1,"b":2,"a":3})");
  CHECK(o.size() == 2);
  CHECK(o.Find("a")->AsInt() == 3);
  CHECK(sfn::Dump(o.With("c", Json("x"))) == R"({"a":3,"b":2,"c":"x"})");
  CHECK(sfn::Dump(o.With("b", Json(nullptr))) == R"({"a":3,"b":null})");
  CHECK(ParseOrDie(R"({"x":1,"y":[1.0]})") == ParseOrDie(R"({"y":[1],"x":1.0})"));
  CHECK(ParseOrDie("1") != ParseOrDie("\"1\""));
}

// The walks over a value are iterative: at the deepest input ParseJson
// accepts, and at a depth no stack could recurse, none overflows a small
// stack.
TEST_CASE("Values nested to the parser's bound print, compare and free on a small stack") {
  using sfn::testing::kDeepestInput;
  for (const std::string& text : {sfn::testing::NestedObjectText(kDeepestInput),
                                  sfn::testing::NestedArrayText(kDeepestInput)}) {
    sfn::testing::RunOnSmallStack([&text] {
      sfn::JsonParseResult parsed = sfn::ParseJson(text);
      REQUIRE(parsed.ok);
      CHECK(sfn::Dump(parsed.value) == text);
      Json again = sfn::ParseJson(text).value;  // equal, but not shared
      CHECK(parsed.value == again);
      CHECK(sfn::StrictlyEqual(parsed.value, again));
      std::string other = text;
      other[other.find('1')] = '2';
      CHECK(parsed.value != sfn::ParseJson(other).value);
    });
  }
  CHECK_FALSE(sfn::ParseJson(sfn::testing::NestedObjectText(kDeepestInput + 1)).ok);
}

TEST_CASE("A value nested 200,000 deep is printed and freed without recursion") {
  sfn::testing::RunOnSmallStack([] {
    Json v = Json(1);
    for (int i = 0; i < 200000; ++i) v = Json::MakeArray({v, Json(i)});
    std::string text = sfn::Dump(v);
    CHECK(text.size() > 600000);
    CHECK(text.rfind("[[[", 0) == 0);
    Json copy = v;  // shared: freeing one leaves the other whole
    v = Json();
    CHECK(sfn::Dump(copy) == text);
  });
}

TEST_CASE("StrictlyEqual tells integers from decimals at any depth") {
  CHECK(ParseOrDie(R"({"a":[1,{"b":2}]})") == ParseOrDie(R"({"a":[1.0,{"b":2}]})"));
  CHECK_FALSE(sfn::StrictlyEqual(ParseOrDie(R"({"a":[1,{"b":2}]})"),
                                 ParseOrDie(R"({"a":[1,{"b":2.0}]})")));
  CHECK(sfn::StrictlyEqual(ParseOrDie(R"({"a":[1,{"b":2}],"c":null})"),
                           ParseOrDie(R"({"c":null,"a":[1,{"b":2}]})")));
}

TEST_CASE("WalkJson visits a value in document order with the depth of each part") {
  struct Trace {
    std::string out;
    void Leaf(const Json& v, size_t depth) { out += sfn::Dump(v) + "@" + std::to_string(depth) + " "; }
    void Open(const Json& c, size_t depth) { out += (c.is_array() ? "[@" : "{@") + std::to_string(depth) + " "; }
    void Item(const Json&, size_t i, size_t depth) { out += "#" + std::to_string(i) + "@" + std::to_string(depth) + " "; }
    void Close(const Json& c, size_t depth) { out += (c.is_array() ? "]@" : "}@") + std::to_string(depth) + " "; }
  } trace;
  sfn::WalkJson(ParseOrDie(R"({"a":[1,[]],"b":{}})"), trace);
  CHECK(trace.out == "{@0 #0@1 [@1 #0@2 1@2 #1@2 []@2 ]@1 #1@1 {}@1 }@0 ");
}

// Found by fuzz/mock_config_fuzz: RapidJSON 1.1.0's full-precision
// conversion read out of bounds on a fraction with ~350 leading zeros (and
// turned 330 of them into -2.1E301); any request body could hold one.
TEST_CASE("Numbers with hundreds of digits parse exactly or are refused") {
  auto dump = [](const std::string& text) {
    sfn::JsonParseResult r = sfn::ParseJson(text);
    return r.ok ? sfn::Dump(r.value) : "ERROR: " + r.error.message;
  };
  CHECK(dump("0." + std::string(593, '0') + "1") == "0.0");
  CHECK(dump("[0." + std::string(330, '0') + "1]") == "[0.0]");
  CHECK(dump("0." + std::string(300, '0') + "1") == "1.0E-301");
  CHECK(dump("1e-310") == "1.0E-310");
  CHECK(dump("-1e-400") == "-0.0");
  CHECK(dump("1" + std::string(400, '0')) == "ERROR: Number too big to be stored in double.");
  CHECK(dump("1e400") == "ERROR: Number too big to be stored in double.");
  CHECK(dump("12345678901234567890") == "1.2345678901234567E19");
  CHECK(dump("9223372036854775807") == "9223372036854775807");
  CHECK(dump("-9223372036854775808") == "-9223372036854775808");
  CHECK(dump("[-0,-0.0,1.5e3,0.1,2.5E-3]") == "[0,-0.0,1500.0,0.1,0.0025]");
  CHECK_FALSE(sfn::ParseJson("01").ok);
  CHECK_FALSE(sfn::ParseJson("1.").ok);
}
