// asl/jsonata/errors.h
//
// The engine's private error type. Lexer, parser, evaluator and built-ins
// throw `Error` (wrapped in JsonataException); Expression::Compile and
// Expression::Evaluate catch it and turn it into the public JsonataError.
// The inserts (token, value, index, ...) are kept as data and the message
// is rendered from JSONata's template for the code only at the boundary,
// because callers up the stack may still fill in the token and position.
#ifndef SFN_ASL_JSONATA_ERRORS_H_
#define SFN_ASL_JSONATA_ERRORS_H_

#include <cstdint>
#include <exception>
#include <string>
#include <utility>

#include "asl/jsonata/value.h"

namespace sfn::asl::jsonata {

struct Error {
  std::string code;
  int64_t position = -1;  // -1: not known yet
  Value token;            // undefined: not known yet
  Value value;
  Value value2;
  bool has_value = false;
  int index = 0;              // argument number, 1-based
  std::string type;           // T0412: plural type name
  Value exp;                  // D3061: the exponent
  std::string function_name;  // D3140
  std::string message;        // D3137, D3141: the user's message
};

class JsonataException : public std::exception {
 public:
  explicit JsonataException(Error e) : error_(std::move(e)) {}
  const char* what() const noexcept override { return error_.code.c_str(); }
  Error& error() { return error_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
};

[[noreturn]] void Throw(Error e);
// Shorthands for the common shapes.
[[noreturn]] void ThrowCode(const std::string& code, int64_t position = -1);
[[noreturn]] void ThrowValue(const std::string& code, const Value& value, int64_t position = -1);

// JSONata's message for the error, with the inserts substituted
// ("Argument 2 of function \"min\" does not match function signature").
std::string RenderMessage(const Error& e);

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_ERRORS_H_
