// asl/jsonata/functions_datetime.cc
//
// $now, $millis, $fromMillis and $toMillis. The current time is fixed for
// the whole evaluation (taken once by Expression::Evaluate).
#include <cmath>

#include "asl/jsonata/datetime.h"
#include "asl/jsonata/errors.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/functions.h"

namespace sfn::asl::jsonata {

namespace {

const std::string* OptionalString(const std::vector<Value>& args, size_t i) {
  const Value& v = Arg(args, i);
  return v.IsString() ? &v.AsString() : nullptr;
}

Value FromMillisValue(double millis, const std::vector<Value>& args, size_t first) {
  return Value::String(
      FormatDateTime(millis, OptionalString(args, first), OptionalString(args, first + 1)));
}

Value Now(CallContext& ctx, std::vector<Value>& args) {
  return FromMillisValue(static_cast<double>(ctx.ev.now_millis()), args, 0);
}

Value Millis(CallContext& ctx, std::vector<Value>&) {
  return Value::Number(static_cast<double>(ctx.ev.now_millis()));
}

Value FromMillis(CallContext&, std::vector<Value>& args) {
  const Value& millis = Arg(args, 0);
  if (millis.IsUndefined()) return millis;
  return FromMillisValue(millis.AsNumber(), args, 1);
}

Value ToMillis(CallContext& ctx, std::vector<Value>& args) {
  const Value& ts = Arg(args, 0);
  if (ts.IsUndefined()) return ts;
  if (const std::string* picture = OptionalString(args, 1)) {
    auto millis = ParseDateTime(ts.AsString(), *picture, static_cast<double>(ctx.ev.now_millis()),
                                ctx.ev.time_check());
    return millis ? Value::Number(*millis) : Value();
  }
  auto millis = ParseIsoTimestamp(ts.AsString());
  if (!millis) ThrowValue("D3110", ts);
  return Value::Number(*millis);
}

}  // namespace

void AddDateTimeFunctions(std::vector<BuiltinDef>* t) {
  t->push_back({"now", "<s?s?:s>", 2, Now});
  t->push_back({"millis", "<:n>", 0, Millis});
  t->push_back({"fromMillis", "<n-s?s?:s>", 3, FromMillis});
  t->push_back({"toMillis", "<s-s?:n>", 2, ToMillis});
}

}  // namespace sfn::asl::jsonata
