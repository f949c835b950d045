// mocks/process/stderr_log.cc
#include "mocks/process/stderr_log.h"

#include <cstdio>

namespace sfn::mocks {

void LogLine(const LogFunction& log, const std::string& prefix, std::string_view line) {
  std::string text = prefix;
  text.append(line);
  if (log) {
    log(text);
  } else {
    text.push_back('\n');
    std::fwrite(text.data(), 1, text.size(), stderr);
  }
}

void StderrLog::Append(std::string_view chunk, const LogFunction& log, const std::string& prefix) {
  tail_.append(chunk);
  if (tail_.size() > 2 * kTailBytes) tail_.erase(0, tail_.size() - kTailBytes);
  line_.append(chunk);
  size_t newline;
  size_t start = 0;
  while ((newline = line_.find('\n', start)) != std::string::npos) {
    LogLine(log, prefix, std::string_view(line_).substr(start, newline - start));
    start = newline + 1;
  }
  line_.erase(0, start);
  if (line_.size() > kTailBytes) {  // a runaway line: show it in pieces
    LogLine(log, prefix, line_);
    line_.clear();
  }
}

void StderrLog::Flush(const LogFunction& log, const std::string& prefix) {
  if (!line_.empty()) LogLine(log, prefix, line_);
  line_.clear();
}

std::string StderrLog::TakeTail() {
  std::string tail = std::move(tail_);
  tail_.clear();
  if (tail.size() > kTailBytes) tail.erase(0, tail.size() - kTailBytes);
  return tail;
}

}  // namespace sfn::mocks
