// tests/console/graph_model_test.cc
#include "console/graph_model.h"

#include <doctest/doctest.h>

#include <string>

namespace sfn::console {
namespace {

Json Parse(const std::string& text) { return ParseJson(text).value; }

const char* kDefinition = R"({"StartAt":"Fan","States":{
  "Fan":{"Type":"Parallel","Next":"Pick","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Oops"}],
         "Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
                     {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"x","End":true}}}]},
  "Pick":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":10,"Next":"Loop"}],
          "Default":"Done"},
  "Loop":{"Type":"Map","ItemProcessor":{"StartAt":"Item","States":{"Item":{"Type":"Pass","End":true}}},
          "End":true},
  "Oops":{"Type":"Fail"},
  "Done":{"Type":"Succeed"}}})";

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("DefinitionToDot: states, clusters, Choice, Default and Catch edges") {
  std::string dot = DefinitionToDot(Parse(kDefinition), {}, false);
  CHECK(Has(dot, "id=\"state:Fan\""));
  CHECK(Has(dot, "id=\"state:Item\""));
  CHECK(Has(dot, "subgraph cluster_n1 {"));  // the Parallel's branches
  CHECK(Has(dot, "label=\"Branch 2\""));
  CHECK(Has(dot, "label=\"Loop (items)\""));  // the Map's processor
  CHECK(Has(dot, "label=\"$.n > 10\""));      // the Choice rule
  CHECK(Has(dot, "label=\"Default\" style=bold"));
  CHECK(Has(dot, "label=\"catch \\\"States.ALL\\\"\" style=dashed"));
  CHECK(Has(dot, "start [shape=circle"));
  CHECK(Has(dot, "end [shape=doublecircle"));
  CHECK_FALSE(Has(dot, "st-"));  // no outcomes asked for
}

TEST_CASE("DefinitionToDot: outcomes become classes and fills; unknown states are not reached") {
  std::map<std::string, StateMark> marks{{"A", {"succeeded", false}}, {"B", {"failed", true}}};
  std::string dot = DefinitionToDot(Parse(kDefinition), marks, true);
  CHECK(Has(dot, "class=\"state type-Pass st-succeeded\""));
  CHECK(Has(dot, "class=\"state type-Task st-failed st-retried\""));
  CHECK(Has(dot, "class=\"state type-Succeed st-not-reached\""));
}

TEST_CASE("DefinitionToDot: quotes and backslashes in names are escaped") {
  std::string dot = DefinitionToDot(
      Parse(R"({"StartAt":"a\"b\\c","States":{"a\"b\\c":{"Type":"Succeed"}}})"), {}, false);
  CHECK(Has(dot, "id=\"state:a\\\"b\\\\c\""));
}

TEST_CASE("ChoiceRuleText: comparisons, paths, tests, combinators, JSONata, length") {
  CHECK(ChoiceRuleText(Parse(R"({"Variable":"$.s","StringEquals":"go"})")) == "$.s == \"go\"");
  CHECK(ChoiceRuleText(Parse(R"({"Variable":"$.a","NumericLessThanEqualsPath":"$.b"})")) ==
        "$.a <= $.b");
  CHECK(ChoiceRuleText(Parse(R"({"Variable":"$.x","IsPresent":false})")) == "$.x is not Present");
  CHECK(ChoiceRuleText(Parse(R"({"Not":{"Variable":"$.ok","BooleanEquals":true}})")) ==
        "not ($.ok == true)");
  CHECK(ChoiceRuleText(Parse(R"({"Or":[{"Variable":"$.a","IsNull":true},)"
                             R"({"Variable":"$.b","StringMatches":"x*"}]})")) ==
        "($.a is Null) or ($.b matches \"x*\")");
  CHECK(ChoiceRuleText(Parse(R"({"Condition":"{% $n > 1 %}"})")) == "{% $n > 1 %}");
  std::string cut = ChoiceRuleText(
      Parse(R"({"Variable":"$.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","IsNull":true})"), 20);
  CHECK(cut.size() == 19 + 3);  // 19 characters and a 3-byte ellipsis
}

}  // namespace
}  // namespace sfn::console
