// asl/jsonata/functions_numeric.cc
//
// Aggregation ($sum, $count, $max, $min, $average), numeric ($number,
// $floor, $ceil, $round, $abs, $sqrt, $power, $random) and boolean
// ($boolean, $not, $exists) functions.
#include <cmath>
#include <cstdlib>
#include <string>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/functions.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

namespace {

Value Sum(CallContext&, std::vector<Value>& args) {
  const Value& a = Arg(args, 0);
  if (a.IsUndefined()) return a;
  double total = 0;
  for (const Value& v : a.ArrayItems()) total += v.AsNumber();
  return Value::Number(total);
}

Value Count(CallContext&, std::vector<Value>& args) {
  const Value& a = Arg(args, 0);
  if (a.IsUndefined()) return Value::Number(0);
  return Value::Number(static_cast<double>(a.Size()));
}

Value Extreme(const Value& a, bool max) {
  if (a.IsUndefined() || a.Size() == 0) return Value();
  double r = max ? -INFINITY : INFINITY;
  for (const Value& v : a.ArrayItems())
    r = max ? std::fmax(r, v.AsNumber()) : std::fmin(r, v.AsNumber());
  return Value::Number(r);
}

Value Max(CallContext&, std::vector<Value>& args) { return Extreme(Arg(args, 0), true); }
Value Min(CallContext&, std::vector<Value>& args) { return Extreme(Arg(args, 0), false); }

Value Average(CallContext&, std::vector<Value>& args) {
  const Value& a = Arg(args, 0);
  if (a.IsUndefined() || a.Size() == 0) return Value();
  double total = 0;
  for (const Value& v : a.ArrayItems()) total += v.AsNumber();
  return Value::Number(total / static_cast<double>(a.Size()));
}

bool IsDecimalNumberText(const std::string& s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  size_t digits = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == digits) return false;
  if (i < s.size() && s[i] == '.') {
    size_t f = ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == f) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t e = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == e) return false;
  }
  return i == s.size();
}

// "0x1F", "0o17", "0b101" (what JavaScript's Number() accepts).
bool ParsePrefixedInteger(const std::string& s, double* out) {
  if (s.size() < 3 || s[0] != '0') return false;
  int base = 0;
  switch (s[1]) {
    case 'x':
    case 'X':
      base = 16;
      break;
    case 'o':
    case 'O':
      base = 8;
      break;
    case 'b':
    case 'B':
      base = 2;
      break;
    default:
      return false;
  }
  double v = 0;
  for (size_t i = 2; i < s.size(); ++i) {
    int d;
    char c = s[i];
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return false;
    if (d >= base) return false;
    v = v * base + d;
  }
  *out = v;
  return true;
}

Value Number(CallContext&, std::vector<Value>& args) {
  const Value& a = Arg(args, 0);
  if (a.IsUndefined() || a.IsNumber()) return a;
  if (a.IsBool()) return Value::Number(a.AsBool() ? 1 : 0);
  if (a.IsString()) {
    const std::string& s = a.AsString();
    double d;
    if (IsDecimalNumberText(s)) {
      d = std::strtod(s.c_str(), nullptr);
      if (std::isfinite(d)) return Value::Number(d);
    } else if (ParsePrefixedInteger(s, &d)) {
      return Value::Number(d);
    }
  }
  Error e;
  e.code = "D3030";
  e.value = a;
  e.has_value = true;
  e.index = 1;
  Throw(std::move(e));
}

Value Floor(CallContext&, std::vector<Value>& args) {
  const Value& a = Arg(args, 0);
  return a.IsUndefined() ? a : Value::Number(std::floor(a.AsNumber()));
}

Value Ceil(CallContext&, std::vector<Value>& args) {
  const Value& a = Arg(args, 0);
  return a.IsUndefined() ? a : Value::Number(std::ceil(a.AsNumber()));
}

Value Abs(CallContext&, std::vector<Value>& args) {
  const Value& a = Arg(args, 0);
  return a.IsUndefined() ? a : Value::Number(std::fabs(a.AsNumber()));
}

// JavaScript's Math.round: halves go towards +infinity.
double JsRound(double x) {
  double r = std::floor(x);
  if (x - r >= 0.5) r += 1;
  return r;
}

// Shifts the decimal point of `x` by `places` exactly, through the decimal
// text of the number (as jsonata-js does, to avoid binary rounding noise).
double ShiftDecimal(double x, int places) {
  std::string s = NumberToString(x);
  size_t e = s.find('e');
  int exp = places;
  if (e != std::string::npos) {
    exp += std::atoi(s.c_str() + e + 1);
    s = s.substr(0, e);
  }
  s += 'e';
  s += std::to_string(exp);
  return std::strtod(s.c_str(), nullptr);
}

Value Round(CallContext&, std::vector<Value>& args) {
  const Value& a = Arg(args, 0);
  if (a.IsUndefined()) return a;
  double x = a.AsNumber();
  int precision = 0;
  if (Arg(args, 1).IsNumber()) precision = static_cast<int>(Arg(args, 1).AsNumber());
  if (precision != 0) x = ShiftDecimal(x, precision);
  double result = JsRound(x);
  if (std::fabs(result - x) == 0.5 && std::fabs(std::fmod(result, 2)) == 1) result -= 1;
  if (precision != 0) result = ShiftDecimal(result, -precision);
  if (result == 0) result = 0;  // no negative zero in JSON
  return Value::Number(result);
}

Value Sqrt(CallContext&, std::vector<Value>& args) {
  const Value& a = Arg(args, 0);
  if (a.IsUndefined()) return a;
  if (a.AsNumber() < 0) {
    Error e;
    e.code = "D3060";
    e.value = a;
    e.has_value = true;
    e.index = 1;
    Throw(std::move(e));
  }
  return Value::Number(std::sqrt(a.AsNumber()));
}

Value Power(CallContext&, std::vector<Value>& args) {
  const Value& a = Arg(args, 0);
  if (a.IsUndefined()) return a;
  double r = std::pow(a.AsNumber(), Arg(args, 1).AsNumber());
  if (!std::isfinite(r)) {
    Error e;
    e.code = "D3061";
    e.value = a;
    e.has_value = true;
    e.exp = Arg(args, 1);
    e.index = 1;
    Throw(std::move(e));
  }
  return Value::Number(r);
}

Value Random(CallContext& ctx, std::vector<Value>&) { return Value::Number(NextRandom(ctx)); }

Value Boolean(CallContext&, std::vector<Value>& args) { return ToBoolean(Arg(args, 0)); }

Value Not(CallContext&, std::vector<Value>& args) {
  const Value& a = Arg(args, 0);
  return a.IsUndefined() ? a : Value::Bool(!IsTruthy(a));
}

Value Exists(CallContext&, std::vector<Value>& args) {
  return Value::Bool(Arg(args, 0).IsDefined());
}

}  // namespace

void AddNumericFunctions(std::vector<BuiltinDef>* t) {
  t->push_back({"sum", "<a<n>:n>", 1, Sum});
  t->push_back({"count", "<a:n>", 1, Count});
  t->push_back({"max", "<a<n>:n>", 1, Max});
  t->push_back({"min", "<a<n>:n>", 1, Min});
  t->push_back({"average", "<a<n>:n>", 1, Average});
  t->push_back({"number", "<(nsb)-:n>", 1, Number});
  t->push_back({"floor", "<n-:n>", 1, Floor});
  t->push_back({"ceil", "<n-:n>", 1, Ceil});
  t->push_back({"round", "<n-n?:n>", 2, Round});
  t->push_back({"abs", "<n-:n>", 1, Abs});
  t->push_back({"sqrt", "<n-:n>", 1, Sqrt});
  t->push_back({"power", "<n-n:n>", 2, Power});
  t->push_back({"random", "<:n>", 0, Random, BuiltinDef::Mode::kStandardOnly});
  t->push_back({"boolean", "<x-:b>", 1, Boolean});
  t->push_back({"not", "<x-:b>", 1, Not});
  t->push_back({"exists", "<x:b>", 1, Exists});
}

}  // namespace sfn::asl::jsonata
