// tests/asl/core/json_test.cc
#include "asl/core/json.h"

#include <doctest/doctest.h>

#include <string>

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
