// tests/testing/state_names_test.cc
#include "testing/state_names.h"

#include <doctest/doctest.h>

#include "asl/definition/parser.h"
#include "tests/testing/history_fixture.h"

namespace sfn::testing {
namespace {

TEST_CASE("AllStateNames and CheckStateNames") {
  const asl::ParseResult parsed = asl::ParseDefinition(kFixtureDefinition);
  REQUIRE(parsed.machine != nullptr);
  CHECK(AllStateNames(*parsed.machine) ==
        std::vector<std::string>{"Charge", "Route", "Both", "B1", "B2", "Refund", "Done"});

  const std::string text = R"(
stateMachine: orders.asl.json
mocks:
  B1: {return: 1}
  arn:aws:lambda:us-east-1:123456789012:function:charge: {return: 2}
cases:
  - expect: {status: SUCCEEDED}
)";
  SUBCASE("names at any depth and resource ARNs pass") {
    auto file = ParseTestFile(text, "t/orders.sfn-test.yaml", false);
    REQUIRE(file.ok());
    CHECK(CheckStateNames(file.value(), *parsed.machine) == "");
  }
  SUBCASE("a file-level mock") {
    auto good = ParseTestFile(R"(stateMachine: a.json
mocks:
  Chrage: {return: 1}
cases:
  - expect: {status: SUCCEEDED}
)",
                              "t/orders.sfn-test.yaml", false);
    REQUIRE(good.ok());
    CHECK(CheckStateNames(good.value(), *parsed.machine) ==
          "t/orders.sfn-test.yaml:3: mocks: no state 'Chrage' in the state machine; its states: "
          "Charge, Route, Both, B1, B2, Refund, Done");
  }
  SUBCASE("a case's mock and an expected state") {
    auto file = ParseTestFile(R"(stateMachine: a.json
cases:
  - expect: {status: SUCCEEDED}
  - mocks:
      Done: {return: 1}
    expect:
      status: SUCCEEDED
      states:
        Nope: {attempts: 1}
)",
                              "t.sfn-test.yaml", false);
    REQUIRE(file.ok());
    CHECK(CheckStateNames(file.value(), *parsed.machine) ==
          "t.sfn-test.yaml:9: cases[1].expect.states: no state 'Nope' in the state machine; its "
          "states: Charge, Route, Both, B1, B2, Refund, Done");
  }
}

}  // namespace
}  // namespace sfn::testing
