// emulator/engine/deferred_work.h
//
// Work a thread has promised to do once it has answered its caller.
//
// The HTTP server opens a DeferredWork scope on each connection's thread
// and calls RunAll() right after each answer has been sent. StartExecution
// puts a new execution's first run of states there (Engine::Start with
// FirstSlice::kAfterAnswer): the answer (executionArn, startDate) leaves at
// once, as AWS's does, and the states run while the client reads it, on the
// thread that would otherwise wait for the client's next request. A request
// that follows on the same connection is read only after that work is done.
//
// Threads: a scope belongs to the thread that created it; Defer() adds to
// the calling thread's innermost open scope. Work runs on that thread.
#ifndef SFN_EMULATOR_ENGINE_DEFERRED_WORK_H_
#define SFN_EMULATOR_ENGINE_DEFERRED_WORK_H_

#include <functional>
#include <vector>

namespace sfn::emulator {

class DeferredWork {
 public:
  // Opens the scope on this thread (the outer one, if any, resumes when
  // this one is destroyed).
  DeferredWork();
  // Runs what is left, then closes the scope.
  ~DeferredWork();
  DeferredWork(const DeferredWork&) = delete;
  DeferredWork& operator=(const DeferredWork&) = delete;

  // Runs the work added so far, and what that work adds, in order.
  void RunAll();

  // Adds `work` to this thread's open scope. False when the thread has
  // none (the caller then does the work itself).
  static bool Defer(std::function<void()> work);

 private:
  std::vector<std::function<void()>> pending_;
  DeferredWork* outer_;
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_ENGINE_DEFERRED_WORK_H_
