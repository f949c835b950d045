// emulator/engine/task_outcomes.h
//
// The asl::Outcome a Task state resumes with, built from whatever ended
// the task: an invoker's answer, a time-out, or a failure found before
// anything was asked. Shared by the engine and TestState.
#ifndef SFN_EMULATOR_ENGINE_TASK_OUTCOMES_H_
#define SFN_EMULATOR_ENGINE_TASK_OUTCOMES_H_

#include <string>
#include <string_view>

#include "asl/interpreter/interpreter.h"
#include "mocks/task_invoker.h"

namespace sfn::emulator {

// An invoker's answer (kFork: a mocked Map/Parallel result in TestState).
asl::Outcome OutcomeFromInvoker(mocks::TaskOutcome answer,
                                asl::Outcome::Kind kind = asl::Outcome::Kind::kTask);
// TimeoutSeconds or HeartbeatSeconds elapsed: `error` with no cause.
asl::Outcome TaskTimedOut(std::string_view error);
// A task that failed before anything answered it.
asl::Outcome TaskFailedOutcome(std::string_view error, std::string cause);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_ENGINE_TASK_OUTCOMES_H_
