// asl/interpreter/context_object.cc
#include "asl/interpreter/context_object.h"

namespace sfn::asl {

namespace {

// Civil date of a day count since 1970-01-01 (H. Hinnant's algorithm).
void CivilFromDays(int64_t z, int64_t* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

void AppendDigits(int64_t v, int width, std::string* out) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0 || n < width);
  while (n > 0) out->push_back(buf[--n]);
}

}  // namespace

void AppendIsoMillis(int64_t epoch_ms, std::string* out) {
  int64_t days = epoch_ms / 86400000;
  int64_t rem = epoch_ms % 86400000;
  if (rem < 0) {
    rem += 86400000;
    --days;
  }
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  AppendDigits(y, 4, out);
  out->push_back('-');
  AppendDigits(m, 2, out);
  out->push_back('-');
  AppendDigits(d, 2, out);
  out->push_back('T');
  AppendDigits(rem / 3600000, 2, out);
  out->push_back(':');
  AppendDigits(rem / 60000 % 60, 2, out);
  out->push_back(':');
  AppendDigits(rem / 1000 % 60, 2, out);
  out->push_back('.');
  AppendDigits(rem % 1000, 3, out);
  out->push_back('Z');
}

std::string FormatIsoMillis(int64_t epoch_ms) {
  std::string out;
  out.reserve(24);
  AppendIsoMillis(epoch_ms, &out);
  return out;
}

Json MakeExecutionContext(const ExecutionContextInfo& info) {
  return Json::MakeObject({{"Id", Json(info.execution_arn)},
                           {"Input", info.input},
                           {"StartTime", Json(FormatIsoMillis(info.start_ms))},
                           {"Name", Json(info.execution_name)},
                           {"RoleArn", Json(info.role_arn)},
                           {"RedriveCount", Json(info.redrive_count)}});
}

Json MakeStateMachineContext(const ExecutionContextInfo& info) {
  return Json::MakeObject(
      {{"Id", Json(info.state_machine_arn)}, {"Name", Json(info.state_machine_name)}});
}

Json MakeMapItem(int64_t index, const Json& value) {
  return Json::MakeObject({{"Index", Json(index)}, {"Value", value}});
}

Json BuildContextObject(const Json& execution, const Json& state_machine,
                        const StateContextInfo& state) {
  Json::Object st;
  st.reserve(3);
  st.emplace_back("Name", Json(state.state_name));
  st.emplace_back("EnteredTime", Json(FormatIsoMillis(state.entered_ms)));
  if (state.retry_count >= 0) st.emplace_back("RetryCount", Json(int64_t{state.retry_count}));
  Json::Object root;
  root.reserve(5);
  root.emplace_back("Execution", execution);
  root.emplace_back("StateMachine", state_machine);
  root.emplace_back("State", Json::MakeObject(std::move(st)));
  if (!state.task_token.empty()) {
    root.emplace_back("Task", Json::MakeObject({{"Token", Json(state.task_token)}}));
  }
  if (state.map_item != nullptr) {
    root.emplace_back("Map", Json::MakeObject({{"Item", *state.map_item}}));
  }
  return Json::MakeObject(std::move(root));
}

}  // namespace sfn::asl
