// emulator/engine/task_outcomes.cc
#include "emulator/engine/task_outcomes.h"

namespace sfn::emulator {

asl::Outcome OutcomeFromInvoker(mocks::TaskOutcome answer, asl::Outcome::Kind kind) {
  asl::Outcome out;
  out.kind = kind;
  out.ok = answer.ok;
  out.submitted = std::move(answer.submitted);
  if (answer.ok) {
    out.result = std::move(answer.result);
  } else {
    out.error = AslError{std::move(answer.error), std::move(answer.cause)};
  }
  return out;
}

asl::Outcome TaskTimedOut(std::string_view error) {
  asl::Outcome out;
  out.kind = asl::Outcome::Kind::kTask;
  out.timed_out = true;
  out.has_cause = false;
  out.error = AslError{std::string(error), ""};
  return out;
}

asl::Outcome TaskFailedOutcome(std::string_view error, std::string cause) {
  asl::Outcome out;
  out.kind = asl::Outcome::Kind::kTask;
  out.error = AslError{std::string(error), std::move(cause)};
  return out;
}

}  // namespace sfn::emulator
