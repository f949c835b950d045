// tests/testing/expectations_test.cc
#include "testing/expectations.h"

#include <doctest/doctest.h>

#include "tests/testing/history_fixture.h"

namespace sfn::testing {
namespace {

RunResult Succeeded(const std::string& output) {
  RunResult r;
  r.status = "SUCCEEDED";
  r.output = ParseOrDie(output);
  r.events = FixtureEvents();
  return r;
}

std::vector<std::string> Lines(const Expectation& e, const RunResult& r) {
  std::vector<std::string> lines;
  for (const Mismatch& m : CompareRun(e, r, ReadHistoryFacts(r.events))) {
    lines.push_back(FormatMismatch(m));
  }
  return lines;
}

TEST_CASE("CompareRun") {
  const RunResult run = Succeeded(R"({"paymentId":"p-2","items":[1,2],"extra":true})");
  Expectation e;

  SUBCASE("status only") { CHECK(Lines(e, run).empty()); }
  SUBCASE("another status") {
    e.status = ExpectedStatus::kFailed;
    e.error = "PaymentFailed";
    CHECK(Lines(e, run) ==
          std::vector<std::string>{"$.status: expected FAILED, got SUCCEEDED",
                                   R"($.error: expected "PaymentFailed", got "")"});
  }
  SUBCASE("output: equal, member by member") {
    e.output = ParseOrDie(R"({"paymentId":"p-1","items":[1,3]})");
    CHECK(Lines(e, run) ==
          std::vector<std::string>{R"($.output.paymentId: expected "p-1", got "p-2")",
                                   "$.output.items[1]: expected 3, got 2",
                                   "$.output.extra: expected nothing, got true"});
  }
  SUBCASE("outputContains: a subset, arrays whole") {
    e.output_contains = ParseOrDie(R"({"paymentId":"p-2","items":[1],"missing":0})");
    CHECK(Lines(e, run) == std::vector<std::string>{"$.output.items: expected [1], got [1,2]",
                                                    "$.output.missing: expected 0, got nothing"});
  }
  SUBCASE("outputContains holds") {
    e.output_contains = ParseOrDie(R"({"items":[1,2]})");
    CHECK(Lines(e, run).empty());
  }
  SUBCASE("path") {
    e.path = std::vector<std::string>{"Charge", "Done"};
    CHECK(Lines(e, run) ==
          std::vector<std::string>{
              R"($.path: expected ["Charge", "Done"], got ["Charge", "Route", "Both", "Done"])"});
  }
  SUBCASE("states") {
    StateExpectation charge;
    charge.state = "Charge";
    charge.attempts = 3;
    charge.input = ParseOrDie(R"({"a":1})");
    charge.output = ParseOrDie(R"({"a":1,"paymentId":"p-9"})");
    charge.error = "Gateway.Timeout";
    StateExpectation never;
    never.state = "Refund";
    e.states = {charge, never};
    CHECK(Lines(e, run) ==
          std::vector<std::string>{
              R"($.states.Charge.output.paymentId: expected "p-9", got "p-1")",
              "$.states.Charge.attempts: expected 3, got 2",
              "$.states.Refund: expected an entry, got none (the state was not entered)"});
  }
  SUBCASE("a state name that is not a plain key") {
    StateExpectation odd;
    odd.state = "Send mail";
    e.states = {odd};
    CHECK(Lines(e, run).front().rfind(R"($.states["Send mail"]: expected an entry)", 0) == 0);
  }
}

TEST_CASE("JudgeRun and FailureLines") {
  TestCase c;
  c.name = "pays";
  c.expect.output_contains = ParseOrDie(R"({"paymentId":"p-1"})");

  SUBCASE("passes") {
    const CaseResult r = JudgeRun(c, {}, Succeeded(R"({"paymentId":"p-1"})"));
    CHECK(r.outcome == CaseResult::Outcome::kPassed);
    CHECK(r.name == "pays");
  }
  SUBCASE("fails with the diff, the path taken and the mock problems") {
    RunResult run = Succeeded(R"({"paymentId":"p-2"})");
    run.mock_problems = {"ChargeCard: no answer for attempt 3 (the mock has 2)"};
    const CaseResult r = JudgeRun(c, {}, run);
    CHECK(r.outcome == CaseResult::Outcome::kFailed);
    CHECK(r.message == R"($.output.paymentId: expected "p-1", got "p-2")");
    CHECK(r.details ==
          "$.output.paymentId: expected \"p-1\", got \"p-2\"\n"
          "mock: ChargeCard: no answer for attempt 3 (the mock has 2)\n"
          "path taken: Charge -> Route -> Both -> Done\n");
  }
  SUBCASE("mock problems alone fail the case") {
    RunResult run = Succeeded(R"({"paymentId":"p-1"})");
    run.mock_problems = {"Charge: mock never used"};
    CHECK(JudgeRun(c, {}, run).message == "mock: Charge: mock never used");
  }
  SUBCASE("a failed run says where it failed") {
    RunResult run;
    run.status = "FAILED";
    run.error = "Refunded";
    run.cause = "no money";
    run.events = ParseOrDie("[" + FixtureEvent(1, 0, "ExecutionStarted") + "," +
                            FixtureEvent(2, 1, "FailStateEntered", "stateEnteredEventDetails",
                                         R"({"name":"Refund","input":"{}"})") +
                            "," +
                            FixtureEvent(3, 2, "ExecutionFailed", "executionFailedEventDetails",
                                         R"({"error":"Refunded","cause":"no money"})") +
                            "]");
    const std::vector<std::string> lines = FailureLines(
        CompareRun(c.expect, run, ReadHistoryFacts(run.events)), run, ReadHistoryFacts(run.events));
    CHECK(lines ==
          std::vector<std::string>{"$.status: expected SUCCEEDED, got FAILED",
                                   R"($.output: expected {"paymentId":"p-1"}, got nothing)",
                                   "path taken: Refund", "failed in Refund: Refunded: no money"});
  }
}

TEST_CASE("UnusedMockAnswers") {
  const HistoryFacts facts = ReadHistoryFacts(FixtureEvents());  // Charge: 2 attempts
  auto mock = [](const std::string& target, size_t answers, bool every = false) {
    Mock m;
    m.target = target;
    m.every_attempt = every;
    m.answers.resize(answers);
    return m;
  };
  CHECK(UnusedMockAnswers({mock("Charge", 2), mock("Charge", 1, true)}, facts).empty());
  CHECK(UnusedMockAnswers({mock("Charge", 3)}, facts) ==
        std::vector<std::string>{
            "Charge: the answer for attempt 3 was never used (the state made at most 2 attempts)"});
  CHECK(UnusedMockAnswers({mock("Charge", 4)}, facts) ==
        std::vector<std::string>{"Charge: the answers for attempts 3 to 4 were never used (the "
                                 "state made at most 2 attempts)"});
  // Not entered, or a resource: the runner's to report.
  CHECK(UnusedMockAnswers({mock("Refund", 3), mock("arn:aws:lambda:x", 3)}, facts).empty());

  TestCase c;
  c.name = "pays";
  RunResult run;
  run.status = "SUCCEEDED";
  run.events = FixtureEvents();
  const CaseResult r = JudgeRun(c, {mock("Charge", 3)}, run);
  CHECK(r.outcome == CaseResult::Outcome::kFailed);
  CHECK(
      r.message ==
      "mock: Charge: the answer for attempt 3 was never used (the state made at most 2 attempts)");
}

}  // namespace
}  // namespace sfn::testing
