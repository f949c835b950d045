// emulator/records/execution_log.cc
#include "emulator/records/execution_log.h"

#include <cerrno>
#include <cstring>

namespace sfn::emulator {
namespace {

// The details members that carry execution data.
bool IsExecutionData(std::string_view key) {
  return key == "input" || key == "inputDetails" || key == "output" || key == "outputDetails" ||
         key == "parameters";
}

bool IsFatal(asl::EventType type) {
  using T = asl::EventType;
  return type == T::kExecutionFailed || type == T::kExecutionAborted ||
         type == T::kExecutionTimedOut;
}

bool IsError(asl::EventType type) {
  using T = asl::EventType;
  switch (type) {
    case T::kFailStateEntered:
    case T::kLambdaFunctionFailed:
    case T::kLambdaFunctionTimedOut:
    case T::kMapIterationAborted:
    case T::kMapIterationFailed:
    case T::kMapRunFailed:
    case T::kMapStateAborted:
    case T::kMapStateFailed:
    case T::kParallelStateAborted:
    case T::kParallelStateFailed:
    case T::kTaskFailed:
    case T::kTaskStateAborted:
    case T::kTaskTimedOut:
    case T::kWaitStateAborted:
      return true;
    default:
      return IsFatal(type);
  }
}

const std::string* StringMember(const Json& object, std::string_view key) {
  const Json* v = object.Find(key);
  return v != nullptr && v->is_string() ? &v->AsString() : nullptr;
}

}  // namespace

ExecutionLogLevel ParseExecutionLogLevel(std::string_view level) {
  if (level == "ALL") return ExecutionLogLevel::kAll;
  if (level == "ERROR") return ExecutionLogLevel::kError;
  if (level == "FATAL") return ExecutionLogLevel::kFatal;
  return ExecutionLogLevel::kOff;
}

bool ExecutionLogIncludes(ExecutionLogLevel level, asl::EventType type) {
  switch (level) {
    case ExecutionLogLevel::kAll:
      return true;
    case ExecutionLogLevel::kError:
      return IsError(type);
    case ExecutionLogLevel::kFatal:
      return IsFatal(type);
    case ExecutionLogLevel::kOff:
      break;
  }
  return false;
}

Json ShapeExecutionLogEvent(const HistoryEvent& event, std::string_view execution_arn,
                            int64_t redrive_count, bool include_execution_data) {
  Json::Object details;
  if (event.details.is_object()) {
    for (const auto& [key, value] : event.details.AsObject()) {
      if (include_execution_data || !IsExecutionData(key)) details.emplace_back(key, value);
    }
  }
  return Json::MakeObject({
      {"id", Json(std::to_string(event.id))},
      {"type", Json(asl::EventTypeName(event.type))},
      {"details", Json::MakeObject(std::move(details))},
      {"previous_event_id", Json(std::to_string(event.previous_event_id))},
      {"event_timestamp", Json(std::to_string(event.timestamp_ms))},
      {"execution_arn", Json(execution_arn)},
      {"redrive_count", Json(std::to_string(redrive_count))},
  });
}

Result<std::unique_ptr<ExecutionLog>> ExecutionLog::Open(const std::string& path) {
  if (path == "-") return std::unique_ptr<ExecutionLog>(new ExecutionLog(stderr, false));
  std::FILE* f = std::fopen(path.c_str(), "a");
  if (f == nullptr) {
    return AslError{"ExecutionLog", "cannot open " + path + ": " + std::strerror(errno)};
  }
  return std::unique_ptr<ExecutionLog>(new ExecutionLog(f, true));
}

ExecutionLog::~ExecutionLog() {
  if (owned_) std::fclose(out_);
}

bool ExecutionLog::Logs(const Execution& execution) const {
  const std::string* level = StringMember(execution.spec().logging_configuration, "level");
  return level != nullptr && ParseExecutionLogLevel(*level) != ExecutionLogLevel::kOff;
}

void ExecutionLog::OnEvent(const Execution& execution, const HistoryEvent& event) {
  const Json& config = execution.spec().logging_configuration;
  const std::string* level = StringMember(config, "level");
  if (level == nullptr) return;
  if (!ExecutionLogIncludes(ParseExecutionLogLevel(*level), event.type)) return;
  const Json* include = config.Find("includeExecutionData");
  const bool include_data = include != nullptr && include->is_bool() && include->AsBool();
  // ExecutionRedriven is recorded after the count went up; the events
  // before it are read under the execution's event order, so the count is
  // that of the run they belong to.
  std::string line = Dump(
      ShapeExecutionLogEvent(event, execution.spec().arn, execution.redrive_count(), include_data));
  line += '\n';
  std::lock_guard<std::mutex> lock(mu_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

}  // namespace sfn::emulator
