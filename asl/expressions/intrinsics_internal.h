// asl/expressions/intrinsics_internal.h
//
// Private to asl/intrinsics*.cc: the parsed call tree and the function
// registry. A function receives its arguments already evaluated; it returns
// a value or an AslError (States.IntrinsicFailure). Immutable after
// parsing and therefore shareable between threads.
#ifndef SFN_ASL_EXPRESSIONS_INTRINSICS_INTERNAL_H_
#define SFN_ASL_EXPRESSIONS_INTRINSICS_INTERNAL_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/expressions/intrinsics.h"
#include "asl/expressions/jsonpath.h"

namespace sfn::asl {
namespace intrinsics_internal {

struct FunctionSpec;

struct Arg {
  enum class Kind { kLiteral, kPath, kCall };
  Kind kind = Kind::kLiteral;
  Json literal;  // kLiteral
  // For string literals: the text split at each unescaped "{}", so that
  // States.Format tells "\{}" (text) from "{}" (a placeholder).
  std::vector<std::string> format_pieces;
  bool is_string_literal = false;
  // The literal has a '{' or '}' that is neither escaped nor part of "{}".
  bool has_stray_brace = false;
  JsonPath path;                                    // kPath
  std::shared_ptr<const IntrinsicCall::Node> call;  // kCall
};

// Evaluation state handed to every function.
struct CallEnv {
  const EvalContext* ctx = nullptr;
  const std::vector<Arg>* args = nullptr;  // the unevaluated arguments
};

using FunctionImpl = Result<Json> (*)(const std::vector<Json>& args, const CallEnv& env);

struct FunctionSpec {
  const char* name;  // "States.Format"
  size_t min_args;
  size_t max_args;  // SIZE_MAX: variadic
  FunctionImpl impl;
};

// The registry; nullptr for an unknown name.
const FunctionSpec* FindFunction(std::string_view name);

// {"States.IntrinsicFailure", "Invalid arguments in <fn>: <why>"}, which
// IntrinsicCall::Evaluate turns into AWS's States.Runtime failure.
AslError Failure(const char* function, const std::string& why);

// Function groups (intrinsics_functions.cc, intrinsics_encoding.cc).
Result<Json> Format(const std::vector<Json>& args, const CallEnv& env);
Result<Json> StringToJson(const std::vector<Json>& args, const CallEnv& env);
Result<Json> JsonToString(const std::vector<Json>& args, const CallEnv& env);
Result<Json> Array(const std::vector<Json>& args, const CallEnv& env);
Result<Json> ArrayPartition(const std::vector<Json>& args, const CallEnv& env);
Result<Json> ArrayContains(const std::vector<Json>& args, const CallEnv& env);
Result<Json> ArrayRange(const std::vector<Json>& args, const CallEnv& env);
Result<Json> ArrayGetItem(const std::vector<Json>& args, const CallEnv& env);
Result<Json> ArrayLength(const std::vector<Json>& args, const CallEnv& env);
Result<Json> ArrayUnique(const std::vector<Json>& args, const CallEnv& env);
Result<Json> JsonMerge(const std::vector<Json>& args, const CallEnv& env);
Result<Json> Base64Encode(const std::vector<Json>& args, const CallEnv& env);
Result<Json> Base64Decode(const std::vector<Json>& args, const CallEnv& env);
Result<Json> Hash(const std::vector<Json>& args, const CallEnv& env);
Result<Json> MathRandom(const std::vector<Json>& args, const CallEnv& env);
Result<Json> MathAdd(const std::vector<Json>& args, const CallEnv& env);
Result<Json> StringSplit(const std::vector<Json>& args, const CallEnv& env);
Result<Json> Uuid(const std::vector<Json>& args, const CallEnv& env);

// java.util.Random, which AWS uses for seeded random numbers.
class JavaRandom {
 public:
  explicit JavaRandom(int64_t seed);
  int32_t NextInt(int32_t bound);  // [0, bound), bound > 0
  double NextDouble();             // [0, 1)

 private:
  int32_t Next(int bits);
  uint64_t seed_;
};

}  // namespace intrinsics_internal

struct IntrinsicCall::Node {
  const intrinsics_internal::FunctionSpec* function = nullptr;
  std::vector<intrinsics_internal::Arg> args;
};

}  // namespace sfn::asl

#endif  // SFN_ASL_EXPRESSIONS_INTRINSICS_INTERNAL_H_
