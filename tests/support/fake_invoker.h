// tests/support/fake_invoker.h
//
// A TaskInvoker that records every request and answers from a script: a
// fixed outcome per resource, or nothing at all (the test answers later
// with Complete()). Thread-safe. Like ninja's FakeCommandRunner.
#ifndef SFN_TESTS_SUPPORT_FAKE_INVOKER_H_
#define SFN_TESTS_SUPPORT_FAKE_INVOKER_H_

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "mocks/task_invoker.h"

namespace sfn::testing {

class FakeInvoker : public mocks::TaskInvoker {
 public:
  // Every call to `resource` is answered at once with `outcome` (queued
  // outcomes are used first, one per call).
  void Answer(const std::string& resource, asl::TaskOutcome outcome) {
    std::lock_guard<std::mutex> lock(mu_);
    answers_[resource] = std::move(outcome);
  }
  void AnswerOnce(const std::string& resource, asl::TaskOutcome outcome) {
    std::lock_guard<std::mutex> lock(mu_);
    queued_[resource].push_back(std::move(outcome));
  }
  // Calls to `resource` stay pending until Complete().
  void Hold(const std::string& resource) {
    std::lock_guard<std::mutex> lock(mu_);
    held_[resource] = true;
  }

  std::unique_ptr<mocks::TaskHandle> Invoke(const asl::TaskCall& request, Done done) override {
    std::optional<asl::TaskOutcome> now;
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(request);
      auto q = queued_.find(request.resource);
      if (q != queued_.end() && !q->second.empty()) {
        now = q->second.front();
        q->second.pop_front();
      } else if (held_.count(request.resource)) {
        pending_.push_back(std::move(done));
      } else if (auto a = answers_.find(request.resource); a != answers_.end()) {
        now = a->second;
      } else {
        now = asl::TaskOutcome::Failed("States.TaskFailed", "No route for " + request.resource);
        now->unrouted = true;
      }
    }
    auto handle = std::make_unique<Handle>(&cancelled_);
    if (now) done(std::move(*now));
    return handle;
  }

  // Answers the oldest held call; false when none is pending.
  bool Complete(asl::TaskOutcome outcome) {
    Done done;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (pending_.empty()) return false;
      done = std::move(pending_.front());
      pending_.pop_front();
    }
    done(std::move(outcome));
    return true;
  }

  std::vector<asl::TaskCall> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  int cancelled() const { return cancelled_.load(); }

  static asl::TaskOutcome Ok(Json result) { return asl::TaskOutcome::Succeeded(std::move(result)); }
  static asl::TaskOutcome Fail(std::string error, std::string cause) {
    return asl::TaskOutcome::Failed(std::move(error), std::move(cause));
  }

 private:
  class Handle : public mocks::TaskHandle {
   public:
    explicit Handle(std::atomic<int>* cancelled) : cancelled_(cancelled) {}
    void Cancel() override {
      if (!done_) ++*cancelled_;
      done_ = true;
    }

   private:
    std::atomic<int>* cancelled_;
    bool done_ = false;
  };

  mutable std::mutex mu_;
  std::map<std::string, asl::TaskOutcome> answers_;
  std::map<std::string, std::deque<asl::TaskOutcome>> queued_;
  std::map<std::string, bool> held_;
  std::deque<Done> pending_;
  std::vector<asl::TaskCall> requests_;
  std::atomic<int> cancelled_{0};
};

}  // namespace sfn::testing

#endif  // SFN_TESTS_SUPPORT_FAKE_INVOKER_H_
