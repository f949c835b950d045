// emulator/records/server_log.h
//
// The server's own log (`serve --log-level`, `--log-format`): one line per
// record, written to a FILE* (standard error in the binary) as text
//   2026-01-01T00:00:00.000Z INFO execution ended arn=... status=SUCCEEDED
// or as one JSON object per line
//   {"time":"2026-...","level":"info","msg":"execution ended","arn":...}.
// What is logged where, and at which level, is decided by the callers
// (server, telemetry, definition watcher); this only filters and formats.
//
// Threads: Write() may be called from any thread; lines never interleave
// (one fwrite under a mutex). The ServerLog borrows its FILE*.
#ifndef SFN_EMULATOR_RECORDS_SERVER_LOG_H_
#define SFN_EMULATOR_RECORDS_SERVER_LOG_H_

#include <cstdio>
#include <functional>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "asl/core/json.h"

namespace sfn::emulator {

enum class LogLevel { kDebug, kInfo, kWarn, kError, kOff };
enum class LogFormat { kText, kJson };

// "debug" | "info" | "warn" | "error" | "off" (case-sensitive, as typed on
// the command line); nullopt for anything else.
std::optional<LogLevel> ParseLogLevel(std::string_view text);
std::optional<LogFormat> ParseLogFormat(std::string_view text);

class ServerLog {
 public:
  using Field = std::pair<std::string_view, Json>;
  using Clock = std::function<int64_t()>;  // Unix epoch milliseconds

  ServerLog(LogLevel level, LogFormat format, std::FILE* out, Clock now_ms);

  // Whether a record at `level` would be written (to skip building fields).
  bool Enabled(LogLevel level) const { return level != LogLevel::kOff && level >= level_; }
  void Write(LogLevel level, std::string_view message, std::initializer_list<Field> fields);
  // A line that is already worded (task programs' standard error, routing
  // hints): as it is in text format, as {"time","level","msg"} in JSON.
  void WriteLine(LogLevel level, std::string_view line);

  // The line Write() would print, without the time; for tests.
  std::string Format(LogLevel level, std::string_view message, std::initializer_list<Field> fields,
                     int64_t now_ms) const;

 private:
  void Put(const std::string& line);

  const LogLevel level_;
  const LogFormat format_;
  std::FILE* const out_;
  const Clock now_ms_;
  std::mutex mu_;  // one line at a time
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_SERVER_LOG_H_
