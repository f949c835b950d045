// asl/expressions/jsonpath_parser.cc
//
// Parses the steps of a JSONPath and its filter expressions (Jayway
// syntax). Grammar, after the root:
//
//   steps    := ( "." name | ".*" | ".." (name | "*" | bracket) | bracket )* [ "." fn "()" ]
//   bracket  := "[" ( quoted ("," quoted)* | "*" | int ("," int)* | [int] ":" [int]
//                   | "?(" expr ")" ) "]"
//   expr     := and ( "||" and )*
//   and      := unary ( "&&" unary )*
//   unary    := "!" unary | "(" expr ")" | operand [ op operand ]
//   operand  := "@" steps | "$" steps | number | string | true | false | null
//             | /regex/flags | JSON array or object (single quotes allowed)
//
// Parse errors are thrown as ParseError inside this file and returned as a
// message at ParseSteps().
#include <cctype>
#include <charconv>
#include <cstring>

#include "asl/expressions/jsonpath_internal.h"

namespace sfn::asl::jsonpath_internal {
namespace {

struct ParseError {
  std::string message;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class Parser {
 public:
  Parser(std::string_view text, size_t pos) : text_(text), pos_(pos) {}

  // Top-level steps run to the end of the text; inside a filter they stop
  // at the first character that cannot continue a path.
  void ParseStepList(StepList* out, bool in_filter);
  size_t pos() const { return pos_; }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  void SkipSpace() {
    while (!AtEnd() && IsSpace(text_[pos_])) ++pos_;
  }
  [[noreturn]] void Fail(const std::string& why) const {
    throw ParseError{why + " at position " + std::to_string(pos_)};
  }
  void Expect(char c) {
    SkipSpace();
    if (Peek() != c) Fail(std::string("expected '") + c + "'");
    ++pos_;
  }
  bool ConsumeWord(std::string_view word);

  std::string ReadDotName(bool in_filter);
  bool TryFunction(const std::string& name, StepList* out);
  void ParseDotStep(StepList* out, bool in_filter);
  void ParseBracket(Step* step);
  void ParseQuotedNames(Step* step);
  void ParseNumbers(Step* step);
  std::optional<int64_t> ReadOptionalInt();
  std::string ReadQuoted(bool json_unescape);

  std::shared_ptr<const FilterNode> ParseOr();
  std::shared_ptr<const FilterNode> ParseAnd();
  std::shared_ptr<const FilterNode> ParseUnary();
  std::shared_ptr<const FilterNode> ParseRelation();
  std::shared_ptr<FilterNode> ParseOperand();
  std::optional<FilterNode::Op> ParseOperator();
  Json ParseNumberLiteral();
  Json ParseJsonLiteral();
  std::shared_ptr<const std::regex> ParseRegexLiteral();

  std::string_view text_;
  size_t pos_;
};

// ------------------------------------------------------------------ steps

std::string Parser::ReadDotName(bool in_filter) {
  static const char kTopStops[] = ".[(";
  static const char kFilterStops[] = ".[()]=<>!&|,~";
  const char* stops = in_filter ? kFilterStops : kTopStops;
  size_t start = pos_;
  while (!AtEnd() && !IsSpace(text_[pos_]) && !std::strchr(stops, text_[pos_])) ++pos_;
  if (pos_ == start) Fail("expected a property name");
  return std::string(text_.substr(start, pos_ - start));
}

bool Parser::TryFunction(const std::string& name, StepList* out) {
  if (Peek() != '(' || Peek(1) != ')') return false;
  static const struct {
    const char* name;
    PathFunction fn;
  } kFunctions[] = {{"length", PathFunction::kLength}, {"size", PathFunction::kLength},
                    {"min", PathFunction::kMin},       {"max", PathFunction::kMax},
                    {"avg", PathFunction::kAvg},       {"sum", PathFunction::kSum},
                    {"stddev", PathFunction::kStddev}, {"keys", PathFunction::kKeys}};
  for (const auto& f : kFunctions) {
    if (name == f.name) {
      pos_ += 2;
      out->function = f.fn;
      return true;
    }
  }
  Fail("unknown function " + name + "()");
}

void Parser::ParseDotStep(StepList* out, bool in_filter) {
  Step step;
  ++pos_;  // '.'
  if (Peek() == '.') {
    step.deep = true;
    ++pos_;
    if (Peek() == '[') {
      ParseBracket(&step);
      out->steps.push_back(std::move(step));
      return;
    }
  }
  if (Peek() == '*') {
    ++pos_;
    step.kind = StepKind::kWildcard;
  } else {
    std::string name = ReadDotName(in_filter);
    if (!step.deep && TryFunction(name, out)) return;
    step.names.push_back(std::move(name));
  }
  out->steps.push_back(std::move(step));
}

void Parser::ParseStepList(StepList* out, bool in_filter) {
  while (!AtEnd()) {
    if (out->function != PathFunction::kNone) {
      if (in_filter) break;
      Fail("a function must end the path");
    }
    char c = Peek();
    if (c == '.') {
      ParseDotStep(out, in_filter);
    } else if (c == '[') {
      Step step;
      ParseBracket(&step);
      out->steps.push_back(std::move(step));
    } else if (in_filter) {
      break;
    } else {
      Fail(std::string("unexpected character '") + c + "'");
    }
  }
  out->definite = true;
  for (size_t i = 0; i < out->steps.size(); ++i) {
    const Step& s = out->steps[i];
    bool last_name_union = i + 1 == out->steps.size() && !s.deep && s.kind == StepKind::kProperty;
    if (!s.definite() && !last_name_union) out->definite = false;
  }
}

void Parser::ParseBracket(Step* step) {
  ++pos_;  // '['
  SkipSpace();
  char c = Peek();
  if (c == '\'' || c == '"') {
    ParseQuotedNames(step);
  } else if (c == '*') {
    ++pos_;
    step->kind = StepKind::kWildcard;
  } else if (c == '?') {
    ++pos_;
    Expect('(');
    step->kind = StepKind::kFilter;
    step->filter = ParseOr();
    Expect(')');
  } else if (c == '-' || c == ':' || std::isdigit(static_cast<unsigned char>(c))) {
    ParseNumbers(step);
  } else {
    Fail("unsupported bracket expression");
  }
  Expect(']');
}

void Parser::ParseQuotedNames(Step* step) {
  step->kind = StepKind::kProperty;
  while (true) {
    SkipSpace();
    if (Peek() != '\'' && Peek() != '"') Fail("expected a quoted name");
    step->names.push_back(ReadQuoted(false));
    SkipSpace();
    if (Peek() != ',') break;
    ++pos_;
  }
}

std::optional<int64_t> Parser::ReadOptionalInt() {
  SkipSpace();
  size_t start = pos_;
  if (Peek() == '-') ++pos_;
  while (std::isdigit(static_cast<unsigned char>(Peek()))) ++pos_;
  if (pos_ == start) return std::nullopt;
  int64_t v = 0;
  auto res = std::from_chars(text_.data() + start, text_.data() + pos_, v);
  if (res.ec != std::errc() || res.ptr != text_.data() + pos_) Fail("invalid array index");
  return v;
}

void Parser::ParseNumbers(Step* step) {
  std::optional<int64_t> first = ReadOptionalInt();
  SkipSpace();
  if (Peek() == ':') {
    ++pos_;
    step->kind = StepKind::kSlice;
    step->slice_from = first;
    step->slice_to = ReadOptionalInt();
    return;
  }
  if (!first) Fail("expected an array index");
  step->kind = StepKind::kIndex;
  step->indexes.push_back(*first);
  while (SkipSpace(), Peek() == ',') {
    ++pos_;
    std::optional<int64_t> next = ReadOptionalInt();
    if (!next) Fail("expected an array index");
    step->indexes.push_back(*next);
  }
}

// Reads a quoted string starting at the quote. Names keep backslashes
// except before the closing quote character (AWS matches "$['a\"b']"
// against the key a\"b); filter literals unescape like Java strings.
std::string Parser::ReadQuoted(bool java_unescape) {
  char quote = text_[pos_++];
  std::string out;
  while (true) {
    if (AtEnd()) Fail("unterminated string");
    char c = text_[pos_++];
    if (c == quote) return out;
    if (c != '\\' || AtEnd()) {
      out.push_back(c);
      continue;
    }
    char e = text_[pos_++];
    if (e == quote) {
      out.push_back(e);
    } else if (!java_unescape) {
      out.push_back('\\');
      out.push_back(e);
    } else {
      switch (e) {
        case 'n':
          out.push_back('\n');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'r':
          out.push_back('\r');
          break;
        default:
          out.push_back(e);
      }
    }
  }
}

// ------------------------------------------------------------------ filters

bool Parser::ConsumeWord(std::string_view word) {
  if (text_.substr(pos_, word.size()) != word) return false;
  char after = pos_ + word.size() < text_.size() ? text_[pos_ + word.size()] : '\0';
  if (std::isalnum(static_cast<unsigned char>(after)) || after == '_') return false;
  pos_ += word.size();
  return true;
}

std::shared_ptr<const FilterNode> Parser::ParseOr() {
  auto left = ParseAnd();
  while (SkipSpace(), Peek() == '|' && Peek(1) == '|') {
    pos_ += 2;
    auto node = std::make_shared<FilterNode>();
    node->kind = FilterNode::Kind::kOr;
    node->left = left;
    node->right = ParseAnd();
    left = node;
  }
  return left;
}

std::shared_ptr<const FilterNode> Parser::ParseAnd() {
  auto left = ParseUnary();
  while (SkipSpace(), Peek() == '&' && Peek(1) == '&') {
    pos_ += 2;
    auto node = std::make_shared<FilterNode>();
    node->kind = FilterNode::Kind::kAnd;
    node->left = left;
    node->right = ParseUnary();
    left = node;
  }
  return left;
}

std::shared_ptr<const FilterNode> Parser::ParseUnary() {
  SkipSpace();
  if (Peek() == '!' && Peek(1) != '=') {
    ++pos_;
    auto node = std::make_shared<FilterNode>();
    node->kind = FilterNode::Kind::kNot;
    node->left = ParseUnary();
    return node;
  }
  if (Peek() == '(') {
    ++pos_;
    auto inner = ParseOr();
    Expect(')');
    return inner;
  }
  return ParseRelation();
}

std::shared_ptr<const FilterNode> Parser::ParseRelation() {
  std::shared_ptr<FilterNode> left = ParseOperand();
  SkipSpace();
  std::optional<FilterNode::Op> op = ParseOperator();
  if (!op) {
    bool is_path =
        left->kind == FilterNode::Kind::kCurrentPath || left->kind == FilterNode::Kind::kRootPath;
    if (!is_path) Fail("expected a comparison operator");
    auto node = std::make_shared<FilterNode>();
    node->kind = FilterNode::Kind::kExists;
    node->left = left;
    return node;
  }
  auto node = std::make_shared<FilterNode>();
  node->kind = FilterNode::Kind::kCompare;
  node->op = *op;
  node->left = left;
  SkipSpace();
  if (*op == FilterNode::Op::kRegex) {
    node->regex = ParseRegexLiteral();
  } else {
    node->right = ParseOperand();
  }
  return node;
}

std::optional<FilterNode::Op> Parser::ParseOperator() {
  using Op = FilterNode::Op;
  static const struct {
    const char* text;
    Op op;
    bool word;
  } kOps[] = {{"===", Op::kEq, false},
              {"!==", Op::kNe, false},
              {"==", Op::kEq, false},
              {"!=", Op::kNe, false},
              {"<=", Op::kLe, false},
              {">=", Op::kGe, false},
              {"=~", Op::kRegex, false},
              {"<", Op::kLt, false},
              {">", Op::kGt, false},
              {"nin", Op::kNin, true},
              {"in", Op::kIn, true},
              {"subsetof", Op::kSubsetOf, true},
              {"anyof", Op::kAnyOf, true},
              {"noneof", Op::kNoneOf, true},
              {"size", Op::kSize, true},
              {"empty", Op::kEmpty, true},
              {"contains", Op::kContains, true}};
  for (const auto& o : kOps) {
    if (o.word ? ConsumeWord(o.text) : text_.substr(pos_, std::strlen(o.text)) == o.text) {
      if (!o.word) pos_ += std::strlen(o.text);
      return o.op;
    }
  }
  return std::nullopt;
}

std::shared_ptr<FilterNode> Parser::ParseOperand() {
  SkipSpace();
  auto node = std::make_shared<FilterNode>();
  char c = Peek();
  if (c == '@' || c == '$') {
    node->kind = c == '@' ? FilterNode::Kind::kCurrentPath : FilterNode::Kind::kRootPath;
    ++pos_;
    ParseStepList(&node->path, /*in_filter=*/true);
    return node;
  }
  node->kind = FilterNode::Kind::kLiteral;
  if (c == '\'' || c == '"') {
    node->literal = Json(ReadQuoted(true));
  } else if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
    node->literal = ParseNumberLiteral();
  } else if (c == '[' || c == '{') {
    node->literal = ParseJsonLiteral();
  } else if (ConsumeWord("true")) {
    node->literal = Json(true);
  } else if (ConsumeWord("false")) {
    node->literal = Json(false);
  } else if (ConsumeWord("null")) {
    node->literal = Json();
  } else if (c == '/') {
    Fail("a regular expression may only follow =~");
  } else {
    Fail("expected a filter operand");
  }
  return node;
}

Json Parser::ParseNumberLiteral() {
  size_t start = pos_;
  if (Peek() == '-') ++pos_;
  while (std::isdigit(static_cast<unsigned char>(Peek())) || Peek() == '.' || Peek() == 'e' ||
         Peek() == 'E' || ((Peek() == '+' || Peek() == '-') && (text_[pos_ - 1] | 32) == 'e')) {
    ++pos_;
  }
  JsonParseResult r = ParseJson(text_.substr(start, pos_ - start));
  if (!r.ok || !r.value.is_number()) Fail("invalid number");
  return r.value;
}

// JSON arrays and objects; Jayway also accepts single-quoted strings in
// them ("[?(@.x in ['a','b'])]"), so those are rewritten to JSON first.
Json Parser::ParseJsonLiteral() {
  std::string json;
  int depth = 0;
  do {
    if (AtEnd()) Fail("unterminated JSON literal");
    char c = Peek();
    if (c == '\'' || c == '"') {
      DumpStringTo(ReadQuoted(true), &json);
      continue;
    }
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') --depth;
    json.push_back(c);
    ++pos_;
  } while (depth > 0);
  JsonParseResult r = ParseJson(json, 64);
  if (!r.ok) Fail("invalid JSON literal");
  return r.value;
}

// libstdc++'s std::regex reads a backreference or a repeat count into an int
// without checking it: refuse numbers that long before it sees them.
bool HasOversizedNumber(const std::string& pattern) {
  size_t run = 0;
  for (char c : pattern) {
    run = std::isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
    if (run > 9) return true;
  }
  return false;
}

std::shared_ptr<const std::regex> Parser::ParseRegexLiteral() {
  std::string pattern;
  if (Peek() == '\'' || Peek() == '"') {
    pattern = ReadQuoted(true);
  } else {
    if (Peek() != '/') Fail("expected a regular expression");
    ++pos_;
    while (!AtEnd() && text_[pos_] != '/') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/') ++pos_;
      pattern.push_back(text_[pos_++]);
    }
    if (AtEnd()) Fail("unterminated regular expression");
    ++pos_;
  }
  auto flags = std::regex::ECMAScript;
  while (std::isalpha(static_cast<unsigned char>(Peek()))) {
    if (Peek() == 'i') flags |= std::regex::icase;
    ++pos_;
  }
  if (HasOversizedNumber(pattern)) Fail("invalid regular expression");
  try {
    return std::make_shared<const std::regex>(pattern, flags);
  } catch (const std::regex_error&) {
    Fail("invalid regular expression");
  }
}

}  // namespace

std::optional<std::string> ParseSteps(std::string_view text, size_t pos, StepList* out) {
  try {
    Parser parser(text, pos);
    parser.ParseStepList(out, /*in_filter=*/false);
    return std::nullopt;
  } catch (const ParseError& e) {
    return e.message;
  }
}

}  // namespace sfn::asl::jsonpath_internal
