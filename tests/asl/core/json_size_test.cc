// tests/asl/core/json_size_test.cc
#include <doctest/doctest.h>

#include <string>

#include "asl/core/json.h"
#include "tests/support/json_helpers.h"

namespace sfn {
namespace {

using testing::ParseOrDie;

TEST_CASE("JsonTextSizeBound is Dump's length for values without doubles") {
  const char* texts[] = {"null",
                         "true",
                         "false",
                         "0",
                         "-1",
                         "9223372036854775807",
                         "-9223372036854775808",
                         R"("")",
                         R"("abc")",
                         R"("q\"b\\s\n\r\t\b\f\u0001\u001f")",
                         R"("é漢字")",
                         "[]",
                         "{}",
                         R"([1,[2,[]],{"a":{}}])",
                         R"({"k\"ey":"v","n":null,"list":[true,false,"x"]})"};
  for (const char* text : texts) {
    const Json v = ParseOrDie(text);
    CAPTURE(text);
    CHECK(JsonTextSizeBound(v) == Dump(v).size());
  }
}

TEST_CASE("JsonTextSizeBound is at least Dump's length with doubles") {
  const double doubles[] = {0.5, -2.2250738585072014E-308, 1.7976931348623157E308, 1e-7, 123.456};
  for (double d : doubles) {
    const Json v = Json::MakeArray({Json(d), Json(d)});
    CAPTURE(d);
    CHECK(JsonTextSizeBound(v) >= Dump(v).size());
  }
}

}  // namespace
}  // namespace sfn
