// testing/junit_report.h
//
// The results of a test run as JUnit XML, the format CI systems read
// (Jenkins, GitLab, GitHub test reporters): one <testsuite> per test file and
// one <testcase> per case, a <failure> for an expectation that did not hold,
// an <error> for a case that could not run, <skipped/> for one not run.
// Text is escaped for XML, characters XML 1.0 cannot carry are dropped and
// invalid UTF-8 is replaced by U+FFFD, so any message makes a well-formed
// document. Plain functions on values: safe to call from any thread.
#ifndef SFN_TESTING_JUNIT_REPORT_H_
#define SFN_TESTING_JUNIT_REPORT_H_

#include <string>
#include <string_view>
#include <vector>

namespace sfn::testing {

struct CaseResult {
  enum class Outcome { kPassed, kFailed, kError, kSkipped };
  std::string name;
  double seconds = 0;
  Outcome outcome = Outcome::kPassed;
  // kFailed/kError/kSkipped: the first line of `message` becomes the
  // message attribute; `details` (e.g. a diff; `message` when empty) the
  // element's text.
  std::string message;
  std::string details;
  // The failure or error type attribute; empty: "ExpectationFailed" for a
  // failure, "Error" for an error.
  std::string type;
};

struct FileResult {
  std::string path;  // the test file as the run named it
  std::vector<CaseResult> cases;
};

// The whole document, with the XML declaration and a final newline.
std::string JunitXml(const std::vector<FileResult>& files);

// "orders" for "tests/orders.sfn-test.yaml": the file name without its
// folder and without the test-file suffix (or its last extension).
std::string FileStem(std::string_view path);

// `text` made safe for XML character data (`attribute`: for a quoted
// attribute value, where tab and line breaks must be character references).
std::string XmlEscape(std::string_view text, bool attribute);

}  // namespace sfn::testing

#endif  // SFN_TESTING_JUNIT_REPORT_H_
