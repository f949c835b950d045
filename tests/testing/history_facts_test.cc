// tests/testing/history_facts_test.cc
#include "testing/history_facts.h"

#include <doctest/doctest.h>

#include "tests/testing/history_fixture.h"

namespace sfn::testing {
namespace {

TEST_CASE("ReadHistoryFacts") {
  const HistoryFacts facts = ReadHistoryFacts(FixtureEvents());

  SUBCASE("the path holds top-level states only, in order") {
    CHECK(facts.path == std::vector<std::string>{"Charge", "Route", "Both", "Done"});
  }
  SUBCASE("a state's last entry: input, output, attempts and errors") {
    const StateVisit& charge = facts.visits[facts.last_visit.at("Charge")];
    CHECK(Dump(charge.input) == R"({"a":1})");
    REQUIRE(charge.output.has_value());
    CHECK(Dump(*charge.output) == R"({"a":1,"paymentId":"p-1"})");
    CHECK(charge.attempts == 2);
    CHECK(charge.errors == std::vector<std::string>{"Gateway.Timeout"});
    CHECK_FALSE(charge.failing);
  }
  SUBCASE("branch states are seen but not top level") {
    const StateVisit& b2 = facts.visits[facts.last_visit.at("B2")];
    CHECK_FALSE(b2.top_level);
    CHECK(Dump(*b2.output) == "2");
  }
  SUBCASE("transitions: a Choice's move is marked, a branch start is not a move") {
    REQUIRE(facts.transitions.size() == 3);
    CHECK(facts.transitions[0].from == "Charge");
    CHECK(facts.transitions[0].to == "Route");
    CHECK(facts.transitions[1].from == "Route");
    CHECK(facts.transitions[1].to == "Both");
    CHECK(facts.transitions[1].after_choice);
    CHECK(facts.transitions[2].from == "Both");
    CHECK(facts.transitions[2].to == "Done");
  }
  SUBCASE("an object with an events member reads the same") {
    const Json wrapped = Json::MakeObject({}).With("events", FixtureEvents());
    CHECK(ReadHistoryFacts(wrapped).path == facts.path);
  }
  SUBCASE("no events, no facts") { CHECK(ReadHistoryFacts(Json()).visits.empty()); }
}

TEST_CASE("ReadHistoryFacts: a caught failure moves with its error") {
  const std::string entered = "stateEnteredEventDetails";
  const Json events = ParseOrDie(
      "[" + FixtureEvent(1, 0, "ExecutionStarted") + "," +
      FixtureEvent(2, 1, "TaskStateEntered", entered, R"({"name":"Charge","input":"{}"})") + "," +
      FixtureEvent(3, 2, "TaskScheduled") + "," +
      FixtureEvent(4, 3, "TaskFailed", "taskFailedEventDetails",
                   R"({"error":"Boom","cause":"c"})") +
      "," + FixtureEvent(5, 4, "FailStateEntered", entered, R"({"name":"Refund","input":"{}"})") +
      "," +
      FixtureEvent(6, 5, "ExecutionFailed", "executionFailedEventDetails",
                   R"({"error":"Refunded"})") +
      "]");
  const HistoryFacts facts = ReadHistoryFacts(events);
  REQUIRE(facts.transitions.size() == 1);
  CHECK(facts.transitions[0].error == "Boom");
  const StateVisit& refund = facts.visits[facts.last_visit.at("Refund")];
  CHECK(refund.error == "Refunded");
  CHECK(refund.failing);
}

TEST_CASE("ReadHistoryFacts: a failed Parallel fails with its branch's error") {
  const std::string entered = "stateEnteredEventDetails";
  const Json events = ParseOrDie(
      "[" + FixtureEvent(1, 0, "ExecutionStarted") + "," +
      FixtureEvent(2, 1, "ParallelStateEntered", entered, R"({"name":"Both","input":"{}"})") + "," +
      FixtureEvent(3, 2, "ParallelStateStarted") + "," +
      FixtureEvent(4, 3, "TaskStateEntered", entered, R"({"name":"B1","input":"{}"})") + "," +
      FixtureEvent(5, 4, "TaskFailed", "taskFailedEventDetails", R"({"error":"CheckFailed"})") +
      "," + FixtureEvent(6, 5, "ParallelStateFailed") + "," +
      FixtureEvent(7, 6, "FailStateEntered", entered, R"({"name":"Reject","input":"{}"})") + "]");
  const HistoryFacts facts = ReadHistoryFacts(events);
  CHECK(facts.path == std::vector<std::string>{"Both", "Reject"});
  CHECK(facts.visits[facts.last_visit.at("Both")].error == "CheckFailed");
  REQUIRE(facts.transitions.size() == 1);
  CHECK(facts.transitions[0].from == "Both");
  CHECK(facts.transitions[0].error == "CheckFailed");
}

}  // namespace
}  // namespace sfn::testing
