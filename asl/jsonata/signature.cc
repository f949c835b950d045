// asl/jsonata/signature.cc
//
// jsonata-js turns a signature into a regular expression over one type
// symbol per argument and matches it with JavaScript's backtracking rules;
// this file does the same matching directly on the parameter list.
#include "asl/jsonata/signature.h"

#include "asl/jsonata/errors.h"

namespace sfn::asl::jsonata {

namespace {

size_t ClosingBracket(std::string_view s, size_t start, char open, char close) {
  int depth = 1;
  size_t pos = start;
  while (pos < s.size()) {
    ++pos;
    if (pos >= s.size()) break;
    if (s[pos] == close) {
      if (--depth == 0) break;
    } else if (s[pos] == open) {
      ++depth;
    }
  }
  return pos;
}

bool Accepts(const Signature::Param& p, char sym) {
  return p.allowed.find(sym) != std::string::npos;
}

// Matches params[i..] against sig[pos..] in JavaScript's backtracking
// order. With `anchored` the whole of sig must be consumed. On success
// lengths[k] is how many symbols param k took and *end the final position.
bool MatchFrom(const std::vector<Signature::Param>& params, size_t count, size_t i,
               const std::string& sig, size_t pos, bool anchored, std::vector<size_t>* lengths,
               size_t* end) {
  if (i == count) {
    if (anchored && pos != sig.size()) return false;
    *end = pos;
    return true;
  }
  const Signature::Param& p = params[i];
  size_t max_take = 0;
  while (pos + max_take < sig.size() && Accepts(p, sig[pos + max_take])) {
    ++max_take;
    if (p.quantifier != '+') break;
  }
  size_t min_take = p.quantifier == '?' ? 0 : 1;
  if (p.quantifier == '+') min_take = 1;
  for (size_t take = max_take + 1; take-- > min_take;) {
    (*lengths)[i] = take;
    if (MatchFrom(params, count, i + 1, sig, pos + take, anchored, lengths, end)) return true;
  }
  return false;
}

const char* PluralTypeName(const std::string& subtype) {
  if (subtype == "a") return "arrays";
  if (subtype == "b") return "booleans";
  if (subtype == "f") return "functions";
  if (subtype == "n") return "numbers";
  if (subtype == "o") return "objects";
  if (subtype == "s") return "strings";
  return "undefined";
}

[[noreturn]] void ArgError(const char* code, const Value& value, size_t index) {
  Error e;
  e.code = code;
  e.value = value;
  e.has_value = true;
  e.index = static_cast<int>(index) + 1;
  Throw(std::move(e));
}

}  // namespace

char TypeSymbol(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kFunction:
      return 'f';
    case Value::Kind::kString:
      return 's';
    case Value::Kind::kNumber:
      return 'n';
    case Value::Kind::kBool:
      return 'b';
    case Value::Kind::kNull:
      return 'l';
    case Value::Kind::kArray:
      return 'a';
    case Value::Kind::kObject:
      return 'o';
    case Value::Kind::kUndefined:
      return 'm';
  }
  return 'm';
}

namespace {

[[noreturn]] void SignatureSyntaxError(const char* code, const std::string& value,
                                       int64_t position) {
  Error e;
  e.code = code;
  e.value = Value::String(value);
  e.has_value = true;
  e.position = position;
  Throw(std::move(e));
}

// The type symbols a parameter written as `c` accepts ("" if `c` is not a type).
std::string AcceptedSymbols(char c) {
  switch (c) {
    case 's':
    case 'n':
    case 'b':
    case 'l':
    case 'o':
      return std::string(1, c) + "m";
    case 'a':
    case 'x':
      return "asnblfom";
    case 'f':
      return "f";
    case 'j':
      return "asnblom";
    default:
      return "";
  }
}

}  // namespace

std::shared_ptr<const Signature> Signature::Parse(std::string_view text, int64_t position) {
  auto sig = std::make_shared<Signature>();
  sig->definition_ = std::string(text);
  Param dummy;  // what '-', '?' and '<' modify before any parameter exists
  for (size_t pos = 1; pos < text.size() && text[pos] != ':'; ++pos) {
    char c = text[pos];
    Param* prev = sig->params_.empty() ? &dummy : &sig->params_.back();
    if (std::string accepted = AcceptedSymbols(c); !accepted.empty()) {
      Param p;
      p.allowed = std::move(accepted);
      p.type = c;
      sig->params_.push_back(std::move(p));
    } else if (c == '-') {
      prev->context = true;
      prev->context_allowed = prev->allowed;
      prev->quantifier = '?';
    } else if (c == '?' || c == '+') {
      prev->quantifier = c;
    } else if (c == '(') {
      size_t end = ClosingBracket(text, pos, '(', ')');
      std::string choice(text.substr(pos + 1, end - pos - 1));
      if (choice.find('<') != std::string::npos)
        SignatureSyntaxError("S0402", choice, position + static_cast<int64_t>(pos));
      Param p;
      p.allowed = choice + "m";
      p.type = '(';
      sig->params_.push_back(std::move(p));
      pos = end;
    } else if (c == '<') {
      if (prev->type != 'a' && prev->type != 'f')
        SignatureSyntaxError("S0401", std::string(1, prev->type),
                             position + static_cast<int64_t>(pos));
      size_t end = ClosingBracket(text, pos, '<', '>');
      prev->subtype = std::string(text.substr(pos + 1, end - pos - 1));
      pos = end;
    }
  }
  return sig;
}

namespace {

// T0410 names the first argument at which a prefix of the signature stops
// matching, as jsonata-js finds it.
[[noreturn]] void ThrowMismatch(const std::vector<Signature::Param>& params,
                                const std::vector<Value>& args, const std::string& sig) {
  size_t good_to = 0;
  for (size_t k = 1; k <= params.size(); ++k) {
    std::vector<size_t> scratch(params.size(), 0);
    size_t prefix_end = 0;
    if (!MatchFrom(params, k, 0, sig, 0, false, &scratch, &prefix_end)) break;
    good_to = prefix_end;
  }
  ArgError("T0410", good_to < args.size() ? args[good_to] : Value(), good_to);
}

// An argument for an array parameter: checked against its item type
// (T0412) and wrapped in an array when it is a single value.
Value ArrayArgument(const Signature::Param& p, char single, std::string_view match, Value arg,
                    size_t index) {
  if (single == 'm') return Value();
  bool ok = true;
  if (!p.subtype.empty()) {
    if (single != 'a') {
      ok = match == p.subtype;
    } else if (arg.Size() > 0) {
      char item_type = TypeSymbol(arg[0]);
      ok = item_type == p.subtype[0];
      for (const Value& item : arg.ArrayItems()) ok = ok && TypeSymbol(item) == item_type;
    }
  }
  if (!ok) {
    Error e;
    e.code = "T0412";
    e.value = arg;
    e.has_value = true;
    e.index = static_cast<int>(index) + 1;
    e.type = PluralTypeName(p.subtype);
    Throw(std::move(e));
  }
  return single == 'a' ? arg : Value::Array({arg});
}

}  // namespace

std::vector<Value> Signature::Validate(const std::vector<Value>& args, const Value& context) const {
  std::string sig;
  sig.reserve(args.size());
  for (const Value& a : args) sig.push_back(TypeSymbol(a));
  std::vector<size_t> lengths(params_.size(), 0);
  size_t end = 0;
  if (!MatchFrom(params_, params_.size(), 0, sig, 0, true, &lengths, &end))
    ThrowMismatch(params_, args, sig);
  std::vector<Value> out;
  out.reserve(params_.size());
  size_t arg_index = 0, sig_pos = 0;
  for (size_t i = 0; i < params_.size(); ++i) {
    const Param& p = params_[i];
    if (lengths[i] == 0) {
      if (p.context) {
        if (p.context_allowed.find(TypeSymbol(context)) == std::string::npos)
          ArgError("T0411", context, arg_index);
        out.push_back(context);
      } else {
        out.push_back(arg_index < args.size() ? args[arg_index] : Value());
        ++arg_index;
      }
      continue;
    }
    std::string_view match(sig.data() + sig_pos, lengths[i]);
    sig_pos += lengths[i];
    for (char single : match) {
      Value arg = arg_index < args.size() ? args[arg_index] : Value();
      out.push_back(p.type == 'a' ? ArrayArgument(p, single, match, std::move(arg), arg_index)
                                  : std::move(arg));
      ++arg_index;
    }
  }
  return out;
}

}  // namespace sfn::asl::jsonata
