// asl/jsonata/functions.h
//
// The built-in function library, as a table of BuiltinDef rows (name,
// signature, jsonata-js arity, implementation). Each family lives in its
// own functions_*.cc and adds its rows here; functions.cc assembles the
// table once, at first use, and it is read-only afterwards.
#ifndef SFN_ASL_JSONATA_FUNCTIONS_H_
#define SFN_ASL_JSONATA_FUNCTIONS_H_

#include <vector>

#include "asl/jsonata/function.h"

namespace sfn::asl::jsonata {

void AddNumericFunctions(std::vector<BuiltinDef>* table);        // functions_numeric.cc
void AddStringFunctions(std::vector<BuiltinDef>* table);         // functions_string.cc
void AddRegexFunctions(std::vector<BuiltinDef>* table);          // functions_regex.cc
void AddEncodingFunctions(std::vector<BuiltinDef>* table);       // functions_encoding.cc
void AddFormatFunctions(std::vector<BuiltinDef>* table);         // functions_format.cc
void AddArrayFunctions(std::vector<BuiltinDef>* table);          // functions_array.cc
void AddObjectFunctions(std::vector<BuiltinDef>* table);         // functions_object.cc
void AddDateTimeFunctions(std::vector<BuiltinDef>* table);       // functions_datetime.cc
void AddStepFunctionsFunctions(std::vector<BuiltinDef>* table);  // functions_sfn.cc

// The i-th argument, or undefined when the call had fewer.
inline const Value& Arg(const std::vector<Value>& args, size_t i) {
  static const Value* undefined = new Value();
  return i < args.size() ? args[i] : *undefined;
}

// The i-th argument where the signature requires a string. An undefined
// one passes signature validation (as in jsonata-js, whose function then
// fails on it with a JavaScript TypeError): it fails with T0410 naming it.
const std::string& StringArg(const std::vector<Value>& args, size_t i);

// The arguments a higher-order function passes to `fn` for one item: the
// value, then the index/key and the whole collection if `fn` takes them.
std::vector<Value> HofArgs(const Value& fn, const Value& value, const Value& key,
                           const Value& whole);

// A uniform random number in [0, 1): the Environment's when there is one.
double NextRandom(CallContext& ctx);

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_FUNCTIONS_H_
