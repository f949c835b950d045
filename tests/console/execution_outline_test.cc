// tests/console/execution_outline_test.cc
#include "console/execution_outline.h"

#include <doctest/doctest.h>

#include <string>

namespace sfn::console {
namespace {

Json Events(const std::string& text) { return ParseJson(text).value; }

// A Pass, then a Task retried twice and caught, then a Pass after the Catch.
const char* kCaught = R"([
 {"id":1,"previousEventId":0,"type":"ExecutionStarted","executionStartedEventDetails":{"input":"{}"}},
 {"id":2,"previousEventId":0,"type":"PassStateEntered","stateEnteredEventDetails":{"name":"P","input":"{}"},"timestamp":1.5},
 {"id":3,"previousEventId":2,"type":"PassStateExited","stateExitedEventDetails":{"name":"P","output":"{\"a\":1}"},"timestamp":1.6},
 {"id":4,"previousEventId":3,"type":"TaskStateEntered","stateEnteredEventDetails":{"name":"T","input":"{\"a\":1}"}},
 {"id":5,"previousEventId":4,"type":"TaskScheduled","taskScheduledEventDetails":{},"timestamp":2},
 {"id":6,"previousEventId":5,"type":"TaskFailed","taskFailedEventDetails":{"error":"E1","cause":"c1"},"timestamp":3},
 {"id":7,"previousEventId":6,"type":"TaskScheduled","taskScheduledEventDetails":{},"timestamp":4},
 {"id":8,"previousEventId":7,"type":"TaskFailed","taskFailedEventDetails":{"error":"E2","cause":"c2"},"timestamp":5},
 {"id":9,"previousEventId":8,"type":"TaskStateExited","stateExitedEventDetails":{"name":"T","output":"{}"}},
 {"id":10,"previousEventId":9,"type":"PassStateEntered","stateEnteredEventDetails":{"name":"After","input":"{}"}}
])";

TEST_CASE("OutlineExecution: retried, caught, succeeded and running states") {
  ExecutionOutline o = OutlineExecution(Events(kCaught).AsArray(), "RUNNING");
  CHECK(o.states["P"].outcome == "succeeded");
  CHECK(o.states["P"].output == Json("{\"a\":1}"));
  CHECK(o.states["P"].entered_at == Json(1.5));
  const StateOutline& t = o.states["T"];
  CHECK(t.outcome == "caught");
  CHECK(t.retried);
  CHECK(t.attempts == 2);
  CHECK(t.failures == 2);
  CHECK(t.error == Json("E2"));
  CHECK(t.cause == Json("c2"));
  CHECK(t.input == Json("{\"a\":1}"));
  REQUIRE(t.attempt_list.size() == 2);
  CHECK(t.attempt_list[0].started_at == Json(2));
  CHECK(t.attempt_list[0].ended_at == Json(3));
  CHECK(t.attempt_list[0].error == Json("E1"));
  CHECK(t.attempt_list[1].cause == Json("c2"));
  CHECK(o.states["After"].outcome == "running");
  CHECK(o.states.count("Never") == 0);
  CHECK(o.event_state[0] == "");
  CHECK(o.event_state[5] == "T");  // TaskFailed belongs to T through its chain
}

TEST_CASE("OutlineExecution: an error that ends the execution marks its state failed") {
  ExecutionOutline o = OutlineExecution(Events(R"([
   {"id":1,"previousEventId":0,"type":"ExecutionStarted"},
   {"id":2,"previousEventId":0,"type":"TaskStateEntered","stateEnteredEventDetails":{"name":"T","input":"{}"}},
   {"id":3,"previousEventId":2,"type":"TaskFailed","taskFailedEventDetails":{"error":"Boom"}},
   {"id":4,"previousEventId":3,"type":"ExecutionFailed","executionFailedEventDetails":{"error":"Boom"}}
  ])")
                                            .AsArray(),
                                        "FAILED");
  CHECK(o.states["T"].outcome == "failed");
  CHECK_FALSE(o.states["T"].retried);
  CHECK(o.states["T"].error == Json("Boom"));
  CHECK(o.event_state[3] == "");  // execution-level events belong to no state
}

TEST_CASE("OutlineExecution: Map iterations are counted per Map state and tag their events") {
  ExecutionOutline o = OutlineExecution(Events(R"([
   {"id":1,"previousEventId":0,"type":"ExecutionStarted"},
   {"id":2,"previousEventId":0,"type":"MapStateEntered","stateEnteredEventDetails":{"name":"M","input":"[1,2]"}},
   {"id":3,"previousEventId":2,"type":"MapStateStarted"},
   {"id":4,"previousEventId":3,"type":"MapIterationStarted","mapIterationStartedEventDetails":{"name":"M","index":0}},
   {"id":5,"previousEventId":4,"type":"PassStateEntered","stateEnteredEventDetails":{"name":"In","input":"1"}},
   {"id":6,"previousEventId":5,"type":"PassStateExited","stateExitedEventDetails":{"name":"In","output":"1"}},
   {"id":7,"previousEventId":6,"type":"MapIterationSucceeded","mapIterationSucceededEventDetails":{"name":"M","index":0}},
   {"id":8,"previousEventId":3,"type":"MapIterationStarted","mapIterationStartedEventDetails":{"name":"M","index":1}},
   {"id":9,"previousEventId":8,"type":"PassStateEntered","stateEnteredEventDetails":{"name":"In","input":"2"}}
  ])")
                                            .AsArray(),
                                        "RUNNING");
  CHECK(o.states["M"].iterations ==
        std::map<int64_t, std::string>{{0, "SUCCEEDED"}, {1, "RUNNING"}});
  CHECK(o.states["M"].outcome == "running");
  CHECK(o.states["In"].entered == 2);
  CHECK(o.event_iteration[4] == 0);
  CHECK(o.event_iteration[8] == 1);
  CHECK(o.event_iteration[1] == -1);
}

TEST_CASE(
    "OutlineExecution: a Map failed by an iteration and caught is the Map's, not the iteration's") {
  ExecutionOutline o = OutlineExecution(Events(R"([
   {"id":1,"previousEventId":0,"type":"ExecutionStarted"},
   {"id":2,"previousEventId":0,"type":"MapStateEntered","stateEnteredEventDetails":{"name":"M"}},
   {"id":3,"previousEventId":2,"type":"MapStateStarted"},
   {"id":4,"previousEventId":3,"type":"MapIterationStarted","mapIterationStartedEventDetails":{"name":"M","index":0}},
   {"id":5,"previousEventId":4,"type":"FailStateEntered","stateEnteredEventDetails":{"name":"Bad"}},
   {"id":6,"previousEventId":5,"type":"MapIterationFailed","mapIterationFailedEventDetails":{"name":"M","index":0}},
   {"id":7,"previousEventId":5,"type":"MapStateFailed","mapStateFailedEventDetails":{"error":"E"}},
   {"id":8,"previousEventId":7,"type":"MapStateExited","stateExitedEventDetails":{"name":"M","output":"{}"}},
   {"id":9,"previousEventId":8,"type":"PassStateEntered","stateEnteredEventDetails":{"name":"Handled"}}
  ])")
                                            .AsArray(),
                                        "RUNNING");
  CHECK(o.states["M"].outcome == "caught");
  CHECK(o.states["M"].error == Json("E"));
  CHECK(o.states["Bad"].outcome == "failed");  // a Fail state, though the execution runs on
  CHECK(o.states["M"].iterations == std::map<int64_t, std::string>{{0, "FAILED"}});
  CHECK(o.event_state[6] == "M");
  CHECK(o.event_iteration[6] == -1);
  CHECK(o.event_state[8] == "Handled");
}

TEST_CASE("OutlineToJson: states never entered are absent; events carry state and iteration") {
  Json j = OutlineToJson(OutlineExecution(Events(kCaught).AsArray(), "RUNNING"));
  const Json* t = j.Find("states")->Find("T");
  REQUIRE(t != nullptr);
  CHECK(*t->Find("outcome") == Json("caught"));
  CHECK(*t->Find("retried") == Json(true));
  CHECK(j.Find("events")->size() == 10);
  CHECK(*j.Find("events")->AsArray()[4].Find("state") == Json("T"));
}

TEST_CASE("OutlineExecution: events that are not objects or name nothing are tolerated") {
  ExecutionOutline o = OutlineExecution(
      Events(R"([1, {"type":"TaskScheduled","previousEventId":99}])").AsArray(), "RUNNING");
  CHECK(o.states.empty());
  CHECK(o.event_state.size() == 2);
}

}  // namespace
}  // namespace sfn::console
