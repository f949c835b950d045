// tests/emulator/api/api_call_log_test.cc
#include "emulator/api/api_call_log.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

namespace sfn::emulator {
namespace {

std::string Logged(LogLevel level, const ApiCall& call) {
  std::FILE* f = std::tmpfile();
  ServerLog log(level, LogFormat::kText, f, [] { return int64_t{0}; });
  RecordApiCall(nullptr, &log, call);
  std::rewind(f);
  char buffer[512] = {};
  const size_t n = std::fread(buffer, 1, sizeof(buffer) - 1, f);
  std::fclose(f);
  return std::string(buffer, n);
}

TEST_CASE("ApiCallLog: action labels are the table's actions or unknown") {
  CHECK(ActionLabel("AWSStepFunctions.StartExecution") == "StartExecution");
  CHECK(ActionLabel("AWSStepFunctions.NoSuchAction") == "unknown");
  CHECK(ActionLabel("") == "unknown");
  CHECK(ActionLabel("StartExecution") == "unknown");
}

TEST_CASE("ApiCallLog: ordinary calls at debug, refusals at warn, 5xx at error") {
  ApiCall ok{"StartExecution", 200, 1234, ""};
  CHECK(Logged(LogLevel::kInfo, ok).empty());
  CHECK(Logged(LogLevel::kDebug, ok) ==
        "1970-01-01T00:00:00.000Z DEBUG api call action=StartExecution status=200 "
        "latency_ms=1.23\n");
  ApiCall refused{"unknown", 403, 5, "Host 'x' is not a loopback name"};
  CHECK(Logged(LogLevel::kInfo, refused) ==
        "1970-01-01T00:00:00.000Z WARN request refused action=unknown status=403 "
        "reason=\"Host 'x' is not a loopback name\"\n");
  ApiCall failed{"StartExecution", 500, 5, ""};
  CHECK(Logged(LogLevel::kWarn, failed).find(" ERROR api call ") != std::string::npos);
}

TEST_CASE("ApiCallLog: counts the call in the metrics") {
  Metrics m;
  RecordApiCall(&m, nullptr, ApiCall{"ListStateMachines", 200, 10, ""});
  CHECK(m.Render().find("sfn_api_requests_total{action=\"ListStateMachines\",status=\"200\"} 1") !=
        std::string::npos);
}

}  // namespace
}  // namespace sfn::emulator
