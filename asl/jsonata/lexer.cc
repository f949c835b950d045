// asl/jsonata/lexer.cc
#include "asl/jsonata/lexer.h"

#include <cstdlib>
#include <cstring>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/regex.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

namespace {

// Characters that end a name: JSONata's single-character operators plus
// '!' and '~', which only occur in two-character operators.
constexpr const char* kOperatorChars = ".[]{}(),@#;:?+-*/%|=<>^&!~";
constexpr const char* kSpace = " \t\n\r\v";

bool IsSpace(char c) { return c != '\0' && std::strchr(kSpace, c) != nullptr; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

[[noreturn]] void LexError(const char* code, size_t position, const std::string* token = nullptr) {
  Error e;
  e.code = code;
  e.position = static_cast<int64_t>(position);
  if (token) e.token = Value::String(*token);
  Throw(std::move(e));
}

// Length of a JSON-style number at the start of `s`, or 0.
size_t NumberLength(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return 0;
  if (s[i] == '0') {
    ++i;
  } else {
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  }
  if (i + 1 < s.size() && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
    i += 2;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && s[j] >= '0' && s[j] <= '9') {
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
      i = j;
    }
  }
  return i;
}

}  // namespace

bool Lexer::IsOperatorChar(char c) const { return c != '\0' && std::strchr(kOperatorChars, c); }

Token Lexer::Make(TokenType type, std::string text) {
  Token t;
  t.type = type;
  t.text = std::move(text);
  t.position = static_cast<int64_t>(pos_);
  return t;
}

// Returns false at the end of input.
bool Lexer::SkipSpaceAndComments() {
  for (;;) {
    while (pos_ < src_.size() && IsSpace(src_[pos_])) ++pos_;
    if (pos_ + 1 < src_.size() && src_[pos_] == '/' && src_[pos_ + 1] == '*') {
      size_t start = pos_;
      size_t end = src_.find("*/", pos_ + 2);
      if (end == std::string_view::npos) LexError("S0106", start);
      pos_ = end + 2;
      continue;
    }
    return pos_ < src_.size();
  }
}

Token Lexer::ScanRegex() {
  // The opening '/' has been consumed. The closing '/' is the first one
  // outside brackets that is not escaped.
  size_t start = pos_;
  int depth = 0;
  while (pos_ < src_.size()) {
    char c = src_[pos_];
    if (c == '/' && depth == 0) {
      size_t backslashes = 0;
      while (pos_ >= backslashes + 1 && src_[pos_ - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) break;
    }
    bool escaped = pos_ > 0 && src_[pos_ - 1] == '\\';
    if ((c == '(' || c == '[' || c == '{') && !escaped) ++depth;
    if ((c == ')' || c == ']' || c == '}') && !escaped) --depth;
    ++pos_;
  }
  if (pos_ >= src_.size()) LexError("S0302", pos_);
  std::string pattern(src_.substr(start, pos_ - start));
  if (pattern.empty()) LexError("S0301", pos_);
  ++pos_;
  size_t flags_start = pos_;
  while (pos_ < src_.size() && (src_[pos_] == 'i' || src_[pos_] == 'm')) ++pos_;
  std::string flags(src_.substr(flags_start, pos_ - flags_start));
  std::string message;
  auto regex = Regex::Compile(pattern, flags, &message);
  if (!regex) {
    Error e;
    e.code = "S0303";
    e.position = static_cast<int64_t>(start);
    e.message = message;
    e.token = Value::String(pattern);
    Throw(std::move(e));
  }
  Token t = Make(TokenType::kRegex, pattern);
  t.regex = std::move(regex);
  t.regex_source = pattern;
  return t;
}

// Appends the character written by the escape sequence at pos_ (just
// after the backslash) and leaves pos_ on its last character.
void Lexer::ScanEscape(std::string* out) {
  char esc = pos_ < src_.size() ? src_[pos_] : '\0';
  static const char* const kSimple = "\"\"\\\\//b\bf\fn\nr\rt\t";
  for (const char* p = kSimple; *p; p += 2) {
    if (esc == p[0]) {
      out->push_back(p[1]);
      return;
    }
  }
  if (esc != 'u') {
    std::string token(1, esc);
    LexError("S0103", pos_, &token);
  }
  int cp = Hex4(pos_ + 1);
  if (cp < 0) LexError("S0104", pos_);
  pos_ += 4;
  char32_t code = static_cast<char32_t>(cp);
  // A surrogate pair written as two escapes is one character.
  if (cp >= 0xD800 && cp < 0xDC00 && src_.compare(pos_ + 1, 2, "\\u") == 0) {
    int low = Hex4(pos_ + 3);
    if (low >= 0xDC00 && low < 0xE000) {
      code = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      pos_ += 6;
    }
  }
  // A lone surrogate stays one (three bytes, as WTF-8 writes it), so
  // functions that reject them, like $encodeUrl, can see it.
  AppendUtf8(code, out);
}

int Lexer::Hex4(size_t at) const {
  if (at + 4 > src_.size()) return -1;
  int v = 0;
  for (size_t k = 0; k < 4; ++k) {
    int h = HexValue(src_[at + k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

Token Lexer::ScanString(char quote) {
  ++pos_;
  std::string out;
  while (pos_ < src_.size()) {
    char c = src_[pos_];
    if (c == quote) {
      ++pos_;
      return Make(TokenType::kString, std::move(out));
    }
    if (c == '\\') {
      ++pos_;
      ScanEscape(&out);
    } else {
      out.push_back(c);
    }
    ++pos_;
  }
  LexError("S0101", pos_);
}

Token Lexer::ScanWord() {
  if (src_[pos_] == '`') {
    size_t end = src_.find('`', pos_ + 1);
    if (end == std::string_view::npos) {
      pos_ = src_.size();
      LexError("S0105", pos_);
    }
    std::string name(src_.substr(pos_ + 1, end - pos_ - 1));
    pos_ = end + 1;
    return Make(TokenType::kName, std::move(name));
  }
  size_t i = pos_;
  while (i < src_.size() && !IsSpace(src_[i]) && !IsOperatorChar(src_[i])) ++i;
  std::string word(src_.substr(pos_, i - pos_));
  pos_ = i;
  if (word[0] == '$') return Make(TokenType::kVariable, word.substr(1));
  if (word == "or" || word == "in" || word == "and") return Make(TokenType::kOperator, word);
  if (word == "true" || word == "false" || word == "null") {
    Token t = Make(TokenType::kValue, word);
    t.value_kind = word == "null" ? 0 : word == "false" ? 1 : 2;
    return t;
  }
  return Make(TokenType::kName, std::move(word));
}

Token Lexer::Next(bool infix) {
  if (pos_ >= src_.size() || !SkipSpaceAndComments()) return Make(TokenType::kEnd, "");
  char c = src_[pos_];
  char n = pos_ + 1 < src_.size() ? src_[pos_ + 1] : '\0';
  if (!infix && c == '/') {
    ++pos_;
    return ScanRegex();
  }
  static const char* const kDouble[] = {"..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"};
  for (const char* op : kDouble) {
    if (c == op[0] && n == op[1]) {
      pos_ += 2;
      return Make(TokenType::kOperator, op);
    }
  }
  if (IsOperatorChar(c)) {
    ++pos_;
    return Make(TokenType::kOperator, std::string(1, c));
  }
  if (c == '"' || c == '\'') return ScanString(c);
  if (size_t len = NumberLength(src_.substr(pos_)); len > 0) {
    std::string text(src_.substr(pos_, len));
    double d = std::strtod(text.c_str(), nullptr);
    if (!(d - d == 0)) LexError("S0102", pos_, &text);
    pos_ += len;
    Token t = Make(TokenType::kNumber, text);
    t.number = d;
    return t;
  }
  return ScanWord();
}

}  // namespace sfn::asl::jsonata
