// testing/activity_worker.h
//
// The offline runner's stand-in for activity workers: it creates the
// activities a definition's Task states name (so the execution does not
// fail with "Activity Does Not Exist"), takes the tasks queued on those that
// a mock answers, and sends the mock's answer back through the engine as a
// worker's SendTaskSuccess/SendTaskFailure would. Tasks no mock answers
// stay queued: nothing answers them.
//
// A task carries no state name: when several states share an activity it
// is matched to the first of them that has a mock of its own, else to the
// activity's resource mock. Attempts count per state.
//
// Not thread-safe: the runner's driving thread calls it. Borrows the
// invoker, the registry and the engine, which must outlive it.
#ifndef SFN_TESTING_ACTIVITY_WORKER_H_
#define SFN_TESTING_ACTIVITY_WORKER_H_

#include <map>
#include <string>
#include <vector>

#include "asl/core/json.h"
#include "emulator/engine/engine.h"
#include "emulator/records/activities.h"
#include "testing/mock_invoker.h"

namespace sfn::testing {

class MockActivityWorker {
 public:
  MockActivityWorker(MockInvoker* invoker, emulator::Activities* activities,
                     emulator::Engine* engine)
      : invoker_(invoker), activities_(activities), engine_(engine) {}

  // Creates every activity the definition (ASL JSON) names, with `now_ms`
  // as its creation date.
  void CreateActivities(const Json& definition, int64_t now_ms);
  // Answers every queued task a mock answers; returns how many.
  int AnswerQueued();

 private:
  asl::TaskCall CallFor(const std::string& arn);

  MockInvoker* invoker_;
  emulator::Activities* activities_;
  emulator::Engine* engine_;
  std::map<std::string, std::vector<std::string>> states_by_arn_;  // in definition order
  std::map<std::string, int> attempts_;                            // by state name
};

}  // namespace sfn::testing

#endif  // SFN_TESTING_ACTIVITY_WORKER_H_
