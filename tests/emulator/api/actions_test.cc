// tests/emulator/actions_test.cc: the API end to end without HTTP, through
// Service::Call with a runner that ends executions on the spot.
#include "emulator/api/actions.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "emulator/api/response_shapes.h"
#include "emulator/engine/clock.h"
#include "tests/support/test_execution.h"

using namespace sfn::emulator;
using sfn::Json;

namespace {

constexpr const char* kDefinition =
    R"({"StartAt":"P","States":{"P":{"Type":"Pass","Next":"C"},"C":{"Type":"Choice",)"
    R"("Choices":[{"Variable":"$.go","BooleanEquals":true,"Next":"S"}],"Default":"S"},)"
    R"("S":{"Type":"Succeed"}}})";
const std::string kPrefix = "arn:aws:states:us-east-1:123456789012:";
const std::string kRole = "arn:aws:iam::123456789012:role/r";

// Starts executions by appending ExecutionStarted; finishes them at once
// (output = input) unless `hold` is set.
class FakeRunner : public sfn::testing::NoRunner {
 public:
  bool hold = false;
  std::vector<std::string> calls;

  void Start(std::shared_ptr<Execution> e) override {
    calls.push_back("Start " + e->spec().arn);
    e->history().Append(sfn::asl::EventType::kExecutionStarted, 0, e->spec().start_ms,
                        ObjectBuilder().Add("input", Json(e->spec().input_text)).Build());
    if (hold) return;
    ExecutionEnd end;
    end.status = ExecutionStatus::kSucceeded;
    end.stop_ms = e->spec().start_ms + 5;
    end.output_text = Json(Dump(e->input()));
    e->history().Append(sfn::asl::EventType::kExecutionSucceeded, 1, end.stop_ms);
    e->Finish(end);
  }
  void Stop(const std::shared_ptr<Execution>& e, std::optional<std::string> error,
            std::optional<std::string>) override {
    calls.push_back("Stop " + error.value_or("-"));
    ExecutionEnd end;
    end.status = ExecutionStatus::kAborted;
    end.stop_ms = NowMs();
    e->Finish(end);
  }
  CallbackResult SendTaskSuccess(const std::string& token, const std::string&) override {
    return {"TaskDoesNotExist", "Task Does Not Exist: '" + token + "'"};
  }
  void Redrive(std::shared_ptr<Execution> e) override { calls.push_back("Redrive " + e->spec().arn); }
};

struct Api {
  Store store{NowMs};
  FakeRunner runner;
  Service service{&store, &runner};
  CallContext ctx;

  Service::Response Raw(const std::string& action, const std::string& body) {
    return service.Call(action, body, ctx);
  }
  Json Ok(const std::string& action, const std::string& body) {
    Service::Response r = Raw(action, body);
    INFO(action << " " << body << " -> " << r.body);
    REQUIRE(r.http_status == 200);
    return sfn::ParseJson(r.body).value;
  }
  // "Code: message" of a failing call.
  std::string Fail(const std::string& action, const std::string& body) {
    Service::Response r = Raw(action, body);
    INFO(action << " " << body << " -> " << r.body);
    REQUIRE(r.http_status != 200);
    Json e = sfn::ParseJson(r.body).value;
    const Json* m = e.Find("message");
    if (m == nullptr) m = e.Find("Message");
    return r.error_code + ": " + (m ? m->AsString() : std::string("(none)"));
  }
  std::string Create(const std::string& name, const std::string& extra = "") {
    Json req = ObjectBuilder()
                   .Add("name", Json(name))
                   .Add("definition", Json(kDefinition))
                   .Add("roleArn", Json(kRole))
                   .Build();
    std::string body = sfn::Dump(req);
    if (!extra.empty()) body = body.substr(0, body.size() - 1) + "," + extra + "}";
    return Ok("CreateStateMachine", body).Find("stateMachineArn")->AsString();
  }
};

std::string Str(const Json& j, const char* key) {
  const Json* v = j.Find(key);
  return v && v->is_string() ? v->AsString() : "";
}

}  // namespace

TEST_CASE("Protocol errors") {
  Api api;
  auto r = api.Raw("NoSuchAction", "{}");
  CHECK(r.http_status == 400);
  CHECK(r.body == R"({"__type":"com.amazon.coral.service#UnknownOperationException"})");
  r = api.Raw("ListStateMachines", "{not json");
  CHECK(r.body == R"({"__type":"com.amazon.coral.service#SerializationException"})");
  CHECK(r.error_code == "SerializationException");
  CHECK(api.Fail("DescribeStateMachine", R"({"stateMachineArn":5})") ==
        "SerializationException: NUMBER_VALUE cannot be converted to String");
  CHECK(api.Fail("DescribeStateMachine", "{}") ==
        "ValidationException: 1 validation error detected: Value null at 'stateMachineArn' "
        "failed to satisfy constraint: Member must not be null");
  r = api.Raw("ListStateMachines", R"({"maxResults":1001})");
  CHECK(
      r.body ==
      R"({"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"})");
  CHECK(api.Raw("ListStateMachines", "").http_status == 200);  // empty body = {}
  CHECK(api.Raw("ListStateMachines", R"({"unknown":1})").http_status == 200);
}

TEST_CASE("State machine lifecycle") {
  Api api;
  std::string arn = api.Create("hello");
  CHECK(arn == kPrefix + "stateMachine:hello");
  CHECK(api.Create("hello") == arn);  // idempotent
  Json d = api.Ok("DescribeStateMachine", R"({"stateMachineArn":")" + arn + "\"}");
  CHECK(Str(d, "status") == "ACTIVE");
  CHECK(Str(d, "definition") == kDefinition);
  CHECK(Str(d, "type") == "STANDARD");
  CHECK(sfn::Dump(*d.Find("loggingConfiguration")) ==
        R"({"level":"OFF","includeExecutionData":false})");
  CHECK(sfn::Dump(*d.Find("tracingConfiguration")) == R"({"enabled":false})");
  CHECK(d.Find("revisionId") == nullptr);
  CHECK(d.Find("creationDate")->is_number());
  Json u = api.Ok("UpdateStateMachine", R"({"stateMachineArn":")" + arn +
                                            R"(","roleArn":"arn:aws:iam::123456789012:role/x"})");
  CHECK(Str(u, "revisionId").size() == 36);
  CHECK(api.Fail("UpdateStateMachine", R"({"stateMachineArn":")" + arn + "\"}") ==
        "MissingRequiredParameter: Either the definition, the role ARN, the "
        "LoggingConfiguration, or the TracingConfiguration must be specified");
  CHECK(
      api.Fail(
          "CreateStateMachine",
          R"({"name":"hello","definition":"{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Succeed\"}}}","roleArn":"arn:aws:iam::123456789012:role/r"})") ==
      "StateMachineAlreadyExists: State Machine Already Exists: '" + arn + "'");
  CHECK(api.Fail("CreateStateMachine", R"({"name":"a b","definition":"{}","roleArn":"r"})") ==
        "InvalidName: Invalid Name: 'a b'");
  CHECK(api.Fail("CreateStateMachine",
                 R"({"name":"x","definition":"{\"StartAt\":\"S\"}","roleArn":"r"})") ==
        "InvalidDefinition: Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These "
        "fields are required: [States] at /'");
  CHECK(api.Fail("CreateStateMachine",
                 R"({"name":"x","definition":"{}","roleArn":"r","versionDescription":"d"})") ==
        "ValidationException: Version description can only be set when publish is true");
  CHECK(
      api.Fail(
          "CreateStateMachine",
          R"({"name":"x","definition":"{}","roleArn":"r","loggingConfiguration":{"level":"ALL"}})") ==
      "InvalidLoggingConfiguration: Invalid Logging Configuration: Must specify exactly one "
      "Log Destination.");
  CHECK(api.Fail("CreateStateMachine",
                 R"({"name":"x","definition":"{}","roleArn":"r","loggingConfiguration":)"
                 R"({"level":"ERROR","destinations":[{"cloudWatchLogsLogGroup":)"
                 R"({"logGroupArn":"arn:aws:logs:us-east-1:123456789012:log-group:g"}}]}})") ==
        "InvalidLoggingConfiguration: Invalid Logging Configuration: Log Group ARN must be "
        "provided with '*' qualifier.");
  CHECK(api.Fail("DescribeStateMachine", R"({"stateMachineArn":"not_a_valid_arn"})") ==
        "InvalidArn: Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'");
  api.Ok("DeleteStateMachine", R"({"stateMachineArn":")" + arn + "\"}");
  api.Ok("DeleteStateMachine", R"({"stateMachineArn":")" + arn + "\"}");
  CHECK(api.Fail("DescribeStateMachine", R"({"stateMachineArn":")" + arn + "\"}") ==
        "StateMachineDoesNotExist: State Machine Does Not Exist: '" + arn + "'");
}

TEST_CASE("roleArn of state machines") {
  Api api;
  const std::string definition =
      R"("definition":"{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Succeed\"}}}")";
  CHECK(api.Fail("CreateStateMachine",
                 R"({"name":"e",)" + definition + R"(,"roleArn":"arn:aws:iam::1:role/r"})") ==
        "InvalidArn: Invalid Role Arn: 'arn:aws:iam::1:role/r'");
  const std::string arn = api.Create("e");
  CHECK(
      api.Fail("UpdateStateMachine", R"({"stateMachineArn":")" + arn +
                                         R"(","roleArn":"arn:aws:iam::123456789012:policy/p"})") ==
      "InvalidArn: Invalid Role Arn: 'arn:aws:iam::123456789012:policy/p'");
}

TEST_CASE("encryptionConfiguration of state machines") {
  Api api;
  const std::string create =
      R"({"name":"e","definition":"{\"StartAt\":\"X\",\"States\":{\"X\":{\"Type\":\"Succeed\"}}}","roleArn":"arn:aws:iam::123456789012:role/r",)";
  CHECK(api.Fail("CreateStateMachine",
                 create + R"("encryptionConfiguration":{"type":"CUSTOMER_MANAGED_KMS_KEY"}})") ==
        "InvalidEncryptionConfiguration: Invalid Encryption Configuration: 'kmsKeyId' is "
        "required when 'type' is 'CUSTOMER_MANAGED_KMS_KEY'.");
  CHECK(api.Fail("CreateStateMachine",
                 create + R"("encryptionConfiguration":{"type":"CUSTOMER_MANAGED_KMS_KEY",)"
                          R"("kmsKeyId":"k","kmsDataKeyReusePeriodSeconds":30}})") ==
        "ValidationException: 1 validation error detected: Value '30' at "
        "'encryptionConfiguration.kmsDataKeyReusePeriodSeconds' failed to satisfy constraint: "
        "Member must have value greater than or equal to 60");
  const std::string arn = api.Create("e");
  Json d = api.Ok("DescribeStateMachine", R"({"stateMachineArn":")" + arn + "\"}");
  CHECK(sfn::Dump(*d.Find("encryptionConfiguration")) == R"({"type":"AWS_OWNED_KEY"})");
  CHECK(api.Fail("UpdateStateMachine",
                 R"({"stateMachineArn":")" + arn +
                     R"(","encryptionConfiguration":{"type":"AWS_OWNED_KEY","kmsKeyId":"k"}})") ==
        "InvalidEncryptionConfiguration: Invalid Encryption Configuration: 'kmsKeyId' can only "
        "be specified when 'type' is 'CUSTOMER_MANAGED_KMS_KEY'.");
  Json u = api.Ok(
      "UpdateStateMachine",
      R"({"stateMachineArn":")" + arn +
          R"(","encryptionConfiguration":{"type":"CUSTOMER_MANAGED_KMS_KEY","kmsKeyId":"alias/k"}})");
  CHECK(Str(u, "revisionId").size() == 36);
  d = api.Ok("DescribeStateMachine", R"({"stateMachineArn":")" + arn + "\"}");
  CHECK(
      sfn::Dump(*d.Find("encryptionConfiguration")) ==
      R"({"kmsKeyId":"alias/k","kmsDataKeyReusePeriodSeconds":300,"type":"CUSTOMER_MANAGED_KMS_KEY"})");
}

TEST_CASE("ListStateMachines pages by name") {
  Api api;
  for (std::string n : {"sm-c", "sm-a", "sm-e", "sm-b", "sm-d"}) api.Create(n);
  std::vector<std::string> names;
  std::string token;
  int pages = 0;
  do {
    std::string body =
        R"({"maxResults":2)" + (token.empty() ? "" : R"(,"nextToken":")" + token + "\"") + "}";
    Json page = api.Ok("ListStateMachines", body);
    for (const Json& m : page.Find("stateMachines")->AsArray()) names.push_back(Str(m, "name"));
    token = Str(page, "nextToken");
    ++pages;
  } while (!token.empty());
  CHECK(pages == 3);
  CHECK(names == std::vector<std::string>{"sm-a", "sm-b", "sm-c", "sm-d", "sm-e"});
  CHECK(api.Fail("ListStateMachines", R"({"nextToken":"bogus"})") ==
        "InvalidToken: Invalid Token: 'Invalid token'");
  api.ctx.region = "eu-west-1";
  CHECK(api.Ok("ListStateMachines", "{}").Find("stateMachines")->size() == 0);
}

TEST_CASE("Service::StartExecution answers as the StartExecution action does") {
  Api api;
  const std::string arn = api.Create("inproc");
  for (const std::string& body : std::vector<std::string>{
           R"({})", R"({"stateMachineArn":5})", R"({"stateMachineArn":"nope"})",
           R"({"stateMachineArn":")" + arn + R"(x"})",
           R"({"stateMachineArn":")" + arn + R"(","name":"a:b"})",
           R"({"stateMachineArn":")" + arn + R"(","input":"not json"})",
           R"({"stateMachineArn":")" + arn + R"(","name":")" + std::string(81, 'n') + "\"}"}) {
    INFO(body);
    Service::Response called = api.Raw("StartExecution", body);
    auto started = api.service.StartExecution(sfn::ParseJson(body).value, api.ctx);
    REQUIRE(std::holds_alternative<ApiError>(started));
    const ApiError& error = std::get<ApiError>(started);
    CHECK(called.error_code == error.code);
    CHECK(called.body == error.Body());
  }
  auto started = api.service.StartExecution(
      sfn::ParseJson(R"({"stateMachineArn":")" + arn + R"(","name":"one","input":"[1]"})").value,
      api.ctx);
  REQUIRE(std::holds_alternative<Service::Started>(started));
  const Service::Started& s = std::get<Service::Started>(started);
  CHECK(s.execution->spec().arn == kPrefix + "execution:inproc:one");
  CHECK(Str(s.answer, "executionArn") == s.execution->spec().arn);
  CHECK(sfn::Dump(*s.execution->end().output()) == "[1]");
  CHECK(api.runner.calls.back() == "Start " + s.execution->spec().arn);
}

TEST_CASE("DescribeExecution: a string-valued output is answered as its JSON text") {
  Api api;
  std::string arn = api.Create("flow");
  Json started = api.Ok("StartExecution", R"({"stateMachineArn":")" + arn +
                                              R"(","input":"\"hi \\\"there\\\"\""})");
  Json d = api.Ok("DescribeExecution",
                  R"({"executionArn":")" + Str(started, "executionArn") + "\"}");
  CHECK(Str(d, "input") == R"("hi \"there\"")");
  CHECK(Str(d, "output") == R"("hi \"there\"")");
}

TEST_CASE("Executions") {
  Api api;
  std::string arn = api.Create("flow");
  Json started = api.Ok("StartExecution", R"({"stateMachineArn":")" + arn +
                                              R"(","name":"run-1","input":"{\"go\":true}"})");
  std::string exec = Str(started, "executionArn");
  CHECK(exec == kPrefix + "execution:flow:run-1");
  Json d = api.Ok("DescribeExecution", R"({"executionArn":")" + exec + "\"}");
  CHECK(Str(d, "status") == "SUCCEEDED");
  CHECK(Str(d, "input") == R"({"go":true})");
  CHECK(Str(d, "output") == R"({"go":true})");
  CHECK(Str(d, "redriveStatusReason") == "Execution is SUCCEEDED and cannot be redriven");
  CHECK(api.Fail("StartExecution", R"({"stateMachineArn":")" + arn + R"(","name":"run-1"})") ==
        "ExecutionAlreadyExists: Execution Already Exists: '" + exec + "'");
  CHECK(api.Fail("StartExecution",
                 R"({"stateMachineArn":")" + arn + R"(","input":"not some json"})") ==
        "InvalidExecutionInput: Invalid State Machine Execution Input: 'Unrecognized token "
        "'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or "
        "'false')'");
  CHECK(api.Fail("StartExecution", R"({"stateMachineArn":")" + arn + R"(","input":""})") ==
        "InvalidExecutionInput: Invalid State Machine Execution Input: 'Invalid execution input.'");
  CHECK(api.Fail("StartExecution", R"({"stateMachineArn":")" + arn + R"(","name":"a:b"})") ==
        "InvalidName: Invalid Name: 'a:b'");
  CHECK(api.Fail("StartExecution", R"({"stateMachineArn":")" + arn + R"(x"})") ==
        "StateMachineDoesNotExist: State Machine Does Not Exist: '" + arn + "x'");
  Json history =
      api.Ok("GetExecutionHistory", R"({"executionArn":")" + exec +
                                        R"(","reverseOrder":true,"includeExecutionData":false})");
  auto events = history.Find("events")->AsArray();
  REQUIRE(events.size() == 2);
  CHECK(Str(events[0], "type") == "ExecutionSucceeded");
  CHECK(sfn::Dump(*events[1].Find("executionStartedEventDetails")) == "{}");
  CHECK(api.Fail("DescribeExecution", R"({"executionArn":")" + exec + R"(x"})") ==
        "ExecutionDoesNotExist: Execution Does Not Exist: '" + exec + "x'");
  CHECK(api.Fail("DescribeExecution", R"({"executionArn":")" + arn + "\"}") ==
        "InvalidArn: Invalid Arn: 'Resource type not valid in this context: statemachine'");
  Json for_exec = api.Ok("DescribeStateMachineForExecution", R"({"executionArn":")" + exec + "\"}");
  CHECK(Str(for_exec, "stateMachineArn") == arn);
  CHECK(Str(for_exec, "definition") == kDefinition);
  CHECK(api.Fail("SendTaskSuccess", R"({"taskToken":"t","output":"{}"})") ==
        "TaskDoesNotExist: Task Does Not Exist: 't'");
}

TEST_CASE("StopExecution, status filter and paging of executions") {
  Api api;
  std::string arn = api.Create("flow");
  api.runner.hold = true;
  for (int i = 0; i < 3; ++i)
    api.Ok("StartExecution",
           R"({"stateMachineArn":")" + arn + R"(","name":"e)" + std::to_string(i) + "\"}");
  std::string e1 = kPrefix + "execution:flow:e1";
  // Same name and input while running: idempotent.
  CHECK(Str(api.Ok("StartExecution", R"({"stateMachineArn":")" + arn + R"(","name":"e1"})"),
            "executionArn") == e1);
  api.Ok("StopExecution", R"({"executionArn":")" + e1 + R"(","error":"E"})");
  CHECK(api.runner.calls.back() == "Stop E");
  Json running =
      api.Ok("ListExecutions", R"({"stateMachineArn":")" + arn + R"(","statusFilter":"RUNNING"})");
  CHECK(running.Find("executions")->size() == 2);
  Json page = api.Ok("ListExecutions", R"({"stateMachineArn":")" + arn + R"(","maxResults":2})");
  auto items = page.Find("executions")->AsArray();
  REQUIRE(items.size() == 2);
  CHECK(Str(items[0], "name") == "e2");  // newest first
  Json rest = api.Ok("ListExecutions", R"({"stateMachineArn":")" + arn +
                                           R"(","maxResults":2,"nextToken":")" +
                                           Str(page, "nextToken") + "\"}");
  REQUIRE(rest.Find("executions")->size() == 1);
  CHECK(Str(rest.Find("executions")->AsArray()[0], "status") == "RUNNING");
  CHECK(api.Fail("ListExecutions",
                 R"({"stateMachineArn":")" + arn + R"(","statusFilter":"succeeded"})") ==
        "ValidationException: 1 validation error detected: Value 'succeeded' at 'statusFilter' "
        "failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, "
        "TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]");
}

TEST_CASE("Express state machines") {
  Api api;
  std::string arn = api.Create("fast", R"("type":"EXPRESS")");
  Json started = api.Ok("StartExecution", R"({"stateMachineArn":")" + arn + R"(","name":"x"})");
  std::string exec = Str(started, "executionArn");
  CHECK(exec.rfind(kPrefix + "express:fast:x:", 0) == 0);
  CHECK(api.Fail("DescribeExecution", R"({"executionArn":")" + exec + "\"}") ==
        "InvalidArn: Invalid Arn: 'Resource type not valid in this context: express'");
  CHECK(api.Fail("ListExecutions", R"({"stateMachineArn":")" + arn + "\"}") ==
        "StateMachineTypeNotSupported: This operation is not supported by this type of state "
        "machine");
  Json sync =
      api.Ok("StartSyncExecution", R"({"stateMachineArn":")" + arn + R"(","input":"{\"a\":1}"})");
  CHECK(Str(sync, "status") == "SUCCEEDED");
  CHECK(Str(sync, "output") == R"({"a":1})");
  CHECK(sync.Find("billingDetails")->Find("billedDurationInMilliseconds")->AsInt() == 100);
  std::string standard = api.Create("slow");
  CHECK(api.Fail("StartSyncExecution", R"({"stateMachineArn":")" + standard + "\"}") ==
        "StateMachineTypeNotSupported: This operation is not supported by this type of state "
        "machine");
}

TEST_CASE("Versions, aliases and tags") {
  Api api;
  std::string arn = api.Create("v", R"("publish":true,"versionDescription":"first")");
  Json v1 = api.Ok("DescribeStateMachine", R"({"stateMachineArn":")" + arn + R"(:1"})");
  CHECK(Str(v1, "description") == "first");
  CHECK(Str(v1, "stateMachineArn") == arn + ":1");
  Json published = api.Ok("PublishStateMachineVersion", R"({"stateMachineArn":")" + arn + "\"}");
  CHECK(Str(published, "stateMachineVersionArn") == arn + ":1");
  Json alias = api.Ok("CreateStateMachineAlias",
                      R"({"name":"PROD","routingConfiguration":[{"stateMachineVersionArn":")" +
                          arn + R"(:1","weight":100}]})");
  std::string alias_arn = Str(alias, "stateMachineAliasArn");
  CHECK(alias_arn == arn + ":PROD");
  CHECK(api.Fail("CreateStateMachineAlias",
                 R"({"name":"123","routingConfiguration":[{"stateMachineVersionArn":")" + arn +
                     R"(:1","weight":100}]})") ==
        "ValidationException: 1 validation error detected: Value '123' at 'name' failed to "
        "satisfy constraint: Member must satisfy regular expression pattern: "
        "^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$");
  Json d = api.Ok("DescribeStateMachineAlias", R"({"stateMachineAliasArn":")" + alias_arn + "\"}");
  CHECK(sfn::Dump(*d.Find("routingConfiguration")) ==
        R"([{"stateMachineVersionArn":")" + arn + R"(:1","weight":100}])");
  Json run = api.Ok("StartExecution", R"({"stateMachineArn":")" + alias_arn + "\"}");
  Json described =
      api.Ok("DescribeExecution", R"({"executionArn":")" + Str(run, "executionArn") + "\"}");
  CHECK(Str(described, "stateMachineAliasArn") == alias_arn);
  CHECK(Str(described, "stateMachineVersionArn") == arn + ":1");
  CHECK(api.Fail("DeleteStateMachineVersion", R"({"stateMachineVersionArn":")" + arn + R"(:1"})") ==
        "ConflictException: Version to be deleted must not be referenced by an alias. Current "
        "list of aliases referencing this version: [PROD]");
  CHECK(api.Ok("ListStateMachineAliases", R"({"stateMachineArn":")" + arn + "\"}")
            .Find("stateMachineAliases")
            ->size() == 1);
  api.Ok("DeleteStateMachineAlias", R"({"stateMachineAliasArn":")" + alias_arn + "\"}");
  api.Ok("DeleteStateMachineVersion", R"({"stateMachineVersionArn":")" + arn + R"(:1"})");
  CHECK(api.Ok("ListStateMachineVersions", R"({"stateMachineArn":")" + arn + "\"}")
            .Find("stateMachineVersions")
            ->size() == 0);
  api.Ok("TagResource", R"({"resourceArn":")" + arn + R"(","tags":[{"key":"k","value":"v"}]})");
  CHECK(sfn::Dump(api.Ok("ListTagsForResource", R"({"resourceArn":")" + arn + "\"}")) ==
        R"({"tags":[{"key":"k","value":"v"}]})");
  CHECK(api.Fail("TagResource", R"({"resourceArn":")" + arn + R"(:1","tags":[]})") ==
        "ResourceNotFound: Resource not found: '" + arn + ":1'");
  Json validate =
      api.Ok("ValidateStateMachineDefinition", R"({"definition":"{\"StartAt\":\"S\"}"})");
  CHECK(Str(validate, "result") == "FAIL");
  CHECK(api.Ok("ValidateStateMachineDefinition",
               sfn::Dump(ObjectBuilder().Add("definition", Json(kDefinition)).Build()))
            .Find("diagnostics")
            ->size() == 0);
}

TEST_CASE("Qualified ARNs where only a state machine ARN is accepted") {
  Api api;
  std::string arn = api.Create("q", R"("publish":true)");
  CHECK(api.Fail("UpdateStateMachine", R"({"stateMachineArn":")" + arn + R"(:1","roleArn":"r"})") ==
        "StateMachineDoesNotExist: State Machine Does Not Exist: '" + arn + ":1'");
  CHECK(api.Fail("PublishStateMachineVersion", R"({"stateMachineArn":"invalid_arn"})") ==
        "InvalidArn: Invalid Arn: 'Invalid ARN prefix: invalid_arn'");
  CHECK(api.Fail("PublishStateMachineVersion", R"({"stateMachineArn":")" + arn + R"(x"})") ==
        "StateMachineDoesNotExist: State Machine Does Not Exist: '" + arn + "x'");
  CHECK(api.Fail("DescribeStateMachineAlias", R"({"stateMachineAliasArn":")" + arn + "\"}") ==
        "ResourceNotFound: Request references a resource that does not exist.");
  api.Ok("DeleteStateMachineVersion", R"({"stateMachineVersionArn":")" + arn + "\"}");
  CHECK(api.Ok("ListStateMachineVersions", R"({"stateMachineArn":")" + arn + "\"}")
            .Find("stateMachineVersions")
            ->size() == 1);
}

TEST_CASE("The action table is sorted (FindAction uses binary search)") {
  for (const char* name : {"CreateStateMachine", "ListStateMachines", "ListStateMachineAliases",
                           "ValidateStateMachineDefinition", "UpdateStateMachineAlias",
                           "DescribeStateMachineForExecution", "StartSyncExecution"}) {
    CAPTURE(name);
    CHECK(IsKnownAction(name));
  }
  CHECK(IsKnownAction("CreateActivity"));
  CHECK(IsKnownAction("GetActivityTask"));
}
