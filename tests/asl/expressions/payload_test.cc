// tests/asl/expressions/payload_test.cc
#include "asl/expressions/payload.h"

#include <doctest/doctest.h>

#include <map>
#include <string>

#include "asl/jsonata/jsonata.h"
#include "tests/support/fake_environment.h"
#include "tests/support/json_helpers.h"

using sfn::AslError;
using sfn::Json;
using sfn::asl::EvalContext;
using sfn::asl::JsonataValue;
using sfn::asl::PayloadTemplate;
using sfn::asl::QueryLanguage;
using sfn::testing::MapVariables;
using sfn::testing::ParseOrDie;

namespace {

PayloadTemplate Compile(const std::string& tmpl, QueryLanguage ql = QueryLanguage::kJsonPath) {
  auto r = PayloadTemplate::Compile(ParseOrDie(tmpl), ql);
  INFO(tmpl);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().cause));
  return r.value();
}

std::string CompileError(const std::string& tmpl, QueryLanguage ql = QueryLanguage::kJsonPath) {
  auto r = PayloadTemplate::Compile(ParseOrDie(tmpl), ql);
  return r.ok() ? "OK" : r.error().cause;
}

struct Fixture {
  Json input = ParseOrDie(R"({"customer":{"id":"c-7","name":"Ann"},"total":12.5,"items":[1,2,3]})");
  Json context =
      ParseOrDie(R"({"Execution":{"Id":"arn:exec","Input":{"k":1}},"State":{"Name":"S"}})");
  MapVariables vars;
  EvalContext Ctx() {
    EvalContext ctx;
    ctx.input = &input;
    ctx.context = &context;
    ctx.variables = &vars;
    return ctx;
  }
  std::string Eval(const PayloadTemplate& t) {
    auto r = t.Evaluate(Ctx());
    return r.ok() ? sfn::Dump(r.value()) : "ERROR " + r.error().error + ": " + r.error().cause;
  }
};

// The JSONata engine is written in parallel; these tests run once it can
// compile expressions.
bool JsonataReady() {
  sfn::asl::jsonata::JsonataError error;
  return sfn::asl::jsonata::Expression::Compile("1 + 1", &error) != nullptr;
}

}  // namespace

TEST_CASE("PayloadTemplate constants are built once") {
  Fixture f;
  PayloadTemplate t = Compile(R"({"a":1,"b":[true,{"c":null}],"d.$x":"y"})");
  CHECK(t.is_constant());
  CHECK(f.Eval(t) == R"({"a":1,"b":[true,{"c":null}],"d.$x":"y"})");
  CHECK(t.VariableReferences().empty());
  CHECK(Compile("5").is_constant());
  CHECK(f.Eval(Compile("\"text\"")) == "\"text\"");
}

TEST_CASE("PayloadTemplate JSONPath mode") {
  Fixture f;
  f.vars.vars["greeting"] = Json("hi");
  f.vars.vars["obj"] = ParseOrDie(R"({"x":[10,20]})");
  PayloadTemplate t = Compile(R"J({
    "step": 1,
    "customerId.$": "$.customer.id",
    "total.$": "$.total",
    "all.$": "$",
    "firstTwo.$": "$.items[0:2]",
    "execution.$": "$$.Execution.Id",
    "state.$": "$$.State.Name",
    "greeting.$": "$greeting",
    "second.$": "$obj.x[1]",
    "message.$": "States.Format('{} owes {}', $.customer.name, $.total)",
    "nested": {"deep": [{"id.$": "$.customer.id"}, "plain", {"n": 1}]},
    "list": [{"k.$": "$.items[-1]"}]
  })J");
  CHECK_FALSE(t.is_constant());
  CHECK(f.Eval(t) ==
        R"({"step":1,"customerId":"c-7","total":12.5,)"
        R"("all":{"customer":{"id":"c-7","name":"Ann"},"total":12.5,"items":[1,2,3]},)"
        R"("firstTwo":[1,2],"execution":"arn:exec","state":"S","greeting":"hi","second":20,)"
        R"("message":"Ann owes 12.5","nested":{"deep":[{"id":"c-7"},"plain",{"n":1}]},)"
        R"("list":[{"k":3}]})");
  CHECK(t.VariableReferences() == std::vector<std::string>{"greeting", "obj"});
}

TEST_CASE("PayloadTemplate JSONPath compile errors name the field") {
  const std::string cause =
      "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic "
      "function call";
  CHECK(CompileError(R"({"parsed.$": "not a path"})") == cause);
  CHECK(CompileError(R"({"parsed.$": 5})") == cause);
  CHECK(CompileError(R"({"parsed.$": "$.a["})") == cause);
  CHECK(CompileError(R"J({"parsed.$": "States.Nope()"})J") == cause);
  // A wrong argument count is accepted at creation, as AWS does.
  CHECK(CompileError(R"J({"parsed.$": "States.ArrayLength()"})J") == "OK");
  // Recorded case ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION.
  CHECK(CompileError(R"J({"a": {"parsed.$":
      "States.StringToJson('{\"text\":\"An \\\"escaped double quote\\\" here\"}')"}})J") == cause);
  CHECK(CompileError(R"({"x": [{"bad.$": "nope"}]})") ==
        "The value for the field 'bad.$' must be a valid JSONPath or a valid intrinsic "
        "function call");
}

TEST_CASE("PayloadTemplate JSONPath runtime errors") {
  Fixture f;
  f.input = ParseOrDie(R"({"int-literal":0})");
  CHECK(f.Eval(Compile(R"({"value.$": "$.no_such_jsonpath"})")) ==
        "ERROR States.Runtime: The JSONPath '$.no_such_jsonpath' specified for the field "
        "'value.$' could not be found in the input '{\"int-literal\":0}'");
  CHECK(f.Eval(Compile(R"({"a": {"value.$": "$$.Execution.Input.no_such_jsonpath"}})")) ==
        "ERROR States.Runtime: The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for "
        "the field 'value.$' could not be found in the input '{\"int-literal\":0}'");
  CHECK(f.Eval(Compile(R"J({"v.$": "States.ArrayLength($.missing)"})J")) ==
        "ERROR States.Runtime: The function 'States.ArrayLength($.missing)' had the following "
        "error: The JsonPath argument for the field '$.missing' could not be found in the input "
        "'{\"int-literal\":0}'");
  CHECK(f.Eval(Compile(R"J({"v.$": "States.ArrayGetItem(States.Array(1), 4)"})J")) ==
        "ERROR States.Runtime: There was an error while evaluating the intrinsic function: "
        "States.ArrayGetItem(States.Array(1), 4). Invalid arguments in States.ArrayGetItem");
  CHECK(f.Eval(Compile(R"({"v.$": "$nosuchvar"})")) ==
        "ERROR States.Runtime: The JSONPath '$nosuchvar' specified for the field 'v.$' could "
        "not be found in the input '{\"int-literal\":0}'");
}

TEST_CASE("PayloadTemplate JSONata mode structure") {
  Fixture f;
  // ".$" keys are plain keys in JSONata mode; strings must be exactly
  // "{%...%}" to be expressions.
  PayloadTemplate t = Compile(R"({"a.$": "$.x", "b": " {% 1 %}", "c": "{% 1 %", "d": ["%}"]})",
                              QueryLanguage::kJsonata);
  CHECK(t.is_constant());
  CHECK(f.Eval(t) == R"({"a.$":"$.x","b":" {% 1 %}","c":"{% 1 %","d":["%}"]})");
  // In JSONPath mode, "{% %}" strings are plain text.
  CHECK(Compile(R"({"a": "{% $x %}"})").is_constant());
}

TEST_CASE("PayloadTemplate JSONata evaluation [needs the JSONata engine]") {
  if (!JsonataReady()) {
    MESSAGE("skipped: the JSONata engine cannot compile expressions yet");
    return;
  }
  Fixture f;
  f.vars.vars["x"] = Json(41);
  PayloadTemplate t = Compile(
      R"({"sum": "{% $x + 1 %}", "in": "{% $states.input.customer.id %}",
          "ctx": ["{% $states.context.State.Name %}"], "k": 1})",
      QueryLanguage::kJsonata);
  CHECK(f.Eval(t) == R"({"sum":42,"in":"c-7","ctx":["S"],"k":1})");
  CHECK(t.VariableReferences() == std::vector<std::string>{"x"});
  Json result = ParseOrDie(R"({"r":true})");
  EvalContext ctx = f.Ctx();
  ctx.result = &result;
  auto with_result = PayloadTemplate::Compile(ParseOrDie(R"("{% $states.result.r %}")"),
                                              QueryLanguage::kJsonata, "Output");
  CHECK(with_result.value().Evaluate(ctx).value() == Json(true));
}

TEST_CASE("PayloadTemplate JSONata errors [needs the JSONata engine]") {
  if (!JsonataReady()) {
    MESSAGE("skipped: the JSONata engine cannot compile expressions yet");
    return;
  }
  Fixture f;
  auto Err = [&](const std::string& tmpl, const char* field) {
    auto t = PayloadTemplate::Compile(ParseOrDie(tmpl), QueryLanguage::kJsonata, field);
    REQUIRE(t.ok());
    auto r = t.value().Evaluate(f.Ctx());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().error == "States.QueryEvaluationError");
    return r.error().cause;
  };
  CHECK(Err(R"("{% $doesNotExist %}")", "Output") ==
        "The JSONata expression '$doesNotExist' specified for the field 'Output' returned "
        "nothing (undefined).");
  CHECK(Err(R"({"result": "{% $doesNotExist %}"})", "Assign") ==
        "The JSONata expression '$doesNotExist' specified for the field 'Assign/result' returned "
        "nothing (undefined).");
  CHECK(Err(R"J({"FunctionResult": "{% $randomSeeded($states.input.total) %}"})J", "Output") ==
        "The JSONata expression '$randomSeeded($states.input.total)' specified for the field "
        "'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke "
        "a non-function");
  CHECK(Err(R"({"a": ["{% $nope %}"]})", "Output") ==
        "The JSONata expression '$nope' specified for the field 'Output/a[0]' returned nothing "
        "(undefined).");
  // Without a field the location is relative; the interpreter completes it.
  auto relative =
      PayloadTemplate::Compile(ParseOrDie(R"({"r": "{% $nope %}"})"), QueryLanguage::kJsonata);
  CHECK(relative.value().Evaluate(f.Ctx()).error().cause ==
        "The JSONata expression '$nope' specified for the field 'r' returned nothing "
        "(undefined).");
  CHECK(relative.value().Evaluate(f.Ctx(), "Arguments").error().cause ==
        "The JSONata expression '$nope' specified for the field 'Arguments/r' returned nothing "
        "(undefined).");
}

TEST_CASE("JsonataValue constants") {
  Fixture f;
  auto v = JsonataValue::Compile(Json(30));
  REQUIRE(v.ok());
  CHECK_FALSE(v.value().is_expression());
  CHECK(v.value().Evaluate(f.Ctx()).value() == Json(30));
  CHECK(v.value().expression_text().empty());
  CHECK(JsonataValue().Evaluate(f.Ctx()).value() == Json());
  CHECK_FALSE(JsonataValue().is_expression());
}

TEST_CASE("JsonataValue expressions [needs the JSONata engine]") {
  if (!JsonataReady()) {
    MESSAGE("skipped: the JSONata engine cannot compile expressions yet");
    return;
  }
  Fixture f;
  f.vars.vars["ItemsVar"] = Json("string");
  auto v = JsonataValue::Compile(Json("{% $ItemsVar %}"), "Items");
  REQUIRE(v.ok());
  CHECK(v.value().is_expression());
  CHECK(v.value().expression_text() == "$ItemsVar");
  CHECK(v.value().VariableReferences() == std::vector<std::string>{"ItemsVar"});
  sfn::Result<Json> items = v.value().Evaluate(f.Ctx());
  REQUIRE(items.ok());
  CHECK(v.value().UnexpectedType("array", items.value()) ==
        AslError{"States.QueryEvaluationError",
                 "The JSONata expression '$ItemsVar' specified for the field 'Items' returned an "
                 "unexpected result type. Expected 'array', but was 'string' for value: "
                 "\"string\""});
  auto obj = JsonataValue::Compile(Json("{% {'foo': 'bar'} %}"), "Items").value();
  CHECK(obj.UnexpectedType("array", obj.Evaluate(f.Ctx()).value()).cause ==
        "The JSONata expression '{'foo': 'bar'}' specified for the field 'Items' returned an "
        "unexpected result type. Expected 'array', but was 'object' for value: {\"foo\":\"bar\"}");
}
