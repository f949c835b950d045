// asl/jsonata/functions_sfn.cc
//
// The functions AWS Step Functions adds to JSONata: $partition, $range,
// $hash, $random (with an optional java.util.Random seed), $uuid and
// $parse. They check their own arguments, with the error codes and texts
// AWS reports (T0410 for a wrong type or a surplus argument, D3137 for a
// bad value).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "asl/core/digest.h"
#include "asl/core/uuid.h"
#include "asl/jsonata/errors.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/functions.h"

namespace sfn::asl::jsonata {

namespace {

[[noreturn]] void SignatureError(size_t index) {
  Error e;
  e.code = "T0410";
  e.index = static_cast<int>(index);
  Throw(std::move(e));
}

[[noreturn]] void Custom(const std::string& message) {
  Error e;
  e.code = "D3137";
  e.message = message;
  Throw(std::move(e));
}

void RejectSurplus(const std::vector<Value>& args, size_t first_surplus) {
  if (Arg(args, first_surplus).IsDefined()) SignatureError(first_surplus + 1);
}

// A number argument rounded towards zero, as AWS converts it.
int64_t Integer(const Value& v, size_t index) {
  if (!v.IsNumber()) SignatureError(index);
  double d = std::trunc(v.AsNumber());
  if (std::isnan(d)) return 0;
  if (d >= 9.2e18) return std::numeric_limits<int64_t>::max();
  if (d <= -9.2e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}

Value Partition(CallContext&, std::vector<Value>& args) {
  RejectSurplus(args, 2);
  const Value& array = Arg(args, 0);
  if (array.IsUndefined()) return array;
  if (!array.IsArray()) {
    Error e;
    e.code = "T0412";
    e.index = 1;
    e.value = array;
    e.has_value = true;
    Throw(std::move(e));
  }
  const Items& items = array.ArrayItems();
  if (items.empty()) return Value();
  if (Arg(args, 1).IsUndefined()) return Value::Array({Value::Array(items)});
  int64_t size = Integer(Arg(args, 1), 2);
  if (size < 0) Custom("Second argument must be zero or greater");
  if (size == 0) return Value();
  Items chunks;
  for (size_t i = 0; i < items.size(); i += static_cast<size_t>(size)) {
    size_t end = std::min(items.size(), i + static_cast<size_t>(size));
    chunks.push_back(Value::Array(Items(items.begin() + static_cast<ptrdiff_t>(i),
                                        items.begin() + static_cast<ptrdiff_t>(end))));
    if (end == items.size()) break;
  }
  return Value::Array(std::move(chunks));
}

Value Range(CallContext& ctx, std::vector<Value>& args) {
  RejectSurplus(args, 3);
  int64_t start = Integer(Arg(args, 0), 1);
  int64_t end = Integer(Arg(args, 1), 2);
  if (Arg(args, 2).IsUndefined()) return Value();
  int64_t step = Integer(Arg(args, 2), 3);
  if (step == 0 || (step > 0 && start > end) || (step < 0 && start < end)) return Value();
  // Count first (in floating point, which cannot overflow) and refuse
  // ranges too big to build.
  double count = std::floor((static_cast<double>(end) - static_cast<double>(start)) /
                            static_cast<double>(step)) +
                 1;
  // A range of one number is that number, as AWS answers it (a singleton
  // sequence), whether start == end or the step jumps past the end.
  if (count == 1) return Value::Number(static_cast<double>(start));
  ctx.ev.CheckSequenceSize(count > 9e18 ? SIZE_MAX : static_cast<size_t>(count));
  Items out;
  out.reserve(static_cast<size_t>(count));
  double v = static_cast<double>(start);
  for (size_t i = 0; i < static_cast<size_t>(count); ++i, v += static_cast<double>(step))
    out.push_back(Value::Number(v));
  return Value::Array(std::move(out));
}

Value Hash(CallContext&, std::vector<Value>& args) {
  RejectSurplus(args, 2);
  const Value& value = Arg(args, 0);
  if (!value.IsString()) SignatureError(1);
  const Value& algorithm = Arg(args, 1);
  if (algorithm.IsUndefined()) return algorithm;
  if (!algorithm.IsString()) SignatureError(2);
  const std::string& name = algorithm.AsString();
  if (!IsDigestAlgorithm(name))
    Custom("Hash algorithm '" + name + "' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5");
  return Value::String(HexDigest(name, value.AsString()).value_or(""));
}

// java.util.Random(seed).nextDouble().
double JavaRandomDouble(int64_t seed) {
  constexpr uint64_t kMultiplier = 0x5DEECE66DULL;
  constexpr uint64_t kMask = (1ULL << 48) - 1;
  uint64_t state = (static_cast<uint64_t>(seed) ^ kMultiplier) & kMask;
  auto next = [&](int bits) {
    state = (state * kMultiplier + 0xBULL) & kMask;
    return static_cast<int64_t>(static_cast<int32_t>(state >> (48 - bits)));
  };
  int64_t hi = next(26);
  int64_t lo = next(27);
  return static_cast<double>((hi << 27) + lo) * 0x1.0p-53;
}

Value RandomSeeded(CallContext& ctx, std::vector<Value>& args) {
  RejectSurplus(args, 1);
  const Value& seed = Arg(args, 0);
  if (seed.IsUndefined()) return Value::Number(NextRandom(ctx));
  return Value::Number(JavaRandomDouble(Integer(seed, 1)));
}

Value Uuid(CallContext& ctx, std::vector<Value>& args) {
  RejectSurplus(args, 0);
  if (ctx.ev.options().env) return Value::String(ctx.ev.options().env->NewUuid());
  return Value::String(RandomUuid());
}

Value Parse(CallContext&, std::vector<Value>& args) {
  RejectSurplus(args, 1);
  const Value& text = Arg(args, 0);
  if (text.IsUndefined()) return text;
  if (!text.IsString()) SignatureError(1);
  JsonParseResult parsed = ParseJson(text.AsString());
  if (!parsed.ok) Custom("Invalid JSON");
  return Value::FromJson(parsed.value);
}

}  // namespace

void AddStepFunctionsFunctions(std::vector<BuiltinDef>* t) {
  using Mode = BuiltinDef::Mode;
  t->push_back({"partition", nullptr, 2, Partition, Mode::kStepFunctionsOnly});
  t->push_back({"range", nullptr, 3, Range, Mode::kStepFunctionsOnly});
  t->push_back({"hash", nullptr, 2, Hash, Mode::kStepFunctionsOnly});
  t->push_back({"random", nullptr, 1, RandomSeeded, Mode::kStepFunctionsOnly});
  t->push_back({"uuid", nullptr, 0, Uuid, Mode::kStepFunctionsOnly});
  t->push_back({"parse", nullptr, 1, Parse, Mode::kStepFunctionsOnly});
}

}  // namespace sfn::asl::jsonata
