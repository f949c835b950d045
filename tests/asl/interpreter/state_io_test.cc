// tests/asl/interpreter/state_io_test.cc
#include "asl/interpreter/state_io.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "asl/interpreter/interpreter.h"

namespace sfn::asl {
namespace {

TEST_CASE("StateIoDetails: StateEntered carries input, the others output, in AWS's key order") {
  const std::string name = "Check";
  CHECK(CarriesInput(EventType::kChoiceStateEntered));
  CHECK_FALSE(CarriesInput(EventType::kChoiceStateExited));
  CHECK_FALSE(CarriesInput(EventType::kExecutionSucceeded));
  CHECK(Dump(StateIoDetails(EventType::kMapStateEntered, &name, Json("[1]"))) ==
        R"({"name":"Check","input":"[1]","inputDetails":{"truncated":false}})");
  CHECK(Dump(StateIoDetails(EventType::kTaskStateExited, &name, Json("\"s\""))) ==
        R"({"name":"Check","output":"\"s\"","outputDetails":{"truncated":false}})");
  CHECK(Dump(StateIoDetails(EventType::kExecutionSucceeded, nullptr, Json("null"))) ==
        R"({"output":"null","outputDetails":{"truncated":false}})");
}

// A sink that keeps what Emit got.
class CollectingSink : public EventSink {
 public:
  int64_t Emit(EventType type, Json details, int64_t) override {
    types.push_back(type);
    details_seen.push_back(std::move(details));
    return static_cast<int64_t>(types.size());
  }
  std::vector<EventType> types;
  std::vector<Json> details_seen;
};

TEST_CASE("EventSink::EmitStateIo by default passes the shaped details to Emit") {
  CollectingSink sink;
  const std::string name = "P";
  CHECK(sink.EmitStateIo(EventType::kPassStateEntered, name, Json("{}"), 0) == 1);
  REQUIRE(sink.details_seen.size() == 1);
  CHECK(sink.types[0] == EventType::kPassStateEntered);
  CHECK(Dump(sink.details_seen[0]) ==
        R"({"name":"P","input":"{}","inputDetails":{"truncated":false}})");
}

}  // namespace
}  // namespace sfn::asl
