// tests/testing/coverage_test.cc
#include "testing/coverage.h"

#include <doctest/doctest.h>

#include "tests/testing/history_fixture.h"

namespace sfn::testing {
namespace {

FileRun FixtureFile() {
  FileRun file;
  file.path = "t/orders.sfn-test.yaml";
  file.state_machine = "orders.asl.json";
  file.definition = kFixtureDefinition;
  file.runs.push_back({"pays", FixtureEvents(), 6});
  return file;
}

TEST_CASE("ComputeCoverage") {
  const std::vector<MachineCoverage> coverage = ComputeCoverage({FixtureFile()});
  REQUIRE(coverage.size() == 1);
  const MachineCoverage& c = coverage[0];
  CHECK(c.states ==
        std::vector<std::string>{"Charge", "Route", "Both", "B1", "B2", "Refund", "Done"});
  CHECK(c.entered == std::vector<bool>{true, true, true, true, true, false, true});
  REQUIRE(c.choice_rules.size() == 3);
  CHECK(c.choice_rules[0].used);
  CHECK_FALSE(c.choice_rules[1].used);
  CHECK_FALSE(c.choice_rules[2].used);
  REQUIRE(c.retriers.size() == 2);
  CHECK(c.retriers[0].used);  // Gateway.Timeout, the first that matches
  CHECK_FALSE(c.retriers[1].used);
  REQUIRE(c.catchers.size() == 1);
  CHECK_FALSE(c.catchers[0].used);

  SUBCASE("text") {
    CHECK(CoverageText(coverage) ==
          "coverage of orders.asl.json:\n"
          "  states: 6/7 entered (not entered: Refund)\n"
          "  choice rules: 1/3 taken (not taken: Route rule 1 -> Refund, Route Default -> Done)\n"
          "  catchers: 0/1 exercised (not exercised: Charge Catch 0 [States.ALL] -> Refund)\n"
          "  retriers: 1/2 exercised (not exercised: Charge Retry 1 [States.ALL])\n"
          "  t/orders.sfn-test.yaml: pays: 6 state transitions, $0.000150 on AWS Standard\n"
          "  all cases: 6 state transitions, $0.000150 on AWS Standard\n");
  }
  SUBCASE("JSON") {
    const Json json = CoverageJson(coverage);
    const Json& machine = json.Find("stateMachines")->AsArray()[0];
    CHECK(Dump(*machine.Find("states")) == R"({"entered":6,"total":7,"notEntered":["Refund"]})");
    CHECK(
        Dump(*machine.Find("cases")) ==
        R"([{"file":"t/orders.sfn-test.yaml","name":"pays","stateTransitions":6,"priceUsd":1.5E-4}])");
  }
}

TEST_CASE("ComputeCoverage: files of one state machine merge; a Catcher counts when taken") {
  FileRun caught = FixtureFile();
  const std::string entered = "stateEnteredEventDetails";
  caught.runs = {
      {"declined",
       ParseOrDie(
           "[" + FixtureEvent(1, 0, "ExecutionStarted") + "," +
           FixtureEvent(2, 1, "TaskStateEntered", entered, R"({"name":"Charge","input":"{}"})") +
           "," + FixtureEvent(3, 2, "TaskScheduled") + "," +
           FixtureEvent(4, 3, "TaskFailed", "taskFailedEventDetails", R"({"error":"Declined"})") +
           "," +
           FixtureEvent(5, 4, "FailStateEntered", entered, R"({"name":"Refund","input":"{}"})") +
           "]"),
       2}};
  FileRun broken;
  broken.path = "t/broken.sfn-test.yaml";
  const auto coverage = ComputeCoverage({FixtureFile(), caught, broken});
  REQUIRE(coverage.size() == 1);
  CHECK(coverage[0].catchers[0].used);
  CHECK(coverage[0].cases.size() == 2);
}

TEST_CASE("TransitionPrice") {
  CHECK(TransitionPrice(0) == "$0.000000");
  CHECK(TransitionPrice(1000) == "$0.025000");
  CHECK(TransitionPrice(4000000) == "$100.000000");
}

}  // namespace
}  // namespace sfn::testing
