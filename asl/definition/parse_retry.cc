// asl/definition/parse_retry.cc
//
// Retry and Catch of Task, Parallel and Map states: ErrorEquals rules
// (States.ALL alone and last), retrier numbers and catcher targets, each
// reported at its entry ("/States/T/Retry[0]/ErrorEquals").
#include <string>
#include <utility>

#include "asl/definition/builder.h"

namespace sfn::asl::internal {
namespace {

using Names = FieldNames;

std::vector<std::string> ReadErrorEquals(StateContext& entry, bool last) {
  std::vector<std::string> names;
  const Json* value = entry.Field("ErrorEquals");
  if (!value) {
    entry.ErrorHere("These fields are required: [ErrorEquals]");
    return names;
  }
  if (!value->is_array()) {
    TypeError(entry, "ErrorEquals", "Array");
    return names;
  }
  if (value->AsArray().empty()) {
    entry.Error("ErrorEquals", "Value cannot be empty");
    return names;
  }
  for (const Json& item : value->AsArray()) {
    if (!item.is_string()) {
      TypeError(entry, "ErrorEquals", "String");
      return {};
    }
    names.push_back(item.AsString());
  }
  for (const std::string& name : names) {
    if (name == "States.ALL" && (names.size() > 1 || !last)) {
      entry.Error("ErrorEquals", "States.ALL must appear alone and at end of list");
      return {};
    }
  }
  return names;
}

void ReadRetrierNumbers(StateContext& entry, Retrier* retrier) {
  DynamicValue v = ReadDynamicNumber(entry, "IntervalSeconds", NumberKind::kInteger, 1, 99999999);
  if (v.kind == DynamicValue::Kind::kConstant) retrier->interval_seconds = v.constant.AsDouble();
  v = ReadDynamicNumber(entry, "MaxAttempts", NumberKind::kInteger, 0, 99999999);
  if (v.kind == DynamicValue::Kind::kConstant) retrier->max_attempts = v.constant.AsInt();
  v = ReadDynamicNumber(entry, "BackoffRate", NumberKind::kNumber, 1, std::nullopt);
  if (v.kind == DynamicValue::Kind::kConstant) retrier->backoff_rate = v.constant.AsDouble();
  v = ReadDynamicNumber(entry, "MaxDelaySeconds", NumberKind::kInteger, 1, 31622400);
  if (v.kind == DynamicValue::Kind::kConstant) retrier->max_delay_seconds = v.constant.AsDouble();
  if (const Json* jitter = entry.Field("JitterStrategy")) {
    if (jitter->is_string() && jitter->AsString() == "FULL") {
      retrier->jitter_full = true;
    } else if (!jitter->is_string() || jitter->AsString() != "NONE") {
      entry.Error("JitterStrategy", "Value should be one of the following: [FULL, NONE]");
    }
  }
}

// Retry/Catch must be arrays of objects; calls `read` for each entry.
template <typename Read>
void ForEachEntry(StateContext& ctx, std::string_view field, Read read) {
  const Json* value = ctx.Field(field);
  if (!value) return;
  if (!value->is_array()) {
    TypeError(ctx, field, "Array");
    return;
  }
  const Json::Array& items = value->AsArray();
  for (size_t i = 0; i < items.size(); ++i) {
    std::string at = ctx.At(std::string(field) + "[" + std::to_string(i) + "]");
    if (!items[i].is_object()) {
      ctx.b.Error(at, "Expected value of type: Object");
      continue;
    }
    StateContext entry = SubContext(ctx, items[i], at);
    read(entry, i + 1 == items.size());
  }
}

}  // namespace

std::vector<Retrier> ReadRetry(StateContext& ctx) {
  std::vector<Retrier> out;
  static const Names kAllowed = {"ErrorEquals",     "IntervalSeconds", "MaxAttempts", "BackoffRate",
                                 "MaxDelaySeconds", "JitterStrategy",  "Comment"};
  ForEachEntry(ctx, "Retry", [&](StateContext& entry, bool last) {
    CheckObjectFields(entry, kAllowed, {}, {});
    Retrier retrier;
    retrier.error_equals = ReadErrorEquals(entry, last);
    ReadRetrierNumbers(entry, &retrier);
    out.push_back(std::move(retrier));
  });
  return out;
}

std::vector<Catcher> ReadCatch(StateContext& ctx) {
  std::vector<Catcher> out;
  static const Names kAllowed = {"ErrorEquals", "Next",   "ResultPath",
                                 "Output",      "Assign", "Comment"};
  ForEachEntry(ctx, "Catch", [&](StateContext& entry, bool last) {
    CheckObjectFields(entry, kAllowed, {"ResultPath"}, {"Output"});
    Catcher catcher;
    catcher.error_equals = ReadErrorEquals(entry, last);
    const Json* next = entry.Field("Next");
    if (!next) {
      entry.ErrorHere("These fields are required: [Next]");
    } else if (!next->is_string()) {
      TypeError(entry, "Next", "String");
    } else {
      catcher.next = next->AsString();
    }
    catcher.result_path = ReadPath(entry, "ResultPath", PathRule::kResultPath);
    catcher.output = ReadTemplate(entry, "Output");
    if (const Json* assign = entry.Field("Assign")) {
      catcher.assign = ReadAssign(entry, *assign, entry.At("Assign"));
    }
    out.push_back(std::move(catcher));
  });
  return out;
}

}  // namespace sfn::asl::internal
