// asl/jsonata/regex_program.h
//
// The compiled form of a Regex, shared by the compiler (regex_compile.cc)
// and the matcher (regex.cc). Internal to the JSONata engine. A Program is
// immutable once compiled.
#ifndef SFN_ASL_JSONATA_REGEX_PROGRAM_H_
#define SFN_ASL_JSONATA_REGEX_PROGRAM_H_

#include <memory>
#include <utility>
#include <vector>

#include "asl/jsonata/regex.h"

namespace sfn::asl::jsonata {

enum class ROp : uint8_t {
  kChar,       // c: one code point (already case-folded when icase)
  kAny,        // '.': anything but a line terminator
  kClass,      // x: index into classes
  kStar,       // x: single-char matcher inst index, y: min, c: max (npos = inf), flag: greedy
  kSplit,      // try x first, then y
  kJmp,        // x
  kSave,       // x: capture slot (2*group, 2*group+1)
  kBol,
  kEol,
  kWordBoundary,     // flag: negated (\B)
  kLook,       // x: index into looks; flag: negate; y: 1 for lookbehind
  kBackref,    // x: group number
  kSetReg,     // x: register <- current position
  kCheckReg,   // x: fail if the position did not move since kSetReg
  kClearCaps,  // groups x..y-1 become unmatched (a new loop iteration)
  kMatch,
};

struct RInst {
  ROp op = ROp::kMatch;
  bool flag = false;
  int x = 0;
  int y = 0;
  char32_t c = 0;
};

struct RClass {
  std::vector<std::pair<char32_t, char32_t>> ranges;
  bool negate = false;
};

struct Regex::Program {
  std::vector<RInst> code;
  std::vector<RClass> classes;
  std::vector<std::unique_ptr<Program>> looks;  // lookaround bodies
  int groups = 0;     // capture groups, not counting the whole match
  int registers = 0;  // loop progress registers (shared numbering)
  bool icase = false;
  bool multiline = false;
};

// Parses and compiles; returns nullptr and sets *error on a syntax error.
std::unique_ptr<Regex::Program> CompileRegexProgram(std::u32string_view pattern, bool icase,
                                                    bool multiline, std::string* error);

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_REGEX_PROGRAM_H_
