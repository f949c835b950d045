// tests/support/interpreter_harness.h
//
// Drives asl::Interpreter without the engine: parses a definition, records
// events in memory, answers tasks from a script and fires timers at once.
// Single-threaded and deterministic (fixed clock, random and UUIDs). Forks
// stop the run unless their joined outcome is queued (QueueFork); the
// engine's side of forks is covered by engine_test.cc.
#ifndef SFN_TESTS_SUPPORT_INTERPRETER_HARNESS_H_
#define SFN_TESTS_SUPPORT_INTERPRETER_HARNESS_H_

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "asl/definition/definition.h"
#include "asl/definition/parser.h"
#include "asl/interpreter/context_object.h"
#include "asl/interpreter/interpreter.h"
#include "tests/support/fake_environment.h"

namespace sfn::testing {

struct RecordedEvent {
  int64_t id = 0;
  int64_t previous_id = 0;
  asl::EventType type = asl::EventType::kExecutionStarted;
  Json details;
};

class RecordingSink : public asl::EventSink {
 public:
  int64_t Emit(asl::EventType type, Json details, int64_t previous_id) override {
    RecordedEvent e;
    e.id = static_cast<int64_t>(events.size()) + 1;
    e.previous_id = previous_id;
    e.type = type;
    e.details = std::move(details);
    events.push_back(std::move(e));
    return events.back().id;
  }
  bool WantsTexts() const override { return wants_texts; }
  bool wants_texts = true;  // false: as an EXPRESS execution nobody logs
  // "Type id<-prev" lines, one per event, for compact exact checks.
  std::string Summary() const {
    std::string out;
    for (const auto& e : events) {
      out += std::string(asl::EventTypeName(e.type)) + " " + std::to_string(e.id) + "<-" +
             std::to_string(e.previous_id) + "\n";
    }
    return out;
  }
  std::vector<RecordedEvent> events;
};

// The end of a harness run.
struct HarnessResult {
  asl::Transition::Kind kind = asl::Transition::Kind::kFail;
  Json output;
  AslError error;
  bool has_error = true;
  bool has_cause = true;
  std::vector<asl::TaskCall> calls;  // every task requested, in order
  std::vector<int64_t> waits;        // every kWait duration, in order
  std::vector<Json> fork_items;      // kFork of a Map: each child's input
  std::string map_run_arn;           // kFork of a Distributed Map
};

class InterpreterHarness {
 public:
  // Fails the test (via an empty machine) when the definition does not parse.
  explicit InterpreterHarness(const std::string& definition) {
    asl::ParseResult parsed = asl::ParseDefinition(definition);
    machine_ = parsed.machine;
    error_ = parsed.invalid_definition_message;
    asl::ExecutionContextInfo info;
    info.execution_arn = "arn:aws:states:us-east-1:123456789012:execution:M:E";
    info.execution_name = "E";
    info.state_machine_arn = "arn:aws:states:us-east-1:123456789012:stateMachine:M";
    info.state_machine_name = "M";
    info.role_arn = "arn:aws:iam::123456789012:role/R";
    info.start_ms = 1704164645000;
    frame_.context_execution = asl::MakeExecutionContext(info);
    frame_.context_state_machine = asl::MakeStateMachineContext(info);
    frame_.caller.region = "us-east-1";
    frame_.env = &env_;
    if (machine_) frame_.definition = &machine_->definition;
  }

  bool ok() const { return machine_ != nullptr; }
  const std::string& parse_error() const { return error_; }
  const asl::StateMachine& machine() const { return *machine_; }
  asl::VariableScope& scope() { return scope_; }
  // Which activities exist (borrowed; null: all of them).
  void SetActivities(const asl::ActivityDirectory* activities) { frame_.activities = activities; }
  RecordingSink& sink() { return sink_; }

  // Task outcomes, consumed in order (one per Invoke).
  void QueueOutcome(asl::Outcome outcome) { outcomes_.push_back(std::move(outcome)); }
  void QueueResult(Json result) {
    asl::Outcome o;
    o.kind = asl::Outcome::Kind::kTask;
    o.ok = true;
    o.result = std::move(result);
    QueueOutcome(std::move(o));
  }
  // The joined result of the next fork (a Map's or Parallel's outputs).
  void QueueFork(Json results) {
    asl::Outcome o;
    o.kind = asl::Outcome::Kind::kFork;
    o.ok = true;
    o.result = std::move(results);
    QueueOutcome(std::move(o));
  }
  void QueueFailure(std::string error, std::string cause) {
    asl::Outcome o;
    o.kind = asl::Outcome::Kind::kTask;
    o.error = AslError{std::move(error), std::move(cause)};
    QueueOutcome(std::move(o));
  }

  HarnessResult Run(Json input) {
    HarnessResult r;
    asl::RunState rs;
    rs.exec = &frame_;
    rs.program = &machine_->program;
    rs.scope = &scope_;
    const asl::State* state = machine_->program.Find(machine_->program.start_at);
    asl::Transition t =
        asl::Interpreter::Enter(*state, std::move(input), Json(), &rs, &sink_, kNow);
    for (int guard = 0; guard < 10000; ++guard) {
      switch (t.kind) {
        case asl::Transition::Kind::kNext:
          t = asl::Interpreter::Enter(*t.next, t.output, t.output_text, &rs, &sink_, kNow);
          continue;
        case asl::Transition::Kind::kWait: {
          r.waits.push_back(t.wait_ms);
          asl::Outcome timer;
          timer.kind = asl::Outcome::Kind::kTimer;
          t = asl::Interpreter::Resume(&rs, timer, &sink_, kNow);
          continue;
        }
        case asl::Transition::Kind::kInvoke: {
          r.calls.push_back(asl::CallToInvoke(t, rs));
          asl::Outcome o;
          if (!outcomes_.empty()) {
            o = std::move(outcomes_.front());
            outcomes_.pop_front();
          } else {
            o.kind = asl::Outcome::Kind::kTask;
            o.error = AslError{"Harness.NoOutcome", "no outcome queued"};
          }
          t = asl::Interpreter::Resume(&rs, o, &sink_, kNow);
          continue;
        }
        case asl::Transition::Kind::kFork:
          // A joined outcome queued for the fork (QueueFork) resumes it;
          // otherwise the run stops here.
          r.fork_items = t.fork.items;
          r.map_run_arn = t.fork.map_run_arn;
          if (!outcomes_.empty() && outcomes_.front().kind == asl::Outcome::Kind::kFork) {
            asl::Outcome o = std::move(outcomes_.front());
            outcomes_.pop_front();
            o.cursor = rs.cursor;
            t = asl::Interpreter::Resume(&rs, o, &sink_, kNow);
            continue;
          }
          break;
        default:
          break;
      }
      break;
    }
    r.kind = t.kind;
    r.output = t.output;
    r.error = t.error;
    r.has_error = t.has_error;
    r.has_cause = t.has_cause;
    return r;
  }

  static constexpr int64_t kNow = 1704164645678;

 private:
  std::shared_ptr<const asl::StateMachine> machine_;
  std::string error_;
  FakeEnvironment env_;
  asl::ExecutionFrame frame_;
  asl::VariableScope scope_;
  RecordingSink sink_;
  std::deque<asl::Outcome> outcomes_;
};

}  // namespace sfn::testing

#endif  // SFN_TESTS_SUPPORT_INTERPRETER_HARNESS_H_
