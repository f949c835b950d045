// asl/expressions/intrinsics_functions.cc
//
// States.Format, the JSON conversions and the array functions. Arguments
// arrive evaluated; type and range problems become States.IntrinsicFailure.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "asl/expressions/intrinsics_internal.h"
#include "asl/expressions/java_text.h"

namespace sfn::asl::intrinsics_internal {
namespace {

constexpr int64_t kMaxRangeItems = 1000;  // AWS: States.ArrayRange yields at most 1000 items

AslError WrongType(const char* fn, size_t index, const char* expected, const Json& got) {
  return Failure(fn, "argument " + std::to_string(index + 1) + " must be " + expected +
                         ", but was " + TypeName(got.type()));
}

// Integral numbers (1 or 1.0) as int64.
bool AsInteger(const Json& v, int64_t* out) {
  if (v.is_int()) {
    *out = v.AsInt();
    return true;
  }
  if (!v.is_double()) return false;
  double d = v.AsDouble();
  if (std::trunc(d) != d || std::fabs(d) > 9.0e15) return false;
  *out = static_cast<int64_t>(d);
  return true;
}

// Any number, its fraction dropped toward zero: AWS reads the sizes and
// bounds of States.ArrayPartition and States.ArrayRange this way
// (ArrayPartition(a, 2.6) acts as 2, ArrayRange(1.6, 1.4, 1) as
// ArrayRange(1, 1, 1)).
bool AsTruncatedInteger(const Json& v, int64_t* out) {
  if (!v.is_double()) return AsInteger(v, out);
  double d = std::trunc(v.AsDouble());
  if (std::fabs(d) > 9.0e15) return false;
  *out = static_cast<int64_t>(d);
  return true;
}

std::vector<std::string> SplitPlaceholders(const std::string& text) {
  std::vector<std::string> pieces(1);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 1 < text.size() && text[i + 1] == '}') {
      pieces.emplace_back();
      ++i;
    } else {
      pieces.back().push_back(text[i]);
    }
  }
  return pieces;
}

}  // namespace

Result<Json> Format(const std::vector<Json>& args, const CallEnv& env) {
  const char* fn = "States.Format";
  if (!args[0].is_string()) return WrongType(fn, 0, "a string", args[0]);
  const Arg& first = (*env.args)[0];
  std::vector<std::string> runtime_pieces;
  const std::vector<std::string>* pieces = &first.format_pieces;
  if (!first.is_string_literal) {
    runtime_pieces = SplitPlaceholders(args[0].AsString());
    pieces = &runtime_pieces;
  }
  // AWS refuses a template with a brace outside a "{}" placeholder, such as
  // 'Hello {', 'Hello {{}}' or '}' (an emulator's conformance suite run
  // against AWS: each fails with States.Runtime).
  if (first.is_string_literal && first.has_stray_brace)
    return Failure(fn, "the format string has a '{' or '}' outside a {} placeholder");
  size_t placeholders = pieces->size() - 1;
  if (placeholders != args.size() - 1) {
    return Failure(fn, "the format string has " + std::to_string(placeholders) +
                           " {} placeholder(s) but " + std::to_string(args.size() - 1) +
                           " value(s) were given");
  }
  std::string out = (*pieces)[0];
  for (size_t i = 1; i < args.size(); ++i) {
    AppendJavaString(args[i], &out);
    out += (*pieces)[i];
  }
  return Json(std::move(out));
}

Result<Json> StringToJson(const std::vector<Json>& args, const CallEnv&) {
  const char* fn = "States.StringToJson";
  if (!args[0].is_string()) return WrongType(fn, 0, "a string", args[0]);
  const std::string& s = args[0].AsString();
  size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return Json();  // Jackson reads blank text as null
  JsonParseResult r = ParseJson(s);
  if (!r.ok) return Failure(fn, "the string is not valid JSON: " + s);
  if (r.value.is_double() && r.value.AsDouble() == 0 && std::signbit(r.value.AsDouble()) &&
      s.find_first_of(".eE") == std::string::npos) {
    return Json(0);  // "-0" is the integer 0 for Jackson
  }
  return r.value;
}

Result<Json> JsonToString(const std::vector<Json>& args, const CallEnv&) {
  return Json(Dump(args[0]));
}

Result<Json> Array(const std::vector<Json>& args, const CallEnv&) { return Json::MakeArray(args); }

Result<Json> ArrayPartition(const std::vector<Json>& args, const CallEnv&) {
  const char* fn = "States.ArrayPartition";
  if (!args[0].is_array()) return WrongType(fn, 0, "an array", args[0]);
  int64_t size = 0;
  if (!AsTruncatedInteger(args[1], &size) || size <= 0)
    return Failure(fn, "the chunk size must be a positive integer");
  const Json::Array& items = args[0].AsArray();
  Json::Array chunks;
  for (size_t i = 0; i < items.size(); i += static_cast<size_t>(size)) {
    size_t end = std::min(items.size(), i + static_cast<size_t>(size));
    chunks.push_back(Json::MakeArray(Json::Array(items.begin() + i, items.begin() + end)));
  }
  return Json::MakeArray(std::move(chunks));
}

Result<Json> ArrayContains(const std::vector<Json>& args, const CallEnv&) {
  if (!args[0].is_array()) return WrongType("States.ArrayContains", 0, "an array", args[0]);
  for (const Json& item : args[0].AsArray())
    if (StrictlyEqual(item, args[1])) return Json(true);
  return Json(false);
}

Result<Json> ArrayRange(const std::vector<Json>& args, const CallEnv&) {
  const char* fn = "States.ArrayRange";
  int64_t v[3];
  for (size_t i = 0; i < 3; ++i)
    if (!AsTruncatedInteger(args[i], &v[i])) return WrongType(fn, i, "a number", args[i]);
  int64_t first = v[0], last = v[1], step = v[2];
  if (step == 0) return Failure(fn, "the step must not be 0");
  int64_t count = (step > 0 ? last >= first : last <= first) ? (last - first) / step + 1 : 0;
  if (count > kMaxRangeItems) {
    return Failure(fn, "the range has " + std::to_string(count) + " items, more than the " +
                           std::to_string(kMaxRangeItems) + " allowed");
  }
  Json::Array items;
  items.reserve(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) items.emplace_back(first + i * step);
  return Json::MakeArray(std::move(items));
}

Result<Json> ArrayGetItem(const std::vector<Json>& args, const CallEnv&) {
  const char* fn = "States.ArrayGetItem";
  if (!args[0].is_array()) return WrongType(fn, 0, "an array", args[0]);
  int64_t index = 0;
  if (!AsInteger(args[1], &index)) return WrongType(fn, 1, "an integer", args[1]);
  if (index < 0 || index >= static_cast<int64_t>(args[0].size())) {
    return Failure(fn, "index " + std::to_string(index) + " is out of bounds for an array of " +
                           std::to_string(args[0].size()) + " items");
  }
  return args[0].AsArray()[static_cast<size_t>(index)];
}

Result<Json> ArrayLength(const std::vector<Json>& args, const CallEnv&) {
  if (!args[0].is_array()) return WrongType("States.ArrayLength", 0, "an array", args[0]);
  return Json(static_cast<int64_t>(args[0].size()));
}

Result<Json> ArrayUnique(const std::vector<Json>& args, const CallEnv&) {
  if (!args[0].is_array()) return WrongType("States.ArrayUnique", 0, "an array", args[0]);
  Json::Array unique;
  for (const Json& item : args[0].AsArray()) {
    bool seen = false;
    for (const Json& u : unique) seen = seen || StrictlyEqual(u, item);
    if (!seen) unique.push_back(item);
  }
  return Json::MakeArray(std::move(unique));
}

// A shallow merge; AWS returns the members in java.util.HashMap order.
Result<Json> JsonMerge(const std::vector<Json>& args, const CallEnv&) {
  const char* fn = "States.JsonMerge";
  if (!args[0].is_object()) return WrongType(fn, 0, "an object", args[0]);
  if (!args[1].is_object()) return WrongType(fn, 1, "an object", args[1]);
  if (!args[2].is_bool()) return WrongType(fn, 2, "a boolean", args[2]);
  if (args[2].AsBool()) return Failure(fn, "deep merging is not supported");
  Json::Object members = args[0].AsObject();
  for (const auto& m : args[1].AsObject()) {
    auto same = [&](const Json::Member& x) { return x.first == m.first; };
    auto it = std::find_if(members.begin(), members.end(), same);
    if (it != members.end()) {
      it->second = m.second;
    } else {
      members.push_back(m);
    }
  }
  std::vector<std::string_view> keys;
  keys.reserve(members.size());
  for (const auto& m : members) keys.push_back(m.first);
  Json::Object ordered;
  ordered.reserve(members.size());
  for (size_t i : JavaHashMapOrder(keys)) ordered.push_back(members[i]);
  return Json::MakeObject(std::move(ordered));
}

}  // namespace sfn::asl::intrinsics_internal
