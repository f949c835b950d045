// asl/expressions/intrinsics.cc
//
// The registry of the 18 States.* functions and the evaluation of a call
// tree: arguments first (paths, literals, nested calls), then the function.
#include "asl/expressions/intrinsics.h"

#include <cstdint>
#include <optional>
#include <string>

#include "asl/expressions/intrinsics_internal.h"

namespace sfn::asl {
namespace intrinsics_internal {

namespace {

constexpr size_t kAny = SIZE_MAX;

// Keyed by name with arity bounds, like inja's FunctionStorage.
constexpr FunctionSpec kFunctions[] = {
    {"States.Format", 1, kAny, &Format},
    {"States.StringToJson", 1, 1, &StringToJson},
    {"States.JsonToString", 1, 1, &JsonToString},
    {"States.Array", 0, kAny, &Array},
    {"States.ArrayPartition", 2, 2, &ArrayPartition},
    {"States.ArrayContains", 2, 2, &ArrayContains},
    {"States.ArrayRange", 3, 3, &ArrayRange},
    {"States.ArrayGetItem", 2, 2, &ArrayGetItem},
    {"States.ArrayLength", 1, 1, &ArrayLength},
    {"States.ArrayUnique", 1, 1, &ArrayUnique},
    {"States.Base64Encode", 1, 1, &Base64Encode},
    {"States.Base64Decode", 1, 1, &Base64Decode},
    {"States.Hash", 2, 2, &Hash},
    {"States.JsonMerge", 3, 3, &JsonMerge},
    {"States.MathRandom", 2, 3, &MathRandom},
    {"States.MathAdd", 2, 2, &MathAdd},
    {"States.StringSplit", 2, 2, &StringSplit},
    // AWS ignores arguments given to States.UUID.
    {"States.UUID", 0, kAny, &Uuid},
};

}  // namespace

const FunctionSpec* FindFunction(std::string_view name) {
  for (const FunctionSpec& f : kFunctions)
    if (name == f.name) return &f;
  return nullptr;
}

AslError Failure(const char* function, const std::string& why) {
  return AslError{"States.IntrinsicFailure",
                  std::string("Invalid arguments in ") + function + ": " + why};
}

}  // namespace intrinsics_internal

namespace {

using intrinsics_internal::Arg;
using intrinsics_internal::CallEnv;

Result<Json> EvaluateNode(const IntrinsicCall::Node& node, const EvalContext& ctx,
                          std::string_view field, const std::string& call_text) {
  std::vector<Json> values;
  values.reserve(node.args.size());
  for (const Arg& arg : node.args) {
    switch (arg.kind) {
      case Arg::Kind::kLiteral:
        values.push_back(arg.literal);
        break;
      case Arg::Kind::kPath: {
        if (!field.empty()) {
          // AWS: "The function 'States.Array($.a)' had the following error:
          // The JsonPath argument for the field '$.a' could not be found in
          // the input '...'".
          std::optional<Json> found = arg.path.Find(ctx);
          if (!found)
            return AslError{"States.Runtime",
                            "The function '" + call_text +
                                "' had the following error: The JsonPath argument for the "
                                "field '" +
                                arg.path.text() + "' could not be found in the input '" +
                                (ctx.input ? Dump(*ctx.input) : "null") + "'"};
          values.push_back(std::move(*found));
          break;
        }
        Result<Json> v = arg.path.Select(ctx);
        if (!v.ok()) return v;
        values.push_back(std::move(v).value());
        break;
      }
      case Arg::Kind::kCall: {
        Result<Json> v = EvaluateNode(*arg.call, ctx, field, call_text);
        if (!v.ok()) return v;
        values.push_back(std::move(v).value());
        break;
      }
    }
  }
  const size_t n = values.size();
  if (n < node.function->min_args || n > node.function->max_args)
    return intrinsics_internal::Failure(node.function->name,
                                        "it does not take " + std::to_string(n) + " arguments");
  CallEnv env{&ctx, &node.args};
  return node.function->impl(values, env);
}

void CollectVariables(const IntrinsicCall::Node& node, std::vector<std::string>* out) {
  for (const Arg& arg : node.args) {
    if (arg.kind == Arg::Kind::kCall) {
      CollectVariables(*arg.call, out);
    } else if (arg.kind == Arg::Kind::kPath && arg.path.root() == JsonPath::Root::kVariable) {
      const std::string& name = arg.path.variable_name();
      bool seen = false;
      for (const std::string& s : *out) seen = seen || s == name;
      if (!seen) out->push_back(name);
    }
  }
}

}  // namespace

Result<Json> IntrinsicCall::Evaluate(const EvalContext& ctx) const {
  return Evaluate(ctx, std::string_view());
}

Result<Json> IntrinsicCall::Evaluate(const EvalContext& ctx, std::string_view field) const {
  if (!root_) return AslError{"States.IntrinsicFailure", "No intrinsic function was compiled"};
  Result<Json> r = EvaluateNode(*root_, ctx, field, text());
  if (r.ok() || r.error().error != "States.IntrinsicFailure") return r;
  // AWS fails the state with States.Runtime naming the whole call as
  // written and the function whose arguments were refused, without detail:
  // "There was an error while evaluating the intrinsic function:
  // States.MathAdd(2147483647, 1). Invalid arguments in States.MathAdd".
  const std::string& cause = r.error().cause;
  const size_t colon = cause.find(':');
  return AslError{"States.Runtime", "There was an error while evaluating the intrinsic function: " +
                                        text() + ". " + cause.substr(0, colon)};
}

std::vector<std::string> IntrinsicCall::VariableReferences() const {
  std::vector<std::string> out;
  if (root_) CollectVariables(*root_, &out);
  return out;
}

const std::string& IntrinsicCall::text() const {
  static const std::string kEmpty;
  return text_ ? *text_ : kEmpty;
}

}  // namespace sfn::asl
