// mocks/process/stderr_log.h
//
// A program's standard error as the process runner and the persistent pool
// both handle it: complete lines go to the log as they arrive, prefixed
// (a runaway line in pieces), and the last 64 KiB are kept for the task's
// error. One per running program; not thread-safe (its reader owns it).
#ifndef SFN_MOCKS_PROCESS_STDERR_LOG_H_
#define SFN_MOCKS_PROCESS_STDERR_LOG_H_

#include <functional>
#include <string>
#include <string_view>

namespace sfn::mocks {

using LogFunction = std::function<void(const std::string& line)>;

// Writes `prefix` + `line` to `log`, or to our stderr when `log` is empty.
void LogLine(const LogFunction& log, const std::string& prefix, std::string_view line);

class StderrLog {
 public:
  static constexpr size_t kTailBytes = 64 * 1024;

  // Takes a chunk just read: logs its complete lines, keeps the tail.
  void Append(std::string_view chunk, const LogFunction& log, const std::string& prefix);
  // Logs a last line not ended by '\n' (once the program is gone).
  void Flush(const LogFunction& log, const std::string& prefix);
  // The last kTailBytes written since the previous call; starts afresh.
  std::string TakeTail();

 private:
  std::string tail_;
  std::string line_;  // a line not yet ended by '\n'
};

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_PROCESS_STDERR_LOG_H_
