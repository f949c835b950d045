// asl/jsonata/functions_regex.cc
//
// $match, $contains, $replace and $split, whose pattern is a string, a
// regular expression, or any function that follows jsonata-js's matcher
// protocol ({match, start, end, groups, next}). Regular expressions take a
// direct path; other matcher functions are called through the protocol.
#include <cmath>
#include <functional>
#include <optional>
#include <string>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/functions.h"
#include "asl/jsonata/regex.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

namespace {

struct MatchInfo {
  std::string match;
  size_t start = 0;  // code point offsets
  size_t end = 0;
  Items groups;  // strings, or undefined for groups that did not take part
  Value object;  // the protocol object, for replacement functions
};

// Walks the matches of `matcher` over `str` as jsonata-js does: after each
// match it asks for the next one before checking the limit.
class MatchWalker {
 public:
  // `matcher` is argument 2 of every caller. An undefined one passes the
  // signature check (jsonata-js then fails with a TypeError): T0410.
  MatchWalker(CallContext& ctx, const Value& matcher, const std::string& str)
      : ctx_(ctx), matcher_(matcher), text_(DecodeUtf8(str)), str_(str) {
    if (matcher.IsFunction()) return;
    Error e;
    e.code = "T0410";
    e.index = 2;
    Throw(std::move(e));
  }

  std::optional<MatchInfo> First() {
    if (IsRegex()) return RegexAt(0);
    return FromObject(ctx_.ev.Apply(matcher_, {Value::String(str_)}, Value::Null(), ctx_.env));
  }

  std::optional<MatchInfo> Next(const MatchInfo& prev) {
    if (IsRegex()) {
      if (prev.end >= text_.size()) return std::nullopt;
      auto next = RegexAt(prev.end);
      if (next && next->match.empty()) {
        const auto& re = static_cast<const RegexFn&>(matcher_.Fn());
        ThrowValue("D1004", Value::String(re.regex->source()), re.position);
      }
      return next;
    }
    Value next = prev.object.Get("next");
    if (!next.IsFunction()) return std::nullopt;
    return FromObject(ctx_.ev.Apply(next, {}, Value::Null(), ctx_.env));
  }

  const std::u32string& text() const { return text_; }
  size_t Utf16Offset(size_t cp) const {
    return Utf16Length(std::u32string_view(text_).substr(0, cp));
  }

 private:
  bool IsRegex() const { return matcher_.Fn().kind == FunctionKind::kRegex; }

  std::optional<MatchInfo> RegexAt(size_t from) {
    const auto& re = static_cast<const RegexFn&>(matcher_.Fn());
    Regex::Match m;
    if (!re.regex->Search(text_, from, &m, ctx_.ev.time_check())) return std::nullopt;
    MatchInfo info;
    info.start = m.start;
    info.end = m.end;
    info.match = EncodeUtf8(std::u32string_view(text_).substr(m.start, m.end - m.start));
    for (const auto& g : m.groups) {
      if (g.first == std::u32string::npos) {
        info.groups.push_back(Value());
      } else {
        info.groups.push_back(Value::String(
            EncodeUtf8(std::u32string_view(text_).substr(g.first, g.second - g.first))));
      }
    }
    return info;
  }

  std::optional<MatchInfo> FromObject(const Value& r) {
    if (r.IsUndefined()) return std::nullopt;
    bool ok = r.IsObject() && (r.Get("start").IsNumber() || r.Get("groups").IsArray() ||
                               r.Get("next").IsFunction());
    if (!ok) ThrowCode("T1010");
    MatchInfo info;
    info.object = r;
    Value m = r.Get("match");
    info.match = m.IsString() ? m.AsString() : "";
    info.start = r.Get("start").IsNumber() ? static_cast<size_t>(r.Get("start").AsNumber()) : 0;
    info.end = r.Get("end").IsNumber() ? static_cast<size_t>(r.Get("end").AsNumber())
                                       : info.start + CodePointCount(info.match);
    if (r.Get("groups").IsArray()) info.groups = r.Get("groups").ArrayItems();
    return info;
  }

  CallContext& ctx_;
  const Value& matcher_;
  std::u32string text_;
  const std::string& str_;
};

std::optional<double> Limit(const Value& v) {
  if (v.IsUndefined()) return std::nullopt;
  return v.AsNumber();
}

void CheckLimit(const std::optional<double>& limit, const char* code, int index) {
  if (limit && *limit < 0) {
    Error e;
    e.code = code;
    e.value = Value::Number(*limit);
    e.has_value = true;
    e.index = index;
    Throw(std::move(e));
  }
}

bool UnderLimit(const std::optional<double>& limit, size_t count) {
  return !limit || static_cast<double>(count) < *limit;
}

Value Contains(CallContext& ctx, std::vector<Value>& args) {
  const Value& str = Arg(args, 0);
  const Value& token = Arg(args, 1);
  if (str.IsUndefined() || token.IsUndefined()) return Value();
  if (token.IsString())
    return Value::Bool(str.AsString().find(token.AsString()) != std::string::npos);
  MatchWalker walker(ctx, token, str.AsString());
  return Value::Bool(walker.First().has_value());
}

Value Match(CallContext& ctx, std::vector<Value>& args) {
  const Value& str = Arg(args, 0);
  if (str.IsUndefined()) return str;
  std::optional<double> limit = Limit(Arg(args, 2));
  CheckLimit(limit, "D3040", 3);
  Items results;
  if (!limit || *limit > 0) {
    MatchWalker walker(ctx, Arg(args, 1), str.AsString());
    std::optional<MatchInfo> m = walker.First();
    size_t count = 0;
    while (m && UnderLimit(limit, count)) {
      Entries e;
      e.emplace_back("match", Value::String(m->match));
      e.emplace_back("index", Value::Number(static_cast<double>(walker.Utf16Offset(m->start))));
      e.emplace_back("groups", Value::Array(m->groups));
      results.push_back(Value::Object(std::move(e)));
      m = walker.Next(*m);
      ++count;
    }
  }
  return Value::Sequence(std::move(results));
}

// Expands $0, $1.. and $$ in a replacement string (jsonata-js's rules).
std::string Substitute(const std::string& replacement, const MatchInfo& m) {
  std::string out;
  size_t position = 0;
  size_t index = replacement.find('$', position);
  while (index != std::string::npos && position < replacement.size()) {
    out += replacement.substr(position, index - position);
    position = index + 1;
    char dollar = position < replacement.size() ? replacement[position] : '\0';
    if (dollar == '$') {
      out += '$';
      ++position;
    } else if (dollar == '0') {
      out += m.match;
      ++position;
    } else {
      size_t groups = m.groups.size();
      size_t max_digits = groups == 0 ? 1 : static_cast<size_t>(std::floor(std::log10(groups))) + 1;
      auto parse = [&](size_t digits) -> long {
        std::string d = replacement.substr(position, digits);
        size_t k = 0;
        while (k < d.size() && std::isdigit(static_cast<unsigned char>(d[k]))) ++k;
        return k == 0 ? -1 : std::stol(d.substr(0, k));
      };
      long group = parse(max_digits);
      if (max_digits > 1 && group > static_cast<long>(groups)) group = parse(max_digits - 1);
      if (group >= 0) {
        if (groups > 0 && group >= 1 && static_cast<size_t>(group) <= groups) {
          const Value& sub = m.groups[static_cast<size_t>(group) - 1];
          if (sub.IsString()) out += sub.AsString();
        }
        position += std::to_string(group).size();
      } else {
        out += '$';
      }
    }
    index = replacement.find('$', position);
  }
  if (position < replacement.size()) out += replacement.substr(position);
  return out;
}

std::string ReplaceString(const std::string& s, const std::string& pattern,
                          const std::string& replacement, const std::optional<double>& limit) {
  std::string out;
  size_t position = 0, count = 0;
  size_t index = s.find(pattern, position);
  while (index != std::string::npos && UnderLimit(limit, count)) {
    out += s.substr(position, index - position);
    out += replacement;
    position = index + pattern.size();
    ++count;
    index = s.find(pattern, position);
  }
  return out + s.substr(position);
}

// The text that replaces one match: the replacement string with $n
// expanded, or what the replacement function returns (D3012 if no string).
std::string ReplacementFor(CallContext& ctx, const Value& replacement, const MatchInfo& m) {
  if (replacement.IsString()) return Substitute(replacement.AsString(), m);
  Value obj = m.object;
  if (obj.IsUndefined()) {
    Entries e;
    e.emplace_back("match", Value::String(m.match));
    e.emplace_back("start", Value::Number(static_cast<double>(m.start)));
    e.emplace_back("end", Value::Number(static_cast<double>(m.end)));
    e.emplace_back("groups", Value::Array(m.groups));
    obj = Value::Object(std::move(e));
  }
  Value r = ctx.ev.Apply(replacement, {obj}, Value::Null(), ctx.env);
  if (!r.IsString()) ThrowValue("D3012", r);
  return r.AsString();
}

Value Replace(CallContext& ctx, std::vector<Value>& args) {
  const Value& str = Arg(args, 0);
  if (str.IsUndefined()) return str;
  const Value& pattern = Arg(args, 1);
  const Value& replacement = Arg(args, 2);
  if (pattern.IsString() && pattern.AsString().empty()) {
    Error e;
    e.code = "D3010";
    e.value = pattern;
    e.has_value = true;
    e.index = 2;
    Throw(std::move(e));
  }
  std::optional<double> limit = Limit(Arg(args, 3));
  CheckLimit(limit, "D3011", 4);
  if (limit && *limit == 0) return str;
  if (pattern.IsString())
    return Value::String(ReplaceString(str.AsString(), pattern.AsString(),
                                       replacement.IsString() ? replacement.AsString() : "",
                                       limit));
  MatchWalker walker(ctx, pattern, str.AsString());
  std::optional<MatchInfo> m = walker.First();
  if (!m) return str;
  const std::u32string& text = walker.text();
  std::u32string out;
  size_t position = 0, count = 0;
  while (m && UnderLimit(limit, count)) {
    if (m->start > position) out += text.substr(position, m->start - position);
    out += DecodeUtf8(ReplacementFor(ctx, replacement, *m));
    position = m->start + CodePointCount(m->match);
    ++count;
    m = walker.Next(*m);
  }
  if (position < text.size()) out += text.substr(position);
  return Value::String(EncodeUtf8(out));
}

// String.prototype.split with a string separator ("" splits characters).
Value SplitString(const std::string& s, const std::string& d, std::optional<double> limit) {
  if (limit) limit = std::trunc(*limit);  // split() takes an integer limit
  Items result;
  if (d.empty()) {
    for (char32_t c : DecodeUtf8(s)) {
      if (!UnderLimit(limit, result.size())) break;
      result.push_back(Value::String(EncodeUtf8(std::u32string(1, c))));
    }
    return Value::Array(std::move(result));
  }
  size_t position = 0;
  while (UnderLimit(limit, result.size())) {
    size_t index = s.find(d, position);
    if (index == std::string::npos) {
      result.push_back(Value::String(s.substr(position)));
      break;
    }
    result.push_back(Value::String(s.substr(position, index - position)));
    position = index + d.size();
  }
  return Value::Array(std::move(result));
}

Value Split(CallContext& ctx, std::vector<Value>& args) {
  const Value& str = Arg(args, 0);
  if (str.IsUndefined()) return str;
  std::optional<double> limit = Limit(Arg(args, 2));
  CheckLimit(limit, "D3020", 3);
  Items result;
  if (limit && *limit == 0) return Value::Array({});
  const Value& sep = Arg(args, 1);
  const std::string& s = str.AsString();
  if (sep.IsString()) return SplitString(s, sep.AsString(), limit);
  MatchWalker walker(ctx, sep, s);
  std::optional<MatchInfo> m = walker.First();
  if (!m) return Value::Array({str});
  const std::u32string& text = walker.text();
  size_t start = 0, count = 0;
  while (m && UnderLimit(limit, count)) {
    size_t from = std::min(start, m->start);
    result.push_back(Value::String(EncodeUtf8(text.substr(from, m->start - from))));
    start = m->end;
    m = walker.Next(*m);
    ++count;
  }
  if (UnderLimit(limit, count))
    result.push_back(Value::String(EncodeUtf8(text.substr(std::min(start, text.size())))));
  return Value::Array(std::move(result));
}

}  // namespace

void AddRegexFunctions(std::vector<BuiltinDef>* t) {
  t->push_back({"match", "<s-f<s:o>n?:a<o>>", 3, Match});
  t->push_back({"contains", "<s-(sf):b>", 2, Contains});
  t->push_back({"replace", "<s-(sf)(sf)n?:s>", 4, Replace});
  t->push_back({"split", "<s-(sf)n?:a<s>>", 3, Split});
}

}  // namespace sfn::asl::jsonata
