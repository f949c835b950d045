// asl/expressions/intrinsics_encoding.cc
//
// States.Base64Encode/Decode, States.Hash, the math functions,
// States.StringSplit and States.UUID, plus java.util.Random (AWS's seeded
// generator). Randomness and identifiers come only from EvalContext::env.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "asl/core/digest.h"
#include "asl/core/encoding.h"
#include "asl/expressions/intrinsics_internal.h"
#include "asl/expressions/java_text.h"

namespace sfn::asl::intrinsics_internal {
namespace {

constexpr size_t kMaxInputChars = 10000;  // AWS limit for Base64 and Hash inputs

AslError NotAString(const char* fn, size_t index, const Json& got) {
  return Failure(fn, "argument " + std::to_string(index + 1) + " must be a string, but was " +
                         TypeName(got.type()));
}

AslError TooLong(const char* fn) {
  return Failure(fn, "the input is longer than " + std::to_string(kMaxInputChars) + " characters");
}

// Java decodes bytes as UTF-8 replacing malformed sequences with U+FFFD.
std::string SanitizeUtf8(const std::string& bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t i = 0;
  while (i < bytes.size()) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= bytes.size();
    for (size_t k = 1; ok && k < len; ++k)
      ok = (static_cast<unsigned char>(bytes[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(bytes, i, len);
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");
      ++i;
    }
  }
  return out;
}

// Java's Math.round: the closest integer, halves rounded up.
int64_t JavaRound(double d) { return static_cast<int64_t>(std::floor(d + 0.5)); }

bool IsInteger(const Json& v) {
  return v.is_int() || (v.is_double() && std::trunc(v.AsDouble()) == v.AsDouble());
}

void AppendCodePoint(std::string_view s, size_t* i, std::string* out) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  len = std::min(len, s.size() - *i);
  out->append(s.substr(*i, len));
  *i += len;
}

}  // namespace

Result<Json> Base64Encode(const std::vector<Json>& args, const CallEnv&) {
  const char* fn = "States.Base64Encode";
  if (!args[0].is_string()) return NotAString(fn, 0, args[0]);
  const std::string& in = args[0].AsString();
  if (Utf16Length(in) > kMaxInputChars) return TooLong(fn);
  return Json(sfn::Base64Encode(in));
}

// Java's basic decoder: the standard alphabet, padding optional, nothing
// else (no white space).
Result<Json> Base64Decode(const std::vector<Json>& args, const CallEnv&) {
  const char* fn = "States.Base64Decode";
  if (!args[0].is_string()) return NotAString(fn, 0, args[0]);
  const std::string& in = args[0].AsString();
  if (Utf16Length(in) > kMaxInputChars) return TooLong(fn);
  std::optional<std::string> bytes = sfn::Base64Decode(in);
  if (!bytes) return Failure(fn, "the input is not valid Base64");
  return Json(SanitizeUtf8(*bytes));
}

Result<Json> Hash(const std::vector<Json>& args, const CallEnv&) {
  const char* fn = "States.Hash";
  if (!args[0].is_string()) return NotAString(fn, 0, args[0]);
  if (!args[1].is_string()) return NotAString(fn, 1, args[1]);
  if (Utf16Length(args[0].AsString()) > kMaxInputChars) return TooLong(fn);
  const std::string& algorithm = args[1].AsString();
  if (!IsDigestAlgorithm(algorithm)) {
    return Failure(fn,
                   "the hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, "
                   "SHA-512, but was " +
                       algorithm);
  }
  std::optional<std::string> hex = HexDigest(algorithm, args[0].AsString());
  if (!hex) return Failure(fn, "the hash could not be computed");
  return Json(std::move(*hex));
}

// start (inclusive) to end (exclusive); non-integers are rounded. With a
// seed the result is java.util.Random(seed).nextInt(end - start) + start.
Result<Json> MathRandom(const std::vector<Json>& args, const CallEnv& env) {
  const char* fn = "States.MathRandom";
  for (size_t i = 0; i < args.size(); ++i) {
    if (!args[i].is_number())
      return Failure(fn, "argument " + std::to_string(i + 1) + " must be a number, but was " +
                             TypeName(args[i].type()));
  }
  // Bounds and seed beyond 64 bits are refused before they are converted
  // (converting them is undefined behaviour; fuzz/intrinsics_fuzz).
  for (const Json& arg : args)
    if (!(std::fabs(arg.AsDouble()) < 9.2e18)) return Failure(fn, "the range is too large");
  // AWS drops the fractions of the bounds: MathRandom(1.6, 5.4) can give 1
  // and MathRandom(1.4, 1.6) is refused.
  int64_t start = static_cast<int64_t>(std::trunc(args[0].AsDouble()));
  int64_t end = static_cast<int64_t>(std::trunc(args[1].AsDouble()));
  if (end <= start) return Failure(fn, "the end must be greater than the start");
  if (end - start > INT32_MAX) return Failure(fn, "the range is too large");
  int32_t bound = static_cast<int32_t>(end - start);
  if (args.size() == 3) {
    if (!IsInteger(args[2])) return Failure(fn, "the seed must be an integer");
    JavaRandom random(static_cast<int64_t>(args[2].AsDouble()));
    return Json(start + random.NextInt(bound));
  }
  if (!env.ctx->env) return Failure(fn, "no source of random numbers is available");
  double r = env.ctx->env->NextRandom();
  return Json(start + std::min<int64_t>(bound - 1, static_cast<int64_t>(r * bound)));
}

// Each operand is rounded with Java's Math.round before adding (AWS:
// MathAdd(1.5, 1.51) is 4).
Result<Json> MathAdd(const std::vector<Json>& args, const CallEnv&) {
  const char* fn = "States.MathAdd";
  for (size_t i = 0; i < 2; ++i) {
    if (!args[i].is_number())
      return Failure(fn, "argument " + std::to_string(i + 1) + " must be a number, but was " +
                             TypeName(args[i].type()));
  }
  int64_t a = args[0].is_int() ? args[0].AsInt() : JavaRound(args[0].AsDouble());
  int64_t b = args[1].is_int() ? args[1].AsInt() : JavaRound(args[1].AsDouble());
  // AWS adds in 32 bits: MathAdd(2147483647, 1) fails with "Invalid
  // arguments in States.MathAdd" rather than giving 2147483648.
  const int64_t sum = a + b;
  if (sum > INT32_MAX || sum < INT32_MIN)
    return Failure(fn, "the sum " + std::to_string(sum) + " is outside the 32-bit integer range");
  return Json(sum);
}

// Like java.util.StringTokenizer: every character of the second argument
// is a delimiter and empty tokens are dropped.
Result<Json> StringSplit(const std::vector<Json>& args, const CallEnv&) {
  const char* fn = "States.StringSplit";
  if (!args[0].is_string()) return NotAString(fn, 0, args[0]);
  if (!args[1].is_string()) return NotAString(fn, 1, args[1]);
  std::vector<std::string> delimiters;
  std::string_view delims = args[1].AsString();
  for (size_t i = 0; i < delims.size();) {
    delimiters.emplace_back();
    AppendCodePoint(delims, &i, &delimiters.back());
  }
  std::string_view s = args[0].AsString();
  Json::Array tokens;
  std::string token, ch;
  for (size_t i = 0; i < s.size();) {
    ch.clear();
    AppendCodePoint(s, &i, &ch);
    bool is_delim = false;
    for (const std::string& d : delimiters) is_delim = is_delim || d == ch;
    if (!is_delim) {
      token += ch;
    } else if (!token.empty()) {
      tokens.emplace_back(std::move(token));
      token.clear();
    }
  }
  if (!token.empty()) tokens.emplace_back(std::move(token));
  return Json::MakeArray(std::move(tokens));
}

Result<Json> Uuid(const std::vector<Json>&, const CallEnv& env) {
  if (!env.ctx->env) return Failure("States.UUID", "no source of identifiers is available");
  return Json(env.ctx->env->NewUuid());
}

// ------------------------------------------------------------ JavaRandom

JavaRandom::JavaRandom(int64_t seed)
    : seed_((static_cast<uint64_t>(seed) ^ 0x5DEECE66DULL) & ((1ULL << 48) - 1)) {}

int32_t JavaRandom::Next(int bits) {
  seed_ = (seed_ * 0x5DEECE66DULL + 0xBULL) & ((1ULL << 48) - 1);
  return static_cast<int32_t>(static_cast<uint32_t>(seed_ >> (48 - bits)));
}

int32_t JavaRandom::NextInt(int32_t bound) {
  int32_t r = Next(31);
  int32_t m = bound - 1;
  if ((bound & m) == 0) return static_cast<int32_t>((static_cast<int64_t>(bound) * r) >> 31);
  // Java rejects draws from the top partial range; its test relies on int
  // overflow, done here in unsigned arithmetic.
  for (int32_t u = r;; u = Next(31)) {
    r = u % bound;
    uint32_t sum = static_cast<uint32_t>(u) - static_cast<uint32_t>(r) + static_cast<uint32_t>(m);
    if (static_cast<int32_t>(sum) >= 0) return r;
  }
}

double JavaRandom::NextDouble() {
  int64_t high = static_cast<int64_t>(Next(26)) << 27;
  return static_cast<double>(high + Next(27)) * 0x1.0p-53;
}

}  // namespace sfn::asl::intrinsics_internal
