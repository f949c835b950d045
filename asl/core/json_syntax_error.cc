// asl/core/json_syntax_error.cc
//
// A JSON syntax scanner that stops where Jackson's ReaderBasedJsonParser
// stops and builds the same messages (com.fasterxml.jackson.core 2.x
// texts). It runs only on text that failed to parse, so it favours fidelity
// of the messages over speed. The container stack is explicit.
#include "asl/core/json_syntax_error.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace sfn {
namespace {

constexpr char kValidValues[] =
    "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";
constexpr char kEofInNumber[] = "Unexpected end-of-input in a Number value";

struct SyntaxError {
  std::string message;
  size_t offset = 0;  // Jackson's input pointer when it gave up
};

// Java's isJavaIdentifierPart for ASCII; every non-ASCII byte counts too.
bool IsIdentifierPart(unsigned char c) {
  return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

class Scanner {
 public:
  Scanner(std::string_view text, TrailingText trailing) : text_(text), trailing_(trailing) {}

  JsonSyntaxCheck Scan();

 private:
  enum class Mode { kValue, kValueOrEnd, kKey, kKeyOrEnd, kColon, kAfterValue };
  struct Open {
    char marker;
    size_t offset;
  };

  bool AtEnd() const { return pos_ >= text_.size(); }
  void SkipSpace();
  uint32_t Peek(size_t* length) const;  // the UTF-8 code point at pos_
  std::string CharDesc(uint32_t cp) const;
  SyntaxError Unexpected(std::string_view suffix) const;
  SyntaxError UnexpectedInNumber(std::string_view suffix) const;
  SyntaxError InvalidToken(size_t start) const;
  JsonSyntaxCheck EndOfInput() const;
  JsonSyntaxCheck EndOfValue() const;
  bool Step(SyntaxError* error);
  bool ScanValue(SyntaxError* error);
  bool ScanString(SyntaxError* error);
  bool ScanEscape(SyntaxError* error);
  bool ScanNumber(SyntaxError* error);
  bool ScanLiteral(SyntaxError* error);
  bool AfterValue(SyntaxError* error);
  bool CloseMarker(char close, SyntaxError* error);

  std::string_view text_;
  TrailingText trailing_;
  size_t pos_ = 0;
  Mode mode_ = Mode::kValue;
  std::vector<Open> stack_;
};

JsonSyntaxCheck Failed(SyntaxError error) {
  return {JsonSyntaxCheck::Outcome::kError, std::move(error.message), error.offset};
}

void Scanner::SkipSpace() {
  while (!AtEnd() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' ||
                      text_[pos_] == '\r')) {
    ++pos_;
  }
}

uint32_t Scanner::Peek(size_t* length) const {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text_[i]); };
  unsigned char c = byte(pos_);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (pos_ + n > text_.size()) n = 1;
  uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t i = 1; i < n; ++i) cp = (cp << 6) | (byte(pos_ + i) & 0x3F);
  *length = n;
  return cp;
}

// Jackson's _getCharDesc for the character at pos_ (code point `cp`).
std::string Scanner::CharDesc(uint32_t cp) const {
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
    return "(CTRL-CHAR, code " + std::to_string(cp) + ")";
  }
  size_t length = 0;
  Peek(&length);
  std::string desc =
      "'" + std::string(text_.substr(pos_, length)) + "' (code " + std::to_string(cp);
  if (cp > 255) {
    char hex[16];
    std::snprintf(hex, sizeof(hex), " / 0x%x", static_cast<unsigned>(cp));
    desc += hex;
  }
  return desc + ")";
}

// Jackson consumes the offending character before it reports it.
SyntaxError Scanner::Unexpected(std::string_view suffix) const {
  size_t length = 0;
  uint32_t cp = Peek(&length);
  return {"Unexpected character (" + CharDesc(cp) + "): " + std::string(suffix), pos_ + 1};
}

SyntaxError Scanner::UnexpectedInNumber(std::string_view suffix) const {
  size_t length = 0;
  uint32_t cp = Peek(&length);
  return {"Unexpected character (" + CharDesc(cp) + ") in numeric value: " + std::string(suffix),
          pos_ + 1};
}

// Jackson collects the rest of an identifier-like run for the message.
SyntaxError Scanner::InvalidToken(size_t start) const {
  size_t end = start;
  while (end < text_.size() && end - start < 256 &&
         IsIdentifierPart(static_cast<unsigned char>(text_[end]))) {
    ++end;
  }
  std::string token(text_.substr(start, end - start));
  if (end - start >= 256) token += "...";
  return {"Unrecognized token '" + token + "': was expecting " + kValidValues, end};
}

JsonSyntaxCheck Scanner::EndOfInput() const {
  if (stack_.empty()) return {JsonSyntaxCheck::Outcome::kEmpty, "", text_.size()};
  const Open& open = stack_.back();
  const char* kind = open.marker == '{' ? "Object" : "Array";
  return Failed({std::string("Unexpected end-of-input: expected close marker for ") + kind +
                     " (start marker at " + JacksonLocation(text_, open.offset) + ")",
                 text_.size()});
}

JsonSyntaxCheck Scanner::EndOfValue() const {
  if (trailing_ == TrailingText::kReject && !AtEnd()) {
    return Failed(Unexpected("expected end-of-input after the root value"));
  }
  return {JsonSyntaxCheck::Outcome::kValue, "", pos_};
}

bool Scanner::ScanLiteral(SyntaxError* error) {
  const size_t start = pos_;
  for (std::string_view word : {"true", "false", "null"}) {
    if (text_.substr(pos_, word.size()) != word) continue;
    const size_t after = pos_ + word.size();
    if (after < text_.size() && IsIdentifierPart(static_cast<unsigned char>(text_[after]))) break;
    pos_ = after;
    mode_ = Mode::kAfterValue;
    return true;
  }
  *error = InvalidToken(start);
  return false;
}

// The character after a backslash, at pos_.
bool Scanner::ScanEscape(SyntaxError* error) {
  const char e = text_[pos_];
  if (e == 'u') {
    for (int i = 0; i < 4; ++i) {
      if (++pos_ >= text_.size()) {
        *error = {"Unexpected end-of-input in character escape sequence", text_.size()};
        return false;
      }
      if (!std::isxdigit(static_cast<unsigned char>(text_[pos_]))) {
        *error = Unexpected("expected a hex-digit for character escape sequence");
        return false;
      }
    }
  } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
    size_t length = 0;
    *error = {"Unrecognized character escape " + CharDesc(Peek(&length)), pos_ + 1};
    return false;
  }
  return true;
}

bool Scanner::ScanString(SyntaxError* error) {
  ++pos_;  // opening quote
  while (!AtEnd()) {
    const unsigned char c = text_[pos_];
    if (c == '"') {
      ++pos_;
      return true;
    }
    if (c < 0x20) {
      *error = {"Illegal unquoted character (" + CharDesc(c) +
                    "): has to be escaped using backslash to be included in string value",
                pos_ + 1};
      return false;
    }
    if (c == '\\') {
      if (++pos_ >= text_.size()) break;
      if (!ScanEscape(error)) return false;
    }
    ++pos_;
  }
  *error = {"Unexpected end-of-input: was expecting closing quote for a string value",
            text_.size()};
  return false;
}

bool Scanner::ScanNumber(SyntaxError* error) {
  auto digit = [&]() { return !AtEnd() && std::isdigit(static_cast<unsigned char>(text_[pos_])); };
  auto eof = [&]() { return (*error = {kEofInNumber, text_.size()}, false); };
  if (text_[pos_] == '-') {
    ++pos_;
    if (AtEnd()) return eof();
    if (!digit()) {
      *error =
          UnexpectedInNumber("expected digit (0-9) to follow minus sign, for valid numeric value");
      return false;
    }
  }
  if (text_[pos_] == '0' && pos_ + 1 < text_.size() &&
      std::isdigit(static_cast<unsigned char>(text_[pos_ + 1]))) {
    *error = {"Invalid numeric value: Leading zeroes not allowed", pos_ + 1};
    return false;
  }
  while (digit()) ++pos_;
  for (char marker : {'.', 'e'}) {
    if (AtEnd() || std::tolower(static_cast<unsigned char>(text_[pos_])) != marker) continue;
    ++pos_;
    if (marker == 'e' && !AtEnd() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    if (AtEnd()) return eof();
    if (!digit()) {
      *error = UnexpectedInNumber(marker == '.' ? "Decimal point not followed by a digit"
                                                : "Exponent indicator not followed by a digit");
      return false;
    }
    while (digit()) ++pos_;
  }
  mode_ = Mode::kAfterValue;
  return true;
}

bool Scanner::ScanValue(SyntaxError* error) {
  const unsigned char c = text_[pos_];
  if (c == '{' || c == '[') {
    stack_.push_back({static_cast<char>(c), pos_});
    ++pos_;
    mode_ = c == '{' ? Mode::kKeyOrEnd : Mode::kValueOrEnd;
    return true;
  }
  if (c == ']' && mode_ == Mode::kValueOrEnd) return CloseMarker(']', error);
  if (c == '"') {
    mode_ = Mode::kAfterValue;
    return ScanString(error);
  }
  if (c == '-' || std::isdigit(c)) return ScanNumber(error);
  if (c == 't' || c == 'f' || c == 'n') return ScanLiteral(error);
  if (std::isalpha(c) || c == '_' || c == '$' || c >= 0x80) {
    *error = InvalidToken(pos_);
    return false;
  }
  *error = Unexpected(std::string("expected a valid value ") + kValidValues);
  return false;
}

bool Scanner::CloseMarker(char close, SyntaxError* error) {
  const Open open = stack_.back();
  const char expected = open.marker == '{' ? '}' : ']';
  if (close != expected) {
    const char* kind = open.marker == '{' ? "Object" : "Array";
    *error = {std::string("Unexpected close marker '") + close + "': expected '" + expected +
                  "' (for " + kind + " starting at " + JacksonLocation(text_, open.offset) + ")",
              pos_ + 1};
    return false;
  }
  stack_.pop_back();
  ++pos_;
  mode_ = Mode::kAfterValue;
  return true;
}

bool Scanner::AfterValue(SyntaxError* error) {
  const char c = text_[pos_];
  const bool in_object = stack_.back().marker == '{';
  if (c == ',') {
    ++pos_;
    mode_ = in_object ? Mode::kKey : Mode::kValue;
    return true;
  }
  if (c == '}' || c == ']') return CloseMarker(c, error);
  *error = Unexpected(in_object ? "was expecting comma to separate Object entries"
                                : "was expecting comma to separate Array entries");
  return false;
}

// One token in the current mode, at pos_ (not at the end of the text).
bool Scanner::Step(SyntaxError* error) {
  switch (mode_) {
    case Mode::kValue:
    case Mode::kValueOrEnd:
      return ScanValue(error);
    case Mode::kKeyOrEnd:
      if (text_[pos_] == '}') return CloseMarker('}', error);
      [[fallthrough]];
    case Mode::kKey:
      if (text_[pos_] != '"') {
        *error = Unexpected("was expecting double-quote to start field name");
        return false;
      }
      mode_ = Mode::kColon;
      return ScanString(error);
    case Mode::kColon:
      if (text_[pos_] != ':') {
        *error = Unexpected("was expecting a colon to separate field name and value");
        return false;
      }
      ++pos_;
      mode_ = Mode::kValue;
      return true;
    case Mode::kAfterValue:
      return AfterValue(error);
  }
  return true;
}

JsonSyntaxCheck Scanner::Scan() {
  SyntaxError error;
  while (true) {
    SkipSpace();
    if (mode_ == Mode::kAfterValue && stack_.empty()) return EndOfValue();
    if (AtEnd()) return EndOfInput();
    if (!Step(&error)) return Failed(std::move(error));
  }
}

// Jackson counts UTF-16 units: UTF-8 continuation bytes add nothing and a
// 4-byte sequence (a surrogate pair) counts twice.
size_t Utf16Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
    if (c >= 0xF0) ++n;
  }
  return n;
}

}  // namespace

JsonSyntaxCheck CheckJsonSyntax(std::string_view text, TrailingText trailing) {
  return Scanner(text, trailing).Scan();
}

std::string JacksonLocation(std::string_view text, size_t offset) {
  size_t line = 1, row_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      row_start = i + 1;
    }
  }
  size_t cut = 0, units = 0;
  while (cut < text.size() && units < 500) {
    units += Utf16Length(text.substr(cut, 1));
    ++cut;
    while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
  }
  std::string source = "(String)\"" + std::string(text.substr(0, cut)) + "\"";
  if (cut < text.size()) {
    source += "[truncated " + std::to_string(Utf16Length(text.substr(cut))) + " chars]";
  }
  size_t column = Utf16Length(text.substr(row_start, offset - row_start)) + 1;
  return "[Source: " + source + "; line: " + std::to_string(line) +
         ", column: " + std::to_string(column) + "]";
}

}  // namespace sfn
