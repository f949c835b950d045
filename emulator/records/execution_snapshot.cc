// emulator/records/execution_snapshot.cc: one execution in the state file
// (its record, end, redrive point and history), and back.
#include <optional>
#include <string>

#include "asl/definition/definition.h"
#include "emulator/records/history_events.h"
#include "emulator/records/snapshot.h"
#include "emulator/records/snapshot_internal.h"

namespace sfn::emulator::snapshot_internal {
namespace {

Json ErrorOrNull(bool has, const std::string& s) { return has ? Json(s) : Json(); }

Json RedrivePointToJson(const std::optional<RedrivePoint>& point) {
  if (!point || point->state == nullptr) return Json();
  Json::Array variables;
  for (const auto& [name, value] : point->variables) {
    variables.push_back(Json::MakeArray({Json(name), Json(Dump(value))}));
  }
  return Json::MakeObject({{"state", Json(point->state->name)},
                           {"input", Json(Dump(point->input))},
                           {"variables", Json::MakeArray(std::move(variables))}});
}

std::optional<ExecutionStatus> StatusNamed(const std::string& name) {
  for (ExecutionStatus s :
       {ExecutionStatus::kRunning, ExecutionStatus::kSucceeded, ExecutionStatus::kFailed,
        ExecutionStatus::kTimedOut, ExecutionStatus::kAborted}) {
    if (name == ExecutionStatusName(s)) return s;
  }
  return std::nullopt;
}

std::optional<asl::EventType> EventTypeNamed(std::string_view name) {
  for (const asl::EventTypeInfo& info : asl::kEventTypes) {
    if (info.name == name) return info.type;
  }
  return std::nullopt;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

void SetVariable(std::vector<std::pair<std::string, Json>>* vars, const std::string& name,
                 Json value) {
  for (auto& [n, v] : *vars) {
    if (n == name) {
      v = std::move(value);
      return;
    }
  }
  vars->emplace_back(name, std::move(value));
}

// Where a redrive of an execution that ended with no recorded point goes
// on: the last top-level state its history entered, with that state's
// input and the variables top-level states assigned until then (state
// names are unique in a whole state machine, so a name tells whether an
// event is top-level). With no such state: the start, with the input.
RedrivePoint RedrivePointFromHistory(const History& history, const asl::StateMachine& machine,
                                     const Json& execution_input) {
  RedrivePoint point;
  point.state = machine.program.Find(machine.program.start_at);
  point.input = execution_input;
  std::vector<std::pair<std::string, Json>> vars;
  for (const HistoryEvent& e : history.All()) {
    const std::string_view type = asl::EventTypeName(e.type);
    const Json* name = e.details.is_object() ? e.details.Find("name") : nullptr;
    if (name == nullptr || !name->is_string()) continue;
    const asl::State* state = machine.program.Find(name->AsString());
    if (state == nullptr) continue;
    if (EndsWith(type, "StateEntered")) {
      const Json* input = e.details.Find("input");
      JsonParseResult parsed = ParseJson(input && input->is_string() ? input->AsString() : "");
      point.state = state;
      point.input = parsed.ok ? parsed.value : execution_input;
      point.variables = vars;
    } else if (EndsWith(type, "StateExited")) {
      const Json* assigned = e.details.Find("assignedVariables");
      if (assigned == nullptr || !assigned->is_object()) continue;
      for (const auto& [var, text] : assigned->AsObject()) {
        JsonParseResult parsed = ParseJson(text.is_string() ? text.AsString() : "");
        if (parsed.ok) SetVariable(&vars, var, parsed.value);
      }
    }
  }
  return point;
}

void ReadHistory(FieldReader& r, History* history) {
  const Json::Array& events = r.Arr("history");
  for (size_t i = 0; i < events.size() && r.ok(); ++i) {
    const Json& e = events[i];
    const Json::Array* a = e.is_array() ? &e.AsArray() : nullptr;
    std::optional<asl::EventType> type;
    if (a != nullptr && a->size() == 4 && (*a)[2].is_string())
      type = EventTypeNamed((*a)[2].AsString());
    if (!type || !(*a)[0].is_int() || !(*a)[1].is_int() ||
        !((*a)[3].is_null() || (*a)[3].is_object())) {
      r.Fail("history[" + std::to_string(i) +
             "] must be [previousEventId, timestamp, \"<known event type>\", details]");
      return;
    }
    history->Append(*type, (*a)[0].AsInt(), (*a)[1].AsInt(), (*a)[3]);
  }
}

std::optional<RedrivePoint> ReadRedrivePoint(FieldReader& r, const asl::StateMachine& machine) {
  Json saved = r.Any("redrivePoint");
  if (saved.is_null()) return std::nullopt;
  FieldReader p = r.Sub(saved, "redrivePoint");
  RedrivePoint point;
  const std::string state = p.Str("state");
  point.state = machine.program.Find(state);
  if (p.ok() && point.state == nullptr) p.Fail("no top-level state is named '" + state + "'");
  point.input = p.Text("input");
  const Json::Array& variables = p.Arr("variables");
  for (size_t i = 0; i < variables.size() && p.ok(); ++i) {
    const Json& pair = variables[i];
    const Json::Array* a = pair.is_array() ? &pair.AsArray() : nullptr;
    JsonParseResult value;
    if (a != nullptr && a->size() == 2 && (*a)[0].is_string() && (*a)[1].is_string()) {
      value = ParseJson((*a)[1].AsString());
    }
    if (!value.ok) {
      p.Fail("variables[" + std::to_string(i) + "] must be [name, \"<JSON text>\"]");
      break;
    }
    point.variables.emplace_back((*a)[0].AsString(), std::move(value.value));
  }
  return point;
}

}  // namespace

Json HistoryToJson(const History& history) {
  Json::Array events;
  for (const HistoryEvent& e : history.All()) {
    events.push_back(Json::MakeArray({Json(e.previous_event_id), Json(e.timestamp_ms),
                                      Json(asl::EventTypeName(e.type)), e.details}));
  }
  return Json::MakeArray(std::move(events));
}

Json ExecutionToJson(const Execution& e, size_t revision_index) {
  // The end is read around the history: an execution that ends (or is
  // redriven) meanwhile is read again, so the two agree.
  ExecutionEnd end = e.end();
  Json history = HistoryToJson(e.history());
  if (ExecutionEnd again = e.end(); again.status != end.status || again.stop_ms != end.stop_ms) {
    end = std::move(again);
    history = HistoryToJson(e.history());
  }
  const ExecutionSpec& s = e.spec();
  return Json::MakeObject({
      {"arn", Json(s.arn)},
      {"name", Json(s.name)},
      {"stateMachineArn", Json(s.state_machine_arn)},
      {"stateMachineName", Json(s.state_machine_name)},
      {"versionArn", Json(s.version_arn)},
      {"aliasArn", Json(s.alias_arn)},
      {"type", Json(s.type)},
      {"roleArn", Json(s.role_arn)},
      {"region", Json(s.region)},
      {"account", Json(s.account)},
      {"revision", Json(static_cast<int64_t>(revision_index))},
      {"input", Json(s.input_text.empty() ? "{}" : s.input_text)},
      {"testCase", Json(s.test_case)},
      {"traceHeader", Json(s.trace_header)},
      {"startMs", Json(s.start_ms)},
      {"status", Json(ExecutionStatusName(end.status))},
      {"stopMs", Json(end.stop_ms)},
      {"output", end.output_text},
      {"error", ErrorOrNull(end.has_error, end.error)},
      {"cause", ErrorOrNull(end.has_cause, end.cause)},
      {"redriveCount", Json(e.redrive_count())},
      {"redriveMs", Json(e.redrive_ms())},
      {"redrivePoint", RedrivePointToJson(e.redrive_point())},
      {"history", std::move(history)},
  });
}

std::shared_ptr<Execution> ExecutionFromJson(FieldReader& r,
                                             std::shared_ptr<const asl::StateMachine> machine,
                                             int64_t now_ms, bool* was_running) {
  ExecutionSpec s;
  s.arn = r.Str("arn");
  s.name = r.Str("name");
  s.state_machine_arn = r.Str("stateMachineArn");
  s.state_machine_name = r.Str("stateMachineName");
  s.version_arn = r.Str("versionArn");
  s.alias_arn = r.Str("aliasArn");
  s.type = r.Str("type");
  s.role_arn = r.Str("roleArn");
  s.region = r.Str("region");
  s.account = r.Str("account");
  s.input_text = r.Str("input");
  const Json input = r.Text("input");  // checked now; the execution parses it when needed
  s.test_case = r.Str("testCase");
  s.trace_header = r.Str("traceHeader");
  s.start_ms = r.Int("startMs");
  s.machine = machine;
  ExecutionEnd end;
  const std::string status_name = r.Str("status");
  std::optional<ExecutionStatus> status = StatusNamed(status_name);
  if (r.ok() && !status) r.Fail("\"status\" is not an execution status: " + status_name);
  end.status = status.value_or(ExecutionStatus::kRunning);
  end.stop_ms = r.Int("stopMs");
  if (!r.Any("output").is_null()) {
    r.Text("output");  // checked: JSON text
    end.output_text = Json(r.Str("output"));
  }
  const std::optional<std::string> error = r.OptStr("error"), cause = r.OptStr("cause");
  end.has_error = error.has_value();
  end.has_cause = cause.has_value();
  end.error = error.value_or("");
  end.cause = cause.value_or("");
  const int64_t redrive_count = r.Int("redriveCount"), redrive_ms = r.Int("redriveMs");
  std::optional<RedrivePoint> point = r.ok() ? ReadRedrivePoint(r, *machine) : std::nullopt;
  auto e = std::make_shared<Execution>(std::move(s));
  ReadHistory(r, &e->history());
  if (!r.ok()) return nullptr;
  *was_running = end.status == ExecutionStatus::kRunning;
  if (*was_running) {
    end.status = ExecutionStatus::kAborted;
    end.stop_ms = now_ms;
    end.error = std::string(kStoppedError);
    end.cause = std::string(kStoppedCause);
    end.has_error = end.has_cause = true;
    e->history().Append(asl::EventType::kExecutionAborted,
                        static_cast<int64_t>(e->history().size()), now_ms,
                        ErrorCauseDetails(end.error, true, end.cause, true));
  }
  if (!point && end.status != ExecutionStatus::kSucceeded) {
    point = RedrivePointFromHistory(e->history(), *machine, input);
  }
  e->history().ShrinkToFit();
  e->Restore(std::move(end), redrive_count, redrive_ms, std::move(point));
  return e;
}

}  // namespace sfn::emulator::snapshot_internal
