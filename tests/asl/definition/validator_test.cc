// tests/asl/validator_test.cc: transition targets and reachability.
#include "asl/definition/validator.h"

#include <doctest/doctest.h>

#include <string>

#include "asl/definition/parser.h"

using namespace sfn::asl;

namespace {

std::string ErrorOf(const std::string& text) {
  ParseResult r = ParseDefinition(text);
  CHECK_FALSE(r.machine);
  return r.invalid_definition_message;
}

std::string Missing(const std::string& parts) {
  return "Invalid State Machine Definition: '" + parts + "'";
}

}  // namespace

TEST_CASE("missing Next targets and unreachable states, as AWS words them") {
  CHECK(ErrorOf(R"({"StartAt":"pass1","States":{
          "pass1":{"Type":"Pass","Next":"pass3"},
          "pass2":{"Type":"Pass","End":true}}})") ==
        Missing("MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next, "
                "MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable. at "
                "/States/pass2"));
}

TEST_CASE("every kind of transition is checked") {
  CHECK(ErrorOf(R"({"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
          {"Variable":"$.x","IsNull":true,"Next":"Nowhere"}],"Default":"Gone"}}})") ==
        Missing("MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at "
                "/States/C/Choices[0]/Next, MISSING_TRANSITION_TARGET: Missing 'Default' "
                "target: Gone at /States/C/Default, MISSING_END_STATE: Workflow has no "
                "terminal state at null"));
  CHECK(ErrorOf(R"({"StartAt":"T","States":{"T":{"Type":"Task",
          "Resource":"arn:aws:states:::lambda:invoke","End":true,
          "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handler"}]}}})") ==
        Missing("MISSING_TRANSITION_TARGET: Missing 'Next' target: Handler at "
                "/States/T/Catch[0]/Next"));
  CHECK(ErrorOf(R"({"StartAt":"Begin","States":{"A":{"Type":"Succeed"}}})") ==
        Missing("MISSING_TRANSITION_TARGET: Missing 'StartAt' target: Begin at /StartAt"));
}

TEST_CASE("reachability follows Next, Choices, Default and Catch") {
  ParseResult ok = ParseDefinition(R"({"StartAt":"C","States":{
    "C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsNull":true,"Next":"T"}],"Default":"D"},
    "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"D",
         "Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}]},
    "H":{"Type":"Fail"},
    "D":{"Type":"Succeed"}}})");
  CHECK(ok.machine);
  CHECK(ok.invalid_definition_message == "");
  // A cycle that the start never reaches is unreachable too.
  CHECK(ErrorOf(R"({"StartAt":"S","States":{"S":{"Type":"Succeed"},
          "X":{"Type":"Pass","Next":"Y"},"Y":{"Type":"Pass","Next":"X"}}})") ==
        Missing("MISSING_TRANSITION_TARGET: State \"X\" is not reachable. at /States/X, "
                "MISSING_TRANSITION_TARGET: State \"Y\" is not reachable. at /States/Y"));
}

TEST_CASE("programs are checked on their own: branches cannot reach outer states") {
  CHECK(ErrorOf(R"({"StartAt":"P","States":{
          "P":{"Type":"Parallel","Next":"After","Branches":[
            {"StartAt":"B","States":{"B":{"Type":"Pass","Next":"After"}}}]},
          "After":{"Type":"Succeed"}}})") ==
        Missing("MISSING_TRANSITION_TARGET: Missing 'Next' target: After at "
                "/States/P/Branches[0]/States/B/Next"));
  CHECK(ErrorOf(R"({"StartAt":"M","States":{"M":{"Type":"Map","End":true,
          "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true},
                                                   "J":{"Type":"Pass","End":true}}}}}})") ==
        Missing("MISSING_TRANSITION_TARGET: State \"J\" is not reachable. at "
                "/States/M/ItemProcessor/States/J"));
}

TEST_CASE("schema problems suppress the graph checks of their program") {
  // B would look unreachable only because A's Next could not be read.
  CHECK(ErrorOf(R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":7},
          "B":{"Type":"Pass","End":true}}})") ==
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Expected value of type: "
        "String at /States/A/Next'");
}

TEST_CASE("state names are unique across the whole machine") {
  CHECK(ErrorOf(R"({"StartAt":"P","States":{
          "P":{"Type":"Parallel","Next":"X","Branches":[
            {"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}]},
          "X":{"Type":"Succeed"}}})") ==
        Missing("DUPLICATE_STATE_NAME: Duplicate State name: X at /States/X"));
}

TEST_CASE("a program with no terminal state at all, as AWS reports it") {
  // A loop: MISSING_END_STATE alone, with no location, and no unreachable state.
  CHECK(ErrorOf(R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},
          "B":{"Type":"Pass","Next":"A"},"Lost":{"Type":"Pass","Next":"A"}}})") ==
        Missing("MISSING_END_STATE: Workflow has no terminal state at null"));
  // After the missing targets.
  CHECK(ErrorOf(R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"NOPE"}}})") ==
        Missing("MISSING_TRANSITION_TARGET: Missing 'Next' target: NOPE at /States/A/Next, "
                "MISSING_END_STATE: Workflow has no terminal state at null"));
  // A terminal state that cannot be reached is still a terminal state.
  CHECK(ErrorOf(R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A"},
          "C":{"Type":"Succeed"}}})") ==
        Missing("MISSING_TRANSITION_TARGET: State \"C\" is not reachable. at /States/C"));
  ParseResult r = ParseDefinition(R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},
      "B":{"Type":"Pass","Next":"A"}}})");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].location.empty());
}
