// tests/asl/expressions/intrinsics_test.cc
//
// Expected outputs come from AWS-recorded executions
// (../shared/conformance/aws-recorded/intrinsic_functions) where they exist.
#include "asl/expressions/intrinsics.h"

#include <doctest/doctest.h>

#include <map>
#include <string>

#include "asl/expressions/intrinsics_internal.h"
#include "tests/support/deep_values.h"
#include "tests/support/fake_environment.h"
#include "tests/support/json_helpers.h"

using sfn::AslError;
using sfn::Json;
using sfn::asl::EvalContext;
using sfn::asl::IntrinsicCall;
using sfn::testing::FakeEnvironment;
using sfn::testing::MapVariables;
using sfn::testing::ParseOrDie;

namespace {

// States.UUID answers with one UUID in the shape AWS prints.
FakeEnvironment UuidEnvironment() {
  FakeEnvironment env;
  env.uuid = "0b5d8c1e-3f7a-4c2d-9e1b-6a4f2c8d7e90";
  env.now_ms = 0;
  return env;
}

struct Fixture {
  Json input = ParseOrDie("{}");
  Json context = ParseOrDie(R"({"Execution":{"Name":"exec-1","Input":{"csv":"a,b"}},
                       "StateMachine":{"Id":"arn:sm","Name":"my-state-machine"}})");
  MapVariables vars;
  FakeEnvironment env = UuidEnvironment();
  EvalContext Ctx() {
    EvalContext ctx;
    ctx.input = &input;
    ctx.context = &context;
    ctx.variables = &vars;
    ctx.env = &env;
    return ctx;
  }
  // The dumped result, or "ERROR error: cause".
  std::string Eval(const std::string& call, const std::string& input_json = "{}") {
    input = ParseOrDie(input_json);
    auto compiled = IntrinsicCall::Compile(call);
    INFO(call);
    REQUIRE_MESSAGE(compiled.ok(), (compiled.ok() ? "" : compiled.error().cause));
    auto r = compiled.value().Evaluate(Ctx());
    return r.ok() ? sfn::Dump(r.value()) : "ERROR " + r.error().error + ": " + r.error().cause;
  }
};

// AWS's cause for arguments a function refuses: the whole call as written
// and the function's name, nothing more.
std::string Invalid(const std::string& call, const std::string& function) {
  return "ERROR States.Runtime: There was an error while evaluating the intrinsic function: " +
         call + ". Invalid arguments in " + function;
}

std::string CompileError(const std::string& call) {
  auto r = IntrinsicCall::Compile(call);
  return r.ok() ? "OK" : r.error().cause;
}

}  // namespace

TEST_CASE("IntrinsicCall::LooksLikeCall") {
  CHECK(IntrinsicCall::LooksLikeCall("States.Format('x')"));
  CHECK(IntrinsicCall::LooksLikeCall("  States.UUID()"));
  CHECK_FALSE(IntrinsicCall::LooksLikeCall("$.a"));
  CHECK_FALSE(IntrinsicCall::LooksLikeCall("States.Format"));
}

TEST_CASE("IntrinsicCall::Compile errors") {
  CHECK(CompileError("States.Nope()") ==
        "Invalid intrinsic function call 'States.Nope()': unknown intrinsic function "
        "States.Nope at position 11");
  // AWS checks only the syntax at creation: a wrong argument count fails
  // when the call runs (see "wrong argument counts fail at run time").
  CHECK(CompileError("States.ArrayLength()") == "OK");
  CHECK(CompileError("States.UUID(1)") == "OK");
  CHECK(CompileError("States.MathRandom(1)") == "OK");
  CHECK(CompileError("States.MathRandom(1, 2, 3, 4)") == "OK");
  CHECK(CompileError("States.Format('a'") != "OK");
  CHECK(CompileError("States.Format('a') x") != "OK");
  CHECK(CompileError("States.Format('unterminated)") != "OK");
  CHECK(CompileError("States.Format(foo)") != "OK");
  CHECK(CompileError("States.Array($.a[)") != "OK");
  // AWS refuses \" inside an intrinsic string (recorded case
  // ESCAPE_SEQUENCES_ILLEGAL_INTRINSIC_FUNCTION).
  CHECK(CompileError(R"(States.StringToJson('{"text":"An \"escaped\" here"}'))") ==
        "Invalid intrinsic function call 'States.StringToJson('{\"text\":\"An \\\"escaped\\\" "
        "here\"}')': invalid escape sequence at position 34");
  CHECK(CompileError(R"(States.Format('He said, \"Hello, {}!\"', 'Test'))") != "OK");
  CHECK(IntrinsicCall::InvalidFieldCause("parsed.$") ==
        "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic "
        "function call");
}

TEST_CASE("Intrinsic nesting is limited to 10 levels") {
  std::string ten, eleven;
  for (int i = 0; i < 10; ++i) ten += "States.Array(";
  ten += "1" + std::string(10, ')');
  eleven = "States.Array(" + ten + ")";
  CHECK(CompileError(ten) == "OK");
  CHECK(CompileError(eleven) != "OK");
}

TEST_CASE("Intrinsic argument kinds") {
  Fixture f;
  f.vars.vars["name"] = Json("Ann");
  CHECK(f.Eval("States.Array('s', 1, -2.5, 1e2, true, false, null)") ==
        R"(["s",1,-2.5,100.0,true,false,null])");
  CHECK(f.Eval("States.Array( $.a , $$.Execution.Name,$name )", R"({"a":[1]})") ==
        R"([[1],"exec-1","Ann"])");
  CHECK(f.Eval("States.Array($['a,b'], $.c[?(@ > 1)])", R"({"a,b":1,"c":[1,2,3]})") == "[1,[2,3]]");
  CHECK(f.Eval(R"(States.Array('it\'s', 'a\\b', '\{\}'))") == R"(["it's","a\\b","{}"])");
  CHECK(f.Eval("States.Array($.missing)") ==
        "ERROR States.Runtime: Invalid path '$.missing' : No results for path: $['missing']");
  auto call = IntrinsicCall::Compile("States.Array($.missing)").value();
  f.input = ParseOrDie(R"({"x":1})");
  // AWS's wording, from a failed execution quoted in the README of the CDK
  // construct HandleOptionalParameters.
  CHECK(call.Evaluate(f.Ctx(), "k.$").error() ==
        AslError{"States.Runtime",
                 "The function 'States.Array($.missing)' had the following error: The JsonPath "
                 "argument for the field '$.missing' could not be found in the input "
                 "'{\"x\":1}'"});
  // The whole call is named, also for a path inside a nested call.
  auto nested = IntrinsicCall::Compile("States.Format('{}', States.Array($.m))").value();
  CHECK(nested.Evaluate(f.Ctx(), "k.$").error().cause ==
        "The function 'States.Format('{}', States.Array($.m))' had the following error: The "
        "JsonPath argument for the field '$.m' could not be found in the input '{\"x\":1}'");
  auto vars = IntrinsicCall::Compile("States.Format('{}{}', $a.b, States.Array($b, $a))").value();
  CHECK(vars.VariableReferences() == std::vector<std::string>{"a", "b"});
}

TEST_CASE("States.Format") {
  Fixture f;
  const std::string fmt1 = "States.Format('Formatting argument {}.', $.FunctionInput)";
  CHECK(f.Eval(fmt1, R"({"FunctionInput":""})") == R"("Formatting argument .")");
  CHECK(f.Eval(fmt1, R"({"FunctionInput":"HelloWorld"})") ==
        R"("Formatting argument HelloWorld.")");
  CHECK(f.Eval(fmt1, R"({"FunctionInput":null})") == R"("Formatting argument null.")");
  CHECK(f.Eval(fmt1, R"({"FunctionInput":1})") == R"("Formatting argument 1.")");
  CHECK(f.Eval(fmt1, R"({"FunctionInput":1.1})") == R"("Formatting argument 1.1.")");
  CHECK(f.Eval(fmt1, R"({"FunctionInput":"{\"Arg1\": 1, \"Arg2\": []}"})") ==
        R"("Formatting argument {\"Arg1\": 1, \"Arg2\": []}.")");
  CHECK(f.Eval(fmt1, R"({"FunctionInput":{"Arg1":1,"Arg2":[]}})") ==
        R"("Formatting argument {Arg1=1, Arg2=[]}.")");
  CHECK(f.Eval("States.Format('fst={} and snd={}.', $$.Execution.Name, $$.StateMachine)") ==
        R"("fst=exec-1 and snd={Id=arn:sm, Name=my-state-machine}.")");
  CHECK(f.Eval("States.Format('{} {}', $.a, $.b)", R"({"a":[1,"x",true],"b":2.0})") ==
        R"("[1, x, true] 2.0")");
  CHECK(f.Eval(R"(States.Format('\{} is not {}', 'x'))") == R"("{} is not x")");
  CHECK(f.Eval("States.Format($.t, $.v)", R"({"t":"Hello, {}!","v":"Ann"})") == R"("Hello, Ann!")");
  CHECK(f.Eval("States.Format('no placeholders')") == R"("no placeholders")");
  CHECK(f.Eval("States.Format('{} {}', 1)") ==
        Invalid("States.Format('{} {}', 1)", "States.Format"));
  // A brace outside a placeholder is refused at run time; escaped it is text.
  CHECK(f.Eval("States.Format('Hello {', 'x')") ==
        Invalid("States.Format('Hello {', 'x')", "States.Format"));
  CHECK(f.Eval("States.Format('Hello {{}}', 'x')") ==
        Invalid("States.Format('Hello {{}}', 'x')", "States.Format"));
  CHECK(f.Eval("States.Format('}')") == Invalid("States.Format('}')", "States.Format"));
  CHECK(f.Eval(R"(States.Format('\{{}\}', 'x'))") == R"("{x}")");
  CHECK(f.Eval("States.Format(1)") == Invalid("States.Format(1)", "States.Format"));
}

TEST_CASE("States.StringToJson and States.JsonToString") {
  Fixture f;
  const std::string s2j = "States.StringToJson($.v)";
  auto S = [&](const std::string& v) { return f.Eval(s2j, R"({"v":)" + v + "}"); };
  CHECK(S(R"("")") == "null");
  CHECK(S(R"(" ")") == "null");
  CHECK(S(R"("null")") == "null");
  CHECK(S(R"("-0")") == "0");
  CHECK(S(R"("1")") == "1");
  CHECK(S(R"("1.1")") == "1.1");
  CHECK(S(R"("true")") == "true");
  CHECK(S(R"("\"HelloWorld\"")") == R"("HelloWorld")");
  CHECK(S(R"("[1, 2, \"HelloWorld\"]")") == R"([1,2,"HelloWorld"])");
  CHECK(S(R"("{\"Arg1\": 1, \"Arg2\": []}")") == R"({"Arg1":1,"Arg2":[]})");
  CHECK(S(R"("{bad")") == Invalid("States.StringToJson($.v)", "States.StringToJson"));
  CHECK(S("5") == Invalid("States.StringToJson($.v)", "States.StringToJson"));
  const std::string j2s = "States.JsonToString($.v)";
  auto T = [&](const std::string& v) { return f.Eval(j2s, R"({"v":)" + v + "}"); };
  CHECK(T("null") == R"("null")");
  CHECK(T("0") == R"("0")");
  CHECK(T("1.1") == R"("1.1")");
  CHECK(T("true") == R"("true")");
  CHECK(T(R"("HelloWorld")") == R"("\"HelloWorld\"")");
  CHECK(T(R"([1, 2, "HelloWorld"])") == R"("[1,2,\"HelloWorld\"]")");
  CHECK(T(R"({"Arg1": 1, "Arg2": []})") == R"("{\"Arg1\":1,\"Arg2\":[]}")");
}

TEST_CASE("States.Array and array functions") {
  Fixture f;
  CHECK(f.Eval("States.Array()") == "[]");
  CHECK(f.Eval("States.Array($.a, $.b)", R"({"a":{"Arg1":1},"b":null})") == R"([{"Arg1":1},null])");
  const std::string part = "States.ArrayPartition($.a, $.n)";
  CHECK(f.Eval(part, R"({"a":[],"n":1})") == "[]");
  CHECK(f.Eval(part, R"({"a":[0,1,2,3],"n":3})") == "[[0,1,2],[3]]");
  CHECK(f.Eval(part, R"({"a":[0,1,2,3],"n":5})") == "[[0,1,2,3]]");
  CHECK(f.Eval(part, R"({"a":[0,1],"n":1})") == "[[0],[1]]");
  // AWS drops the fraction of the chunk size (2.6 acts as 2, 0.6 as 0).
  CHECK(f.Eval(part, R"({"a":[1,2,3,4,5],"n":2.6})") == "[[1,2],[3,4],[5]]");
  CHECK(f.Eval(part, R"({"a":[1,2,3,4,5],"n":2.4})") == "[[1,2],[3,4],[5]]");
  CHECK(f.Eval(part, R"({"a":[1,2,3],"n":0.6})") == Invalid(part, "States.ArrayPartition"));
  CHECK(f.Eval(part, R"({"a":[1,2,3],"n":-0.4})") == Invalid(part, "States.ArrayPartition"));
  CHECK(f.Eval(part, R"({"a":[0,1],"n":0})") ==
        Invalid("States.ArrayPartition($.a, $.n)", "States.ArrayPartition"));
  const std::string has = "States.ArrayContains($.a, $.v)";
  CHECK(f.Eval(has, R"({"a":[],"v":null})") == "false");
  CHECK(f.Eval(has, R"({"a":[[1,2,3],2],"v":[1,2,3]})") == "true");
  CHECK(f.Eval(has, R"({"a":[{"1":2,"2":[]}],"v":{"1":2,"2":[]}})") == "true");
  CHECK(f.Eval(has, R"({"a":[{"1":2,"2":[]}],"v":[]})") == "false");
  CHECK(f.Eval(has, R"({"a":[true,false],"v":false})") == "true");
  const std::string range = "States.ArrayRange($.a, $.b, $.c)";
  CHECK(f.Eval(range, R"({"a":0,"b":9,"c":3})") == "[0,3,6,9]");
  CHECK(f.Eval(range, R"({"a":0,"b":10,"c":3})") == "[0,3,6,9]");
  CHECK(f.Eval(range, R"({"a":1,"b":9,"c":9})") == "[1]");
  CHECK(f.Eval(range, R"({"a":1,"b":9,"c":2})") == "[1,3,5,7,9]");
  CHECK(f.Eval(range, R"({"a":5,"b":1,"c":-2})") == "[5,3,1]");
  CHECK(f.Eval("States.ArrayRange(1, 1000, 1)").size() > 1000);
  CHECK(f.Eval("States.ArrayRange(0, 1000, 1)") ==
        Invalid("States.ArrayRange(0, 1000, 1)", "States.ArrayRange"));
  // AWS drops the fraction of each argument (an emulator's conformance
  // suite run against AWS records these outputs).
  CHECK(f.Eval("States.ArrayRange(1.4, 5.6, 2.2)") == "[1,3,5]");
  CHECK(f.Eval("States.ArrayRange(1.6, 1.4, 1)") == "[1]");
  CHECK(f.Eval("States.ArrayRange(5.4, -0.6, -2.4)") == "[5,3,1]");
  CHECK(f.Eval("States.ArrayRange(1, 10, 0.49)") ==
        Invalid("States.ArrayRange(1, 10, 0.49)", "States.ArrayRange"));
  CHECK(f.Eval("States.ArrayRange(0, 10, 0)") ==
        Invalid("States.ArrayRange(0, 10, 0)", "States.ArrayRange"));
  CHECK(f.Eval("States.ArrayGetItem($.a, $.i)", R"({"a":[1,2,3,4,5,6,7,8,9],"i":5})") == "6");
  CHECK(f.Eval("States.ArrayGetItem($.a, 3)", R"({"a":[1,2,3]})") ==
        Invalid("States.ArrayGetItem($.a, 3)", "States.ArrayGetItem"));
  CHECK(f.Eval("States.ArrayGetItem($.a, 1.5)", R"({"a":[1,2,3]})") ==
        Invalid("States.ArrayGetItem($.a, 1.5)", "States.ArrayGetItem"));
  CHECK(f.Eval("States.ArrayLength($.a)", R"({"a":[1,2,3,4,5,6,7,8,9]})") == "9");
  CHECK(f.Eval("States.ArrayLength($.a)", R"({"a":"x"})") ==
        Invalid("States.ArrayLength($.a)", "States.ArrayLength"));
  CHECK(
      f.Eval("States.ArrayUnique($.a)",
             R"({"a":[null,null,true,true,1,1,1.0,"x","x",[],[],{"a":1,"b":2},{"b":2,"a":1}]})") ==
      R"([null,true,1,1.0,"x",[],{"a":1,"b":2}])");
}

TEST_CASE("States.JsonMerge returns members in java.util.HashMap order") {
  Fixture f;
  CHECK(
      f.Eval("States.JsonMerge($.a, $.b, false)",
             R"({"a":{"a":{"a1":1,"a2":2},"b":2,"d":3},"b":{"a":{"a3":1,"a4":2},"c":3,"d":4}})") ==
      R"({"a":{"a3":1,"a4":2},"b":2,"c":3,"d":4})");
  CHECK(f.Eval(R"(States.JsonMerge(States.StringToJson('{"constant_in_literal": "false"}'),)"
               R"( $$.Execution.Input, false))") ==
        R"({"csv":"a,b","constant_in_literal":"false"})");
  CHECK(f.Eval("States.JsonMerge($.a, $.a, true)", R"({"a":{}})") ==
        Invalid("States.JsonMerge($.a, $.a, true)", "States.JsonMerge"));
  CHECK(f.Eval("States.JsonMerge($.a, 1, false)", R"({"a":{}})") ==
        Invalid("States.JsonMerge($.a, 1, false)", "States.JsonMerge"));
}

TEST_CASE("States.Base64Encode and States.Base64Decode") {
  Fixture f;
  CHECK(f.Eval("States.Base64Encode($.v)", R"({"v":""})") == R"("")");
  CHECK(f.Eval("States.Base64Encode($.v)", R"({"v":"Data to encode"})") ==
        R"("RGF0YSB0byBlbmNvZGU=")");
  CHECK(f.Eval("States.Base64Encode('>>>?')") == R"("Pj4+Pw==")");
  CHECK(f.Eval("States.Base64Decode($.v)", R"({"v":"RGF0YSB0byBlbmNvZGU="})") ==
        R"("Data to encode")");
  CHECK(f.Eval("States.Base64Decode('Pj4+Pw')") == R"(">>>?")");
  CHECK(f.Eval("States.Base64Decode($.v)", R"({"v":""})") == R"("")");
  CHECK(f.Eval("States.Base64Decode('not base64!')") ==
        Invalid("States.Base64Decode('not base64!')", "States.Base64Decode"));
  std::string big(10001, 'a');
  CHECK(f.Eval("States.Base64Encode($.v)", R"({"v":")" + big + "\"}") ==
        Invalid("States.Base64Encode($.v)", "States.Base64Encode"));
  CHECK(f.Eval("States.Base64Encode($.v)", R"({"v":")" + big.substr(1) + "\"}").size() == 13338);
}

TEST_CASE("States.Hash") {
  Fixture f;
  auto H = [&](const std::string& algorithm) {
    return f.Eval("States.Hash($.d, $.a)", R"({"d":"input data","a":")" + algorithm + "\"}");
  };
  CHECK(H("MD5") == R"("812f45842bc6d66ee14572ce20db8e86")");
  CHECK(H("SHA-1") == R"("aaff4a450a104cd177d28d18d74485e8cae074b7")");
  CHECK(H("SHA-256") == R"("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")");
  CHECK(
      H("SHA-384") ==
      R"("d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562")");
  CHECK(
      H("SHA-512") ==
      R"("6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4")");
  CHECK(H("SHA256") == Invalid("States.Hash($.d, $.a)", "States.Hash"));
}

TEST_CASE("States.MathAdd rounds each operand like Java's Math.round") {
  Fixture f;
  auto A = [&](const std::string& a, const std::string& b) {
    return f.Eval("States.MathAdd($.a, $.b)", R"({"a":)" + a + R"(,"b":)" + b + "}");
  };
  CHECK(A("-9", "3") == "-6");
  CHECK(A("1.49", "1.5") == "3");
  CHECK(A("1.5", "1.51") == "4");
  CHECK(A("-1.49", "-1.5") == "-2");
  CHECK(A("-1.5", "-1.51") == "-3");
  CHECK(A("1.49", "-1.49") == "0");
  CHECK(A("0.5", "0") == "1");
  CHECK(A("2.5", "0") == "3");
  CHECK(A("-0.5", "0") == "0");
  CHECK(A("-0.5", "0.5") == "1");
  CHECK(A("-2.5", "0") == "-2");
  CHECK(A("-3.5", "0") == "-3");
  CHECK(A("\"1\"", "0") == Invalid("States.MathAdd($.a, $.b)", "States.MathAdd"));
  // AWS adds in 32 bits (recorded: MathAdd(2147483647, 1) is refused).
  CHECK(f.Eval("States.MathAdd(2147483646, 1)") == "2147483647");
  CHECK(f.Eval("States.MathAdd(2147483647, 1)") ==
        Invalid("States.MathAdd(2147483647, 1)", "States.MathAdd"));
  CHECK(f.Eval("States.MathAdd(-2147483648, -1)") ==
        Invalid("States.MathAdd(-2147483648, -1)", "States.MathAdd"));
  CHECK(f.Eval("States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, "
               "'-')), -1)") == "2");
}

TEST_CASE("States.MathRandom") {
  Fixture f;
  f.env.random = 0.5;
  CHECK(f.Eval("States.MathRandom(10, 20)") == "15");
  f.env.random = 0.999999;
  // AWS drops the fractions of the bounds (an emulator's conformance suite
  // run against AWS: MathRandom(1.6, 5.4) gave 1, MathRandom(1.4, 1.6) was
  // refused), so the end 44.51 is 44, excluded.
  CHECK(f.Eval("States.MathRandom(12.5, 44.51)") == "43");
  f.env.random = 0.0;
  CHECK(f.Eval("States.MathRandom(1.6, 5.4)") == "1");
  CHECK(f.Eval("States.MathRandom(1.4, 1.6)") ==
        Invalid("States.MathRandom(1.4, 1.6)", "States.MathRandom"));
  // Found by fuzz/intrinsics_fuzz: bounds beyond 64 bits are refused, not
  // converted (undefined behaviour).
  CHECK(f.Eval("States.MathRandom(9444444444444444444444999, 99999)") ==
        Invalid("States.MathRandom(9444444444444444444444999, 99999)", "States.MathRandom"));
  CHECK(f.Eval("States.MathRandom(1, 5, 1e300)") ==
        Invalid("States.MathRandom(1, 5, 1e300)", "States.MathRandom"));
  // Seeded: java.util.Random, so the same seed always gives the same value.
  std::string seeded = f.Eval("States.MathRandom(0, 999, 3)");
  CHECK(seeded == f.Eval("States.MathRandom(0, 999, 3)"));
  sfn::asl::intrinsics_internal::JavaRandom r(3);
  CHECK(seeded == std::to_string(r.NextInt(999)));
  CHECK(f.Eval("States.MathRandom(5, 5)") ==
        Invalid("States.MathRandom(5, 5)", "States.MathRandom"));
}

TEST_CASE("JavaRandom matches java.util.Random") {
  using sfn::asl::intrinsics_internal::JavaRandom;
  // AWS's JSONata $random(42) is java.util.Random(42).nextDouble().
  CHECK(JavaRandom(42).NextDouble() == 0.7275636800328681);
  // nextInt(16) takes the top 4 bits of the same first draw: 0.7276 * 16.
  CHECK(JavaRandom(42).NextInt(16) == 11);
  CHECK(JavaRandom(42).NextInt(100) == 30);  // regression value
}

TEST_CASE("States.StringSplit splits on every delimiter character") {
  Fixture f;
  auto S = [&](const std::string& s, const std::string& d) {
    return f.Eval("States.StringSplit($.s, $.d)", R"({"s":)" + s + R"(,"d":)" + d + "}");
  };
  CHECK(S(R"(" ")", R"(",")") == R"([" "])");
  CHECK(S(R"(" , ")", R"(",")") == R"([" "," "])");
  CHECK(S(R"(", , ,")", R"(",")") == R"([" "," "])");
  CHECK(S(R"(",,,,")", R"(",")") == "[]");
  CHECK(S(R"("1,2,3,4,5")", R"(",")") == R"(["1","2","3","4","5"])");
  CHECK(S(R"("This.is+a,test=string")", R"(".+,=")") == R"(["This","is","a","test","string"])");
  CHECK(S(R"("split on T and \nnew line")", R"("T\n")") == R"(["split on "," and ","new line"])");
  CHECK(S(R"("a\u00e9b\u00e9c")", R"("\u00e9")") == R"(["a","b","c"])");
  CHECK(f.Eval("States.StringSplit('Hello\nWorld', '\n')") == R"(["Hello","World"])");
  CHECK(f.Eval("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)") ==
        R"("my")");
}

TEST_CASE("States.UUID") {
  Fixture f;
  CHECK(f.Eval("States.UUID()") == R"("0b5d8c1e-3f7a-4c2d-9e1b-6a4f2c8d7e90")");
  auto call = IntrinsicCall::Compile("States.UUID()").value();
  EvalContext no_env;
  CHECK(call.Evaluate(no_env).error().error == "States.Runtime");
  // AWS ignores arguments given to States.UUID.
  CHECK(f.Eval("States.UUID(1, 'x')") == R"("0b5d8c1e-3f7a-4c2d-9e1b-6a4f2c8d7e90")");
}

TEST_CASE("wrong argument counts fail at run time") {
  Fixture f;
  CHECK(f.Eval("States.ArrayLength()") == Invalid("States.ArrayLength()", "States.ArrayLength"));
  CHECK(f.Eval("States.MathAdd(1, 2, 3)") == Invalid("States.MathAdd(1, 2, 3)", "States.MathAdd"));
  CHECK(f.Eval("States.MathRandom(1)") == Invalid("States.MathRandom(1)", "States.MathRandom"));
  // The cause names the whole call, also when a nested call is refused.
  CHECK(f.Eval("States.Array(States.StringToJson())") ==
        Invalid("States.Array(States.StringToJson())", "States.StringToJson"));
}

TEST_CASE("Intrinsics that print and compare values take the deepest accepted input") {
  const std::string text = sfn::testing::NestedObjectText(sfn::testing::kDeepestInput);
  const Json doc = ParseOrDie(text);
  sfn::testing::RunOnSmallStack([&] {
    FakeEnvironment env = UuidEnvironment();
    EvalContext ctx;
    ctx.input = &doc;
    ctx.env = &env;
    auto eval = [&ctx](const std::string& call) {
      auto compiled = IntrinsicCall::Compile(call);
      REQUIRE(compiled.ok());
      auto r = compiled.value().Evaluate(ctx);
      REQUIRE(r.ok());
      return r.value();
    };
    CHECK(eval("States.JsonToString($)").AsString() == text);
    CHECK(eval("States.ArrayContains(States.Array($), $)").AsBool());
    CHECK(eval("States.Format('{}', $)").AsString().rfind("{a={a=", 0) == 0);
    CHECK(eval("States.ArrayLength(States.ArrayUnique(States.Array($, $)))").AsInt() == 1);
  });
}
