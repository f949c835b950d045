// emulator/engine/test_state_runner.cc
#include "emulator/engine/test_state_runner.h"

#include <chrono>
#include <future>
#include <random>

#include "asl/core/errors.h"
#include "asl/core/uuid.h"
#include "asl/interpreter/context_object.h"
#include "asl/interpreter/variables.h"
#include "emulator/records/arn.h"
#include "emulator/engine/clock.h"

namespace sfn::emulator {

namespace {

// AWS stops a test after five minutes with States.Timeout.
constexpr int64_t kTestTimeoutMs = 5 * 60 * 1000;
// Wait states and Task answers never loop, but a bound keeps a bug from
// spinning forever.
constexpr int kMaxSteps = 16;

class DiscardingSink : public asl::EventSink {
 public:
  int64_t Emit(asl::EventType, Json, int64_t) override { return ++next_; }

 private:
  int64_t next_ = 0;
};

class TestEnvironment : public asl::Environment {
 public:
  double NextRandom() override { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  std::string NewUuid() override { return RandomUuid(); }
  int64_t NowMillis() override { return NowMs(); }

 private:
  std::mt19937_64 rng_{std::random_device{}()};
};

asl::ExecutionFrame MakeFrame(const TestStateRun& run, const Json& input, asl::Environment* env) {
  asl::ExecutionContextInfo info;
  const std::string name = RandomUuid();
  info.execution_name = name;
  info.execution_arn = ExpressExecutionArn(run.region, run.account, run.machine_name, name, name);
  info.state_machine_arn = StateMachineArn(run.region, run.account, run.machine_name);
  info.state_machine_name = run.machine_name;
  info.role_arn = run.role_arn;
  info.input = input;
  info.start_ms = NowMs();
  asl::ExecutionFrame frame;
  frame.context_execution = asl::MakeExecutionContext(info);
  frame.context_state_machine = asl::MakeStateMachineContext(info);
  // No execution_arn or test case: the test runs no execution.
  frame.caller.state_machine_name = run.machine_name;
  frame.caller.region = run.region;
  frame.caller.account = run.account;
  frame.env = env;
  frame.definition = &run.machine->definition;
  return frame;
}

const std::vector<asl::Retrier>* RetriersOf(const asl::State& state) {
  switch (state.type) {
    case asl::StateType::kTask:
      return &static_cast<const asl::TaskState&>(state).retry;
    case asl::StateType::kParallel:
      return &static_cast<const asl::ParallelState&>(state).retry;
    case asl::StateType::kMap:
      return &static_cast<const asl::MapState&>(state).retry;
    default:
      return nullptr;
  }
}

// Calls the routes for a Task without a mock, waiting for the answer up to
// the state's TimeoutSeconds or the test's own limit.
asl::Outcome InvokeTask(const TestStateRun& run, const asl::TaskCall& call) {
  if (run.invoker == nullptr) {
    return asl::Outcome::Task(
        asl::TaskOutcome::Failed(std::string(asl::kStatesTaskFailed),
                                 "No task invoker answers the resource '" + call.resource + "'."));
  }
  auto answer = std::make_shared<std::promise<asl::TaskOutcome>>();
  std::future<asl::TaskOutcome> answered = answer->get_future();
  auto handle =
      run.invoker->Invoke(call, [answer](asl::TaskOutcome o) { answer->set_value(std::move(o)); });
  int64_t limit = kTestTimeoutMs;
  if (call.timeout_seconds > 0) limit = std::min(limit, call.timeout_seconds * 1000);
  if (answered.wait_for(std::chrono::milliseconds(limit)) != std::future_status::ready) {
    if (handle) handle->Cancel();
    return asl::Outcome::Task(asl::TaskOutcome::TimedOut(asl::kStatesTimeout));
  }
  return asl::Outcome::Task(answered.get());
}

asl::Outcome Answer(const TestStateRun& run, const asl::Transition& t, const asl::RunState& rs) {
  if (run.mock) {
    const bool fork = t.kind == asl::Transition::Kind::kFork;
    return asl::Outcome(fork ? asl::Outcome::Kind::kFork : asl::Outcome::Kind::kTask, *run.mock);
  }
  return InvokeTask(run, asl::CallToInvoke(t, rs));
}

void Finish(const asl::Transition& t, const asl::Inspection& inspection, TestStateOutcome* out) {
  using Kind = asl::Transition::Kind;
  if (t.kind == Kind::kFail) {
    out->status = TestStateOutcome::Status::kFailed;
    if (t.has_error) out->error = t.error.error;
    if (t.has_cause) out->cause = t.error.cause;
    return;
  }
  out->output = t.output;
  if (t.kind == Kind::kNext && t.next != nullptr) out->next_state = t.next->name;
  if (inspection.catch_index >= 0) {
    out->status = TestStateOutcome::Status::kCaughtError;
    out->error = inspection.error.error;
    out->cause = inspection.error.cause;
  }
}

}  // namespace

const char* TestStatusName(TestStateOutcome::Status status) {
  switch (status) {
    case TestStateOutcome::Status::kSucceeded:
      return "SUCCEEDED";
    case TestStateOutcome::Status::kFailed:
      return "FAILED";
    case TestStateOutcome::Status::kRetriable:
      return "RETRIABLE";
    case TestStateOutcome::Status::kCaughtError:
      return "CAUGHT_ERROR";
  }
  return "FAILED";
}

TestStateOutcome RunTestState(const TestStateRun& run) {
  TestStateOutcome out;
  TestEnvironment env;
  asl::ExecutionFrame frame = MakeFrame(run, run.input, &env);
  asl::VariableScope scope;
  if (run.variables.is_object()) {
    for (const auto& [name, value] : run.variables.AsObject()) scope.Set(name, value);
  }
  asl::RunState rs;
  rs.exec = &frame;
  rs.program = &run.machine->program;
  rs.scope = &scope;
  rs.inspection = &out.inspection;
  DiscardingSink sink;
  using Kind = asl::Transition::Kind;
  asl::Transition t = asl::Interpreter::Enter(*run.state, run.input, Json(), &rs, &sink, NowMs());
  // Entering resets the retry counts; the test starts as if the Retriers
  // had already made `retrier_retry_count` attempts.
  if (const auto* retriers = RetriersOf(*run.state); retriers && run.retrier_retry_count > 0) {
    rs.attempts.assign(retriers->size(), run.retrier_retry_count);
    rs.retry_count = run.retrier_retry_count;
  }
  for (int step = 0; step < kMaxSteps; ++step) {
    if (t.kind == Kind::kWait && !t.wait_is_state) {  // a Retrier would retry
      out.status = TestStateOutcome::Status::kRetriable;
      out.error = out.inspection.error.error;
      out.cause = out.inspection.error.cause;
      break;
    }
    if (t.kind == Kind::kWait) {
      asl::Outcome timer;
      timer.kind = asl::Outcome::Kind::kTimer;
      t = asl::Interpreter::Resume(&rs, timer, &sink, NowMs());
      continue;
    }
    if (t.kind == Kind::kInvoke || t.kind == Kind::kFork) {
      t = asl::Interpreter::Resume(&rs, Answer(run, t, rs), &sink, NowMs());
      continue;
    }
    Finish(t, out.inspection, &out);
    break;
  }
  if (!scope.entries().empty()) {
    Json::Object vars(scope.entries().begin(), scope.entries().end());
    out.variables = Json::MakeObject(std::move(vars));
  }
  return out;
}

}  // namespace sfn::emulator
