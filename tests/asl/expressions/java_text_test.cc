// tests/asl/expressions/java_text_test.cc
#include "asl/expressions/java_text.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/support/deep_values.h"
#include "tests/support/json_helpers.h"

using sfn::Json;
using sfn::testing::ParseOrDie;

TEST_CASE("JavaToString prints values as Java's toString") {
  using sfn::asl::JavaToString;
  CHECK(JavaToString(ParseOrDie("null")) == "null");
  CHECK(JavaToString(ParseOrDie("\"text\"")) == "text");
  CHECK(JavaToString(ParseOrDie("1.0")) == "1.0");
  CHECK(JavaToString(ParseOrDie("1e10")) == "1.0E10");
  CHECK(JavaToString(ParseOrDie(R"({"Arg1":1,"Arg2":[],"o":{"s":"x","n":null}})")) ==
        "{Arg1=1, Arg2=[], o={s=x, n=null}}");
  CHECK(JavaToString(ParseOrDie(R"([1,"a",[true]])")) == "[1, a, [true]]");
}

TEST_CASE("JavaClassName names the classes Jayway's Jackson provider holds") {
  using sfn::asl::JavaClassName;
  CHECK(std::string(JavaClassName(ParseOrDie("1"))) == "java.lang.Integer");
  CHECK(std::string(JavaClassName(ParseOrDie("3000000000"))) == "java.lang.Long");
  CHECK(std::string(JavaClassName(ParseOrDie("1.5"))) == "java.lang.Double");
  CHECK(std::string(JavaClassName(ParseOrDie("{}"))) == "java.util.LinkedHashMap");
  CHECK(std::string(JavaClassName(ParseOrDie("[]"))) == "java.util.ArrayList");
  CHECK(std::string(JavaClassName(ParseOrDie("null"))) == "null");
}

TEST_CASE("JavaStringHash and JavaHashMapOrder follow java.lang.String and java.util.HashMap") {
  using sfn::asl::JavaHashMapOrder;
  using sfn::asl::JavaStringHash;
  CHECK(JavaStringHash("a") == 97);
  CHECK(JavaStringHash("Name") == 2420395);
  CHECK(JavaStringHash("constant_input_field") == static_cast<int32_t>(2998650922u));
  CHECK(JavaStringHash("\xF0\x9F\x98\x80") == 1772899);  // U+1F600: 0xD83D * 31 + 0xDE00
  // Recorded States.JsonMerge output orders.
  CHECK(JavaHashMapOrder({"a", "b", "d", "c"}) == std::vector<size_t>{0, 1, 3, 2});
  CHECK(JavaHashMapOrder({"constant_in_literal", "constant_input_field"}) ==
        std::vector<size_t>{1, 0});
  // 13 keys resize the table to 32 buckets: "a" (97 -> bucket 1) then "q"
  // (113 -> bucket 17) instead of sharing bucket 1.
  std::vector<std::string_view> keys = {"q", "a", "b", "c", "d", "e", "f",
                                        "g", "h", "i", "j", "k", "l"};
  std::vector<size_t> order = JavaHashMapOrder(keys);
  CHECK(order.front() == 1);
  CHECK(order.back() == 0);
  CHECK(sfn::asl::Utf16Length("a\xC3\xA9\xF0\x9F\x98\x80") == 4);
}

TEST_CASE("JavaToString prints the deepest accepted input on a small stack") {
  const size_t depth = sfn::testing::kDeepestInput;
  const Json doc = ParseOrDie(sfn::testing::NestedObjectText(depth));
  std::string want;
  for (size_t i = 1; i < depth; ++i) want += "{a=";
  want += "{leaf=1}" + std::string(depth - 1, '}');
  sfn::testing::RunOnSmallStack([&] { CHECK(sfn::asl::JavaToString(doc) == want); });
}
