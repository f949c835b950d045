// emulator/api/jackson_error.cc
//
// A JSON syntax checker that stops where Jackson's ReaderBasedJsonParser
// would and builds the same message (com.fasterxml.jackson.core 2.x texts).
// Iterative, so deeply nested input cannot overflow the stack.
#include "emulator/api/jackson_error.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace sfn::emulator {
namespace {

constexpr const char* kValidValues =
    "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

struct Frame {
  bool object = false;
  size_t at = 0;  // where the container starts
};

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::string Run();

 private:
  enum class Want { kValue, kKeyOrClose, kKey, kColon, kAfterValue, kValueOrClose };

  bool AtEnd() const { return pos_ >= text_.size(); }
  unsigned char Peek() const { return static_cast<unsigned char>(text_[pos_]); }
  void SkipSpace();
  int32_t CodePointAt(size_t at) const;
  std::string CharDesc(size_t at) const;
  std::string Unexpected(size_t at, const std::string& comment) const {
    return "Unexpected character (" + CharDesc(at) + "): " + comment;
  }
  std::string SourceDesc(const Frame& f) const;
  std::string Step(Want* want);
  std::string StartValue(Want* want);
  std::string AfterValue(Want* want);
  std::string ScanString();
  std::string ScanNumber();
  std::string ScanLiteral();
  std::string InvalidToken(size_t start);
  void Push(bool object, Want* want);

  std::string_view text_;
  size_t pos_ = 0;
  std::vector<Frame> stack_;
};

bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
// Java's isJavaIdentifierPart, for ASCII; non-ASCII letters count too.
bool IsIdentPart(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_' || c == '$' ||
         c >= 0x80;
}

void Scanner::SkipSpace() {
  while (!AtEnd() && IsSpace(Peek())) ++pos_;
}

int32_t Scanner::CodePointAt(size_t at) const {
  unsigned char c = static_cast<unsigned char>(text_[at]);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (len == 1 || at + len > text_.size()) return c;
  int32_t cp = len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text_[at + k]) & 0x3f);
  return cp;
}

// Jackson's _getCharDesc.
std::string Scanner::CharDesc(size_t at) const {
  int32_t cp = CodePointAt(at);
  if (cp < 32 || (cp >= 127 && cp <= 159)) return "(CTRL-CHAR, code " + std::to_string(cp) + ")";
  size_t len = 1;
  while (at + len < text_.size() && (static_cast<unsigned char>(text_[at + len]) & 0xc0) == 0x80)
    ++len;
  std::string desc = "'";
  desc.append(text_.substr(at, len)).append("' (code ").append(std::to_string(cp));
  if (cp > 255) {
    char hex[16];
    std::snprintf(hex, sizeof(hex), "%x", cp);
    desc += std::string(" / 0x") + hex;
  }
  return desc + ")";
}

std::string Scanner::SourceDesc(const Frame& f) const {
  constexpr size_t kMaxShown = 500;
  std::string shown(text_.substr(0, kMaxShown));
  std::string desc = "[Source: (String)\"" + shown + "\"";
  if (text_.size() > kMaxShown)
    desc += "[truncated " + std::to_string(text_.size() - kMaxShown) + " chars]";
  // Line and column are only needed for this message: count them here.
  size_t line = 1, column = 1;
  for (size_t i = 0; i < f.at; ++i) {
    if (text_[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text_[i]) & 0xc0) != 0x80) {
      ++column;
    }
  }
  return desc + "; line: " + std::to_string(line) + ", column: " + std::to_string(column) + "]";
}

void Scanner::Push(bool object, Want* want) {
  stack_.push_back(Frame{object, pos_});
  ++pos_;
  *want = object ? Want::kKeyOrClose : Want::kValueOrClose;
}

std::string Scanner::InvalidToken(size_t start) {
  while (!AtEnd() && IsIdentPart(Peek()) && pos_ - start < 256) ++pos_;
  std::string token(text_.substr(start, pos_ - start));
  if (pos_ - start >= 256) token += "...";
  return "Unrecognized token '" + token + "': was expecting " + kValidValues;
}

std::string Scanner::ScanLiteral() {
  size_t start = pos_;
  std::string_view word = Peek() == 't' ? "true" : Peek() == 'f' ? "false" : "null";
  for (char expected : word) {
    if (AtEnd() || text_[pos_] != expected) return InvalidToken(start);
    ++pos_;
  }
  if (!AtEnd() && IsIdentPart(Peek())) return InvalidToken(start);
  return "";
}

std::string Scanner::ScanString() {
  ++pos_;  // opening quote
  while (!AtEnd()) {
    unsigned char c = Peek();
    if (c == '"') {
      ++pos_;
      return "";
    }
    if (c < 32) {
      return "Illegal unquoted character (" + CharDesc(pos_) +
             "): has to be escaped using backslash to be included in string value";
    }
    if (c == '\\') {
      if (++pos_ >= text_.size()) break;
      static constexpr std::string_view kEscapes = "\"\\/bfnrtu";
      if (kEscapes.find(text_[pos_]) == std::string_view::npos) {
        return "Unrecognized character escape " + CharDesc(pos_);
      }
      if (text_[pos_] == 'u') {
        for (int k = 0; k < 4; ++k) {
          if (++pos_ >= text_.size()) return "Unexpected end-of-input in character escape sequence";
          if (!std::isxdigit(Peek()))
            return Unexpected(pos_, "expected a hex-digit for character escape sequence");
        }
      }
    }
    ++pos_;
  }
  return "Unexpected end-of-input: was expecting closing quote for a string value";
}

std::string Scanner::ScanNumber() {
  if (Peek() == '-') {
    ++pos_;
    if (AtEnd()) return "Unexpected end-of-input in numeric value";
    if (!IsDigit(Peek()))
      return "Unexpected character (" + CharDesc(pos_) +
             ") in numeric value: expected digit (0-9) to follow minus sign, for valid numeric "
             "value";
  }
  if (Peek() == '0' && pos_ + 1 < text_.size() && IsDigit(text_[pos_ + 1]))
    return "Invalid numeric value: Leading zeroes not allowed";
  while (!AtEnd() && IsDigit(Peek())) ++pos_;
  if (!AtEnd() && Peek() == '.') {
    ++pos_;
    if (AtEnd() || !IsDigit(Peek())) {
      if (AtEnd()) return "Unexpected end-of-input in numeric value";
      return "Unexpected character (" + CharDesc(pos_) +
             ") in numeric value: Decimal point not followed by a digit";
    }
    while (!AtEnd() && IsDigit(Peek())) ++pos_;
  }
  if (!AtEnd() && (Peek() == 'e' || Peek() == 'E')) {
    ++pos_;
    if (!AtEnd() && (Peek() == '+' || Peek() == '-')) ++pos_;
    if (AtEnd()) return "Unexpected end-of-input in numeric value";
    if (!IsDigit(Peek()))
      return "Unexpected character (" + CharDesc(pos_) +
             ") in numeric value: Exponent indicator not followed by a digit";
    while (!AtEnd() && IsDigit(Peek())) ++pos_;
  }
  return "";
}

std::string Scanner::StartValue(Want* want) {
  unsigned char c = Peek();
  if (c == '{' || c == '[') {
    Push(c == '{', want);
    return "";
  }
  std::string err;
  if (c == '"') {
    err = ScanString();
  } else if (c == '-' || IsDigit(c)) {
    err = ScanNumber();
  } else if (c == 't' || c == 'f' || c == 'n') {
    err = ScanLiteral();
  } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
             c >= 0xc0) {
    return InvalidToken(pos_);
  } else {
    return Unexpected(pos_, std::string("expected a valid value ") + kValidValues);
  }
  *want = Want::kAfterValue;
  return err;
}

std::string Scanner::AfterValue(Want* want) {
  const Frame& top = stack_.back();
  unsigned char c = Peek();
  char close = top.object ? '}' : ']';
  if (c == close) {
    stack_.pop_back();
    ++pos_;
    *want = Want::kAfterValue;
    return "";
  }
  if (c == '}' || c == ']') {
    return std::string("Unexpected close marker '") + static_cast<char>(c) + "': expected '" +
           close + "' (for " + (top.object ? "Object" : "Array") + " starting at " +
           SourceDesc(top) + ")";
  }
  if (c != ',') {
    return Unexpected(pos_, top.object ? "was expecting comma to separate Object entries"
                                       : "was expecting comma to separate Array entries");
  }
  ++pos_;
  *want = top.object ? Want::kKey : Want::kValue;
  return "";
}

std::string Scanner::Step(Want* want) {
  switch (*want) {
    case Want::kValueOrClose:
      if (Peek() == ']') return AfterValue(want);
      return StartValue(want);
    case Want::kValue:
      return StartValue(want);
    case Want::kKeyOrClose:
      if (Peek() == '}') return AfterValue(want);
      [[fallthrough]];
    case Want::kKey: {
      if (Peek() != '"') return Unexpected(pos_, "was expecting double-quote to start field name");
      *want = Want::kColon;
      return ScanString();
    }
    case Want::kColon:
      if (Peek() != ':')
        return Unexpected(pos_, "was expecting a colon to separate field name and value");
      ++pos_;
      *want = Want::kValue;
      return "";
    case Want::kAfterValue:
      return AfterValue(want);
  }
  return "";
}

std::string Scanner::Run() {
  SkipSpace();
  if (AtEnd()) return "";
  Want want = Want::kValue;
  std::string err = StartValue(&want);
  while (err.empty() && !stack_.empty()) {
    SkipSpace();
    if (AtEnd()) {
      return std::string("Unexpected end-of-input: expected close marker for ") +
             (stack_.back().object ? "Object" : "Array") + " (start marker at " +
             SourceDesc(stack_.back()) + ")";
    }
    err = Step(&want);
  }
  if (!err.empty()) return err;
  SkipSpace();
  if (!AtEnd()) return Unexpected(pos_, "expected end-of-input after the root value");
  return "";
}

}  // namespace

std::string JacksonParseError(std::string_view text) { return Scanner(text).Run(); }

}  // namespace sfn::emulator
