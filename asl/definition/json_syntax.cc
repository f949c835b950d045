// asl/definition/json_syntax.cc
//
// A small JSON syntax scanner that stops at the first error and words it as
// Jackson (AWS's parser) does. It runs only after RapidJSON refused the
// text, so it favours fidelity of the common messages over speed. The
// container stack is explicit: deeply nested input cannot overflow.
#include "asl/definition/json_syntax.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "asl/definition/builder.h"

namespace sfn::asl::internal {
namespace {

constexpr char kEofInNumber[] = "Unexpected end-of-input in a Number value";
constexpr char kValidValues[] =
    "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

struct SyntaxError {
  std::string message;
  size_t offset = 0;  // Jackson's input pointer when it gave up
};

class JacksonScanner {
 public:
  explicit JacksonScanner(std::string_view text) : text_(text) {}

  // Returns the first error; message empty when none was found.
  SyntaxError Scan();
  // "[Source: (String)\"...\"; line: L, column: C]" for a byte offset.
  std::string SourceLocation(size_t offset) const;

 private:
  enum class Mode { kValue, kValueOrEnd, kKey, kKeyOrEnd, kColon, kAfterValue };
  struct Open {
    char marker;
    size_t offset;
  };

  bool AtEnd() const { return pos_ >= text_.size(); }
  void SkipSpace();
  uint32_t Peek(size_t* length) const;  // UTF-8 code point at pos_
  std::string CharDesc(uint32_t cp) const;
  SyntaxError Unexpected(std::string_view suffix);
  SyntaxError EndOfInput();
  SyntaxError InvalidToken(size_t start);
  bool ScanValue(SyntaxError* error);
  bool ScanString(SyntaxError* error);
  bool ScanNumber(SyntaxError* error);
  bool ScanLiteral(SyntaxError* error);
  bool AfterValue(SyntaxError* error);
  bool CloseMarker(char close, SyntaxError* error);

  std::string_view text_;
  size_t pos_ = 0;
  Mode mode_ = Mode::kValue;
  std::vector<Open> stack_;
};

void JacksonScanner::SkipSpace() {
  while (!AtEnd() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' ||
                      text_[pos_] == '\r')) {
    ++pos_;
  }
}

uint32_t JacksonScanner::Peek(size_t* length) const {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text_[i]); };
  unsigned char c = byte(pos_);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (pos_ + n > text_.size()) n = 1;
  uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t i = 1; i < n; ++i) cp = (cp << 6) | (byte(pos_ + i) & 0x3F);
  *length = n;
  return cp;
}

std::string JacksonScanner::CharDesc(uint32_t cp) const {
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
    return "(CTRL-CHAR, code " + std::to_string(cp) + ")";
  }
  size_t length = 0;
  Peek(&length);
  std::string shown(text_.substr(pos_, length));
  std::string desc = "'" + shown + "' (code " + std::to_string(cp);
  if (cp > 255) {
    char hex[16];
    snprintf(hex, sizeof(hex), " / 0x%x", static_cast<unsigned>(cp));
    desc += hex;
  }
  return desc + ")";
}

// Jackson consumes the offending character before it reports it.
SyntaxError JacksonScanner::Unexpected(std::string_view suffix) {
  size_t length = 0;
  uint32_t cp = Peek(&length);
  SyntaxError e{"Unexpected character (" + CharDesc(cp) + "): " + std::string(suffix), pos_ + 1};
  return e;
}

SyntaxError JacksonScanner::EndOfInput() {
  if (stack_.empty()) return {"No content to map due to end-of-input", text_.size()};
  const Open& open = stack_.back();
  const char* kind = open.marker == '{' ? "Object" : "Array";
  return {std::string("Unexpected end-of-input: expected close marker for ") + kind +
              " (start marker at " + SourceLocation(open.offset) + ")",
          text_.size()};
}

// Jackson collects the rest of an identifier-like run for the message.
SyntaxError JacksonScanner::InvalidToken(size_t start) {
  size_t end = start;
  while (end < text_.size()) {
    unsigned char c = static_cast<unsigned char>(text_[end]);
    if (!(isalnum(c) || c == '_' || c == '$' || c >= 0x80)) break;
    if (end - start >= 256) break;
    ++end;
  }
  std::string token(text_.substr(start, end - start));
  if (end - start >= 256) token += "...";
  return {"Unrecognized token '" + token + "': was expecting " + kValidValues, end};
}

bool JacksonScanner::ScanLiteral(SyntaxError* error) {
  static const char* const kLiterals[] = {"true", "false", "null"};
  size_t start = pos_;
  for (const char* literal : kLiterals) {
    if (text_[pos_] != literal[0]) continue;
    std::string_view word(literal);
    if (text_.substr(pos_, word.size()) == word) {
      size_t after = pos_ + word.size();
      unsigned char next = after < text_.size() ? text_[after] : ' ';
      if (isalnum(next) || next == '_' || next == '$' || next >= 0x80) {
        *error = InvalidToken(start);
        return false;
      }
      pos_ = after;
      mode_ = Mode::kAfterValue;
      return true;
    }
  }
  *error = InvalidToken(start);
  return false;
}

bool JacksonScanner::ScanString(SyntaxError* error) {
  ++pos_;  // opening quote
  while (!AtEnd()) {
    unsigned char c = text_[pos_];
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
      ++pos_;
      if (AtEnd()) break;
      char e = text_[pos_];
      if (e == 'u') {
        for (int i = 0; i < 4; ++i) {
          ++pos_;
          if (AtEnd()) break;
          if (!isxdigit(static_cast<unsigned char>(text_[pos_]))) {
            *error = Unexpected("expected a hex-digit for character escape sequence");
            return false;
          }
        }
      } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
        size_t length = 0;
        uint32_t cp = Peek(&length);
        *error = {"Unrecognized character escape " + CharDesc(cp), pos_ + 1};
        return false;
      }
    }
    ++pos_;
  }
  *error = {"Unexpected end-of-input: was expecting closing quote for a string value",
            text_.size()};
  return false;
}

bool JacksonScanner::ScanNumber(SyntaxError* error) {
  auto digit = [&]() { return !AtEnd() && isdigit(static_cast<unsigned char>(text_[pos_])); };
  if (text_[pos_] == '-') {
    ++pos_;
    if (!digit()) {
      if (AtEnd()) return (*error = {kEofInNumber, text_.size()}, false);
      *error = Unexpected("expected digit (0-9) to follow minus sign, for valid numeric value");
      error->message.replace(error->message.find("): "), 3, ") in numeric value: ");
      return false;
    }
  }
  if (text_[pos_] == '0' && pos_ + 1 < text_.size() && isdigit(text_[pos_ + 1])) {
    *error = {"Invalid numeric value: Leading zeroes not allowed", pos_ + 1};
    return false;
  }
  while (digit()) ++pos_;
  for (char marker : {'.', 'e'}) {
    if (AtEnd() || (tolower(text_[pos_]) != marker)) continue;
    ++pos_;
    if (marker == 'e' && !AtEnd() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    if (!digit()) {
      if (AtEnd()) return (*error = {kEofInNumber, text_.size()}, false);
      *error = Unexpected(marker == '.' ? "Decimal point not followed by a digit"
                                        : "Exponent indicator not followed by a digit");
      error->message.replace(error->message.find("): "), 3, ") in numeric value: ");
      return false;
    }
    while (digit()) ++pos_;
  }
  mode_ = Mode::kAfterValue;
  return true;
}

bool JacksonScanner::ScanValue(SyntaxError* error) {
  char c = text_[pos_];
  if (c == '{' || c == '[') {
    stack_.push_back({c, pos_});
    ++pos_;
    mode_ = c == '{' ? Mode::kKeyOrEnd : Mode::kValueOrEnd;
    return true;
  }
  if (c == ']' && mode_ == Mode::kValueOrEnd) return CloseMarker(']', error);
  if (c == '"') {
    mode_ = Mode::kAfterValue;
    return ScanString(error);
  }
  if (c == '-' || isdigit(static_cast<unsigned char>(c))) return ScanNumber(error);
  if (c == 't' || c == 'f' || c == 'n') return ScanLiteral(error);
  unsigned char u = c;
  if (isalpha(u) || c == '_' || c == '$' || u >= 0x80) {
    *error = InvalidToken(pos_);
    return false;
  }
  *error = Unexpected(std::string("expected a valid value ") + kValidValues);
  return false;
}

bool JacksonScanner::CloseMarker(char close, SyntaxError* error) {
  const Open open = stack_.back();
  char expected = open.marker == '{' ? '}' : ']';
  if (close != expected) {
    const char* kind = open.marker == '{' ? "Object" : "Array";
    *error = {std::string("Unexpected close marker '") + close + "': expected '" + expected +
                  "' (for " + kind + " starting at " + SourceLocation(open.offset) + ")",
              pos_ + 1};
    return false;
  }
  stack_.pop_back();
  ++pos_;
  mode_ = Mode::kAfterValue;
  return true;
}

bool JacksonScanner::AfterValue(SyntaxError* error) {
  char c = text_[pos_];
  bool in_object = stack_.back().marker == '{';
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

SyntaxError JacksonScanner::Scan() {
  SyntaxError error;
  while (true) {
    SkipSpace();
    if (mode_ == Mode::kAfterValue && stack_.empty()) return {"", pos_};  // complete document
    if (AtEnd()) return EndOfInput();
    bool ok = true;
    switch (mode_) {
      case Mode::kValue:
      case Mode::kValueOrEnd:
        ok = ScanValue(&error);
        break;
      case Mode::kKeyOrEnd:
        if (text_[pos_] == '}') {
          ok = CloseMarker('}', &error);
          break;
        }
        [[fallthrough]];
      case Mode::kKey:
        if (text_[pos_] != '"') {
          error = Unexpected("was expecting double-quote to start field name");
          return error;
        }
        ok = ScanString(&error);
        mode_ = Mode::kColon;
        break;
      case Mode::kColon:
        if (text_[pos_] != ':') {
          return Unexpected("was expecting a colon to separate field name and value");
        }
        ++pos_;
        mode_ = Mode::kValue;
        break;
      case Mode::kAfterValue:
        ok = AfterValue(&error);
        break;
    }
    if (!ok) return error;
  }
}

// Jackson counts UTF-16 units; UTF-8 continuation bytes add nothing and
// a 4-byte sequence (a surrogate pair) counts twice.
size_t Utf16Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
    if (c >= 0xF0) ++n;
  }
  return n;
}

std::string JacksonScanner::SourceLocation(size_t offset) const {
  // Jackson counts lines at '\n' and columns from 1; the source snippet is
  // cut at 500 characters.
  size_t line = 1, row_start = 0;
  for (size_t i = 0; i < offset && i < text_.size(); ++i) {
    if (text_[i] == '\n') {
      ++line;
      row_start = i + 1;
    }
  }
  size_t cut = 0, units = 0;
  while (cut < text_.size() && units < 500) {
    units += Utf16Length(text_.substr(cut, 1));
    ++cut;
    while (cut < text_.size() && (static_cast<unsigned char>(text_[cut]) & 0xC0) == 0x80) ++cut;
  }
  std::string source = "(String)\"" + std::string(text_.substr(0, cut)) + "\"";
  if (cut < text_.size()) {
    source += "[truncated " + std::to_string(Utf16Length(text_.substr(cut))) + " chars]";
  }
  size_t column = Utf16Length(text_.substr(row_start, offset - row_start)) + 1;
  return "[Source: " + source + "; line: " + std::to_string(line) +
         ", column: " + std::to_string(column) + "]";
}

}  // namespace

size_t FirstDocumentLength(std::string_view text) {
  SyntaxError error = JacksonScanner(text).Scan();
  return error.message.empty() ? error.offset : 0;
}

Diagnostic JsonSyntaxDiagnostic(std::string_view text) {
  JacksonScanner scanner(text);
  SyntaxError error = scanner.Scan();
  Diagnostic d;
  d.code = kInvalidJsonDescription;
  if (error.message.empty()) {
    // Callers first try FirstDocumentLength; this is only a fallback.
    error = {"Unexpected trailing content", text.size()};
  }
  size_t offset = error.offset;
  if (error.message == "No content to map due to end-of-input") offset = 0;
  d.location = scanner.SourceLocation(offset);
  if (offset == 0) d.location.replace(d.location.rfind("column: 1]"), 10, "column: 0]");
  d.message = error.message + "\n at " + d.location;
  return d;
}

}  // namespace sfn::asl::internal
