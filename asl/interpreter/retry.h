// asl/interpreter/retry.h
//
// Retry and Catch decisions for Task, Parallel and Map states: which Retrier
// applies to an error, how long to back off (IntervalSeconds x
// BackoffRate^attempt, capped by MaxDelaySeconds, with FULL jitter drawn from
// a caller-supplied random number), and which Catcher takes over. Pure
// functions: the attempt counters live in the caller's Run.
#ifndef SFN_ASL_INTERPRETER_RETRY_H_
#define SFN_ASL_INTERPRETER_RETRY_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "asl/definition/definition.h"

namespace sfn::asl {

struct RetryDecision {
  bool retry = false;
  int64_t delay_ms = 0;  // back-off before the next attempt (unscaled)
  int retrier = -1;      // index of the Retrier that matched (-1: none)
};

// Picks the first Retrier whose ErrorEquals matches `error`. If it still has
// attempts left, counts one in (*attempts)[index] and returns the delay;
// otherwise (or with no matching Retrier) returns retry = false. `attempts`
// is resized to match `retriers` when needed. `random01` is uniform in [0, 1)
// and only used for JitterStrategy FULL.
RetryDecision DecideRetry(const std::vector<Retrier>& retriers, std::string_view error,
                          std::vector<int>* attempts, double random01);

// The delay of attempt number `attempt` (0-based) for one Retrier.
int64_t RetryDelayMs(const Retrier& retrier, int attempt, double random01);

// The first Catcher whose ErrorEquals matches `error`, or nullptr.
const Catcher* FindCatcher(const std::vector<Catcher>& catchers, std::string_view error);

}  // namespace sfn::asl

#endif  // SFN_ASL_INTERPRETER_RETRY_H_
