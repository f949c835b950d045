// tests/testing/history_text_test.cc
#include "testing/history_text.h"

#include <doctest/doctest.h>

#include <string>

#include "asl/core/json.h"
#include "asl/interpreter/context_object.h"

namespace sfn::testing {
namespace {

TEST_CASE("the table's timestamps are the Context object's ISO format") {
  CHECK(asl::FormatIsoMillis(1735689600000) == "2025-01-01T00:00:00.000Z");
  CHECK(asl::FormatIsoMillis(1735776000250) == "2025-01-02T00:00:00.250Z");
}

TEST_CASE("HistoryText: one line per event, the state and a short detail") {
  const std::string history = R"({"events":[
    {"timestamp":1735689600.0,"type":"ExecutionStarted","id":1,"previousEventId":0,
     "executionStartedEventDetails":{"input":"{}"}},
    {"timestamp":1735689600.0,"type":"TaskStateEntered","id":2,"previousEventId":0,
     "stateEnteredEventDetails":{"name":"Charge","input":"{}"}},
    {"timestamp":1735776000.0,"type":"TaskFailed","id":3,"previousEventId":2,
     "taskFailedEventDetails":{"error":"Busy","cause":"try later"}},
    {"timestamp":1735776000.0,"type":"ExecutionFailed","id":4,"previousEventId":3,
     "executionFailedEventDetails":{"error":"Busy","cause":"try later"}}]})";
  CHECK(HistoryText(ParseJson(history).value) ==
        "ID    PREV  TIMESTAMP                TYPE                             STATE                    DETAIL\n"
        "1     0     2025-01-01T00:00:00.000Z ExecutionStarted                                          {}\n"
        "2     0     2025-01-01T00:00:00.000Z TaskStateEntered                 Charge\n"
        "3     2     2025-01-02T00:00:00.000Z TaskFailed                       Charge                   Busy: try later\n"
        "4     3     2025-01-02T00:00:00.000Z ExecutionFailed                                           Busy: try later\n");
}

}  // namespace
}  // namespace sfn::testing
