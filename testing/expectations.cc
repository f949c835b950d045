// testing/expectations.cc
#include "testing/expectations.h"

#include <algorithm>

#include "testing/doc_node.h"

namespace sfn::testing {
namespace {

constexpr char kNothing[] = "nothing";

std::string Quoted(const std::string& text) {
  std::string out;
  DumpStringTo(text, &out);
  return out;
}

std::string Names(const std::vector<std::string>& names) {
  std::string out = "[";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + Quoted(names[i]);
  return out + "]";
}

void CompareText(const std::optional<std::string>& expected, const std::string& got,
                 const std::string& where, std::vector<Mismatch>* out) {
  if (expected && *expected != got) out->push_back({where, Quoted(*expected), Quoted(got)});
}

void CompareState(const StateExpectation& e, const HistoryFacts& facts,
                  std::vector<Mismatch>* out) {
  const std::string where = "$.states" + KeyPathPart(e.state);
  auto found = facts.last_visit.find(e.state);
  if (found == facts.last_visit.end()) {
    out->push_back({where, "an entry", "none (the state was not entered)"});
    return;
  }
  const StateVisit& visit = facts.visits[found->second];
  if (e.input) CompareJson(*e.input, &visit.input, false, where + ".input", out);
  if (e.output) {
    CompareJson(*e.output, visit.output ? &*visit.output : nullptr, false, where + ".output", out);
  }
  if (e.attempts && *e.attempts != visit.attempts) {
    out->push_back(
        {where + ".attempts", std::to_string(*e.attempts), std::to_string(visit.attempts)});
  }
  if (e.error && *e.error != visit.error) {
    out->push_back({where + ".error", Quoted(*e.error),
                    visit.error.empty() ? std::string(kNothing) : Quoted(visit.error)});
  }
}

void CompareObjects(const Json& expected, const Json& got, bool subset, const std::string& where,
                    std::vector<Mismatch>* out) {
  for (const auto& [key, value] : expected.AsObject()) {
    CompareJson(value, got.Find(key), subset, where + KeyPathPart(key), out);
  }
  if (subset) return;
  for (const auto& [key, value] : got.AsObject()) {
    if (expected.Find(key) == nullptr)
      out->push_back({where + KeyPathPart(key), kNothing, Dump(value)});
  }
}

// The state whose failure ended the run: the last entry still failing.
const StateVisit* FailingVisit(const HistoryFacts& facts) {
  for (auto it = facts.visits.rbegin(); it != facts.visits.rend(); ++it) {
    if (it->failing) return &*it;
  }
  return nullptr;
}

}  // namespace

void CompareJson(const Json& expected, const Json* got, bool subset, const std::string& where,
                 std::vector<Mismatch>* out) {
  if (got == nullptr) {
    out->push_back({where, Dump(expected), kNothing});
  } else if (expected.is_object() && got->is_object()) {
    CompareObjects(expected, *got, subset, where, out);
  } else if (!subset && expected.is_array() && got->is_array() && expected.size() == got->size()) {
    for (size_t i = 0; i < expected.size(); ++i) {
      CompareJson(expected.AsArray()[i], &got->AsArray()[i], false,
                  where + "[" + std::to_string(i) + "]", out);
    }
  } else if (expected != *got) {
    out->push_back({where, Dump(expected), Dump(*got)});
  }
}

std::vector<Mismatch> CompareRun(const Expectation& expect, const RunResult& result,
                                 const HistoryFacts& facts) {
  std::vector<Mismatch> out;
  const std::string status = StatusName(expect.status);
  if (status != result.status) out.push_back({"$.status", status, result.status});
  CompareText(expect.error, result.error, "$.error", &out);
  CompareText(expect.cause, result.cause, "$.cause", &out);
  const bool succeeded = result.status == "SUCCEEDED";
  const Json* output = succeeded ? &result.output : nullptr;
  if (expect.output) CompareJson(*expect.output, output, false, "$.output", &out);
  if (expect.output_contains) CompareJson(*expect.output_contains, output, true, "$.output", &out);
  if (expect.path && *expect.path != facts.path) {
    out.push_back({"$.path", Names(*expect.path), Names(facts.path)});
  }
  for (const StateExpectation& state : expect.states) CompareState(state, facts, &out);
  return out;
}

std::string FormatMismatch(const Mismatch& m) {
  return m.where + ": expected " + m.expected + ", got " + m.got;
}

std::vector<std::string> FailureLines(const std::vector<Mismatch>& mismatches,
                                      const RunResult& result, const HistoryFacts& facts) {
  std::vector<std::string> lines;
  for (const Mismatch& m : mismatches) lines.push_back(FormatMismatch(m));
  for (const std::string& problem : result.mock_problems) lines.push_back("mock: " + problem);
  std::string path;
  for (const std::string& name : facts.path) path += (path.empty() ? "" : " -> ") + name;
  lines.push_back("path taken: " + (path.empty() ? std::string("(no state entered)") : path));
  if (result.status != "SUCCEEDED") {
    const StateVisit* failing = FailingVisit(facts);
    std::string line = result.status == "FAILED" ? "failed" : "ended " + result.status;
    if (failing != nullptr) line += " in " + failing->name;
    line += ": " + (result.error.empty() ? std::string("(no error)") : result.error);
    if (!result.cause.empty()) line += ": " + result.cause;
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> UnusedMockAnswers(const std::vector<Mock>& mocks,
                                           const HistoryFacts& facts) {
  std::vector<std::string> problems;
  for (const Mock& mock : mocks) {
    if (mock.is_resource() || mock.every_attempt) continue;
    int most = 0;
    for (const StateVisit& visit : facts.visits) {
      if (visit.name == mock.target) most = std::max(most, visit.attempts);
    }
    const int answers = static_cast<int>(mock.answers.size());
    if (most == 0 || most >= answers) continue;
    const std::string which = most + 1 == answers
                                  ? "the answer for attempt " + std::to_string(answers) + " was"
                                  : "the answers for attempts " + std::to_string(most + 1) +
                                        " to " + std::to_string(answers) + " were";
    problems.push_back(mock.target + ": " + which + " never used (the state made at most " +
                       std::to_string(most) + (most == 1 ? " attempt)" : " attempts)"));
  }
  return problems;
}

CaseResult JudgeRun(const TestCase& test_case, const std::vector<Mock>& mocks,
                    const RunResult& run) {
  CaseResult judged;
  judged.name = test_case.name;
  const HistoryFacts facts = ReadHistoryFacts(run.events);
  RunResult result = run;
  for (std::string& problem : UnusedMockAnswers(mocks, facts)) {
    result.mock_problems.push_back(std::move(problem));
  }
  const std::vector<Mismatch> mismatches = CompareRun(test_case.expect, result, facts);
  if (mismatches.empty() && result.mock_problems.empty()) return judged;
  judged.outcome = CaseResult::Outcome::kFailed;
  const std::vector<std::string> lines = FailureLines(mismatches, result, facts);
  judged.message = lines.front();
  for (const std::string& line : lines) judged.details += line + "\n";
  return judged;
}

}  // namespace sfn::testing
