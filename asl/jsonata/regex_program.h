// asl/jsonata/regex_program.h
//
// The compiled form of a Regex, shared by the compiler (regex_compile.cc)
// and the matcher (regex.cc). Internal to the JSONata engine. A Program is
// immutable once compiled.
#ifndef SFN_ASL_JSONATA_REGEX_PROGRAM_H_
#define SFN_ASL_JSONATA_REGEX_PROGRAM_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "asl/jsonata/regex.h"

namespace sfn::asl::jsonata {

enum class ROp : uint8_t {
  kChar,   // c: one code point (already case-folded when icase)
  kAny,    // '.': anything but a line terminator
  kClass,  // x: index into classes
  kStar,   // x: single-char matcher inst index, y: min, c: max (npos = inf), flag: greedy
  kSplit,  // try x first, then y
  kJmp,    // x
  kSave,   // x: capture slot (2*group, 2*group+1)
  kBol,
  kEol,
  kWordBoundary,  // flag: negated (\B)
  kLook,          // x: index into looks; flag: negate; y: 1 for lookbehind
  kBackref,       // x: group number
  kSetReg,        // x: register <- current position
  kCheckReg,      // x: fail if the position did not move since kSetReg
  kClearCaps,     // groups x..y-1 become unmatched (a new loop iteration)
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
  int groups = 0;                               // capture groups, not counting the whole match
  int registers = 0;                            // loop progress registers (shared numbering)
  bool icase = false;
  bool multiline = false;
};

// RNode::max of *, + and {n,}.
constexpr int kRegexUnbounded = -1;

// The parsed form of a pattern, before compilation.
struct RNode {
  enum Kind {
    kEmpty,
    kChar,
    kAny,
    kClass,
    kSeq,
    kAlt,
    kGroup,
    kRepeat,
    kBol,
    kEol,
    kWordB,
    kLook,
    kBackref
  };
  Kind kind = kEmpty;
  char32_t c = 0;
  RClass cls;
  std::vector<RNode> kids;
  int group = -1;        // kGroup: capture number (1-based) or -1
  int min = 0, max = 0;  // kRepeat
  bool greedy = true;
  bool flag = false;                   // kWordB: negated; kLook: negate
  bool behind = false;                 // kLook
  int first_group = 0, end_group = 0;  // groups inside a repeat body
};

// Thrown by the regex parser and compiler; caught by CompileRegexProgram.
class RegexSyntaxError {
 public:
  explicit RegexSyntaxError(std::string m) : message(std::move(m)) {}
  std::string message;
};

// Parses `pattern` (regex_parse.cc); *groups receives the number of
// capture groups. Throws RegexSyntaxError.
RNode ParseRegex(std::u32string_view pattern, int* groups);

// Parses and compiles; returns nullptr and sets *error on a syntax error.
std::unique_ptr<Regex::Program> CompileRegexProgram(std::u32string_view pattern, bool icase,
                                                    bool multiline, std::string* error);

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_REGEX_PROGRAM_H_
