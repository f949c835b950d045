// testing/mock_invoker.cc
#include "testing/mock_invoker.h"

#include <atomic>
#include <chrono>
#include <condition_variable>

#include "asl/core/errors.h"

namespace sfn::testing {

struct MockInvoker::Tracker {
  std::mutex mu;
  std::condition_variable landed;
  int in_flight = 0;                     // guarded by mu
  uint64_t landings = 0;                 // guarded by mu
  std::vector<std::string> token_waits;  // guarded by mu

  void Land(const std::string* waiting_state) {
    {
      std::lock_guard<std::mutex> lock(mu);
      --in_flight;
      ++landings;
      if (waiting_state != nullptr) token_waits.push_back(*waiting_state);
    }
    landed.notify_all();
  }
};

// One fallback call: it lands once, by its answer or by its cancellation,
// whichever comes first (a cancelled call may never answer).
struct MockInvoker::Flight {
  std::shared_ptr<Tracker> tracker;
  std::atomic<bool> landed{false};
  bool TakeLanding() { return !landed.exchange(true); }
};

namespace {

class FlightHandle : public mocks::TaskHandle {
 public:
  FlightHandle(std::unique_ptr<mocks::TaskHandle> inner, std::function<void()> on_cancel)
      : inner_(std::move(inner)), on_cancel_(std::move(on_cancel)) {}
  void Cancel() override {
    if (inner_) inner_->Cancel();
    on_cancel_();
  }

 private:
  std::unique_ptr<mocks::TaskHandle> inner_;
  std::function<void()> on_cancel_;
};

// AWS numbers attempts from 1 in what people read.
std::string MissingAnswer(const Mock& mock, int attempt) {
  return mock.target + ": no answer for attempt " + std::to_string(attempt + 1) +
         " (the mock has " + std::to_string(mock.answers.size()) + ")";
}

}  // namespace

MockInvoker::MockInvoker(std::vector<Mock> mocks, mocks::TaskInvoker* fallback)
    : mocks_(std::move(mocks)),
      fallback_(fallback),
      tracker_(std::make_shared<Tracker>()),
      used_(mocks_.size(), false) {}

// A state's own mock wins over one for its resource, which many states may
// share.
const Mock* MockInvoker::Find(const asl::TaskCall& call) const {
  for (const Mock& m : mocks_) {
    if (!m.is_resource() && m.target == call.caller.state_name) return &m;
  }
  for (const Mock& m : mocks_) {
    if (m.is_resource() && m.target == call.resource) return &m;
  }
  return nullptr;
}

bool MockInvoker::HasMockFor(const asl::TaskCall& call, bool by_name_only) const {
  const Mock* mock = Find(call);
  return mock != nullptr && (!by_name_only || !mock->is_resource());
}

asl::TaskOutcome MockInvoker::Answer(size_t index, const asl::TaskCall& call) {
  const Mock& mock = mocks_[index];
  const MockAnswer* answer = mock.AnswerFor(call.attempt);
  std::lock_guard<std::mutex> lock(mu_);
  used_[index] = true;
  if (answer == nullptr) {
    std::string problem = MissingAnswer(mock, call.attempt);
    missing_.push_back(problem);
    return asl::TaskOutcome::Failed(std::string(asl::kStatesTaskFailed), problem);
  }
  asl::TaskOutcome outcome = answer->kind == MockAnswer::Kind::kReturn
                                 ? asl::TaskOutcome::Succeeded(answer->value)
                                 : asl::TaskOutcome::Failed(answer->error, answer->cause);
  // The mock is the task's final answer, callback or job included.
  outcome.callback_answered = true;
  return outcome;
}

std::unique_ptr<mocks::TaskHandle> MockInvoker::Invoke(const asl::TaskCall& call, Done done) {
  if (const Mock* mock = Find(call)) {
    done(Answer(static_cast<size_t>(mock - mocks_.data()), call));
    return nullptr;
  }
  if (fallback_ == nullptr) {
    done(asl::TaskOutcome::Failed(std::string(asl::kStatesTaskFailed),
                                  "No mock answers the state '" + call.caller.state_name +
                                      "' (resource '" + call.resource + "')."));
    return nullptr;
  }
  return Forward(call, std::move(done));
}

std::unique_ptr<mocks::TaskHandle> MockInvoker::Forward(const asl::TaskCall& call, Done done) {
  auto flight = std::make_shared<Flight>();
  flight->tracker = tracker_;
  {
    std::lock_guard<std::mutex> lock(tracker_->mu);
    ++tracker_->in_flight;
  }
  const bool callback = call.pattern == asl::TaskCall::Pattern::kWaitForTaskToken;
  auto answered = [flight, callback, state = call.caller.state_name,
                   done = std::move(done)](asl::TaskOutcome o) {
    // As the engine sees it: a callback task only delivered now waits for
    // a token.
    const bool waits = callback && (o.unrouted || (o.ok && !o.callback_answered));
    done(std::move(o));
    if (flight->TakeLanding()) flight->tracker->Land(waits ? &state : nullptr);
  };
  auto inner = fallback_->Invoke(call, std::move(answered));
  return std::make_unique<FlightHandle>(std::move(inner), [flight] {
    if (flight->TakeLanding()) flight->tracker->Land(nullptr);
  });
}

int MockInvoker::InFlight() const {
  std::lock_guard<std::mutex> lock(tracker_->mu);
  return tracker_->in_flight;
}

uint64_t MockInvoker::Landings() const {
  std::lock_guard<std::mutex> lock(tracker_->mu);
  return tracker_->landings;
}

void MockInvoker::WaitForAnswer(uint64_t seen, int64_t timeout_ms) {
  std::unique_lock<std::mutex> lock(tracker_->mu);
  auto landed = [&] { return tracker_->in_flight == 0 || tracker_->landings != seen; };
  if (timeout_ms < 0) {
    tracker_->landed.wait(lock, landed);
  } else {
    tracker_->landed.wait_for(lock, std::chrono::milliseconds(timeout_ms), landed);
  }
}

std::vector<std::string> MockInvoker::WaitingForToken() const {
  std::lock_guard<std::mutex> lock(tracker_->mu);
  return tracker_->token_waits;
}

std::vector<std::string> MockInvoker::Problems() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> problems = missing_;
  for (size_t i = 0; i < mocks_.size(); ++i) {
    if (!used_[i]) problems.push_back(mocks_[i].target + ": mock never used");
  }
  return problems;
}

}  // namespace sfn::testing
