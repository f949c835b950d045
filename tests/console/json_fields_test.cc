// tests/console/json_fields_test.cc
#include "console/json_fields.h"

#include <doctest/doctest.h>

namespace sfn::console {
namespace {

TEST_CASE("json_fields: members of the wrong type or missing read as defaults") {
  Json o = ParseJson(R"({"s":"x","n":7,"d":1.5,"z":null})").value;
  CHECK(Member(o, "n") == Json(7));
  CHECK(Member(o, "missing").is_null());
  CHECK(Member(Json("not an object"), "s").is_null());
  CHECK(StringMember(o, "s") == "x");
  CHECK(StringMember(o, "n") == "");
  CHECK(IntMember(o, "n", -1) == 7);
  CHECK(IntMember(o, "d", -1) == -1);
  CHECK(IntMember(o, "z", -1) == -1);
  CHECK(IntMember(Json(), "n", 3) == 3);
}

}  // namespace
}  // namespace sfn::console
