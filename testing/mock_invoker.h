// testing/mock_invoker.h
//
// The TaskInvoker of the offline runner: answers a Task from the test's
// mocks (by the state's name first, then by its resource ARN; one answer
// per attempt, or one for every attempt) and hands every other Task to a
// fallback invoker (the routes file and the mock file's test case). A
// mocked answer stands for the whole task, as a Step Functions Local mocked
// response does, so a .waitForTaskToken task it answers needs no callback.
//
// It also tells the runner what the fallback is doing: how many calls are
// still in flight (programs and HTTP calls run on the router's threads, in
// real time) and which callback tasks wait for a token nothing will send.
//
// Thread-safe: Invoke may be called from any thread and the fallback's
// answers arrive on its own threads. The fallback is borrowed and must
// outlive this object.
#ifndef SFN_TESTING_MOCK_INVOKER_H_
#define SFN_TESTING_MOCK_INVOKER_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "mocks/task_invoker.h"
#include "testing/test_file.h"

namespace sfn::testing {

class MockInvoker : public mocks::TaskInvoker {
 public:
  // `fallback` may be null: unmocked tasks then fail with States.TaskFailed.
  MockInvoker(std::vector<Mock> mocks, mocks::TaskInvoker* fallback);
  MockInvoker(const MockInvoker&) = delete;
  MockInvoker& operator=(const MockInvoker&) = delete;

  std::unique_ptr<mocks::TaskHandle> Invoke(const asl::TaskCall& call, Done done) override;

  // Whether a mock answers `call` (by its state's name only, or by name or
  // resource).
  bool HasMockFor(const asl::TaskCall& call, bool by_name_only) const;

  // Fallback calls that have neither answered nor been cancelled.
  int InFlight() const;
  // How many fallback calls have answered or been cancelled so far.
  uint64_t Landings() const;
  // Blocks until Landings() passes `seen`, at most `timeout_ms` (< 0: no
  // limit); returns at once when none is in flight. Taking `seen` before
  // running the engine means an answer that came meanwhile is not missed.
  void WaitForAnswer(uint64_t seen, int64_t timeout_ms);
  // The states whose callback task was delivered but waits for a token
  // (SendTaskSuccess) that nothing in the runner will send, in call order.
  std::vector<std::string> WaitingForToken() const;
  // "ChargeCard: no answer for attempt 3 (the mock has 2)" for each missing
  // answer, then "Refund: mock never used" for each unused mock.
  std::vector<std::string> Problems() const;

 private:
  // What fallback calls report; shared with their done callbacks, which the
  // router may run on its threads after this object is gone.
  struct Tracker;
  struct Flight;
  const Mock* Find(const asl::TaskCall& call) const;
  asl::TaskOutcome Answer(size_t index, const asl::TaskCall& call);
  std::unique_ptr<mocks::TaskHandle> Forward(const asl::TaskCall& call, Done done);

  const std::vector<Mock> mocks_;
  mocks::TaskInvoker* fallback_;
  std::shared_ptr<Tracker> tracker_;
  mutable std::mutex mu_;
  std::vector<bool> used_;            // guarded by mu_, one per mock
  std::vector<std::string> missing_;  // guarded by mu_
};

}  // namespace sfn::testing

#endif  // SFN_TESTING_MOCK_INVOKER_H_
