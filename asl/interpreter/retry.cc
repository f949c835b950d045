// asl/interpreter/retry.cc
#include "asl/interpreter/retry.h"

#include <algorithm>
#include <cmath>

#include "asl/core/errors.h"

namespace sfn::asl {

int64_t RetryDelayMs(const Retrier& retrier, int attempt, double random01) {
  double seconds = retrier.interval_seconds * std::pow(retrier.backoff_rate, attempt);
  if (retrier.max_delay_seconds) seconds = std::min(seconds, *retrier.max_delay_seconds);
  // FULL jitter spreads retries over [0, delay) so that clients retrying
  // together do not hit a service at the same instant.
  if (retrier.jitter_full) seconds *= random01;
  if (!(seconds > 0)) return 0;
  // 1 year is far beyond any execution; it also keeps the cast defined.
  return static_cast<int64_t>(std::min(seconds, 3.2e7) * 1000.0);
}

RetryDecision DecideRetry(const std::vector<Retrier>& retriers, std::string_view error,
                          std::vector<int>* attempts, double random01) {
  if (attempts->size() < retriers.size()) attempts->resize(retriers.size(), 0);
  for (size_t i = 0; i < retriers.size(); ++i) {
    const Retrier& retrier = retriers[i];
    if (!ErrorEqualsMatches(retrier.error_equals, error)) continue;
    int& used = (*attempts)[i];
    RetryDecision decision;
    decision.retrier = static_cast<int>(i);
    if (used >= retrier.max_attempts) return decision;
    decision.retry = true;
    decision.delay_ms = RetryDelayMs(retrier, used, random01);
    ++used;
    return decision;
  }
  return {};
}

const Catcher* FindCatcher(const std::vector<Catcher>& catchers, std::string_view error) {
  for (const Catcher& catcher : catchers) {
    if (ErrorEqualsMatches(catcher.error_equals, error)) return &catcher;
  }
  return nullptr;
}

}  // namespace sfn::asl
