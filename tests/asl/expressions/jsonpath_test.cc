// tests/asl/expressions/jsonpath_test.cc
#include "asl/expressions/jsonpath.h"

#include <doctest/doctest.h>

#include <map>
#include <string>

#include "tests/support/deep_values.h"
#include "tests/support/fake_environment.h"
#include "tests/support/json_helpers.h"

using sfn::AslError;
using sfn::Json;
using sfn::asl::EvalContext;
using sfn::asl::JsonPath;
using sfn::testing::MapVariables;
using sfn::testing::ParseOrDie;

namespace {

JsonPath P(const std::string& text) {
  auto r = JsonPath::Compile(text);
  INFO(text);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().cause));
  return r.value();
}

// Selects `path` from `doc`; returns the dumped value or "ERROR: cause".
std::string Sel(const std::string& path, const Json& doc) {
  EvalContext ctx;
  ctx.input = &doc;
  auto r = P(path).Select(ctx);
  return r.ok() ? sfn::Dump(r.value()) : "ERROR: " + r.error().cause;
}

const char kStore[] = R"({
  "store": {
    "book": [
      {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
      {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
      {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick",
       "isbn": "0-553-21311-3", "price": 8.99},
      {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord",
       "isbn": "0-395-19395-8", "price": 22.99}
    ],
    "bicycle": {"color": "red", "price": 19.95}
  },
  "expensive": 10
})";

}  // namespace

TEST_CASE("JsonPath::Compile roots and shapes") {
  CHECK(P("$").root() == JsonPath::Root::kInput);
  CHECK(P("$$.Execution.Id").root() == JsonPath::Root::kContext);
  JsonPath var = P("$myVar.a.b");
  CHECK(var.root() == JsonPath::Root::kVariable);
  CHECK(var.variable_name() == "myVar");
  CHECK(P("$x").variable_name() == "x");
  CHECK(P("$.a.b[0]").is_reference_path());
  CHECK(P("$['a b'].c").is_reference_path());
  CHECK(P("$.a.b[0]").is_definite());
  for (const char* indefinite : {"$.a[*]", "$..a", "$.a[1:2]", "$.a[0,1]", "$.a[?(@.x)]", "$.*"}) {
    CAPTURE(indefinite);
    CHECK_FALSE(P(indefinite).is_definite());
    CHECK_FALSE(P(indefinite).is_reference_path());
  }
  CHECK(P("$['a','b']").is_definite());  // Jayway merges a trailing union
  CHECK_FALSE(P("$['a','b']").is_reference_path());
  CHECK_FALSE(P("$.a.length()").is_reference_path());
  CHECK(JsonPath().text() == "$");
}

TEST_CASE("JsonPath::Compile rejects malformed paths") {
  for (const char* bad : {"", "a.b", "$.", "$[", "$.a[", "$['a'", "$.a[x]", "$.a[?(@.x ==)]",
                          "$.a[(@.length-1)]", "$$x", "$.a.nosuchfn()", "$.a.length().b"}) {
    CAPTURE(bad);
    auto r = JsonPath::Compile(bad);
    CHECK_FALSE(r.ok());
  }
  auto r = JsonPath::Compile("a.b");
  CHECK(r.error().cause == "Invalid JSONPath 'a.b': a path must start with '$'");
  SUBCASE("a regular expression with a number std::regex cannot hold (found by fuzzing)") {
    CHECK_FALSE(JsonPath::Compile("$.a[?(@.b =~ /x\\8888888888888/)]").ok());
    CHECK_FALSE(JsonPath::Compile("$.a[?(@.b =~ /x{99999999999}/)]").ok());
    CHECK(JsonPath::Compile("$.a[?(@.b =~ /(x){2,3}\\1/)]").ok());
  }
}

TEST_CASE("JsonPath::Select definite paths") {
  const Json doc = ParseOrDie(R"({"a":{"b":[1,2,3],"c":null},"x y":{"z":5},"q'uote":1,"n":0})");
  CHECK(Sel("$", doc) == sfn::Dump(doc));
  CHECK(Sel("$.a.b", doc) == "[1,2,3]");
  CHECK(Sel("$.a.b[1]", doc) == "2");
  CHECK(Sel("$.a.b[-1]", doc) == "3");
  CHECK(Sel("$.a['b'][0]", doc) == "1");
  CHECK(Sel("$[\"a\"].b[2]", doc) == "3");
  CHECK(Sel("$['x y'].z", doc) == "5");
  CHECK(Sel("$['q\\'uote']", doc) == "1");
  CHECK(Sel("$.a.c", doc) == "null");
  CHECK(Sel("$.n", doc) == "0");
  CHECK(Sel("$['a','n']", doc) == R"({"a":{"b":[1,2,3],"c":null},"n":0})");
  CHECK(Sel("$['n','missing']", doc) == R"({"n":0})");
}

TEST_CASE("JsonPath keeps backslashes in bracket names as AWS does") {
  // AWS matched $['Test\""Name"'] against the key Test\""Name" (recorded
  // case ESCAPE_SEQUENCES_JSONPATH).
  const Json doc = ParseOrDie(R"({"Test\\\"\"Name\"": "Value\"\\"})");
  CHECK(Sel(R"($['Test\""Name"'])", doc) == R"("Value\"\\")");
}

TEST_CASE("JsonPath::Select indefinite paths return arrays") {
  const Json doc = ParseOrDie(kStore);
  CHECK(Sel("$.store.book[*].author", doc) ==
        R"(["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"])");
  CHECK(Sel("$..author", doc) ==
        R"(["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"])");
  CHECK(Sel("$.store.*.color", doc) == R"(["red"])");
  CHECK(Sel("$.store..price", doc) == "[8.95,12.99,8.99,22.99,19.95]");
  CHECK(Sel("$..book[2].title", doc) == R"(["Moby Dick"])");
  CHECK(Sel("$..book[-1:].title", doc) == R"(["The Lord"])");
  CHECK(Sel("$..book[0,1].title", doc) == R"(["Sayings","Sword"])");
  CHECK(Sel("$..book[:2].title", doc) == R"(["Sayings","Sword"])");
  CHECK(Sel("$..book[1:3].title", doc) == R"(["Sword","Moby Dick"])");
  CHECK(Sel("$..book[?(@.isbn)].title", doc) == R"(["Moby Dick","The Lord"])");
  CHECK(Sel("$..book[?(!@.isbn)].title", doc) == R"(["Sayings","Sword"])");
  CHECK(Sel("$.store.book[?(@.price < 10)].title", doc) == R"(["Sayings","Moby Dick"])");
  CHECK(Sel("$.store.book[?(@.price <= $.expensive)].title", doc) == R"(["Sayings","Moby Dick"])");
  CHECK(Sel("$.store.book[?(@.category == 'fiction' && @.price > 20)].title", doc) ==
        R"(["The Lord"])");
  CHECK(Sel("$.store.book[?(@.price > 20 || @.author == 'Nigel Rees')].title", doc) ==
        R"(["Sayings","The Lord"])");
  CHECK(Sel("$.store.book[?(@.author =~ /.*REES/i)].title", doc) == R"(["Sayings"])");
  CHECK(Sel("$.store.book[?(@.category in ['reference','x'])].title", doc) == R"(["Sayings"])");
  CHECK(Sel("$.store.book[?(@.category nin ['fiction'])].title", doc) == R"(["Sayings"])");
  CHECK(Sel("$.store.book[?(@.isbn != '0-553-21311-3')].title", doc) ==
        R"(["Sayings","Sword","The Lord"])");
  CHECK(Sel("$.store.book[?(@.nothing)]", doc) == "[]");
  CHECK(Sel("$.missing[*]", doc) == "[]");
  CHECK(Sel("$[*].type", ParseOrDie("{}")) == "[]");
}

TEST_CASE("JsonPath filter operators") {
  const Json doc = ParseOrDie(R"({"items":[
    {"id":1,"tags":["a","b"],"name":"x","n":"5"},
    {"id":2,"tags":[],"name":"yy"},
    {"id":3,"tags":["c"],"name":"zzz","ok":true}]})");
  CHECK(Sel("$.items[?(@.tags size 2)].id", doc) == "[1]");
  CHECK(Sel("$.items[?(@.tags empty true)].id", doc) == "[2]");
  CHECK(Sel("$.items[?(@.tags anyof ['c','d'])].id", doc) == "[3]");
  CHECK(Sel("$.items[?(@.tags subsetof ['a','b','c'])].id", doc) == "[1,2,3]");
  CHECK(Sel("$.items[?(@.tags noneof ['a'])].id", doc) == "[2,3]");
  CHECK(Sel("$.items[?(@.tags contains 'b')].id", doc) == "[1]");
  CHECK(Sel("$.items[?(@.name contains 'zz')].id", doc) == "[3]");
  CHECK(Sel("$.items[?(@.ok == true)].id", doc) == "[3]");
  CHECK(Sel("$.items[?(@.n == 5)].id", doc) == "[1]");
  CHECK(Sel("$.items[?(@.id >= 2 && (@.name == 'yy' || @.ok))].id", doc) == "[2,3]");
  CHECK(Sel("$.items[?(@.tags.length() > 1)].id", doc) == "[1]");
}

TEST_CASE("JsonPath trailing functions") {
  const Json doc = ParseOrDie(R"({"a":[1,2,3,4],"o":{"k":1,"j":2},"s":"h\u00e9"})");
  CHECK(Sel("$.a.length()", doc) == "4");
  CHECK(Sel("$.o.length()", doc) == "2");
  CHECK(Sel("$.s.length()", doc) == "2");
  CHECK(Sel("$.a.sum()", doc) == "10.0");
  CHECK(Sel("$.a.min()", doc) == "1.0");
  CHECK(Sel("$.a.max()", doc) == "4.0");
  CHECK(Sel("$.a.avg()", doc) == "2.5");
  CHECK(Sel("$.o.keys()", doc) == R"(["k","j"])");
  CHECK(Sel("$.a[*].length()", doc) == "4");
}

TEST_CASE("JsonPath::Select failures carry Jayway's messages") {
  const Json doc = ParseOrDie(R"({"int-literal":0,"a":{"s":"str","n":null,"arr":[1]}})");
  CHECK(Sel("$.NoSuchInputPath", doc) ==
        "ERROR: Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
  CHECK(Sel("$.no.such.result.path", ParseOrDie("{}")) ==
        "ERROR: Invalid path '$.no.such.result.path' : Missing property in path $['no']");
  CHECK(Sel("$.a.arr[5]", doc) ==
        "ERROR: Invalid path '$.a.arr[5]' : No results for path: "
        "$['a']['arr'][5]");
  CHECK(Sel("$.a.s.x", doc) ==
        "ERROR: Invalid path '$.a.s.x' : Expected to find an object with property ['x'] in path "
        "$['a']['s'] but found 'java.lang.String'. This is not a json object according to the "
        "JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.");
  CHECK(Sel("$.a.n.x", doc) ==
        "ERROR: Invalid path '$.a.n.x' : Expected to find an object with property ['x'] in path "
        "$['a']['n'] but found 'null'. This is not a json object according to the JsonProvider: "
        "'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.");
  CHECK(Sel("$.a.n[0]", doc) == "ERROR: Invalid path '$.a.n[0]' : The path $['a']['n'] is null");
  CHECK(Sel("$.a[0]", doc) ==
        "ERROR: Invalid path '$.a[0]' : Filter: [0] can only be applied to arrays. Current "
        "context is: {s=str, n=null, arr=[1]}");
}

TEST_CASE("JsonPath::Select for a named field") {
  const Json input = ParseOrDie(R"({"int-literal":0})");
  const Json context = ParseOrDie(R"({"Execution":{"Id":"arn:x","Input":{"int-literal":0}}})");
  EvalContext ctx;
  ctx.input = &input;
  ctx.context = &context;
  auto r = P("$.no_such_jsonpath").Select(ctx, "value.$");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error() == AslError{"States.Runtime",
                              "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' "
                              "could not be found in the input '{\"int-literal\":0}'"});
  auto c = P("$$.Execution.Input.no_such_jsonpath").Select(ctx, "value.$");
  CHECK(c.error().cause ==
        "The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' "
        "could not be found in the input '{\"int-literal\":0}'");
  CHECK(sfn::Dump(P("$$.Execution.Id").Select(ctx, "x.$").value()) == "\"arn:x\"");
  CHECK(P("$.ErrorX").Select(ctx, "ErrorPath").error().cause ==
        "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the "
        "input '{\"int-literal\":0}'");
}

TEST_CASE("JsonPath variables") {
  MapVariables vars;
  vars.vars["customer"] = ParseOrDie(R"({"id":"c-1","tags":["a","b"]})");
  vars.vars["n"] = Json(5);
  const Json input = ParseOrDie("{}");
  EvalContext ctx;
  ctx.input = &input;
  ctx.variables = &vars;
  CHECK(sfn::Dump(P("$customer.id").Select(ctx).value()) == "\"c-1\"");
  CHECK(sfn::Dump(P("$customer.tags[1]").Select(ctx).value()) == "\"b\"");
  CHECK(sfn::Dump(P("$n").Select(ctx).value()) == "5");
  CHECK_FALSE(P("$nope").Find(ctx).has_value());
  CHECK_FALSE(P("$customer.zip").Select(ctx, "z.$").ok());
  EvalContext no_vars;
  no_vars.input = &input;
  CHECK_FALSE(P("$n").Find(no_vars).has_value());
}

TEST_CASE("JsonPath::Find and FindIn") {
  const Json doc = ParseOrDie(R"({"a":{"b":1}})");
  EvalContext ctx;
  ctx.input = &doc;
  CHECK(P("$.a.b").Find(ctx).value() == Json(1));
  CHECK_FALSE(P("$.a.c").Find(ctx).has_value());
  const Json other = ParseOrDie(R"({"a":{"b":2}})");
  CHECK(P("$.a.b").FindIn(other, ctx).value() == Json(2));
  EvalContext empty;
  CHECK_FALSE(P("$.a").Find(empty).has_value());
}

TEST_CASE("JsonPath::SelectReference (ItemsPath)") {
  const Json doc = ParseOrDie(R"({"discovery":{"statusCode":500},"items":[1,2],"s":"x"})");
  EvalContext ctx;
  ctx.input = &doc;
  CHECK(sfn::Dump(P("$.items").SelectReference(ctx).value()) == "[1,2]");
  CHECK(P("$.discovery.objects").SelectReference(ctx).error() ==
        AslError{"States.ReferencePathConflict",
                 "Unable to apply step \"objects\" to input "
                 "{\"discovery\":{\"statusCode\":500},\"items\":[1,2],\"s\":\"x\"}"});
  CHECK(P("$.chunks").SelectReference(ctx).error().cause ==
        "Unable to apply step \"chunks\" to input "
        "{\"discovery\":{\"statusCode\":500},\"items\":[1,2],\"s\":\"x\"}");
  const Json str = ParseOrDie(R"("text")");
  ctx.input = &str;
  CHECK(P("$.a").SelectReference(ctx).error().cause ==
        "Unable to apply ReferencePath $.a to input \"text\"");
}

TEST_CASE("JsonPath::Assign (ResultPath)") {
  const Json input = ParseOrDie(R"({"comment":"c","strings":{"a":1}})");
  auto A = [&](const std::string& path, const Json& root, const Json& value) {
    auto r = P(path).Assign(root, value);
    return r.ok() ? sfn::Dump(r.value()) : "ERROR: " + r.error().error + ": " + r.error().cause;
  };
  CHECK(A("$", input, Json("r")) == "\"r\"");
  CHECK(A("$.taskresult", input, Json("r")) ==
        R"({"comment":"c","strings":{"a":1},"taskresult":"r"})");
  CHECK(A("$.comment", input, Json(2)) == R"({"comment":2,"strings":{"a":1}})");
  CHECK(A("$.strings.lambdaresult", input, Json(true)) ==
        R"({"comment":"c","strings":{"a":1,"lambdaresult":true}})");
  CHECK(A("$.new.deep.path", input, Json(1)) ==
        R"({"comment":"c","strings":{"a":1},"new":{"deep":{"path":1}}})");
  CHECK(A("$.list[1]", ParseOrDie(R"({"list":[1,2,3]})"), Json("x")) == R"({"list":[1,"x",3]})");
  CHECK(A("$.list[1].k", ParseOrDie(R"({"list":[1,{},3]})"), Json("x")) ==
        R"({"list":[1,{"k":"x"},3]})");
  CHECK(
      A("$.partitioned", ParseOrDie(R"("{\"a\":1}")"), Json(1)) ==
      R"(ERROR: States.ReferencePathConflict: Unable to apply ReferencePath $.partitioned to input "{\"a\":1}")");
  CHECK(A("$.x", ParseOrDie("[1]"), Json(1)) ==
        "ERROR: States.ReferencePathConflict: Unable to apply ReferencePath $.x to input [1]");
  CHECK(A("$.comment.x", input, Json(1)) ==
        "ERROR: States.ReferencePathConflict: Unable to apply step \"x\" to input "
        R"({"comment":"c","strings":{"a":1}})");
  CHECK(A("$.list[5]", ParseOrDie(R"({"list":[]})"), Json(1)) ==
        "ERROR: States.ReferencePathConflict: Unable to apply step \"5\" to input {\"list\":[]}");
  // The input is not modified: Assign copies what it changes.
  CHECK(sfn::Dump(input) == R"({"comment":"c","strings":{"a":1}})");
}

TEST_CASE("A deep scan walks the deepest accepted input on a small stack") {
  const Json doc = ParseOrDie(sfn::testing::NestedObjectText(sfn::testing::kDeepestInput));
  const Json arrays = ParseOrDie(sfn::testing::NestedArrayText(sfn::testing::kDeepestInput));
  sfn::testing::RunOnSmallStack([&] {
    CHECK(Sel("$..leaf", doc) == "[1]");
    CHECK(Sel("$..missing", doc) == "[]");
    CHECK(Sel("$..[?(@ == 1)]", arrays) == "[1]");
  });
}
