// emulator/engine/nested_execution.cc
#include "emulator/engine/nested_execution.h"

#include <cmath>
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

std::string MessageOf(const std::string& body) {
  JsonParseResult parsed = ParseJson(body);
  if (!parsed.ok) return body;
  for (const char* key : {"message", "Message"}) {
    const Json* m = parsed.value.Find(key);
    if (m != nullptr && m->is_string()) return m->AsString();
  }
  return "";
}

// When the child started: from its record, else (EXPRESS children are not
// kept) from the answer's startDate in epoch seconds.
int64_t StartMillis(const Execution* child, const Json* start_date) {
  if (child != nullptr) return child->spec().start_ms;
  if (start_date == nullptr || !start_date->is_number()) return 0;
  return static_cast<int64_t>(std::llround(start_date->AsDouble() * 1000));
}

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

void NestedExecutionInvoker::Bind(const Service* service, const Store* store,
                                  ExecutionRunner* runner) {
  store_ = store;
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

std::unique_ptr<mocks::TaskHandle> NestedExecutionInvoker::StartChild(
    const asl::TaskCall& request, NestedPattern pattern, Done done) {
  const Service* service = service_.load(std::memory_order_acquire);
  if (service == nullptr) return router_->Invoke(request, std::move(done));  // shutting down
  CallContext ctx{request.caller.region, request.caller.account};
  Service::Response r = service->Call("StartExecution", Dump(StartRequest(request.payload)), ctx);
  if (r.http_status != 200) {
    done(asl::TaskOutcome::Failed(StartRefused(r.error_code, MessageOf(r.body))));
    return nullptr;
  }
  JsonParseResult answer = ParseJson(r.body);
  const Json* arn_member = answer.ok ? answer.value.Find("executionArn") : nullptr;
  const Json* date_member = answer.ok ? answer.value.Find("startDate") : nullptr;
  const std::string arn = arn_member != nullptr ? arn_member->AsString() : std::string();
  std::shared_ptr<Execution> child;
  if (auto record = store_->FindExecution(arn)) child = record->execution;
  const int64_t start_ms = StartMillis(child.get(), date_member);
  switch (pattern) {
    case NestedPattern::kRequestResponse:
    case NestedPattern::kWaitForTaskToken:
      // A callback task ignores this answer and waits for SendTask*.
      done(asl::TaskOutcome::Succeeded(StartedResultWithMetadata(arn, start_ms, r.body.size())));
      return nullptr;
    case NestedPattern::kSync:
    case NestedPattern::kSync2:
      if (child == nullptr) {
        done(asl::TaskOutcome::Failed(AslError{std::string(asl::kStatesTaskFailed),
                              "Waiting for an EXPRESS child execution (.sync) is not supported: "
                              "its record is not kept."}));
        return nullptr;
      }
      return WaitForChild(std::move(child), request, StartedResult(arn, start_ms),
                          pattern == NestedPattern::kSync2, std::move(done));
  }
  return nullptr;
}

std::unique_ptr<mocks::TaskHandle> NestedExecutionInvoker::WaitForChild(
    std::shared_ptr<Execution> child, const asl::TaskCall& request, Json submitted,
    bool parsed, Done done) {
  auto handle = std::make_unique<ChildHandle>(runner_, child, request.caller.execution_arn);
  std::weak_ptr<Execution> weak = child;
  child->OnFinish([weak, submitted, parsed, done] {
    std::shared_ptr<Execution> ended = weak.lock();
    if (!ended) return;
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
