// emulator/actions_test_state.cc: TestState — one state run in isolation,
// given as a single state definition or as `stateName` in a whole state
// machine, with an optional mocked answer for Task, Map and Parallel.
#include "asl/definition/parser.h"
#include "emulator/api/actions_internal.h"
#include "emulator/engine/test_state_runner.h"

namespace sfn::emulator::actions {
namespace {

// The name a single-state definition runs under ($$.State.Name).
constexpr const char* kSingleStateName = "StateName";

struct Prepared {
  std::shared_ptr<const asl::StateMachine> machine;
  const asl::State* state = nullptr;
};

// Every state name a single state may move to: it must exist for the
// definition to be valid, so each gets a Succeed placeholder.
void CollectTargets(const Json& state, Json::Object* placeholders) {
  auto add = [placeholders](const Json* next) {
    if (next == nullptr || !next->is_string()) return;
    for (const auto& [name, unused] : *placeholders) {
      if (name == next->AsString()) return;
    }
    if (next->AsString() == kSingleStateName) return;
    placeholders->emplace_back(next->AsString(), Json::MakeObject({{"Type", Json("Succeed")}}));
  };
  add(state.Find("Next"));
  add(state.Find("Default"));
  for (const char* list : {"Choices", "Catch"}) {
    const Json* items = state.Find(list);
    if (items == nullptr || !items->is_array()) continue;
    for (const Json& item : items->AsArray()) {
      if (item.is_object()) add(item.Find("Next"));
    }
  }
}

std::variant<Prepared, ApiError> ParseMachine(const std::string& text,
                                              const std::string& state_name) {
  asl::ParseResult r = asl::ParseDefinition(text);
  if (r.machine == nullptr) return ServiceError("InvalidDefinition", r.invalid_definition_message);
  Prepared p;
  p.machine = r.machine;
  p.state = r.machine->program.Find(state_name);
  if (p.state == nullptr) {
    return ValidationError("State '" + state_name + "' does not exist in the definition");
  }
  return p;
}

std::variant<Prepared, ApiError> Prepare(const std::string& definition,
                                         const std::optional<std::string>& state_name) {
  JsonParseResult parsed = ParseJson(definition);
  const bool single = parsed.ok && parsed.value.is_object() &&
                      parsed.value.Find("States") == nullptr && !state_name;
  if (!single) {
    std::string name = state_name.value_or("");
    if (!state_name && parsed.ok && parsed.value.is_object()) {
      if (const Json* start = parsed.value.Find("StartAt"); start && start->is_string())
        name = start->AsString();
    }
    return ParseMachine(definition, name);
  }
  Json::Object states;
  states.emplace_back(kSingleStateName, parsed.value);
  CollectTargets(parsed.value, &states);
  Json machine = Json::MakeObject(
      {{"StartAt", Json(kSingleStateName)}, {"States", Json::MakeObject(std::move(states))}});
  return ParseMachine(Dump(machine), kSingleStateName);
}

bool IsExecutionState(asl::StateType type) {
  return type == asl::StateType::kTask || type == asl::StateType::kMap ||
         type == asl::StateType::kParallel;
}

// The mocked answer, checked against the state it stands for.
std::variant<std::optional<asl::TaskOutcome>, ApiError> ReadMock(const Json* mock,
                                                                 const asl::State& state) {
  if (mock == nullptr) return std::optional<asl::TaskOutcome>();
  const Json* result = mock->Find("result");
  const Json* error_output = mock->Find("errorOutput");
  if ((result == nullptr) == (error_output == nullptr)) {
    return ValidationError(
        "A test mock should have only one of the following fields: [result, errorOutput].");
  }
  if (!IsExecutionState(state.type)) {
    return ValidationError("State type '" + std::string(asl::StateTypeName(state.type)) +
                           "' is not supported when a mock is specified");
  }
  if (error_output != nullptr) {
    return std::optional<asl::TaskOutcome>(
        asl::TaskOutcome::Failed(GetString(*error_output, "error").value_or(""),
                                 GetString(*error_output, "cause").value_or("")));
  }
  JsonParseResult value = ParseJson(result->is_string() ? result->AsString() : "");
  if (!value.ok) return ValidationError("Mocked result must be valid JSON");
  if (state.type != asl::StateType::kTask && !value.value.is_array())
    return ValidationError("Mocked result must be a JSON array.");
  return std::optional<asl::TaskOutcome>(asl::TaskOutcome::Succeeded(std::move(value.value)));
}

// What a state needs to run without a mock.
std::optional<ApiError> CheckUnmocked(const asl::State& state, const Json& req) {
  if (state.type == asl::StateType::kMap || state.type == asl::StateType::kParallel) {
    return ServiceError("InvalidDefinition",
                        "TestState API does not support Map or Parallel states without a mock. "
                        "Supported state types include: [Task, Wait, Pass, Succeed, Fail, "
                        "Choice]");
  }
  if (state.type != asl::StateType::kTask) return std::nullopt;
  const auto& task = static_cast<const asl::TaskState&>(state);
  if (task.pattern != asl::TaskPattern::kRequestResponse ||
      task.resource.find(":activity:") != std::string::npos) {
    return ValidationError(
        "TestState only supports Activity tasks and the .sync or .waitForTaskToken "
        "integration patterns when a mock is specified");
  }
  if (!GetString(req, "roleArn")) {
    return ValidationError("RoleArn must be specified when testing a Task state");
  }
  return std::nullopt;
}

// The state's input, checked as StartExecution checks it; {} when absent.
std::variant<Json, ApiError> ReadInput(const Json& req) {
  auto text = GetString(req, "input");
  if (!text) return Json::MakeObject({});
  return ParseExecutionInput(*text);
}

// The variables in scope: a JSON object, or null when absent.
std::variant<Json, ApiError> ReadVariables(const Json& req) {
  auto text = GetString(req, "variables");
  if (!text) return Json();
  JsonParseResult parsed = ParseJson(*text);
  if (!parsed.ok || !parsed.value.is_object())
    return ValidationError("Invalid variables: must be a JSON object");
  return parsed.value;
}

// A stage that happened, as JSON text (null: the stage did not run).
void AddStage(ObjectBuilder* b, const char* key, const Json& value) {
  if (!value.is_null()) b->Add(key, Json(Dump(value)));
}

Json RenderInspection(const TestStateOutcome& out, const Json& input, bool jsonata) {
  const asl::Inspection& in = out.inspection;
  ObjectBuilder b;
  b.Add("input", Json(Dump(input)));
  AddStage(&b, "afterInputPath", in.after_input_path);
  AddStage(&b, jsonata ? "afterArguments" : "afterParameters", in.after_parameters);
  AddStage(&b, "result", in.result);
  AddStage(&b, "afterResultSelector", in.after_result_selector);
  AddStage(&b, "afterResultPath", in.after_result_path);
  if (!out.variables.is_null()) b.Add("variables", Json(Dump(out.variables)));
  if (in.catch_index >= 0) {
    b.Add("errorDetails", ObjectBuilder().Add("catchIndex", Json(int64_t{in.catch_index})).Build());
  } else if (in.retry_index >= 0) {
    b.Add("errorDetails",
          ObjectBuilder()
              .Add("retryIndex", Json(int64_t{in.retry_index}))
              .Add("retryBackoffIntervalSeconds", Json(in.retry_backoff_ms / 1000))
              .Build());
  }
  return b.Build();
}

Json Render(const TestStateOutcome& out, const Json& input, const asl::State& state,
            bool inspect) {
  ObjectBuilder b;
  if (out.output) b.Add("output", Json(Dump(*out.output)));
  if (out.error) b.Add("error", Json(*out.error));
  if (out.cause) b.Add("cause", Json(*out.cause));
  if (inspect) {
    const bool jsonata = state.query_language == asl::QueryLanguage::kJsonata;
    b.Add("inspectionData", RenderInspection(out, input, jsonata));
  }
  b.AddNonEmpty("nextState", out.next_state);
  b.Add("status", Json(TestStatusName(out.status)));
  return b.Build();
}

}  // namespace

ApiResult TestState(const Env& env, const Json& req) {
  auto prepared = Prepare(GetString(req, "definition").value_or(""), GetString(req, "stateName"));
  if (auto* err = std::get_if<ApiError>(&prepared)) return *err;
  const Prepared& p = std::get<Prepared>(prepared);
  auto mock = ReadMock(GetMember(req, "mock"), *p.state);
  if (auto* err = std::get_if<ApiError>(&mock)) return *err;
  TestStateRun run;
  run.mock = std::get<0>(mock);
  if (!run.mock) {
    if (auto err = CheckUnmocked(*p.state, req)) return *err;
  }
  auto input = ReadInput(req);
  if (auto* err = std::get_if<ApiError>(&input)) return *err;
  auto variables = ReadVariables(req);
  if (auto* err = std::get_if<ApiError>(&variables)) return *err;
  run.machine = p.machine;
  run.state = p.state;
  run.machine_name = "TestStateMachine";
  run.input = std::get<Json>(input);
  run.variables = std::get<Json>(variables);
  if (const Json* config = GetMember(req, "stateConfiguration")) {
    run.retrier_retry_count = static_cast<int>(GetInt(*config, "retrierRetryCount").value_or(0));
  }
  run.region = env.ctx.region;
  run.account = env.ctx.account;
  run.role_arn = GetString(req, "roleArn").value_or("");
  run.invoker = env.hooks.task_invoker;
  TestStateOutcome out = RunTestState(run);
  const std::string level = GetString(req, "inspectionLevel").value_or("INFO");
  return Render(out, run.input, *p.state, level != "INFO");
}

}  // namespace sfn::emulator::actions
