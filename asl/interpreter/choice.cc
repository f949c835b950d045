// asl/interpreter/choice.cc
#include "asl/interpreter/choice.h"

#include <string>

#include "asl/core/errors.h"

namespace sfn::asl {

namespace {

// ---------------------------------------------------------------- timestamps

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// Parses "[.fraction](Z|+hh:mm|-hh:mm)" at `pos` to the end of `s`.
bool ParseFractionAndZone(std::string_view s, size_t pos, int32_t* nanos, int* offset_s) {
  *nanos = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    size_t start = pos;
    int64_t scale = 100000000;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      *nanos += static_cast<int32_t>((s[pos] - '0') * scale);
      scale /= 10;
      ++pos;
    }
    if (pos == start) return false;
  }
  if (pos == s.size()) return false;
  if (s[pos] == 'Z') {
    *offset_s = 0;
    return pos + 1 == s.size();
  }
  if (s[pos] != '+' && s[pos] != '-') return false;
  int hh, mm;
  if (pos + 6 != s.size() || !Digits(s, pos + 1, 2, &hh) || s[pos + 3] != ':' ||
      !Digits(s, pos + 4, 2, &mm) || hh > 23 || mm > 59) {
    return false;
  }
  *offset_s = (hh * 3600 + mm * 60) * (s[pos] == '-' ? -1 : 1);
  return true;
}

// ---------------------------------------------------------------- comparisons

enum class Family { kString, kNumeric, kBoolean, kTimestamp, kOther };

Family FamilyOf(ChoiceOp op) {
  switch (op) {
    case ChoiceOp::kStringEquals:
    case ChoiceOp::kStringLessThan:
    case ChoiceOp::kStringGreaterThan:
    case ChoiceOp::kStringLessThanEquals:
    case ChoiceOp::kStringGreaterThanEquals:
      return Family::kString;
    case ChoiceOp::kNumericEquals:
    case ChoiceOp::kNumericLessThan:
    case ChoiceOp::kNumericGreaterThan:
    case ChoiceOp::kNumericLessThanEquals:
    case ChoiceOp::kNumericGreaterThanEquals:
      return Family::kNumeric;
    case ChoiceOp::kBooleanEquals:
      return Family::kBoolean;
    case ChoiceOp::kTimestampEquals:
    case ChoiceOp::kTimestampLessThan:
    case ChoiceOp::kTimestampGreaterThan:
    case ChoiceOp::kTimestampLessThanEquals:
    case ChoiceOp::kTimestampGreaterThanEquals:
      return Family::kTimestamp;
    default:
      return Family::kOther;
  }
}

// -1, 0 or 1; the operator kind tells which outcome means "true".
bool Decide(ChoiceOp op, int cmp) {
  switch (op) {
    case ChoiceOp::kStringEquals:
    case ChoiceOp::kNumericEquals:
    case ChoiceOp::kTimestampEquals:
    case ChoiceOp::kBooleanEquals:
      return cmp == 0;
    case ChoiceOp::kStringLessThan:
    case ChoiceOp::kNumericLessThan:
    case ChoiceOp::kTimestampLessThan:
      return cmp < 0;
    case ChoiceOp::kStringGreaterThan:
    case ChoiceOp::kNumericGreaterThan:
    case ChoiceOp::kTimestampGreaterThan:
      return cmp > 0;
    case ChoiceOp::kStringLessThanEquals:
    case ChoiceOp::kNumericLessThanEquals:
    case ChoiceOp::kTimestampLessThanEquals:
      return cmp <= 0;
    case ChoiceOp::kStringGreaterThanEquals:
    case ChoiceOp::kNumericGreaterThanEquals:
    case ChoiceOp::kTimestampGreaterThanEquals:
      return cmp >= 0;
    default:
      return false;
  }
}

template <typename T>
int Compare(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Compares `value` with `operand` for a String/Numeric/Boolean/Timestamp
// operator; a type mismatch on either side is "no match", never an error.
bool CompareValues(ChoiceOp op, const Json& value, const Json& operand) {
  switch (FamilyOf(op)) {
    case Family::kString:
      if (!value.is_string() || !operand.is_string()) return false;
      {
        const int c = value.AsString().compare(operand.AsString());
        return Decide(op, (c > 0) - (c < 0));
      }
    case Family::kNumeric:
      if (!value.is_number() || !operand.is_number()) return false;
      if (value.is_int() && operand.is_int())
        return Decide(op, Compare(value.AsInt(), operand.AsInt()));
      return Decide(op, Compare(value.AsDouble(), operand.AsDouble()));
    case Family::kBoolean:
      return value.is_bool() && operand.is_bool() && value.AsBool() == operand.AsBool();
    case Family::kTimestamp: {
      if (!value.is_string() || !operand.is_string()) return false;
      auto a = ParseTimestamp(value.AsString());
      auto b = ParseTimestamp(operand.AsString());
      if (!a || !b) return false;
      return Decide(op, Compare(*a, *b));
    }
    case Family::kOther:
      break;
  }
  return false;
}

// Is* tests; only IsPresent sees a missing value ("present: false").
bool TypeTest(ChoiceOp op, const std::optional<Json>& value, bool expected) {
  bool actual = false;
  switch (op) {
    case ChoiceOp::kIsPresent:
      actual = value.has_value();
      break;
    case ChoiceOp::kIsNull:
      actual = value && value->is_null();
      break;
    case ChoiceOp::kIsNumeric:
      actual = value && value->is_number();
      break;
    case ChoiceOp::kIsString:
      actual = value && value->is_string();
      break;
    case ChoiceOp::kIsBoolean:
      actual = value && value->is_bool();
      break;
    case ChoiceOp::kIsTimestamp:
      actual = value && value->is_string() && ParseTimestamp(value->AsString()).has_value();
      break;
    default:
      break;
  }
  return actual == expected;
}

bool IsTypeTest(ChoiceOp op) {
  return op == ChoiceOp::kIsPresent || op == ChoiceOp::kIsNull || op == ChoiceOp::kIsNumeric ||
         op == ChoiceOp::kIsString || op == ChoiceOp::kIsBoolean || op == ChoiceOp::kIsTimestamp;
}

Result<bool> EvaluateCondition(const ChoiceRule& rule, const EvalContext& ctx) {
  Result<Json> r = rule.condition.Evaluate(ctx);
  if (!r.ok()) return r.error();
  if (!r.value().is_bool()) {
    return AslError{
        std::string(kStatesQueryEvaluationError),
        "The Condition field must evaluate to a boolean value, but was '" + Dump(r.value()) + "'"};
  }
  return r.value().AsBool();
}

// A comparison's Variable or "...Path" operand that matches nothing.
AslError InvalidConditionPath(const JsonPath& path) {
  return AslError{std::string(kStatesRuntime),
                  "Invalid path '" + path.text() +
                      "': The choice state's condition path references an invalid value."};
}

Result<bool> EvaluateComparison(const ChoiceRule& rule, const EvalContext& ctx) {
  std::optional<Json> value = rule.variable.Find(ctx);
  // Only IsPresent may look at a path that matches nothing: AWS fails every
  // other operator on it, the Is* type tests included.
  if (rule.op == ChoiceOp::kIsPresent) {
    return TypeTest(rule.op, value, rule.operand.is_bool() && rule.operand.AsBool());
  }
  if (!value) return InvalidConditionPath(rule.variable);
  if (IsTypeTest(rule.op)) {
    return TypeTest(rule.op, value, rule.operand.is_bool() && rule.operand.AsBool());
  }
  if (rule.operand_path) {
    std::optional<Json> operand = rule.operand_path->Find(ctx);
    if (!operand) return InvalidConditionPath(*rule.operand_path);
    return CompareValues(rule.op, *value, *operand);
  }
  if (rule.op == ChoiceOp::kStringMatches) {
    return value->is_string() && rule.operand.is_string() &&
           StringMatchesPattern(value->AsString(), rule.operand.AsString());
  }
  return CompareValues(rule.op, *value, rule.operand);
}

}  // namespace

std::optional<Timestamp> ParseTimestamp(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (!Digits(s, 0, 4, &y) || s.size() < 19 || s[4] != '-' || !Digits(s, 5, 2, &mo) ||
      s[7] != '-' || !Digits(s, 8, 2, &d) || s[10] != 'T' || !Digits(s, 11, 2, &h) ||
      s[13] != ':' || !Digits(s, 14, 2, &mi) || s[16] != ':' || !Digits(s, 17, 2, &sec)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) {
    return std::nullopt;
  }
  Timestamp t;
  int offset_s = 0;
  if (!ParseFractionAndZone(s, 19, &t.nanos, &offset_s)) return std::nullopt;
  t.seconds = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset_s;
  return t;
}

bool StringMatchesPattern(std::string_view value, std::string_view pattern) {
  // Iterative glob match with one backtracking point (the last '*').
  size_t v = 0, p = 0;
  size_t star_p = std::string_view::npos, star_v = 0;
  while (v < value.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = p++;
      star_v = v;
      continue;
    }
    if (p < pattern.size()) {
      char want = pattern[p];
      size_t step = 1;
      if (want == '\\' && p + 1 < pattern.size()) {
        want = pattern[p + 1];
        step = 2;
      }
      if (want == value[v]) {
        p += step;
        ++v;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p + 1;
    v = ++star_v;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

Result<bool> EvaluateChoiceRule(const ChoiceRule& rule, const EvalContext& ctx) {
  switch (rule.op) {
    case ChoiceOp::kAnd:
    case ChoiceOp::kOr: {
      const bool is_and = rule.op == ChoiceOp::kAnd;
      for (const ChoiceRule& child : rule.children) {
        Result<bool> r = EvaluateChoiceRule(child, ctx);
        if (!r.ok()) return r;
        if (r.value() != is_and) return !is_and;
      }
      return is_and;
    }
    case ChoiceOp::kNot: {
      if (rule.children.empty()) return false;
      Result<bool> r = EvaluateChoiceRule(rule.children.front(), ctx);
      if (!r.ok()) return r;
      return !r.value();
    }
    case ChoiceOp::kCondition:
      return EvaluateCondition(rule, ctx);
    default:
      return EvaluateComparison(rule, ctx);
  }
}

}  // namespace sfn::asl
