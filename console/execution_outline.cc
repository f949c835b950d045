// console/execution_outline.cc
#include "console/execution_outline.h"

#include <string_view>
#include <utility>

#include "console/json_fields.h"
#include "emulator/api/response_shapes.h"

namespace sfn::console {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

Json Timestamp(const Json& event) { return Member(event, "timestamp"); }

// The event's details object (the one member ending in "EventDetails").
Json Details(const Json& event) {
  if (!event.is_object()) return Json();
  for (const auto& [key, value] : event.AsObject()) {
    if (EndsWith(key, "EventDetails")) return value;
  }
  return Json();
}

// An error that ends a state's attempt (not the execution's own events,
// which repeat the state's error, nor Map iteration and Map Run events).
bool IsFailure(std::string_view type) {
  if (StartsWith(type, "Execution") || StartsWith(type, "MapIteration") ||
      StartsWith(type, "MapRun")) {
    return false;
  }
  return EndsWith(type, "Failed") || EndsWith(type, "TimedOut") || EndsWith(type, "Aborted");
}

// The start of one attempt: a task scheduled, or a Parallel or Map started
// (again after a failure, when retried).
bool IsAttempt(std::string_view type) {
  return type == "TaskScheduled" || type == "ActivityScheduled" ||
         type == "LambdaFunctionScheduled" || type == "ParallelStateStarted" ||
         type == "MapStateStarted";
}

// Events after which a branch or an iteration begins.
bool OpensScope(std::string_view type) {
  return type == "ParallelStateStarted" || type == "MapStateStarted" ||
         type == "MapIterationStarted";
}

// The events of a Parallel or Map state itself, before its branches run.
bool StartsFork(std::string_view type) {
  return type == "ParallelStateEntered" || type == "ParallelStateStarted" ||
         type == "MapStateEntered" || type == "MapStateStarted";
}

bool EndsFork(std::string_view type) {
  return type == "ParallelStateSucceeded" || type == "ParallelStateFailed" ||
         type == "ParallelStateAborted" || type == "MapStateSucceeded" ||
         type == "MapStateFailed" || type == "MapStateAborted";
}

std::string IterationStatus(std::string_view type) {
  if (type == "MapIterationStarted") return "RUNNING";
  if (type == "MapIterationSucceeded") return "SUCCEEDED";
  if (type == "MapIterationFailed") return "FAILED";
  return "ABORTED";
}

class Outliner {
 public:
  explicit Outliner(const Json::Array& events) : events_(events) {}

  ExecutionOutline Run(const std::string& status) {
    for (size_t i = 0; i < events_.size(); ++i) Attribute(i);
    for (auto& [name, s] : out_.states) Decide(&s, status);
    return std::move(out_);
  }

 private:
  // The index of the event with id `id`, or npos.
  size_t IndexOf(int64_t id) const {
    return id >= 1 && static_cast<size_t>(id) <= events_.size() ? static_cast<size_t>(id - 1)
                                                                : std::string::npos;
  }

  // Finds event i's state, scope and iteration, then counts it for its state.
  void Attribute(size_t i) {
    const Json& e = events_[i];
    const std::string type = StringMember(e, "type");
    const Json details = Details(e);
    const std::string state = Locate(type, details, IndexOf(IntMember(e, "previousEventId", 0)));
    if (state.empty() || StartsWith(type, "MapIteration")) return;
    StateOutline& s = out_.states[state];
    s.event_ids.push_back(IntMember(e, "id", static_cast<int64_t>(i + 1)));
    Count(&s, e, type, details);
  }

  // Appends the event's state, scope and iteration (from its previous
  // event's unless the event itself says otherwise); returns the state.
  std::string Locate(const std::string& type, const Json& details, size_t prev) {
    const bool has_prev = prev != std::string::npos;
    const std::string prev_type = has_prev ? StringMember(events_[prev], "type") : "";
    std::string state = has_prev ? out_.event_state[prev] : "";
    std::string scope = has_prev ? scope_[prev] : "";
    int64_t iteration = has_prev ? out_.event_iteration[prev] : -1;
    if (OpensScope(prev_type)) scope = state;
    if (EndsWith(type, "StateEntered") || EndsWith(type, "StateExited")) {
      state = StringMember(details, "name");
    }
    if (EndsWith(type, "StateEntered")) scope_of_state_[state] = scope;
    if (StartsWith(type, "Execution")) state.clear();
    if (StartsWith(type, "MapIteration")) {
      state = StringMember(details, "name");
      const int64_t index = IntMember(details, "index", -1);
      out_.states[state].iterations[index] = IterationStatus(type);
      if (type == "MapIterationStarted") iteration = index;
    }
    // A Parallel or Map ends after the last event of a branch or iteration;
    // that event's scope is the fork state (unless the fork failed before
    // any branch started).
    if (EndsFork(type) && has_prev && !StartsFork(prev_type)) {
      state = scope;
      scope = scope_of_state_[state];
      iteration = -1;
    }
    scope_.push_back(scope);
    out_.event_state.push_back(state);
    out_.event_iteration.push_back(iteration);
    return state;
  }

  static void Count(StateOutline* s, const Json& e, const std::string& type, const Json& details) {
    if (EndsWith(type, "StateEntered")) {
      Enter(s, e, details);
      s->fail_state = type == "FailStateEntered";
    } else if (EndsWith(type, "StateExited")) {
      ++s->exited;
      // Exited right after an error that was not retried: a Catch fired.
      if (s->error_pending) ++s->caught;
      s->error_pending = false;
      if (const Json* output = details.is_object() ? details.Find("output") : nullptr) {
        s->output = *output;
      }
      s->exited_at = Timestamp(e);
    } else if (IsAttempt(type)) {
      ++s->attempts;
      s->error_pending = false;  // a retry
      s->attempt_list.push_back(Attempt{Timestamp(e), Json(), Json(), Json()});
    } else if (IsFailure(type)) {
      ++s->failures;
      s->error_pending = true;
      s->error = Member(details, "error");
      s->cause = Member(details, "cause");
      EndAttempt(s, e, s->error, s->cause);
    } else if (EndsWith(type, "Succeeded")) {
      EndAttempt(s, e, Json(), Json());
    }
  }

  static void EndAttempt(StateOutline* s, const Json& e, Json error, Json cause) {
    if (s->attempt_list.empty() || !s->attempt_list.back().ended_at.is_null()) return;
    Attempt& a = s->attempt_list.back();
    a.ended_at = Timestamp(e);
    a.error = std::move(error);
    a.cause = std::move(cause);
  }

  static void Enter(StateOutline* s, const Json& e, const Json& details) {
    ++s->entered;
    if (const Json* input = details.is_object() ? details.Find("input") : nullptr) {
      s->input = *input;
    }
    if (s->entered_at.is_null()) s->entered_at = Timestamp(e);
  }

  static void Decide(StateOutline* s, const std::string& status) {
    if (s->entered == 0) return;  // only Map iteration events: not a state we saw
    s->retried = s->attempts > s->entered;
    if (s->attempts == 0) s->attempts = s->entered;
    const bool open = s->entered > s->exited;
    if (open && s->fail_state) {
      s->outcome = "failed";  // a Fail state never exits: entering it fails
    } else if (open && status == "RUNNING") {
      s->outcome = "running";
    } else if (open) {
      s->outcome = "failed";
    } else if (s->caught > 0) {
      s->outcome = "caught";
    } else {
      s->outcome = "succeeded";
    }
  }

  const Json::Array& events_;
  ExecutionOutline out_;
  // Per event: the Parallel or Map state whose branch or iteration it runs
  // in ("" at the top level); per state: the scope it was entered in.
  std::vector<std::string> scope_;
  std::map<std::string, std::string> scope_of_state_;
};

}  // namespace

ExecutionOutline OutlineExecution(const Json::Array& events, const std::string& status) {
  return Outliner(events).Run(status);
}

namespace {

Json AttemptsToJson(const std::vector<Attempt>& attempts) {
  Json::Array out;
  for (const Attempt& a : attempts) {
    out.push_back(emulator::ObjectBuilder()
                      .Add("startedAt", a.started_at)
                      .Add("endedAt", a.ended_at)
                      .Add("error", a.error)
                      .Add("cause", a.cause)
                      .Build());
  }
  return Json::MakeArray(std::move(out));
}

Json StateToJson(const StateOutline& s) {
  Json::Array ids;
  for (int64_t id : s.event_ids) ids.emplace_back(id);
  Json::Object iterations;
  for (const auto& [index, status] : s.iterations) {
    iterations.emplace_back(std::to_string(index), Json(status));
  }
  return emulator::ObjectBuilder()
      .Add("outcome", Json(s.outcome))
      .Add("retried", Json(s.retried))
      .Add("entered", Json(s.entered))
      .Add("exited", Json(s.exited))
      .Add("caught", Json(s.caught))
      .Add("failures", Json(s.failures))
      .Add("attempts", Json(s.attempts))
      .Add("attemptList", AttemptsToJson(s.attempt_list))
      .Add("input", s.input)
      .Add("output", s.output)
      .Add("error", s.error)
      .Add("cause", s.cause)
      .Add("enteredAt", s.entered_at)
      .Add("exitedAt", s.exited_at)
      .Add("eventIds", Json::MakeArray(std::move(ids)))
      .Add("iterations", Json::MakeObject(std::move(iterations)))
      .Build();
}

}  // namespace

Json OutlineToJson(const ExecutionOutline& outline) {
  Json::Object states;
  for (const auto& [name, s] : outline.states) {
    if (!s.outcome.empty()) states.emplace_back(name, StateToJson(s));
  }
  Json::Array events;
  for (size_t i = 0; i < outline.event_state.size(); ++i) {
    Json::Object e;
    e.emplace_back("state", Json(outline.event_state[i]));
    e.emplace_back("iteration", Json(outline.event_iteration[i]));
    events.push_back(Json::MakeObject(std::move(e)));
  }
  Json::Object out;
  out.emplace_back("states", Json::MakeObject(std::move(states)));
  out.emplace_back("events", Json::MakeArray(std::move(events)));
  return Json::MakeObject(std::move(out));
}

}  // namespace sfn::console
