// tests/support/fake_environment.h
//
// Fakes for what expressions see besides their input: an Environment whose
// randomness, UUIDs and time are what the test sets, and the variables in
// scope as a plain map. Not thread-safe: one test thread.
#ifndef SFN_TESTS_SUPPORT_FAKE_ENVIRONMENT_H_
#define SFN_TESTS_SUPPORT_FAKE_ENVIRONMENT_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "asl/core/eval_context.h"
#include "asl/core/json.h"

namespace sfn::testing {

class FakeEnvironment : public asl::Environment {
 public:
  double random = 0.5;
  // Every NewUuid() answer; empty: "uuid-1", "uuid-2", ...
  std::string uuid;
  // 2024-01-02T03:04:05.678Z, FakeClock's default instant.
  int64_t now_ms = 1704164645678;

  double NextRandom() override { return random; }
  std::string NewUuid() override {
    return uuid.empty() ? "uuid-" + std::to_string(++uuids_) : uuid;
  }
  int64_t NowMillis() override { return now_ms; }

 private:
  int uuids_ = 0;
};

class MapVariables : public asl::VariableLookup {
 public:
  std::map<std::string, Json> vars;
  const Json* Find(std::string_view name) const override {
    auto it = vars.find(std::string(name));
    return it == vars.end() ? nullptr : &it->second;
  }
};

}  // namespace sfn::testing

#endif  // SFN_TESTS_SUPPORT_FAKE_ENVIRONMENT_H_
