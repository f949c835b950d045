// asl/jsonata/lexer.h
//
// Splits JSONata source text into tokens, one at a time, as the parser asks
// for them. Whether a '/' starts a regular expression or is the division
// operator depends on the parser's position, so the parser says which it
// expects. Positions are character offsets just past the token, as in
// jsonata-js. Errors are thrown as JsonataException (S01xx, S030x).
#ifndef SFN_ASL_JSONATA_LEXER_H_
#define SFN_ASL_JSONATA_LEXER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace sfn::asl::jsonata {

class Regex;

enum class TokenType { kEnd, kOperator, kName, kVariable, kString, kNumber, kValue, kRegex };

struct Token {
  TokenType type = TokenType::kEnd;
  std::string text;                    // operator, name, variable name (no '$'), string value
  double number = 0;                   // kNumber
  int value_kind = 0;                  // kValue: 0 null, 1 false, 2 true
  std::shared_ptr<const Regex> regex;  // kRegex
  std::string regex_source;            // kRegex: the pattern text
  int64_t position = 0;
};

class Lexer {
 public:
  explicit Lexer(std::string_view source) : src_(source) {}
  // The next token; kEnd at the end of input. `infix` is true when an
  // operand was just read, so '/' means division rather than a regex.
  Token Next(bool infix);

 private:
  Token Make(TokenType type, std::string text);
  Token ScanRegex();
  Token ScanString(char quote);
  void ScanEscape(std::string* out);
  Token ScanWord();  // names, `quoted names`, $variables, keywords
  int Hex4(size_t at) const;
  bool SkipSpaceAndComments();
  bool IsOperatorChar(char c) const;

  std::string_view src_;
  size_t pos_ = 0;
};

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_LEXER_H_
