// tests/asl/definition/parser_test.cc
#include "asl/definition/parser.h"

#include <doctest/doctest.h>

#include <string>

#include "asl/definition/definition.h"

using sfn::Json;
using namespace sfn::asl;

namespace {

std::shared_ptr<const StateMachine> ParseOrDie(const std::string& text,
                                               const std::string& type = "STANDARD") {
  ParseOptions options;
  options.type = type;
  ParseResult r = ParseDefinition(text, options);
  INFO(r.invalid_definition_message);
  REQUIRE(r.machine);
  CHECK(r.diagnostics.empty());
  CHECK(r.invalid_definition_message.empty());
  return r.machine;
}

std::string ErrorOf(const std::string& text, const std::string& type = "STANDARD") {
  ParseOptions options;
  options.type = type;
  ParseResult r = ParseDefinition(text, options);
  CHECK_FALSE(r.machine);
  return r.invalid_definition_message;
}

// "SCHEMA_VALIDATION_FAILED: <msg> at <where>" wrapped as AWS wraps it.
std::string Schema(const std::string& message, const std::string& where) {
  return "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: " + message + " at " +
         where + "'";
}

// A one-state machine around `state` (a JSON object text) named A.
std::string OneState(const std::string& state, const std::string& extra = "") {
  return R"({"StartAt":"A",)" + extra + R"("States":{"A":)" + state + "}}";
}

template <typename T>
const T& StateAs(const StateMachine& m, const std::string& name) {
  const State* s = m.program.Find(name);
  REQUIRE(s);
  return static_cast<const T&>(*s);
}

}  // namespace

TEST_CASE("ParseDefinition builds the program of a JSONPath machine") {
  auto m = ParseOrDie(R"({
    "Comment": "demo", "StartAt": "P", "TimeoutSeconds": 60, "Version": "1.0",
    "States": {
      "P": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.r", "Next": "W"},
      "W": {"Type": "Wait", "Seconds": 5, "Next": "F"},
      "F": {"Type": "Succeed"}
    }})");
  CHECK(m->comment == "demo");
  CHECK(m->version == "1.0");
  CHECK(m->timeout_seconds == 60);
  CHECK(m->query_language == QueryLanguage::kJsonPath);
  CHECK(m->program.start_at == "P");
  REQUIRE(m->program.states.size() == 3);
  CHECK(m->program.states[0]->name == "P");
  CHECK(m->program.states[2]->name == "F");
  const auto& p = StateAs<PassState>(*m, "P");
  CHECK(p.type == StateType::kPass);
  CHECK(p.next == "W");
  CHECK_FALSE(p.end);
  CHECK(sfn::Dump(*p.result) == R"({"x":1})");
  CHECK(p.result_path.present);
  CHECK(p.result_path.path.text() == "$.r");
  const auto& w = StateAs<WaitState>(*m, "W");
  CHECK(w.kind == WaitState::Kind::kSeconds);
  CHECK(w.value.kind == DynamicValue::Kind::kConstant);
  CHECK(w.value.constant.AsInt() == 5);
  CHECK(m->program.Find("F")->type == StateType::kSucceed);
  CHECK(m->definition.find("\"demo\"") != std::string::npos);
  CHECK(m->variable_references.is_null());
}

TEST_CASE("Task fields, Retry and Catch") {
  auto m = ParseOrDie(R"({"StartAt":"T","States":{
    "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
         "Parameters":{"FunctionName":"f","Payload.$":"$"},
         "ResultSelector":{"p.$":"$.Payload"}, "ResultPath":null,
         "TimeoutSecondsPath":"$.t", "HeartbeatSeconds":10,
         "Retry":[{"ErrorEquals":["Custom"],"IntervalSeconds":2,"MaxAttempts":0,
                   "BackoffRate":1.5,"MaxDelaySeconds":9,"JitterStrategy":"FULL"},
                  {"ErrorEquals":["States.ALL"]}],
         "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done","ResultPath":"$.err"}],
         "End":true},
    "Done":{"Type":"Fail","Error":"E","CausePath":"$.c"}}})");
  const auto& t = StateAs<TaskState>(*m, "T");
  CHECK(t.resource == "arn:aws:states:::lambda:invoke");
  CHECK(t.pattern == TaskPattern::kRequestResponse);
  CHECK(t.end);
  CHECK(t.parameters.has_value());
  CHECK(t.result_selector.has_value());
  CHECK(t.result_path.present);
  CHECK(t.result_path.is_null);
  CHECK(t.timeout_seconds.kind == DynamicValue::Kind::kPath);
  CHECK(t.timeout_seconds.path.text() == "$.t");
  CHECK(t.heartbeat_seconds.kind == DynamicValue::Kind::kConstant);
  REQUIRE(t.retry.size() == 2);
  CHECK(t.retry[0].error_equals == std::vector<std::string>{"Custom"});
  CHECK(t.retry[0].interval_seconds == 2);
  CHECK(t.retry[0].max_attempts == 0);
  CHECK(t.retry[0].backoff_rate == 1.5);
  CHECK(t.retry[0].max_delay_seconds == 9);
  CHECK(t.retry[0].jitter_full);
  CHECK(t.retry[1].interval_seconds == 1);
  CHECK(t.retry[1].max_attempts == 3);
  CHECK(t.retry[1].backoff_rate == 2.0);
  REQUIRE(t.catch_.size() == 1);
  CHECK(t.catch_[0].next == "Done");
  CHECK(t.catch_[0].result_path.path.text() == "$.err");
  const auto& f = StateAs<FailState>(*m, "Done");
  CHECK(f.error.kind == DynamicValue::Kind::kConstant);
  CHECK(f.error.constant.AsString() == "E");
  CHECK(f.cause.kind == DynamicValue::Kind::kPath);
}

TEST_CASE("Task resource patterns") {
  auto pattern = [](const std::string& resource) {
    auto m = ParseOrDie(OneState(R"({"Type":"Task","Resource":")" + resource + R"(","End":true})"));
    return StateAs<TaskState>(*m, "A").pattern;
  };
  CHECK(pattern("arn:aws:states:::sqs:sendMessage.waitForTaskToken") ==
        TaskPattern::kWaitForTaskToken);
  CHECK(pattern("arn:aws:states:::states:startExecution.sync") == TaskPattern::kSync);
  CHECK(pattern("arn:aws:states:::states:startExecution.sync:2") == TaskPattern::kSync2);
  CHECK(pattern("arn:aws:states:::aws-sdk:s3:listBuckets") == TaskPattern::kRequestResponse);
  CHECK(pattern("arn:aws:lambda:us-east-1:000000000000:function:f") ==
        TaskPattern::kRequestResponse);
  CHECK(pattern("arn:aws:states:us-east-1:000000000000:activity:a") ==
        TaskPattern::kRequestResponse);
}

TEST_CASE("Choice rules") {
  auto m = ParseOrDie(R"({"StartAt":"C","States":{
    "C":{"Type":"Choice","Default":"B","Choices":[
      {"Variable":"$.n","NumericGreaterThan":3,"Next":"A"},
      {"And":[{"Variable":"$.s","StringMatches":"a*"},
              {"Not":{"Variable":"$.b","BooleanEqualsPath":"$.c"}}],"Next":"B"},
      {"Variable":"$.t","TimestampLessThan":"2016-03-14T01:59:00Z","Next":"A"},
      {"Variable":"$.x","IsPresent":false,"Next":"B"}]},
    "A":{"Type":"Succeed"},"B":{"Type":"Succeed"}}})");
  const auto& c = StateAs<ChoiceState>(*m, "C");
  CHECK(c.default_next == "B");
  REQUIRE(c.choices.size() == 4);
  CHECK(c.choices[0].op == ChoiceOp::kNumericGreaterThan);
  CHECK(c.choices[0].variable.text() == "$.n");
  CHECK(c.choices[0].operand.AsInt() == 3);
  CHECK(c.choices[0].next == "A");
  CHECK(c.choices[1].op == ChoiceOp::kAnd);
  REQUIRE(c.choices[1].children.size() == 2);
  CHECK(c.choices[1].children[0].op == ChoiceOp::kStringMatches);
  CHECK(c.choices[1].children[1].op == ChoiceOp::kNot);
  REQUIRE(c.choices[1].children[1].children.size() == 1);
  const ChoiceRule& inner = c.choices[1].children[1].children[0];
  CHECK(inner.op == ChoiceOp::kBooleanEquals);
  REQUIRE(inner.operand_path.has_value());
  CHECK(inner.operand_path->text() == "$.c");
  CHECK(c.choices[2].op == ChoiceOp::kTimestampLessThan);
  CHECK(c.choices[3].op == ChoiceOp::kIsPresent);
  CHECK(c.choices[3].operand.AsBool() == false);
}

TEST_CASE("Parallel and Map fields") {
  auto m = ParseOrDie(R"({"StartAt":"P","States":{
    "P":{"Type":"Parallel","Next":"M","Branches":[
      {"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}},
      {"StartAt":"Y","States":{"Y":{"Type":"Succeed"}}}]},
    "M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"Label":"lbl",
         "ToleratedFailurePercentage":12.5,
         "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
                          "StartAt":"Z","States":{"Z":{"Type":"Pass","End":true}}},
         "ItemSelector":{"v.$":"$$.Map.Item.Value"},"Next":"L"},
    "L":{"Type":"Map","Iterator":{"StartAt":"Q","States":{"Q":{"Type":"Pass","End":true}}},
         "Parameters":{"a.$":"$.a"},"End":true}}})");
  const auto& p = StateAs<ParallelState>(*m, "P");
  REQUIRE(p.branches.size() == 2);
  CHECK(p.branches[0]->start_at == "X");
  CHECK(p.branches[1]->Find("Y")->type == StateType::kSucceed);
  const auto& map = StateAs<MapState>(*m, "M");
  CHECK(map.distributed);
  CHECK(map.execution_type == "EXPRESS");
  CHECK(map.label == "lbl");
  CHECK(map.items_path.path.text() == "$.items");
  CHECK(map.max_concurrency.constant.AsInt() == 2);
  CHECK(map.tolerated_failure_percentage.constant.AsDouble() == 12.5);
  CHECK(map.item_selector.has_value());
  REQUIRE(map.processor);
  CHECK(map.processor->start_at == "Z");
  CHECK_FALSE(map.legacy_iterator);
  const auto& legacy = StateAs<MapState>(*m, "L");
  CHECK(legacy.legacy_iterator);
  CHECK_FALSE(legacy.distributed);
  CHECK(legacy.item_selector.has_value());
  CHECK(legacy.processor->start_at == "Q");
}

TEST_CASE("JSONata states") {
  auto m = ParseOrDie(R"({"QueryLanguage":"JSONata","StartAt":"C","States":{
    "C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n > 1 %}","Next":"T",
                                     "Output":{"x":1}}],"Default":"W"},
    "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
         "Arguments":{"FunctionName":"f","Payload":"{% $states.input %}"},
         "Output":"{% $states.result.Payload %}","TimeoutSeconds":"{% $t %}","End":true},
    "W":{"Type":"Wait","Timestamp":"{% $states.input.ts %}","Next":"M"},
    "M":{"Type":"Map","Items":"{% $states.input.items %}","MaxConcurrency":"{% 2 %}",
         "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},
         "Next":"F"},
    "F":{"Type":"Fail","Error":"{% 'E' %}","Cause":"static"}}})");
  CHECK(m->query_language == QueryLanguage::kJsonata);
  const auto& c = StateAs<ChoiceState>(*m, "C");
  CHECK(c.query_language == QueryLanguage::kJsonata);
  CHECK(c.choices[0].op == ChoiceOp::kCondition);
  CHECK(c.choices[0].output.has_value());
  const auto& t = StateAs<TaskState>(*m, "T");
  CHECK(t.parameters.has_value());
  CHECK(t.output.has_value());
  CHECK(t.timeout_seconds.kind == DynamicValue::Kind::kExpression);
  CHECK(StateAs<WaitState>(*m, "W").kind == WaitState::Kind::kTimestamp);
  CHECK(StateAs<WaitState>(*m, "W").value.kind == DynamicValue::Kind::kExpression);
  const auto& map = StateAs<MapState>(*m, "M");
  CHECK(map.items.has_value());
  CHECK(map.max_concurrency.kind == DynamicValue::Kind::kExpression);
  const auto& f = StateAs<FailState>(*m, "F");
  CHECK(f.error.kind == DynamicValue::Kind::kExpression);
  CHECK(f.cause.kind == DynamicValue::Kind::kConstant);
}

TEST_CASE("a state may opt into JSONata, but not back") {
  auto m = ParseOrDie(R"({"StartAt":"A","States":{
    "A":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% 1 %}","End":true}}})");
  CHECK(m->program.Find("A")->query_language == QueryLanguage::kJsonata);
  // Only the machine's QueryLanguage is inherited: a JSONata Map may hold
  // JSONPath states (AWS validates this as OK).
  auto nested = ParseOrDie(R"({"StartAt":"Map","QueryLanguage":"JSONPath","States":{
    "Map":{"Type":"Map","QueryLanguage":"JSONata","End":true,"ItemProcessor":{
      "ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Pass","States":{
        "Pass":{"QueryLanguage":"JSONPath","Type":"Pass","Next":"Inner"},
        "Inner":{"Type":"Pass","InputPath":"$.x","End":true}}}}}})");
  const auto& map = StateAs<MapState>(*nested, "Map");
  CHECK(map.query_language == QueryLanguage::kJsonata);
  CHECK(map.processor->Find("Inner")->query_language == QueryLanguage::kJsonPath);
  CHECK(ErrorOf(R"({"QueryLanguage":"JSONata","StartAt":"P","States":{
    "P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"A","States":{
      "A":{"Type":"Pass","QueryLanguage":"JSONPath","End":true}}}]}}})") ==
        Schema("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
               "/States/P/Branches[0]/States/A"));
  CHECK(ErrorOf(R"({"QueryLanguage":"JSONata","StartAt":"Pass","States":{
    "Pass":{"Type":"Pass","QueryLanguage":"JSONPath","End":true}}})") ==
        Schema("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
               "/States/Pass"));
}

TEST_CASE("variableReferences lists the variables each state reads") {
  auto m = ParseOrDie(R"({"StartAt":"S","States":{
    "S":{"Type":"Pass","Assign":{"guess":"g","answer":"a"},"Next":"C"},
    "C":{"Type":"Choice","Choices":[{"Variable":"$guess","StringEqualsPath":"$answer",
         "Next":"OK"}],"Default":"W"},
    "W":{"Type":"Pass","Assign":{"guess.$":"$answer"},"InputPath":"$zeta","Next":"C"},
    "OK":{"Type":"Pass","End":true}}})");
  CHECK(sfn::Dump(m->variable_references) == R"({"C":["answer","guess"],"W":["answer","zeta"]})");
}

TEST_CASE("required fields") {
  CHECK(ErrorOf(R"({"Comment":"BASE_INVALID_DER","StartAt":"State_1"})") ==
        Schema("These fields are required: [States]", "/"));
  CHECK(ErrorOf("{}") == Schema("These fields are required: [States, StartAt]", "/"));
  CHECK(ErrorOf(OneState(R"({"End":true})")) ==
        Schema("These fields are required: [Type]", "/States/A"));
  CHECK(ErrorOf(OneState(R"({"Type":"Task","End":true})")) ==
        Schema("These fields are required: [Resource]", "/States/A"));
}

TEST_CASE("field values and combinations") {
  CHECK(ErrorOf(R"({"StartAt":"ExistingButInvalidState","States":{
          "ExistingButInvalidState":{"Type":"TypeThatDoesNotExist","End":true}}})") ==
        Schema("The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, "
               "Fail, Choice, Parallel, Map]",
               "/States/ExistingButInvalidState/Type"));
  CHECK(ErrorOf(R"({"StartAt":"StateName","States":{
          "StateName":{"Type":"Parallel","Branches":[],"End":true}}})") ==
        Schema("Value cannot be empty", "/States/StateName/Branches"));
  CHECK(ErrorOf(OneState(R"({"Type":"Pass","Bogus":1,"End":true})")) ==
        Schema("Field 'Bogus' is not supported", "/States/A"));
  CHECK(ErrorOf(OneState(R"({"Type":"Pass","Next":"A","End":true})")) ==
        Schema("There should only be one of the following fields: [Next, End]", "/States/A"));
  CHECK(
      ErrorOf(OneState(R"({"Type":"Pass"})")) ==
      Schema("This object should have only one of the following fields: [Next, End]", "/States/A"));
  CHECK(ErrorOf(OneState(R"({"Type":"Wait","End":true})")) ==
        Schema("This object should have only one of the following fields: [Seconds, Timestamp, "
               "SecondsPath, TimestampPath]",
               "/States/A"));
  CHECK(ErrorOf(OneState(R"({"Type":"Wait","Seconds":1,"SecondsPath":"$.s","End":true})")) ==
        Schema("There should only be one of the following fields: [Seconds, Timestamp, "
               "SecondsPath, TimestampPath]",
               "/States/A"));
  CHECK(
      ErrorOf(OneState(R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Retry":[{"ErrorEquals":["States.ALL","X"]}],"End":true})")) ==
      Schema("States.ALL must appear alone and at end of list", "/States/A/Retry[0]/ErrorEquals"));
  CHECK(ErrorOf(OneState(R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Catch":[{"ErrorEquals":["States.ALL"],"Next":"A"},{"ErrorEquals":["X"],"Next":"A"}],
          "End":true})")) == Schema("States.ALL must appear alone and at end of list",
                                    "/States/A/Catch[0]/ErrorEquals"));
  CHECK(ErrorOf(OneState(R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Retry":[{"ErrorEquals":[]}],"End":true})")) ==
        Schema("Value cannot be empty", "/States/A/Retry[0]/ErrorEquals"));
  CHECK(ErrorOf(OneState(R"({"Type":"Pass","Parameters":{"a":1},"End":true})",
                         R"("QueryLanguage":"JSONata",)")) ==
        Schema("The QueryLanguage is set to 'JSONata', but field 'Parameters' is only supported "
               "for the 'JSONPath' QueryLanguage",
               "/States/A"));
  CHECK(ErrorOf(OneState(R"({"Type":"Pass","Output":{"a":1},"End":true})")) ==
        Schema("The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for "
               "the 'JSONata' QueryLanguage",
               "/States/A"));
  CHECK(ErrorOf(OneState(R"({"Type":"Pass","End":true})", R"("QueryLanguage":"XPath",)")) ==
        Schema("Value should be one of the following: [JSONPath, JSONata]", "/QueryLanguage"));
}

TEST_CASE("Credentials need a RoleArn") {
  const std::string task =
      R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":"{% $states.input %}",)";
  const std::string want =
      Schema("The field 'RoleArn' is required but was missing", "/States/A/Credentials");
  CHECK(ErrorOf(OneState(task + R"("Credentials":{},"End":true})",
                         R"("QueryLanguage":"JSONata",)")) == want);
  CHECK(ErrorOf(OneState(task + R"("Credentials":{"InvalidField":"x"},"End":true})",
                         R"("QueryLanguage":"JSONata",)")) == want);
}

TEST_CASE("Wait timestamps must be RFC 3339") {
  const std::string want =
      Schema("String does not match RFC3339 timestamp", "/States/WaitUntil/Timestamp");
  for (const char* ts : {"2016-13-05T21:29:29Z", "05-12-2016T21:29:29Z", "2016-12-05T25:29:29Z",
                         "2016-12-05 21:29:29Z", "2016-12-05T21:29:29",
                         "{% '2016-03-14T01:59:00Z' %}", "2016-02-30T00:00:00Z"}) {
    CAPTURE(ts);
    CHECK(ErrorOf(std::string(R"({"StartAt":"WaitUntil","States":{"WaitUntil":{"Type":"Wait",)") +
                  R"("Timestamp":")" + ts + R"(","End":true}}})") == want);
  }
  for (const char* ts : {"2016-03-14T01:59:00Z", "2016-03-05T21:29:29.243167252Z",
                         "2016-03-14T01:59:00+02:00", "2016-02-29T00:00:00-05:30"}) {
    CAPTURE(ts);
    ParseOrDie(std::string(R"({"StartAt":"W","States":{"W":{"Type":"Wait","Timestamp":")") + ts +
               R"(","End":true}}})");
  }
}

TEST_CASE("Task resources AWS does not offer") {
  CHECK(ErrorOf(R"({"StartAt":"Query","States":{"Query":{"Type":"Task",
          "Resource":"arn:aws:states:::dynamodb:query","End":true}}})") ==
        Schema("The resource provided arn:aws:states:::dynamodb:query is not recognized. The "
               "value is not a valid resource ARN, or the resource is not available in this "
               "region.",
               "/States/Query/Resource"));
  CHECK(ErrorOf(OneState(R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.sync",
          "End":true})")) ==
        Schema("The resource provided arn:aws:states:::lambda:invoke.sync is not recognized. The "
               "value is not a valid resource ARN, or the resource is not available in this "
               "region.",
               "/States/A/Resource"));
  CHECK(ErrorOf(OneState(R"({"Type":"Task","Resource":"not-an-arn","End":true})")) ==
        Schema("Value is not a valid resource ARN", "/States/A/Resource"));
}

TEST_CASE("EXPRESS machines refuse .sync, .waitForTaskToken and activities") {
  CHECK(ErrorOf(R"({"StartAt":"StartExecution","States":{"StartExecution":{"Type":"Task",
          "Resource":"arn:aws:states:::states:startExecution.sync","End":true}}})",
                "EXPRESS") ==
        Schema("Express state machine does not support '.sync' service integration",
               "/States/StartExecution/Resource"));
  CHECK(ErrorOf(R"({"StartAt":"Publish","States":{"Publish":{"Type":"Task",
          "Resource":"arn:aws:states:::sns:publish.waitForTaskToken","End":true}}})",
                "EXPRESS") ==
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine "
        "does not support '.waitForTaskToken' service integration  at /States/Publish/Resource'");
  CHECK(ErrorOf(R"({"StartAt":"ActivityTask","States":{"ActivityTask":{"Type":"Task",
          "Resource":"arn:aws:states:us-east-1:000000000000:activity:a","End":true}}})",
                "EXPRESS") == Schema("Express state machine does not support Activity ARN",
                                     "/States/ActivityTask/Resource"));
  ParseOrDie(R"({"StartAt":"A","States":{"A":{"Type":"Task",
      "Resource":"arn:aws:states:::sns:publish.waitForTaskToken","End":true}}})");
}

TEST_CASE("Map Label problems are reported in AWS's ValueError form") {
  auto map_with_label = [](const std::string& label_json) {
    return R"({"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"ProcessorConfig":)"
           R"({"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"I","States":{"I":)"
           R"({"Type":"Pass","End":true}}},"Label":)" +
           label_json + R"(,"End":true}}})";
  };
  auto wrapped = [&](const std::string& args, const std::string& label_json) {
    return "Error=ValueError Args=[" + args + "] in definition '" + map_with_label(label_json) +
           "'.";
  };
  CHECK(ErrorOf(map_with_label(R"("")")) == wrapped("'Label cannot be empty'", R"("")"));
  std::string long_label = "\"" + std::string(41, 'a') + "\"";
  CHECK(ErrorOf(map_with_label(long_label)) ==
        wrapped("'Label cannot exceed 40 characters'", long_label));
  CHECK(ErrorOf(map_with_label(R"("label_\n")")) ==
        wrapped(R"("Label contains invalid character: '\\n'")", R"("label_\n")"));
  CHECK(ErrorOf(map_with_label(R"("label_:")")) ==
        wrapped(R"("Label contains invalid character: ':'")", R"("label_:")"));
  CHECK(ErrorOf(map_with_label(R"("label_\"")")) ==
        wrapped(R"('Label contains invalid character: \'"\'')", R"("label_\"")"));
  CHECK(ErrorOf(map_with_label(R"("label_\\")")) ==
        wrapped(R"("Label contains invalid character: '\\\\'")", R"("label_\\")"));
  CHECK(ErrorOf(map_with_label(R"("label_\u0080")")) ==
        wrapped(R"("Label contains invalid character: '\\x80'")", R"("label_\u0080")"));
  // AWS tries invalid characters in its own order, not the label's.
  CHECK(ErrorOf(map_with_label(R"("a:b c")")) ==
        wrapped(R"("Label contains invalid character: ' '")", R"("a:b c")"));
}

TEST_CASE("text that is not a JSON object") {
  CHECK(ErrorOf("not a definition") ==
        "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: Unrecognized token 'not': "
        "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or "
        "'false')\n at [Source: (String)\"not a definition\"; line: 1, column: 4]'");
  ParseResult r = ParseDefinition("not a definition");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "INVALID_JSON_DESCRIPTION");
  CHECK(r.diagnostics[0].location == "[Source: (String)\"not a definition\"; line: 1, column: 4]");
  CHECK(ErrorOf("{\"StartAt\" \"A\"}") ==
        "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: Unexpected character "
        "('\"' (code 34)): was expecting a colon to separate field name and value\n at "
        "[Source: (String)\"{\"StartAt\" \"A\"}\"; line: 1, column: 13]'");
  CHECK(ErrorOf("{\"a\":1,}") ==
        "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: Unexpected character "
        "('}' (code 125)): was expecting double-quote to start field name\n at [Source: "
        "(String)\"{\"a\":1,}\"; line: 1, column: 9]'");
  CHECK(ErrorOf("{\n\"a\":") ==
        "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: Unexpected end-of-input: "
        "expected close marker for Object (start marker at [Source: (String)\"{\n\"a\":\"; line: "
        "1, column: 1])\n at [Source: (String)\"{\n\"a\":\"; line: 2, column: 5]'");
  // Like Jackson's readTree, text after the first complete value is ignored.
  ParseOrDie(R"({"StartAt":"A","States":{"A":{"Type":"Succeed"}}} trailing)");
  // Columns count characters, not UTF-8 bytes.
  CHECK(ErrorOf("{\"a\":\xc3\xa9}") ==
        "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: Unrecognized token "
        "'\xc3\xa9': was expecting (JSON String, Number, Array, Object or token 'null', 'true' "
        "or 'false')\n at [Source: (String)\"{\"a\":\xc3\xa9}\"; line: 1, column: 7]'");
  CHECK(ErrorOf("{\"a\":-") ==
        "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: Unexpected end-of-input in "
        "a Number value\n at [Source: (String)\"{\"a\":-\"; line: 1, column: 7]'");
  CHECK(ErrorOf("") ==
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Definition must be a valid "
        "JSON object'");
  CHECK(ErrorOf("[1,2]") ==
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Definition must be a valid "
        "JSON object'");
}

TEST_CASE("several problems are joined with \", \"") {
  CHECK(ErrorOf(R"({"StartAt":"A","States":{"A":{"Type":"Pass","X":1,"Y":2,"End":true}}})") ==
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Field 'X' is not "
        "supported at /States/A, SCHEMA_VALIDATION_FAILED: Field 'Y' is not supported at "
        "/States/A'");
  ParseResult r =
      ParseDefinition(R"({"StartAt":"A","States":{"A":{"Type":"Pass","X":1,"Y":2,"End":true}}})");
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[1].severity == "ERROR");
  CHECK(r.diagnostics[1].code == "SCHEMA_VALIDATION_FAILED");
  CHECK(r.diagnostics[1].message == "Field 'Y' is not supported");
  CHECK(r.diagnostics[1].location == "/States/A");
}

TEST_CASE("nested programs report nested locations") {
  CHECK(ErrorOf(R"({"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
          {"StartAt":"A","States":{"A":{"Type":"Pass","Bogus":true,"End":true}}}]}}})") ==
        Schema("Field 'Bogus' is not supported", "/States/P/Branches[0]/States/A"));
  CHECK(
      ErrorOf(R"({"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":
          {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":-1,"End":true}}}}}})") ==
      Schema("Value should be between 0 and 99999999", "/States/M/ItemProcessor/States/A/Seconds"));
  CHECK(ErrorOf(R"({"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":
          {"StartAt":"A"}}}})") ==
        Schema("These fields are required: [States]", "/States/M/ItemProcessor"));
}

TEST_CASE("Choice rule problems") {
  auto choice = [](const std::string& rule) {
    return R"({"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[)" + rule +
           R"(],"Default":"D"},"D":{"Type":"Succeed"}}})";
  };
  CHECK(ErrorOf(choice(R"({"Variable":"$.x","StringEquals":"a"})")) ==
        Schema("These fields are required: [Next]", "/States/C/Choices[0]"));
  CHECK(ErrorOf(choice(R"({"StringEquals":"a","Next":"D"})")) ==
        Schema("These fields are required: [Variable]", "/States/C/Choices[0]"));
  CHECK(ErrorOf(choice(R"({"Not":{"Variable":"$.x","IsNull":true,"Next":"D"},"Next":"D"})")) ==
        Schema("Field 'Next' is not supported", "/States/C/Choices[0]/Not"));
  CHECK(ErrorOf(choice(R"({"Variable":"$.x","NumericEquals":"1","Next":"D"})")) ==
        Schema("Expected value of type: Number", "/States/C/Choices[0]/NumericEquals"));
  CHECK(ErrorOf(choice(R"({"Variable":"$.x","StringEquals":"a","IsNull":true,"Next":"D"})")) ==
        Schema("There should only be one of the following fields: [StringEquals, IsNull]",
               "/States/C/Choices[0]"));
  CHECK(ErrorOf(choice(R"({"Variable":"$.x","TimestampEquals":"yesterday","Next":"D"})")) ==
        Schema("String does not match RFC3339 timestamp", "/States/C/Choices[0]/TimestampEquals"));
  CHECK(ErrorOf(choice(R"({"And":[],"Next":"D"})")) ==
        Schema("Value cannot be empty", "/States/C/Choices[0]/And"));
  CHECK(ErrorOf(R"({"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[]}}})") ==
        Schema("Value cannot be empty", "/States/C/Choices"));
}

TEST_CASE("JSONata expressions are compiled when the machine is created") {
  std::string error =
      ErrorOf(OneState(R"({"Type":"Pass","Output":{"a":["{% $x + %}"]},"End":true})",
                       R"("QueryLanguage":"JSONata",)"));
  CHECK(error.find("specified for the field 'Output/a[0]'") != std::string::npos);
  CHECK(error.find(" at /States/A/Output'") != std::string::npos);
  error = ErrorOf(OneState(R"({"Type":"Wait","Seconds":"{% ( %}","End":true})",
                           R"("QueryLanguage":"JSONata",)"));
  CHECK(error.find("specified for the field 'Seconds'") != std::string::npos);
  CHECK(error.find(" at /States/A/Seconds'") != std::string::npos);
}

TEST_CASE("state names longer than 80 characters are refused") {
  const std::string long_name(81, 'S');
  CHECK(ErrorOf(R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":")" + long_name + R"("},")" +
                long_name + R"(":{"Type":"Succeed"}}})") ==
        "Invalid State Machine Definition: 'INVALID_STATE_NAME: Invalid State name: State '" +
            long_name + "' exceeds the 80-character limit allowed by the service at /States/" +
            long_name + "'");
  // 80 characters, some of them outside ASCII, are within the limit.
  std::string name;
  const std::string e_acute = "\xC3\xA9";
  for (int i = 0; i < 40; ++i) name += e_acute + "e";
  ParseResult r = ParseDefinition(R"({"StartAt":")" + name + R"(","States":{")" + name +
                                  R"(":{"Type":"Succeed"}}})");
  CHECK(r.machine);
}
