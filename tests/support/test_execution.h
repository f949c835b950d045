// tests/support/test_execution.h
//
// Fixtures the emulator tests share: a STANDARD execution record of a
// definition (machine "M", execution "E", us-east-1), and an
// ExecutionRunner that does nothing, for API tests that never run one.
#ifndef SFN_TESTS_SUPPORT_TEST_EXECUTION_H_
#define SFN_TESTS_SUPPORT_TEST_EXECUTION_H_

#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>

#include "asl/definition/parser.h"
#include "emulator/api/actions.h"
#include "emulator/records/execution.h"

namespace sfn::testing {

inline std::shared_ptr<emulator::Execution> MakeTestExecution(const std::string& definition,
                                                             const std::string& input = "{}") {
  asl::ParseResult parsed = asl::ParseDefinition(definition);
  REQUIRE_MESSAGE(parsed.machine != nullptr, parsed.invalid_definition_message);
  JsonParseResult input_json = ParseJson(input);
  REQUIRE(input_json.ok);
  emulator::ExecutionSpec spec;
  spec.arn = "arn:aws:states:us-east-1:123456789012:execution:M:E";
  spec.name = "E";
  spec.state_machine_arn = "arn:aws:states:us-east-1:123456789012:stateMachine:M";
  spec.state_machine_name = "M";
  spec.role_arn = "arn:aws:iam::123456789012:role/R";
  spec.region = "us-east-1";
  spec.account = "123456789012";
  spec.definition = definition;
  spec.machine = parsed.machine;
  spec.input_text = input;
  spec.start_ms = 1704164645000;
  return std::make_shared<emulator::Execution>(std::move(spec), input_json.value);
}

// The history as "Type id<-previousEventId" lines, for exact event checks.
inline std::string HistorySummary(const emulator::Execution& e) {
  std::string out;
  for (const auto& ev : e.history().All()) {
    out += std::string(asl::EventTypeName(ev.type)) + " " + std::to_string(ev.id) + "<-" +
           std::to_string(ev.previous_event_id) + "\n";
  }
  return out;
}

class NoRunner : public emulator::ExecutionRunner {
 public:
  void Start(std::shared_ptr<emulator::Execution>) override {}
  void Stop(const std::shared_ptr<emulator::Execution>&, std::optional<std::string>,
            std::optional<std::string>) override {}
  emulator::CallbackResult SendTaskSuccess(const std::string&, const std::string&) override {
    return {};
  }
  emulator::CallbackResult SendTaskFailure(const std::string&, std::optional<std::string>,
                                           std::optional<std::string>) override {
    return {};
  }
  emulator::CallbackResult SendTaskHeartbeat(const std::string&) override { return {}; }
  void Redrive(std::shared_ptr<emulator::Execution>) override {}
};

}  // namespace sfn::testing

#endif  // SFN_TESTS_SUPPORT_TEST_EXECUTION_H_
