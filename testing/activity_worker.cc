// testing/activity_worker.cc
#include "testing/activity_worker.h"

#include <atomic>
#include <optional>

namespace sfn::testing {
namespace {

bool IsActivity(const std::string& resource) {
  return resource.rfind("arn:", 0) == 0 && resource.find(":activity:") != std::string::npos;
}

// Task states on activities, nested ones included: {arn: [state, ...]}.
void CollectActivityStates(const Json& machine,
                           std::map<std::string, std::vector<std::string>>* out) {
  const Json* states = machine.is_object() ? machine.Find("States") : nullptr;
  if (states == nullptr || !states->is_object()) return;
  for (const auto& [name, state] : states->AsObject()) {
    if (!state.is_object()) continue;
    const Json* resource = state.Find("Resource");
    if (resource != nullptr && resource->is_string() && IsActivity(resource->AsString())) {
      (*out)[resource->AsString()].push_back(name);
    }
    if (const Json* branches = state.Find("Branches"); branches && branches->is_array()) {
      for (const Json& branch : branches->AsArray()) CollectActivityStates(branch, out);
    }
    for (const char* key : {"Iterator", "ItemProcessor"}) {
      if (const Json* inner = state.Find(key)) CollectActivityStates(*inner, out);
    }
  }
}

}  // namespace

void MockActivityWorker::CreateActivities(const Json& definition, int64_t now_ms) {
  CollectActivityStates(definition, &states_by_arn_);
  for (const auto& [arn, states] : states_by_arn_) {
    activities_->Create(arn, arn.substr(arn.rfind(':') + 1), now_ms);
  }
}

// The call a mock would have seen had the task gone to an invoker.
asl::TaskCall MockActivityWorker::CallFor(const std::string& arn) {
  asl::TaskCall call;
  call.resource = arn;
  call.activity = true;
  for (const std::string& state : states_by_arn_[arn]) {
    call.caller.state_name = state;
    if (invoker_->HasMockFor(call, /*by_name_only=*/true)) break;
  }
  if (!invoker_->HasMockFor(call, /*by_name_only=*/true)) {
    call.caller.state_name = states_by_arn_[arn].front();
  }
  call.attempt = attempts_[call.caller.state_name];
  return call;
}

int MockActivityWorker::AnswerQueued() {
  static const std::atomic<bool> kNeverStopping{false};
  int answered = 0;
  for (const auto& [arn, states] : states_by_arn_) {
    for (;;) {
      asl::TaskCall call = CallFor(arn);
      if (!invoker_->HasMockFor(call, /*by_name_only=*/false)) break;
      emulator::Activities::Task task;
      if (activities_->Poll(arn, 0, kNeverStopping, &task) !=
          emulator::Activities::PollResult::kTask) {
        break;
      }
      if (task.on_start && !task.on_start("sfn-local")) continue;  // its execution ended
      ++attempts_[call.caller.state_name];
      call.payload = ParseJson(task.input).value;
      std::optional<asl::TaskOutcome> outcome;
      invoker_->Invoke(call, [&outcome](asl::TaskOutcome o) { outcome = std::move(o); });
      if (outcome->ok) {
        engine_->SendTaskSuccess(task.task_token, Dump(outcome->result));
      } else {
        engine_->SendTaskFailure(task.task_token, outcome->error.error, outcome->error.cause);
      }
      ++answered;
    }
  }
  return answered;
}

}  // namespace sfn::testing
