// asl/expressions/intrinsics_parser.cc
//
// Parses an intrinsic call into a Node tree:
//
//   call    := "States." name "(" [ arg ( "," arg )* ] ")"
//   arg     := string | number | "true" | "false" | "null" | path | call
//   string  := "'" ( char | "\'" | "\{" | "\}" | "\\" )* "'"
//   path    := "$" ... up to the next "," or ")" outside brackets and quotes
//
// White space may surround any token. A backslash before anything but
// ' { } \ is refused, as AWS refuses it. Errors are thrown as ParseError
// inside this file and returned from IntrinsicCall::Compile.
#include <cctype>
#include <cstring>

#include "asl/expressions/intrinsics_internal.h"

namespace sfn::asl {
namespace {

using intrinsics_internal::Arg;
using intrinsics_internal::FindFunction;

constexpr int kMaxDepth = 10;  // AWS: up to 10 nested intrinsic functions

struct ParseError {
  std::string message;
};

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::shared_ptr<const IntrinsicCall::Node> ParseAll() {
    auto call = ParseCall(1);
    SkipSpace();
    if (pos_ != text_.size()) Fail("unexpected text after the call");
    return call;
  }

 private:
  [[noreturn]] void Fail(const std::string& why) const {
    throw ParseError{why + " at position " + std::to_string(pos_)};
  }
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool StartsWith(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }

  std::shared_ptr<const IntrinsicCall::Node> ParseCall(int depth);
  Arg ParseArg(int depth);
  Arg ParseString();
  Arg ParsePath();
  Arg ParseNumber();
  bool ParseKeyword(Arg* arg);

  std::string_view text_;
  size_t pos_ = 0;
};

std::shared_ptr<const IntrinsicCall::Node> Parser::ParseCall(int depth) {
  if (depth > kMaxDepth) Fail("intrinsic functions are nested more than 10 deep");
  SkipSpace();
  size_t start = pos_;
  if (!StartsWith("States.")) Fail("expected an intrinsic function");
  pos_ += 7;
  while (std::isalnum(static_cast<unsigned char>(Peek()))) ++pos_;
  std::string name(text_.substr(start, pos_ - start));
  auto node = std::make_shared<IntrinsicCall::Node>();
  node->function = FindFunction(name);
  if (!node->function) Fail("unknown intrinsic function " + name);
  SkipSpace();
  if (Peek() != '(') Fail("expected '('");
  ++pos_;
  SkipSpace();
  if (Peek() != ')') {
    while (true) {
      node->args.push_back(ParseArg(depth));
      SkipSpace();
      if (Peek() == ')') break;
      if (Peek() != ',') Fail("expected ',' or ')'");
      ++pos_;
    }
  }
  ++pos_;  // ')'
  // AWS accepts any argument count at creation; a wrong count fails when
  // the call is evaluated (see EvaluateNode).
  return node;
}

Arg Parser::ParseArg(int depth) {
  SkipSpace();
  char c = Peek();
  if (c == '\'') return ParseString();
  if (c == '$') return ParsePath();
  if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) return ParseNumber();
  if (StartsWith("States.")) {
    Arg arg;
    arg.kind = Arg::Kind::kCall;
    arg.call = ParseCall(depth + 1);
    return arg;
  }
  Arg arg;
  if (ParseKeyword(&arg)) return arg;
  Fail("expected an argument");
}

Arg Parser::ParseString() {
  ++pos_;  // opening quote
  Arg arg;
  arg.is_string_literal = true;
  std::string value, piece;
  while (true) {
    if (pos_ >= text_.size()) Fail("unterminated string");
    char c = text_[pos_++];
    if (c == '\'') break;
    if (c == '\\') {
      char e = Peek();
      if (e != '\'' && e != '{' && e != '}' && e != '\\') Fail("invalid escape sequence");
      ++pos_;
      value.push_back(e);
      piece.push_back(e);
    } else if (c == '{' && Peek() == '}') {
      ++pos_;
      value += "{}";
      arg.format_pieces.push_back(std::move(piece));
      piece.clear();
    } else {
      // "\{}" reads as the text "{}".
      const bool after_escaped_open = pos_ >= 3 && text_.compare(pos_ - 3, 2, "\\{") == 0;
      if (c == '{' || (c == '}' && !after_escaped_open)) arg.has_stray_brace = true;
      value.push_back(c);
      piece.push_back(c);
    }
  }
  arg.format_pieces.push_back(std::move(piece));
  arg.literal = Json(std::move(value));
  return arg;
}

// A path runs to the next ',' or ')' that is not inside brackets, parens
// or quotes; JsonPath::Compile then checks it.
Arg Parser::ParsePath() {
  size_t start = pos_;
  int depth = 0;
  char quote = 0;
  for (; pos_ < text_.size(); ++pos_) {
    char c = text_[pos_];
    if (quote) {
      if (c == '\\')
        ++pos_;
      else if (c == quote)
        quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '[' || c == '(') {
      ++depth;
    } else if (c == ']' || (c == ')' && depth > 0)) {
      --depth;
    } else if (depth == 0 && (c == ',' || c == ')')) {
      break;
    }
  }
  size_t end = pos_;
  while (end > start && std::isspace(static_cast<unsigned char>(text_[end - 1]))) --end;
  Result<JsonPath> path = JsonPath::Compile(text_.substr(start, end - start));
  if (!path.ok()) Fail(path.error().cause);
  Arg arg;
  arg.kind = Arg::Kind::kPath;
  arg.path = std::move(path).value();
  return arg;
}

Arg Parser::ParseNumber() {
  size_t start = pos_;
  if (Peek() == '-') ++pos_;
  while (std::isdigit(static_cast<unsigned char>(Peek())) || std::strchr(".eE+-", Peek())) {
    if (Peek() == '\0') break;
    ++pos_;
  }
  JsonParseResult r = ParseJson(text_.substr(start, pos_ - start), 1);
  if (!r.ok || !r.value.is_number()) Fail("invalid number");
  Arg arg;
  arg.literal = r.value;
  return arg;
}

bool Parser::ParseKeyword(Arg* arg) {
  static const struct {
    const char* word;
    Json value;
  } kKeywords[] = {{"true", Json(true)}, {"false", Json(false)}, {"null", Json()}};
  for (const auto& k : kKeywords) {
    size_t n = std::strlen(k.word);
    if (StartsWith(k.word) && !std::isalnum(static_cast<unsigned char>(
                                  pos_ + n < text_.size() ? text_[pos_ + n] : ' '))) {
      pos_ += n;
      arg->literal = k.value;
      return true;
    }
  }
  return false;
}

}  // namespace

bool IntrinsicCall::LooksLikeCall(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  return text.substr(i, 7) == "States." && text.find('(') != std::string_view::npos;
}

std::string IntrinsicCall::InvalidFieldCause(std::string_view field) {
  return "The value for the field '" + std::string(field) +
         "' must be a valid JSONPath or a valid intrinsic function call";
}

Result<IntrinsicCall> IntrinsicCall::Compile(std::string_view text) {
  try {
    IntrinsicCall call;
    call.root_ = Parser(text).ParseAll();
    call.text_ = std::make_shared<const std::string>(text);
    return call;
  } catch (const ParseError& e) {
    return AslError{"States.IntrinsicFailure",
                    "Invalid intrinsic function call '" + std::string(text) + "': " + e.message};
  }
}

}  // namespace sfn::asl
