// testing/test_runner_text.cc: finding test files and wording results, the
// parts of the test runner that run nothing.
#include <algorithm>
#include <filesystem>

#include "testing/test_file.h"
#include "testing/test_runner.h"

namespace sfn::testing {
namespace {

namespace fs = std::filesystem;

Status AddTestFiles(const std::string& path, std::vector<std::string>* out) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    out->push_back(path);
    return Status::OK();
  }
  if (!fs::is_directory(path, ec)) {
    return AslError{"InvalidTestPath", path + ": no such file or folder"};
  }
  std::vector<std::string> found;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && IsTestFilePath(it->path().string())) {
      found.push_back(it->path().lexically_normal().string());
    }
  }
  std::sort(found.begin(), found.end());
  out->insert(out->end(), found.begin(), found.end());
  return Status::OK();
}

std::string Indented(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += "  " + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

Result<std::vector<std::string>> FindTestFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    if (Status s = AddTestFiles(path, &files); !s.ok()) return s.error();
  }
  return files;
}

std::string SummaryLine(const TestRunSummary& summary) {
  return std::to_string(summary.passed) + " passed, " + std::to_string(summary.failed) + " failed";
}

std::string CaseText(const std::string& file, const CaseResult& result) {
  const bool passed = result.outcome == CaseResult::Outcome::kPassed;
  const long ms = static_cast<long>(result.seconds * 1000 + 0.5);
  std::string text = std::string(passed ? "PASS " : "FAIL ") + file + ": " + result.name + " (" +
                     std::to_string(ms) + " ms)\n";
  if (!passed) text += Indented(result.details.empty() ? result.message : result.details);
  return text;
}

}  // namespace sfn::testing
