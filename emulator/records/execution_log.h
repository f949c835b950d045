// emulator/records/execution_log.h
//
// A state machine's loggingConfiguration honoured locally: the execution
// events its level selects, shaped exactly as Step Functions writes them to
// the CloudWatch Logs log group, one JSON object per line, to the file of
// `serve --execution-log FILE` (or standard error for "-"):
//   {"id":"3","type":"ExecutionFailed","details":{"cause":"...","error":"..."},
//    "previous_event_id":"2","event_timestamp":"1717614426154",
//    "execution_arn":"arn:aws:states:...","redrive_count":"0"}
// id, previous_event_id, event_timestamp (Unix epoch milliseconds) and
// redrive_count are strings, as AWS writes them; `details` is the history
// event's details object ({} when it has none), without input, output,
// their *Details and a task's parameters unless includeExecutionData is true.
// Levels (AWS's "Log levels for Step Functions execution events"): ALL every
// event; ERROR the failure, abort and time-out events; FATAL only
// ExecutionFailed, ExecutionAborted and ExecutionTimedOut; OFF none.
//
// Threads: OnEvent may be called from any thread (it is an
// ExecutionObserver's callee); lines are written whole under a mutex.
#ifndef SFN_EMULATOR_RECORDS_EXECUTION_LOG_H_
#define SFN_EMULATOR_RECORDS_EXECUTION_LOG_H_

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "asl/core/json.h"
#include "asl/core/status.h"
#include "asl/interpreter/event_types.h"
#include "emulator/records/execution.h"
#include "emulator/records/history.h"

namespace sfn::emulator {

enum class ExecutionLogLevel { kOff, kAll, kError, kFatal };

// A loggingConfiguration's level ("ALL", "ERROR", "FATAL"; anything else OFF).
ExecutionLogLevel ParseExecutionLogLevel(std::string_view level);
// Whether `level` logs events of `type`.
bool ExecutionLogIncludes(ExecutionLogLevel level, asl::EventType type);
// One log event as AWS writes it (see the file comment).
Json ShapeExecutionLogEvent(const HistoryEvent& event, std::string_view execution_arn,
                            int64_t redrive_count, bool include_execution_data);

class ExecutionLog {
 public:
  // Opens `path` for appending; "-" is standard error.
  static Result<std::unique_ptr<ExecutionLog>> Open(const std::string& path);
  ~ExecutionLog();
  ExecutionLog(const ExecutionLog&) = delete;
  ExecutionLog& operator=(const ExecutionLog&) = delete;

  // Writes `event` if the execution's loggingConfiguration selects it.
  void OnEvent(const Execution& execution, const HistoryEvent& event);
  // Whether `execution`'s logging configuration logs any event.
  bool Logs(const Execution& execution) const;

 private:
  ExecutionLog(std::FILE* out, bool owned) : out_(out), owned_(owned) {}
  std::FILE* const out_;
  const bool owned_;
  std::mutex mu_;  // one line at a time
};

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_RECORDS_EXECUTION_LOG_H_
