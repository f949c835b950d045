// tests/asl/interpreter/choice_test.cc
#include "asl/interpreter/choice.h"

#include <doctest/doctest.h>

#include "asl/definition/definition.h"
#include "asl/definition/parser.h"
#include "tests/support/json_helpers.h"

namespace sfn::asl {
namespace {

using testing::ParseOrDie;

// Evaluates the first rule of a one-Choice definition against `input`.
Result<bool> Eval(const std::string& rule, const std::string& input) {
  ParseResult parsed =
      ParseDefinition(R"({"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[)" + rule +
                      R"(],"Default":"D"},"D":{"Type":"Succeed"},"N":{"Type":"Succeed"}}})");
  REQUIRE_MESSAGE(parsed.machine != nullptr, parsed.invalid_definition_message);
  const auto* choice = static_cast<const ChoiceState*>(parsed.machine->program.Find("C"));
  Json in = ParseOrDie(input);
  EvalContext ctx;
  ctx.input = &in;
  return EvaluateChoiceRule(choice->choices.front(), ctx);
}

bool Matches(const std::string& rule, const std::string& input) {
  Result<bool> r = Eval(rule, input);
  REQUIRE(r.ok());
  return r.value();
}

TEST_CASE("EvaluateChoiceRule: comparison operators") {
  CHECK(Matches(R"({"Variable":"$.v","StringEquals":"a","Next":"N"})", R"({"v":"a"})"));
  CHECK_FALSE(Matches(R"({"Variable":"$.v","StringEquals":"a","Next":"N"})", R"({"v":1})"));
  CHECK(Matches(R"({"Variable":"$.v","StringLessThan":"b","Next":"N"})", R"({"v":"a"})"));
  CHECK(Matches(R"({"Variable":"$.v","StringGreaterThanEquals":"A","Next":"N"})", R"({"v":"AB"})"));
  CHECK(Matches(R"({"Variable":"$.v","NumericEquals":1,"Next":"N"})", R"({"v":1.0})"));
  CHECK_FALSE(Matches(R"({"Variable":"$.v","NumericEquals":1,"Next":"N"})", R"({"v":"1"})"));
  CHECK(Matches(R"({"Variable":"$.v","NumericLessThanEquals":2.5,"Next":"N"})", R"({"v":2})"));
  CHECK(Matches(R"({"Variable":"$.v","BooleanEquals":false,"Next":"N"})", R"({"v":false})"));
  CHECK_FALSE(Matches(R"({"Variable":"$.v","BooleanEquals":false,"Next":"N"})", R"({"v":0})"));
  CHECK(Matches(R"({"Variable":"$.v","NumericGreaterThanPath":"$.w","Next":"N"})",
                R"({"v":3,"w":2})"));
  CHECK(Matches(R"({"Variable":"$.v","TimestampLessThan":"2016-03-14T01:59:00Z","Next":"N"})",
                R"({"v":"2016-03-14T01:58:59.999Z"})"));
  CHECK(Matches(R"({"Variable":"$.v","TimestampEquals":"2016-03-14T01:59:00Z","Next":"N"})",
                R"({"v":"2016-03-14T02:59:00+01:00"})"));
  CHECK_FALSE(Matches(R"({"Variable":"$.v","TimestampEquals":"2016-03-14T01:59:00Z","Next":"N"})",
                      R"({"v":"2016-03-14 01:59:00Z"})"));
}

TEST_CASE("EvaluateChoiceRule: Is* tests, And/Or/Not") {
  CHECK(Matches(R"({"Variable":"$.v","IsNull":true,"Next":"N"})", R"({"v":null})"));
  CHECK(Matches(R"({"Variable":"$.x","IsPresent":false,"Next":"N"})", R"({"v":null})"));
  CHECK(Matches(R"({"Variable":"$.v","IsNumeric":true,"Next":"N"})", R"({"v":1.5})"));
  CHECK(Matches(R"({"Variable":"$.v","IsString":false,"Next":"N"})", R"({"v":[]})"));
  CHECK(Matches(R"({"Variable":"$.v","IsBoolean":true,"Next":"N"})", R"({"v":true})"));
  CHECK(Matches(R"({"Variable":"$.v","IsTimestamp":true,"Next":"N"})",
                R"({"v":"2012-10-09T19:00:55Z"})"));
  CHECK(Matches(R"({"Not":{"Variable":"$.v","StringEquals":"a"},"Next":"N"})", R"({"v":"b"})"));
  CHECK(Matches(R"({"Or":[{"Variable":"$.v","NumericEquals":1},
                          {"Variable":"$.v","NumericEquals":2}],"Next":"N"})",
                R"({"v":2})"));
  CHECK_FALSE(Matches(R"({"And":[{"Variable":"$.v","NumericEquals":1},
                                 {"Variable":"$.v","NumericEquals":2}],"Next":"N"})",
                      R"({"v":2})"));
}

TEST_CASE("EvaluateChoiceRule: a missing variable is a States.Runtime error") {
  Result<bool> r = Eval(R"({"Variable":"$.x","StringEquals":"a","Next":"N"})", "{}");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().error == "States.Runtime");
  CHECK(r.error().cause ==
        "Invalid path '$.x': The choice state's condition path references an invalid value.");
}

TEST_CASE("EvaluateChoiceRule: a ...Path operand that matches nothing is a States.Runtime error") {
  const std::string kCause =
      "Invalid path '$.w': The choice state's condition path references an invalid value.";
  for (const char* rule : {R"({"Variable":"$.v","StringEqualsPath":"$.w","Next":"N"})",
                           R"({"Variable":"$.v","NumericLessThanPath":"$.w","Next":"N"})",
                           R"({"Variable":"$.v","BooleanEqualsPath":"$.w","Next":"N"})",
                           R"({"Variable":"$.v","TimestampEqualsPath":"$.w","Next":"N"})",
                           R"({"Not":{"Variable":"$.v","StringEqualsPath":"$.w"},"Next":"N"})"}) {
    CAPTURE(rule);
    Result<bool> r = Eval(rule, R"({"v":"a"})");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().error == "States.Runtime");
    CHECK(r.error().cause == kCause);
  }
  SUBCASE("the Variable is read first") {
    Result<bool> r = Eval(R"({"Variable":"$.x","StringEqualsPath":"$.w","Next":"N"})", "{}");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().cause ==
          "Invalid path '$.x': The choice state's condition path references an invalid value.");
  }
  SUBCASE("a null operand is a value, not a missing one") {
    CHECK_FALSE(Matches(R"({"Variable":"$.v","StringEqualsPath":"$.w","Next":"N"})",
                        R"({"v":"a","w":null})"));
  }
}

TEST_CASE("EvaluateChoiceRule: only IsPresent may test a missing variable") {
  CHECK(Matches(R"({"Variable":"$.x","IsPresent":false,"Next":"N"})", "{}"));
  CHECK_FALSE(Matches(R"({"Variable":"$.x","IsPresent":true,"Next":"N"})", "{}"));
  for (const char* op : {"IsNull", "IsString", "IsNumeric", "IsBoolean", "IsTimestamp"}) {
    CAPTURE(op);
    for (const char* expected : {"true", "false"}) {
      Result<bool> r = Eval(std::string(R"({"Variable":"$.x",")") + op + "\":" + expected +
                                R"(,"Next":"N"})",
                            "{}");
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().error == "States.Runtime");
      CHECK(r.error().cause ==
            "Invalid path '$.x': The choice state's condition path references an invalid value.");
    }
  }
}

TEST_CASE("StringMatchesPattern") {
  CHECK(StringMatchesPattern("log-2024.txt", "log-*.txt"));
  CHECK(StringMatchesPattern("anything", "*"));
  CHECK(StringMatchesPattern("", "*"));
  CHECK_FALSE(StringMatchesPattern("log.txt", "log-*.txt"));
  CHECK(StringMatchesPattern("a*b", "a\\*b"));
  CHECK_FALSE(StringMatchesPattern("axb", "a\\*b"));
  CHECK(StringMatchesPattern("a\\b", "a\\\\b"));
  CHECK(StringMatchesPattern("abcbc", "a*bc"));
  CHECK_FALSE(StringMatchesPattern("abcbd", "a*bc"));
}

TEST_CASE("ParseTimestamp") {
  auto t = ParseTimestamp("2016-03-14T01:59:00Z");
  REQUIRE(t);
  CHECK(t->seconds == 1457920740);
  CHECK(t->nanos == 0);
  auto n = ParseTimestamp("2016-03-05T21:29:29.243167252Z");
  REQUIRE(n);
  CHECK(n->nanos == 243167252);
  CHECK(ParseTimestamp("2016-03-14T01:59:00-02:30")->seconds == 1457920740 + 9000);
  CHECK_FALSE(ParseTimestamp("2016-13-05T21:29:29Z"));
  CHECK_FALSE(ParseTimestamp("2016-02-30T21:29:29Z"));
  CHECK_FALSE(ParseTimestamp("2016-12-05T25:29:29Z"));
  CHECK_FALSE(ParseTimestamp("2016-12-05 21:29:29Z"));
  CHECK_FALSE(ParseTimestamp("2016-12-05T21:29:29"));
  CHECK_FALSE(ParseTimestamp("2016-12-05t21:29:29z"));
  CHECK(ParseTimestamp("2024-02-29T00:00:00Z"));
}

}  // namespace
}  // namespace sfn::asl
