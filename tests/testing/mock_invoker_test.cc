// tests/testing/mock_invoker_test.cc
#include "testing/mock_invoker.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "asl/core/json.h"

namespace sfn::testing {
namespace {

Mock MockOf(const std::string& target, std::vector<std::string> results, bool every = false) {
  Mock m;
  m.target = target;
  m.every_attempt = every;
  for (const std::string& r : results) {
    MockAnswer a;
    a.value = ParseJson(r).value;
    m.answers.push_back(a);
  }
  return m;
}

asl::TaskCall CallOf(const std::string& state, const std::string& resource, int attempt = 0) {
  asl::TaskCall c;
  c.caller.state_name = state;
  c.resource = resource;
  c.attempt = attempt;
  return c;
}

asl::TaskOutcome InvokeNow(mocks::TaskInvoker* invoker, const asl::TaskCall& call) {
  std::optional<asl::TaskOutcome> got;
  invoker->Invoke(call, [&got](asl::TaskOutcome o) { got = std::move(o); });
  REQUIRE(got.has_value());
  return *got;
}

// A fallback that keeps its calls pending until the test answers them.
class PendingInvoker : public mocks::TaskInvoker {
 public:
  std::unique_ptr<mocks::TaskHandle> Invoke(const asl::TaskCall&, Done done) override {
    pending.push_back(std::move(done));
    return nullptr;
  }
  std::vector<Done> pending;
};

TEST_CASE("MockInvoker: a state's mock wins over its resource's") {
  MockInvoker invoker({MockOf("arn:aws:lambda:x", {R"("by resource")"}, true),
                       MockOf("Charge", {R"("by name")"}, true)},
                      nullptr);
  CHECK(Dump(InvokeNow(&invoker, CallOf("Charge", "arn:aws:lambda:x")).result) == R"("by name")");
  CHECK(Dump(InvokeNow(&invoker, CallOf("Other", "arn:aws:lambda:x")).result) ==
        R"("by resource")");
  CHECK(invoker.Problems().empty());
}

TEST_CASE("MockInvoker: one answer per attempt; a missing one fails the task") {
  MockInvoker invoker({MockOf("Charge", {"1", "2"})}, nullptr);
  CHECK(Dump(InvokeNow(&invoker, CallOf("Charge", "r", 0)).result) == "1");
  asl::TaskOutcome second = InvokeNow(&invoker, CallOf("Charge", "r", 1));
  CHECK(second.callback_answered);
  CHECK(Dump(second.result) == "2");
  asl::TaskOutcome third = InvokeNow(&invoker, CallOf("Charge", "r", 2));
  CHECK_FALSE(third.ok);
  CHECK(third.error.error == "States.TaskFailed");
  CHECK(invoker.Problems() ==
        std::vector<std::string>{"Charge: no answer for attempt 3 (the mock has 2)"});
}

TEST_CASE("MockInvoker: without a mock or a fallback the task fails") {
  MockInvoker invoker({MockOf("Unused", {"1"})}, nullptr);
  asl::TaskOutcome o = InvokeNow(&invoker, CallOf("Charge", "arn:aws:lambda:x"));
  CHECK(o.error.cause == "No mock answers the state 'Charge' (resource 'arn:aws:lambda:x').");
  CHECK(invoker.Problems() == std::vector<std::string>{"Unused: mock never used"});
}

TEST_CASE("MockInvoker: counts fallback calls in flight") {
  PendingInvoker fallback;
  MockInvoker invoker({}, &fallback);
  asl::TaskCall call = CallOf("Approve", "arn:aws:states:::sqs:sendMessage.waitForTaskToken");
  call.pattern = asl::TaskCall::Pattern::kWaitForTaskToken;
  bool answered = false;
  auto handle = invoker.Invoke(call, [&answered](asl::TaskOutcome) { answered = true; });
  CHECK(invoker.InFlight() == 1);
  invoker.WaitForAnswer(invoker.Landings(), 0);  // times out at once
  fallback.pending[0](asl::TaskOutcome::Succeeded(Json::MakeObject({})));
  CHECK(answered);
  CHECK(invoker.InFlight() == 0);
  CHECK(invoker.Landings() == 1);
  CHECK(invoker.WaitingForToken() == std::vector<std::string>{"Approve"});
  handle->Cancel();  // after the answer: counted once
  CHECK(invoker.InFlight() == 0);
}

TEST_CASE("MockInvoker: a cancelled call is no longer in flight") {
  PendingInvoker fallback;
  MockInvoker invoker({}, &fallback);
  auto handle = invoker.Invoke(CallOf("Slow", "arn:aws:lambda:x"), [](asl::TaskOutcome) {});
  CHECK(invoker.InFlight() == 1);
  handle->Cancel();
  CHECK(invoker.InFlight() == 0);
  fallback.pending[0](asl::TaskOutcome::Succeeded(Json()));  // late: ignored by the count
  CHECK(invoker.InFlight() == 0);
  CHECK(invoker.WaitingForToken().empty());
}

}  // namespace
}  // namespace sfn::testing
