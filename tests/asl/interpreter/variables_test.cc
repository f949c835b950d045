// tests/asl/interpreter/variables_test.cc
#include "asl/interpreter/variables.h"

#include <doctest/doctest.h>

#include "asl/interpreter/context_object.h"
#include "asl/expressions/payload.h"

namespace sfn::asl {
namespace {

TEST_CASE("VariableScope: inner scopes read outer ones and write only themselves") {
  VariableScope outer;
  outer.Set("x", Json(1));
  VariableScope inner(&outer);
  CHECK(Dump(*inner.Find("x")) == "1");
  inner.Set("x", Json(2));
  CHECK(Dump(*inner.Find("x")) == "2");
  CHECK(Dump(*outer.Find("x")) == "1");
  CHECK(inner.Find("nope") == nullptr);
  outer.Set("x", Json(3));
  CHECK(Dump(*outer.Find("x")) == "3");
}

TEST_CASE("EvaluateAssign: values and their JSON text") {
  JsonParseResult tmpl = ParseJson(R"({"a.$":"$.v","b":[1,"s"],"c":null})");
  REQUIRE(tmpl.ok);
  auto compiled = PayloadTemplate::Compile(tmpl.value, QueryLanguage::kJsonPath);
  REQUIRE(compiled.ok());
  Json input = ParseJson(R"({"v":{"k":true}})").value;
  EvalContext ctx;
  ctx.input = &input;
  Result<Assignment> r = EvaluateAssign(compiled.value(), ctx);
  REQUIRE(r.ok());
  CHECK(Dump(r.value().values) == R"({"a":{"k":true},"b":[1,"s"],"c":null})");
  CHECK(Dump(r.value().details) == R"({"a":"{\"k\":true}","b":"[1,\"s\"]","c":"null"})");
  VariableScope scope;
  Commit(r.value(), &scope);
  CHECK(Dump(*scope.Find("b")) == R"([1,"s"])");
}

TEST_CASE("FormatIsoMillis") {
  CHECK(FormatIsoMillis(0) == "1970-01-01T00:00:00.000Z");
  CHECK(FormatIsoMillis(1704164645678) == "2024-01-02T03:04:05.678Z");
  CHECK(FormatIsoMillis(951782400001) == "2000-02-29T00:00:00.001Z");
}

}  // namespace
}  // namespace sfn::asl
