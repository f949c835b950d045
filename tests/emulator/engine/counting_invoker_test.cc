// tests/emulator/engine/counting_invoker_test.cc
#include "emulator/engine/counting_invoker.h"

#include <doctest/doctest.h>

#include <string>

namespace sfn::emulator {
namespace {

class FixedInvoker : public mocks::TaskInvoker {
 public:
  explicit FixedInvoker(asl::TaskOutcome outcome) : outcome_(std::move(outcome)) {}
  std::unique_ptr<mocks::TaskHandle> Invoke(const asl::TaskCall&, Done done) override {
    done(outcome_);
    return nullptr;
  }

 private:
  asl::TaskOutcome outcome_;
};

TEST_CASE("CountingInvoker: labels by what answered and how") {
  asl::TaskOutcome ok = asl::TaskOutcome::Succeeded(Json(1));
  ok.answered_by = "exec";
  // Compared as text: equal literals need not share an address.
  CHECK(std::string(TaskCallLabels(ok).first) == "exec");
  CHECK(std::string(TaskCallLabels(ok).second) == "succeeded");
  asl::TaskOutcome timed_out = asl::TaskOutcome::TimedOut("States.Timeout");
  timed_out.answered_by = "http";
  CHECK(std::string(TaskCallLabels(timed_out).second) == "timed_out");
  asl::TaskOutcome unrouted = asl::TaskOutcome::Failed("States.TaskFailed", "no route");
  unrouted.unrouted = true;
  CHECK(std::string(TaskCallLabels(unrouted).first) == "unrouted");
  CHECK(std::string(TaskCallLabels(asl::TaskOutcome::Failed("E", "C")).first) == "other");
}

TEST_CASE("CountingInvoker: counts each answered call and passes the outcome on") {
  Metrics metrics;
  asl::TaskOutcome failed = asl::TaskOutcome::Failed("E", "C");
  failed.answered_by = "throw";
  FixedInvoker inner(failed);
  CountingInvoker counting(&inner, &metrics);
  int answered = 0;
  asl::TaskCall call;
  for (int i = 0; i < 2; ++i) {
    counting.Invoke(call, [&answered](asl::TaskOutcome o) {
      CHECK(o.error.error == "E");
      ++answered;
    });
  }
  CHECK(answered == 2);
  CHECK(metrics.Render().find("sfn_task_calls_total{kind=\"throw\",outcome=\"failed\"} 2") !=
        std::string::npos);
}

}  // namespace
}  // namespace sfn::emulator
