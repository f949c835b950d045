// tests/emulator/records/metrics_test.cc
#include "emulator/records/metrics.h"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace sfn::emulator {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool Has(const std::string& text, const std::string& line) {
  for (const std::string& l : Lines(text))
    if (l == line) return true;
  return false;
}

TEST_CASE("Metrics: escaping of label values and HELP text") {
  CHECK(EscapeLabelValue(R"(a"b\c)") == R"(a\"b\\c)");
  CHECK(EscapeLabelValue("x\ny") == "x\\ny");
  CHECK(EscapeHelp(R"(say "hi" \ now)") == R"(say "hi" \\ now)");
  CHECK(EscapeHelp("two\nlines") == "two\\nlines");
}

TEST_CASE("Metrics: executions per state machine, running gauge and retained gauge") {
  Metrics m;
  const std::string a = "arn:aws:states:us-east-1:1:stateMachine:A";
  m.ExecutionStarted(a);
  m.ExecutionStarted(a);
  m.ExecutionStarted(a);
  m.ExecutionEnded(a, ExecutionStatus::kSucceeded);
  m.ExecutionEnded(a, ExecutionStatus::kFailed);
  m.ExecutionRedriven(a);
  m.ExecutionEnded(a, ExecutionStatus::kTimedOut);
  m.SetRetainedExecutions([] { return int64_t{42}; });
  const std::string text = m.Render();
  const std::string label = "{state_machine=\"" + a + "\"}";
  CHECK(Has(text, "# TYPE sfn_executions_started_total counter"));
  CHECK(Has(text, "sfn_executions_started_total" + label + " 3"));
  CHECK(Has(text, "sfn_executions_succeeded_total" + label + " 1"));
  CHECK(Has(text, "sfn_executions_failed_total" + label + " 1"));
  CHECK(Has(text, "sfn_executions_timed_out_total" + label + " 1"));
  CHECK(Has(text, "sfn_executions_aborted_total" + label + " 0"));
  CHECK(Has(text, "sfn_executions_redriven_total" + label + " 1"));
  CHECK(Has(text, "# TYPE sfn_executions_running gauge"));
  CHECK(Has(text, "sfn_executions_running" + label + " 1"));  // 3 + 1 redriven - 3 ended
  CHECK(Has(text, "sfn_executions_retained 42"));
}

TEST_CASE("Metrics: a state machine name with quotes and backslashes is escaped") {
  Metrics m;
  m.ExecutionStarted("odd\"name\\x");
  CHECK(Has(m.Render(), R"(sfn_executions_started_total{state_machine="odd\"name\\x"} 1)"));
}

TEST_CASE("Metrics: task calls by kind and outcome; state transitions") {
  Metrics m;
  m.TaskCall("exec", "succeeded");
  m.TaskCall("exec", "succeeded");
  m.TaskCall("http", "timed_out");
  m.StateTransition();
  m.StateTransition();
  const std::string text = m.Render();
  CHECK(Has(text, R"(sfn_task_calls_total{kind="exec",outcome="succeeded"} 2)"));
  CHECK(Has(text, R"(sfn_task_calls_total{kind="http",outcome="timed_out"} 1)"));
  CHECK(Has(text, "sfn_state_transitions_total 2"));
}

TEST_CASE("Metrics: API requests and the latency histogram are cumulative and consistent") {
  Metrics m;
  m.ApiRequest("StartExecution", 200, 300);      // 0.0003 s
  m.ApiRequest("StartExecution", 200, 20000);    // 0.02 s
  m.ApiRequest("StartExecution", 400, 7000000);  // 7 s: only +Inf
  m.ApiRequest("DescribeExecution", 200, 1000);  // exactly 0.001 s: le="0.001"
  const std::string text = m.Render();
  CHECK(Has(text, R"(sfn_api_requests_total{action="StartExecution",status="200"} 2)"));
  CHECK(Has(text, R"(sfn_api_requests_total{action="StartExecution",status="400"} 1)"));
  CHECK(Has(text, "# TYPE sfn_api_request_duration_seconds histogram"));
  const std::string b = "sfn_api_request_duration_seconds_bucket{action=\"StartExecution\",le=";
  CHECK(Has(text, b + "\"0.0005\"} 1"));
  CHECK(Has(text, b + "\"0.01\"} 1"));
  CHECK(Has(text, b + "\"0.025\"} 2"));
  CHECK(Has(text, b + "\"5\"} 2"));
  CHECK(Has(text, b + "\"+Inf\"} 3"));
  CHECK(Has(text, R"(sfn_api_request_duration_seconds_count{action="StartExecution"} 3)"));
  CHECK(Has(text, R"(sfn_api_request_duration_seconds_sum{action="StartExecution"} 7.020300)"));
  CHECK(Has(text,
            R"(sfn_api_request_duration_seconds_bucket{action="DescribeExecution",le="0.001"} 1)"));
  CHECK(
      Has(text,
          R"(sfn_api_request_duration_seconds_bucket{action="DescribeExecution",le="0.0005"} 0)"));
}

TEST_CASE("Metrics: every family has HELP then TYPE before its samples, once") {
  Metrics m;
  m.ExecutionStarted("a");
  m.TaskCall("mock", "failed");
  m.ApiRequest("ListStateMachines", 200, 5);
  std::vector<std::string> declared;
  std::string last_type_family;
  std::vector<std::string> lines = Lines(m.Render());
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (l.rfind("# HELP ", 0) == 0) {
      const std::string family = l.substr(7, l.find(' ', 7) - 7);
      for (const std::string& d : declared) CHECK(d != family);
      declared.push_back(family);
      REQUIRE(i + 1 < lines.size());
      CHECK(lines[i + 1].rfind("# TYPE " + family + " ", 0) == 0);
      last_type_family = family;
    } else if (l.rfind("# ", 0) != 0) {
      CHECK(l.rfind(last_type_family, 0) == 0);  // a sample of the family declared last
    }
  }
  CHECK(declared.size() == 12);
}

TEST_CASE("Metrics: counting from many threads loses nothing") {
  Metrics m;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&m, t] {
      for (int i = 0; i < 1000; ++i) {
        m.ExecutionStarted("sm" + std::to_string(t % 2));
        m.ApiRequest("StartExecution", 200, 10);
      }
    });
  }
  for (auto& th : threads) th.join();
  const std::string text = m.Render();
  CHECK(Has(text, R"(sfn_executions_started_total{state_machine="sm0"} 4000)"));
  CHECK(Has(text, R"(sfn_executions_started_total{state_machine="sm1"} 4000)"));
  CHECK(Has(text, R"(sfn_api_requests_total{action="StartExecution",status="200"} 8000)"));
}

}  // namespace
}  // namespace sfn::emulator
