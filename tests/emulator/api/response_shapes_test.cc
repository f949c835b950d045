// tests/emulator/api/response_shapes_test.cc
#include "emulator/api/response_shapes.h"

#include <doctest/doctest.h>

using namespace sfn::emulator;
using sfn::Json;

TEST_CASE("Timestamps are epoch seconds printed as AWS's Java service prints doubles") {
  CHECK(sfn::Dump(Timestamp(1700000000123)) == "1.700000000123E9");
  CHECK(sfn::Dump(Timestamp(1700000000000)) == "1.7E9");
}

TEST_CASE("ObjectBuilder keeps order and skips absent members") {
  Json j = ObjectBuilder()
               .Add("a", Json(1))
               .AddNonEmpty("b", "")
               .AddOptional("c", std::optional<std::string>())
               .AddOptional("d", std::optional<std::string>("x"))
               .Build();
  CHECK(sfn::Dump(j) == R"({"a":1,"d":"x"})");
}

TEST_CASE("RenderHistoryEvent") {
  HistoryEvent e;
  e.id = 3;
  e.previous_event_id = 2;
  e.timestamp_ms = 1700000000500;
  e.type = sfn::asl::EventType::kPassStateExited;
  e.details =
      sfn::ParseJson(R"({"name":"P","output":"{}","outputDetails":{"truncated":false}})").value;
  CHECK(
      sfn::Dump(RenderHistoryEvent(e, true)) ==
      R"({"timestamp":1.7000000005E9,"type":"PassStateExited","id":3,"previousEventId":2,)"
      R"("stateExitedEventDetails":{"name":"P","output":"{}","outputDetails":{"truncated":false}}})");
  CHECK(sfn::Dump(RenderHistoryEvent(e, false)) ==
        R"({"timestamp":1.7000000005E9,"type":"PassStateExited","id":3,"previousEventId":2,)"
        R"("stateExitedEventDetails":{"name":"P","outputDetails":{"truncated":false}}})");
  e.details = Json();
  e.type = sfn::asl::EventType::kExecutionAborted;
  CHECK(sfn::Dump(RenderHistoryEvent(e, true)).find(R"("executionAbortedEventDetails":{})") !=
        std::string::npos);
}
