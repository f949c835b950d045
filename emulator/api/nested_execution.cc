// emulator/api/nested_execution.cc
#include "emulator/api/nested_execution.h"

#include <optional>
#include <string>
#include <utility>

#include "asl/core/errors.h"

namespace sfn::emulator {

namespace {

// The StartExecution request a task's Parameters/Arguments stand for. Input
// may be any JSON value (sent as its text) or a string (sent as it is, so it
// must hold JSON text); absent, the child gets {}.
Json StartRequest(const Json& parameters) {
  Json::Object request;
  if (const Json* arn = parameters.Find("StateMachineArn")) {
    request.emplace_back("stateMachineArn", *arn);
  }
  const Json* input = parameters.Find("Input");
  if (input == nullptr) {
    request.emplace_back("input", "{}");
  } else {
    request.emplace_back("input", input->is_string() ? *input : Json(Dump(*input)));
  }
  if (const Json* name = parameters.Find("Name")) request.emplace_back("name", *name);
  return Json::MakeObject(std::move(request));
}

// The message of a refusal as its answer's body carries it (none for
// errors AWS sends without one).
std::string MessageOf(const ApiError& error) { return error.has_message ? error.message : ""; }

// Stops a .sync child whose parent task ended before it did.
class ChildHandle : public mocks::TaskHandle {
 public:
  ChildHandle(ExecutionRunner* runner, std::shared_ptr<Execution> child, std::string parent_arn)
      : runner_(runner), child_(std::move(child)), parent_arn_(std::move(parent_arn)) {}
  void Cancel() override {
    if (cancelled_.exchange(true) || !child_->running()) return;
    runner_->Stop(child_, std::nullopt, ManagingTaskAbortedCause(parent_arn_));
  }

 private:
  ExecutionRunner* runner_;
  std::shared_ptr<Execution> child_;
  std::string parent_arn_;
  std::atomic<bool> cancelled_{false};
};

}  // namespace

void NestedExecutionInvoker::Bind(const Service* service, ExecutionRunner* runner) {
  runner_ = runner;
  service_.store(service, std::memory_order_release);
}

std::unique_ptr<mocks::TaskHandle> NestedExecutionInvoker::Invoke(const asl::TaskCall& request,
                                                                  Done done) {
  std::optional<NestedPattern> pattern = ParseNestedResource(request.resource);
  if (!pattern || service_.load(std::memory_order_acquire) == nullptr ||
      router_->IsRouted(request.resource)) {
    return router_->Invoke(request, std::move(done));
  }
  if (!request.caller.test_case.empty() && router_->HasMockConfig()) {
    return InvokeMockedFirst(request, *pattern, std::move(done));
  }
  return StartChild(request, *pattern, std::move(done));
}

// A test case may mock the state; the mock file answers at once, and a
// state it does not mock comes back unrouted: then the child runs for real.
std::unique_ptr<mocks::TaskHandle> NestedExecutionInvoker::InvokeMockedFirst(
    const asl::TaskCall& request, NestedPattern pattern, Done done) {
  auto unmocked = std::make_shared<bool>(false);
  auto handle = router_->Invoke(request, [unmocked, done](asl::TaskOutcome o) {
    if (o.unrouted) {
      *unmocked = true;
    } else {
      done(std::move(o));
    }
  });
  if (!*unmocked) return handle;
  return StartChild(request, pattern, std::move(done));
}

std::unique_ptr<mocks::TaskHandle> NestedExecutionInvoker::StartChild(const asl::TaskCall& request,
                                                                      NestedPattern pattern,
                                                                      Done done) {
  const Service* service = service_.load(std::memory_order_acquire);
  if (service == nullptr) return router_->Invoke(request, std::move(done));  // shutting down
  done = [done = std::move(done)](asl::TaskOutcome outcome) {
    outcome.answered_by = "nested";
    done(std::move(outcome));
  };
  CallContext ctx{request.caller.region, request.caller.account};
  auto started = service->StartExecution(StartRequest(request.payload), ctx);
  if (auto* refused = std::get_if<ApiError>(&started)) {
    done(asl::TaskOutcome::Failed(StartRefused(refused->code, MessageOf(*refused))));
    return nullptr;
  }
  Service::Started& child = std::get<Service::Started>(started);
  const ExecutionSpec& spec = child.execution->spec();
  switch (pattern) {
    case NestedPattern::kRequestResponse:
    case NestedPattern::kWaitForTaskToken:
      // A callback task ignores this answer and waits for SendTask*. The
      // SDK's metadata reports the length of the answer's text.
      done(asl::TaskOutcome::Succeeded(
          StartedResultWithMetadata(spec.arn, spec.start_ms, Dump(child.answer).size())));
      return nullptr;
    case NestedPattern::kSync:
    case NestedPattern::kSync2:
      return WaitForChild(child.execution, request, StartedResult(spec.arn, spec.start_ms),
                          pattern == NestedPattern::kSync2, std::move(done));
  }
  return nullptr;
}

std::unique_ptr<mocks::TaskHandle> NestedExecutionInvoker::WaitForChild(
    std::shared_ptr<Execution> child, const asl::TaskCall& request, Json submitted, bool parsed,
    Done done) {
  auto handle = std::make_unique<ChildHandle>(runner_, child, request.caller.execution_arn);
  // TaskSubmitted is recorded now, while the child runs; an invoker without
  // that hook reports the submission with the task's end.
  if (request.on_submitted) {
    request.on_submitted(submitted);
    submitted = Json();
  }
  // The callback keeps the child (an EXPRESS one has no other record once it
  // ends) until its end has been read; Execution drops its callbacks when it
  // ends, which breaks the cycle.
  child->OnFinish([child, submitted, parsed, done] {
    const std::shared_ptr<Execution>& ended = child;
    Json described = DescribedResult(*ended, parsed);
    asl::TaskOutcome o;
    if (ended->end().status == ExecutionStatus::kSucceeded) {
      o = asl::TaskOutcome::Succeeded(std::move(described));
    } else {
      o = asl::TaskOutcome::Failed(AslError{std::string(asl::kStatesTaskFailed), Dump(described)});
    }
    o.submitted = submitted;
    done(std::move(o));
  });
  return handle;
}

}  // namespace sfn::emulator
