// asl/jsonata/signature.h
//
// A JSONata function signature such as "<s-nn?:s>": parsed once (for a
// built-in at startup, for a lambda when the expression is compiled) and
// used on every call to check the arguments, substitute the context value
// for a missing '-' argument and wrap single values where an array is
// expected. Immutable; thread-safe.
#ifndef SFN_ASL_JSONATA_SIGNATURE_H_
#define SFN_ASL_JSONATA_SIGNATURE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/jsonata/value.h"

namespace sfn::asl::jsonata {

class Signature {
 public:
  // Parses `text` ("<...>"). Throws JsonataException S0401/S0402 whose
  // position is `position` plus the offset of the fault.
  static std::shared_ptr<const Signature> Parse(std::string_view text, int64_t position = 0);

  // Checks `args` against the signature and returns them fixed up.
  // Throws T0410, T0411 or T0412 (index set; token and position are left
  // for the caller, who knows the function's name).
  std::vector<Value> Validate(const std::vector<Value>& args, const Value& context) const;

  const std::string& definition() const { return definition_; }

  struct Param {
    std::string allowed;   // type symbols this parameter accepts
    char type = 0;         // the declared type symbol ('(' for a choice)
    char quantifier = 0;   // 0, '?' or '+'
    bool context = false;  // '-': defaults to the context value
    std::string context_allowed;
    std::string subtype;  // a<n>: "n"
  };

 private:
  std::string definition_;
  std::vector<Param> params_;
};

// The signature type symbol of a value: s n b l a o f, or m for undefined.
char TypeSymbol(const Value& v);

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_SIGNATURE_H_
