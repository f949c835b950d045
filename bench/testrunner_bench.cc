// bench/testrunner_bench.cc
#include "bench/testrunner_bench.h"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <utility>

#include "bench/process.h"

namespace sfn::bench {
namespace {

constexpr char kDefinitionFile[] = "w1-tasks.asl.json";
constexpr char kTestFile[] = "w1.sfn-test.json";
constexpr char kResource[] = "arn:aws:lambda:us-east-1:123456789012:function:W1Step";

// W1 with every state a Task on kResource; Parameters and ResultPath kept.
Json TaskDefinition(const Json& w1) {
  Json::Object states;
  for (const auto& [name, state] : w1.Find("States")->AsObject()) {
    states.emplace_back(name, state.With("Type", Json("Task")).With("Resource", Json(kResource)));
  }
  return w1.With("Comment", Json("W1 with its Pass states as Tasks, answered by mocks"))
      .With("States", Json::MakeObject(std::move(states)));
}

// What W1's Parameters give at step `step`: {"step", "customerId", "total"}.
Json StepResult(const Json& input, int64_t step) {
  const Json* customer = input.Find("customer");
  const Json* id = customer ? customer->Find("id") : nullptr;
  const Json* total = input.Find("total");
  return Json::MakeObject({{"step", Json(step)},
                           {"customerId", id ? *id : Json()},
                           {"total", total ? *total : Json()}});
}

// The test file: mocks by state name at file level, `cases` cases each
// expecting SUCCEEDED and `output`.
Json TestFileJson(const Json& definition, const Json& input, const Json& output, int cases) {
  Json::Object mocks;
  int64_t step = 0;
  for (const auto& member : definition.Find("States")->AsObject()) {
    mocks.emplace_back(member.first, Json::MakeObject({{"return", StepResult(input, ++step)}}));
  }
  Json expect = Json::MakeObject({{"status", Json("SUCCEEDED")}, {"output", output}});
  Json::Array list;
  for (int i = 1; i <= cases; ++i) {
    list.push_back(Json::MakeObject(
        {{"name", Json("order " + std::to_string(i))}, {"input", input}, {"expect", expect}}));
  }
  return Json::MakeObject({{"stateMachine", Json(kDefinitionFile)},
                           {"mocks", Json::MakeObject(std::move(mocks))},
                           {"cases", Json::MakeArray(std::move(list))}});
}

bool WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  return static_cast<bool>(out);
}

// The last line of `text`, without its newline.
std::string LastLine(std::string text) {
  if (!text.empty() && text.back() == '\n') text.pop_back();
  const size_t newline = text.rfind('\n');
  return newline == std::string::npos ? text : text.substr(newline + 1);
}

}  // namespace

TestRunnerBench::~TestRunnerBench() {
  if (folder_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(folder_, ec);
}

std::string TestRunnerBench::Prepare(const Workload& w1) {
  JsonParseResult parsed = ParseJson(w1.definition_text);
  if (!parsed.ok || !parsed.value.is_object() || !parsed.value.Find("States")) {
    return "W1.json: not a definition";
  }
  const Json definition = TaskDefinition(parsed.value);
  const int64_t steps = static_cast<int64_t>(definition.Find("States")->size());
  const Json output = w1.input.With("last", StepResult(w1.input, steps));
  // The expected output must be the one the engine mode checks.
  if (std::string err = CheckOutput(w1, output); !err.empty()) return "test file: " + err;
  char dir[] = "/tmp/sfn-local-bench-test.XXXXXX";
  if (!mkdtemp(dir)) return "cannot create a folder in /tmp";
  folder_ = dir;
  if (!WriteText(folder_ + "/" + kDefinitionFile, Dump(definition)) ||
      !WriteText(folder_ + "/" + kTestFile,
                 Dump(TestFileJson(definition, w1.input, output, options_.cases)))) {
    return "cannot write into " + folder_;
  }
  return "";
}

Sample TestRunnerBench::RunOnce(int jobs) const {
  Sample s;
  s.workload = "W1-test-jobs" + std::to_string(jobs);
  s.mode = "test";
  ProcessResult r = RunProcess({options_.binary, "test", folder_, "--jobs", std::to_string(jobs)});
  const std::string want = std::to_string(options_.cases) + " passed, 0 failed";
  const std::string last = LastLine(r.out);
  if (!r.error.empty() || last != want) {
    s.ok = false;
    s.error =
        (r.error.empty() ? "" : r.error + "; ") + "last line '" + last + "', want '" + want + "'";
    return s;
  }
  s.Set("cases_per_s", options_.cases / r.wall_seconds);
  s.Set("wall_ms", r.wall_seconds * 1000);
  s.Set("peak_rss_kib", static_cast<double>(r.max_rss_kib));
  s.Set("jobs", jobs);
  return s;
}

std::vector<Sample> TestRunnerBench::RunRound(int round) const {
  std::vector<int> order = options_.jobs;
  if (round % 2 == 0) std::reverse(order.begin(), order.end());
  std::vector<Sample> out;
  for (int jobs : order) out.push_back(RunOnce(jobs));
  return out;
}

}  // namespace sfn::bench
