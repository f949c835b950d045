// tests/mocks/process/stderr_log_test.cc
#include "mocks/process/stderr_log.h"

#include <doctest/doctest.h>

#include <vector>

using namespace sfn::mocks;

TEST_CASE("StderrLog logs whole lines, prefixed, and keeps the tail") {
  std::vector<std::string> lines;
  LogFunction log = [&](const std::string& line) { lines.push_back(line); };
  StderrLog err;
  err.Append("one\ntw", log, "[S] ");
  err.Append("o\nthree", log, "[S] ");
  CHECK(lines == std::vector<std::string>{"[S] one", "[S] two"});
  err.Flush(log, "[S] ");
  CHECK(lines.back() == "[S] three");
  CHECK(err.TakeTail() == "one\ntwo\nthree");
  CHECK(err.TakeTail().empty());
  err.Append(std::string(StderrLog::kTailBytes * 3, 'x'), log, "");
  CHECK(err.TakeTail().size() == StderrLog::kTailBytes);
}
