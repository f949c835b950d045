// asl/jsonata/regex.h
//
// A JavaScript-compatible regular expression engine for JSONata's regex
// literals (/.../i, /.../m) and the patterns $toMillis builds. It is a
// backtracking matcher that keeps its backtrack stack on the heap, so long
// inputs cannot overflow the C++ stack (std::regex recurses per character),
// and it calls a caller-supplied check every few thousand steps so that a
// catastrophic pattern ends with the evaluation's time limit.
//
// Text is matched as Unicode code points. A compiled Regex is immutable and
// safe to share between threads.
#ifndef SFN_ASL_JSONATA_REGEX_H_
#define SFN_ASL_JSONATA_REGEX_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sfn::asl::jsonata {

class Regex {
 public:
  struct Program;

  // Compiles `pattern` with `flags` (any of 'i', 'm'). On a syntax error
  // returns nullptr and sets *error to a description.
  static std::shared_ptr<const Regex> Compile(std::string_view pattern, std::string_view flags,
                                              std::string* error);

  struct Match {
    size_t start = 0;  // code point offsets into the searched text
    size_t end = 0;
    // For each capture group: [start, end), or start == npos when unmatched.
    std::vector<std::pair<size_t, size_t>> groups;
  };

  // Finds the first match at or after `from`. `check` (may be null) is
  // called periodically and may throw to abandon the search.
  bool Search(std::u32string_view text, size_t from, Match* match,
              const std::function<void()>* check) const;
  // True when the whole of `text` matches.
  bool FullMatch(std::u32string_view text, Match* match, const std::function<void()>* check) const;

  const std::string& source() const { return source_; }
  int group_count() const;

  ~Regex();

 private:
  Regex() = default;
  std::string source_;
  std::unique_ptr<Program> program_;
};

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_REGEX_H_
