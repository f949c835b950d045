// tests/asl/interpreter/retry_test.cc
#include "asl/interpreter/retry.h"

#include <doctest/doctest.h>

#include "asl/core/errors.h"

namespace sfn::asl {
namespace {

Retrier MakeRetrier(std::vector<std::string> errors, double interval, int64_t attempts,
                    double rate) {
  Retrier r;
  r.error_equals = std::move(errors);
  r.interval_seconds = interval;
  r.max_attempts = attempts;
  r.backoff_rate = rate;
  return r;
}

TEST_CASE("DecideRetry: back-off, MaxDelaySeconds, MaxAttempts") {
  std::vector<Retrier> retriers = {MakeRetrier({"A"}, 1, 3, 2.0)};
  std::vector<int> attempts;
  CHECK(DecideRetry(retriers, "A", &attempts, 0.5).delay_ms == 1000);
  CHECK(DecideRetry(retriers, "A", &attempts, 0.5).delay_ms == 2000);
  CHECK(DecideRetry(retriers, "A", &attempts, 0.5).delay_ms == 4000);
  CHECK_FALSE(DecideRetry(retriers, "A", &attempts, 0.5).retry);
  CHECK_FALSE(DecideRetry(retriers, "B", &attempts, 0.5).retry);

  retriers[0].max_delay_seconds = 1.5;
  CHECK(RetryDelayMs(retriers[0], 5, 0.5) == 1500);
  retriers[0].jitter_full = true;
  CHECK(RetryDelayMs(retriers[0], 5, 0.5) == 750);
}

TEST_CASE("DecideRetry: the first matching retrier decides, each with its own counter") {
  std::vector<Retrier> retriers = {MakeRetrier({"A"}, 1, 0, 2.0),
                                   MakeRetrier({"States.ALL"}, 2, 1, 1.0)};
  std::vector<int> attempts;
  RetryDecision first = DecideRetry(retriers, "A", &attempts, 0.5);
  CHECK_FALSE(first.retry);  // MaxAttempts 0
  CHECK(first.retrier == 0);
  RetryDecision other = DecideRetry(retriers, "B", &attempts, 0.5);
  CHECK(other.retry);
  CHECK(other.retrier == 1);
  CHECK(other.delay_ms == 2000);
  CHECK(DecideRetry(retriers, "C.None", &attempts, 0.5).retrier == 1);  // States.ALL
  CHECK_FALSE(DecideRetry(retriers, "B", &attempts, 0.5).retry);
  CHECK(attempts == std::vector<int>{0, 1});
}

TEST_CASE("FindCatcher") {
  std::vector<Catcher> catchers(2);
  catchers[0].error_equals = {"Lambda.Unknown"};
  catchers[0].next = "L";
  catchers[1].error_equals = {"States.ALL"};
  catchers[1].next = "All";
  CHECK(FindCatcher(catchers, "Lambda.Unknown")->next == "L");
  CHECK(FindCatcher(catchers, "X")->next == "All");
  CHECK(FindCatcher(catchers, "States.Runtime") == nullptr);
}

}  // namespace
}  // namespace sfn::asl
