// emulator/api/api_call_log.cc
#include "emulator/api/api_call_log.h"

#include "emulator/api/actions.h"

namespace sfn::emulator {

std::string_view ActionLabel(std::string_view target) {
  constexpr std::string_view kPrefix = "AWSStepFunctions.";
  if (target.substr(0, kPrefix.size()) != kPrefix) return "unknown";
  std::string_view action = target.substr(kPrefix.size());
  return IsKnownAction(action) ? action : "unknown";
}

void RecordApiCall(Metrics* metrics, ServerLog* log, const ApiCall& call) {
  if (metrics != nullptr) metrics->ApiRequest(call.action, call.status, call.micros);
  if (log == nullptr) return;
  const LogLevel level = !call.refusal.empty() ? LogLevel::kWarn
                         : call.status >= 500  ? LogLevel::kError
                                               : LogLevel::kDebug;
  if (!log->Enabled(level)) return;
  const Json latency_ms(static_cast<double>(call.micros / 10) / 100.0);  // 0.01 ms steps
  if (call.refusal.empty()) {
    log->Write(
        level, "api call",
        {{"action", Json(call.action)}, {"status", Json(call.status)}, {"latency_ms", latency_ms}});
  } else {
    log->Write(level, "request refused",
               {{"action", Json(call.action)},
                {"status", Json(call.status)},
                {"reason", Json(call.refusal)}});
  }
}

}  // namespace sfn::emulator
