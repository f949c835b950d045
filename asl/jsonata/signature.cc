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

bool Accepts(const Signature::Param& p, char sym) { return p.allowed.find(sym) != std::string::npos; }

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
    case Value::Kind::kFunction: return 'f';
    case Value::Kind::kString: return 's';
    case Value::Kind::kNumber: return 'n';
    case Value::Kind::kBool: return 'b';
    case Value::Kind::kNull: return 'l';
    case Value::Kind::kArray: return 'a';
    case Value::Kind::kObject: return 'o';
    case Value::Kind::kUndefined: return 'm';
  }
  return 'm';
}

std::shared_ptr<const Signature> Signature::Parse(std::string_view text, int64_t position) {
  auto sig = std::make_shared<Signature>();
  sig->definition_ = std::string(text);
  Param param;
  Param dummy;  // what '-', '?' and '<' modify before any parameter exists
  Param* prev = &dummy;
  auto push = [&]() {
    sig->params_.push_back(param);
    param = Param();
  };
  for (size_t pos = 1; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == ':') break;
    if (!sig->params_.empty()) prev = &sig->params_.back();
    switch (c) {
      case 's': case 'n': case 'b': case 'l': case 'o':
        param.allowed = std::string(1, c) + "m";
        param.type = c;
        push();
        break;
      case 'a':
        param.allowed = std::string("asnblfom");
        param.type = 'a';
        push();
        break;
      case 'f':
        param.allowed = std::string("f");
        param.type = 'f';
        push();
        break;
      case 'j':
        param.allowed = std::string("asnblom");
        param.type = 'j';
        push();
        break;
      case 'x':
        param.allowed = std::string("asnblfom");
        param.type = 'x';
        push();
        break;
      case '-':
        prev->context = true;
        prev->context_allowed = prev->allowed;
        prev->quantifier = '?';
        break;
      case '?':
      case '+':
        prev->quantifier = c;
        break;
      case '(': {
        size_t end = ClosingBracket(text, pos, '(', ')');
        std::string choice(text.substr(pos + 1, end - pos - 1));
        if (choice.find('<') != std::string::npos) {
          Error e;
          e.code = "S0402";
          e.value = Value::String(choice);
          e.position = position + static_cast<int64_t>(pos);
          Throw(std::move(e));
        }
        param.allowed = choice + "m";
        param.type = '(';
        pos = end;
        push();
        break;
      }
      case '<': {
        if (prev->type != 'a' && prev->type != 'f') {
          Error e;
          e.code = "S0401";
          e.value = Value::String(std::string(1, prev->type));
          e.position = position + static_cast<int64_t>(pos);
          Throw(std::move(e));
        }
        size_t end = ClosingBracket(text, pos, '<', '>');
        prev->subtype = std::string(text.substr(pos + 1, end - pos - 1));
        pos = end;
        break;
      }
      default: break;
    }
  }
  return sig;
}

std::vector<Value> Signature::Validate(const std::vector<Value>& args, const Value& context) const {
  std::string sig;
  sig.reserve(args.size());
  for (const Value& a : args) sig.push_back(TypeSymbol(a));
  std::vector<size_t> lengths(params_.size(), 0);
  size_t end = 0;
  if (!MatchFrom(params_, params_.size(), 0, sig, 0, true, &lengths, &end)) {
    // Find the first parameter at which a prefix of the pattern stops matching.
    size_t good_to = 0;
    for (size_t k = 1; k <= params_.size(); ++k) {
      std::vector<size_t> scratch(params_.size(), 0);
      size_t prefix_end = 0;
      if (!MatchFrom(params_, k, 0, sig, 0, false, &scratch, &prefix_end)) break;
      good_to = prefix_end;
    }
    ArgError("T0410", good_to < args.size() ? args[good_to] : Value(), good_to);
  }
  std::vector<Value> out;
  out.reserve(params_.size());
  size_t arg_index = 0;
  size_t sig_pos = 0;
  for (size_t i = 0; i < params_.size(); ++i) {
    const Param& p = params_[i];
    size_t len = lengths[i];
    if (len == 0) {
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
    std::string_view match(sig.data() + sig_pos, len);
    sig_pos += len;
    for (char single : match) {
      Value arg = arg_index < args.size() ? args[arg_index] : Value();
      if (p.type == 'a') {
        if (single == 'm') {
          arg = Value();
        } else {
          bool ok = true;
          if (!p.subtype.empty()) {
            if (single != 'a' && match != p.subtype) {
              ok = false;
            } else if (single == 'a' && arg.Size() > 0) {
              char item_type = TypeSymbol(arg[0]);
              if (item_type != p.subtype[0]) {
                ok = false;
              } else {
                for (const Value& item : arg.ArrayItems())
                  if (TypeSymbol(item) != item_type) ok = false;
              }
            }
          }
          if (!ok) {
            Error e;
            e.code = "T0412";
            e.value = arg;
            e.has_value = true;
            e.index = static_cast<int>(arg_index) + 1;
            e.type = PluralTypeName(p.subtype);
            Throw(std::move(e));
          }
          if (single != 'a') arg = Value::Array({arg});
        }
      }
      out.push_back(std::move(arg));
      ++arg_index;
    }
  }
  return out;
}

}  // namespace sfn::asl::jsonata
