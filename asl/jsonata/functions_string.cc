// asl/jsonata/functions_string.cc
//
// String functions that need no regular expressions: $string, $substring,
// $substringBefore, $substringAfter, $lowercase, $uppercase, $length,
// $trim, $pad, $join. Lengths and offsets count Unicode code points, as
// jsonata-js does (it iterates strings with for..of).
#include <algorithm>
#include <cmath>
#include <string>

#include "asl/jsonata/evaluator.h"
#include "asl/jsonata/functions.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

namespace {

Value String(CallContext&, std::vector<Value>& args) {
  const Value& pretty = Arg(args, 1);
  return ToStringValue(Arg(args, 0), pretty.IsBool() && pretty.AsBool());
}

// Array.prototype.slice on code points, with JavaScript's index rules.
std::string Slice(const std::u32string& s, double start, double end) {
  const double n = static_cast<double>(s.size());
  auto clamp = [n](double i) {
    if (std::isnan(i)) return 0.0;
    i = std::trunc(i);
    if (i < 0) return std::max(0.0, n + i);
    return std::min(i, n);
  };
  double from = clamp(start), to = clamp(end);
  if (to <= from) return "";
  return EncodeUtf8(
      std::u32string_view(s).substr(static_cast<size_t>(from), static_cast<size_t>(to - from)));
}

Value Substring(CallContext&, std::vector<Value>& args) {
  const Value& str = Arg(args, 0);
  if (str.IsUndefined()) return str;
  std::u32string chars = DecodeUtf8(str.AsString());
  const double len = static_cast<double>(chars.size());
  double start = Arg(args, 1).AsNumber();
  if (len + start < 0) start = 0;
  const Value& length = Arg(args, 2);
  if (length.IsDefined()) {
    if (length.AsNumber() <= 0) return Value::String("");
    double end = start >= 0 ? start + length.AsNumber() : len + start + length.AsNumber();
    return Value::String(Slice(chars, start, end));
  }
  return Value::String(Slice(chars, start, len));
}

Value SubstringBefore(CallContext&, std::vector<Value>& args) {
  const Value& str = Arg(args, 0);
  if (str.IsUndefined()) return str;
  const std::string& s = str.AsString();
  size_t pos = s.find(StringArg(args, 1));
  return pos == std::string::npos ? str : Value::String(s.substr(0, pos));
}

Value SubstringAfter(CallContext&, std::vector<Value>& args) {
  const Value& str = Arg(args, 0);
  if (str.IsUndefined()) return str;
  const std::string& s = str.AsString();
  const std::string& chars = StringArg(args, 1);
  size_t pos = s.find(chars);
  return pos == std::string::npos ? str : Value::String(s.substr(pos + chars.size()));
}

Value Lowercase(CallContext&, std::vector<Value>& args) {
  const Value& str = Arg(args, 0);
  return str.IsUndefined() ? str : Value::String(ToLowerString(str.AsString()));
}

Value Uppercase(CallContext&, std::vector<Value>& args) {
  const Value& str = Arg(args, 0);
  return str.IsUndefined() ? str : Value::String(ToUpperString(str.AsString()));
}

Value Length(CallContext&, std::vector<Value>& args) {
  const Value& str = Arg(args, 0);
  if (str.IsUndefined()) return str;
  return Value::Number(static_cast<double>(CodePointCount(str.AsString())));
}

Value Trim(CallContext&, std::vector<Value>& args) {
  const Value& str = Arg(args, 0);
  if (str.IsUndefined()) return str;
  std::string out;
  bool in_space = false;
  for (char c : str.AsString()) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!in_space) out.push_back(' ');
      in_space = true;
    } else {
      out.push_back(c);
      in_space = false;
    }
  }
  if (!out.empty() && out.front() == ' ') out.erase(0, 1);
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return Value::String(std::move(out));
}

Value Pad(CallContext& ctx, std::vector<Value>& args) {
  const Value& str = Arg(args, 0);
  if (str.IsUndefined()) return str;
  std::string pad = Arg(args, 2).IsString() ? Arg(args, 2).AsString() : "";
  if (pad.empty()) pad = std::string(1, ' ');
  double width = std::trunc(Arg(args, 1).AsNumber());
  double pad_length = std::fabs(width) - static_cast<double>(CodePointCount(str.AsString()));
  if (!(pad_length > 0)) return str;
  ctx.ev.CheckSequenceSize(static_cast<size_t>(pad_length));
  std::u32string pad_chars = DecodeUtf8(pad);
  std::u32string padding;
  size_t want = static_cast<size_t>(pad_length);
  while (padding.size() < want) padding += pad_chars;
  padding.resize(want);
  std::string p = EncodeUtf8(padding);
  return Value::String(width > 0 ? str.AsString() + p : p + str.AsString());
}

Value Join(CallContext&, std::vector<Value>& args) {
  const Value& strs = Arg(args, 0);
  if (strs.IsUndefined()) return strs;
  std::string sep = Arg(args, 1).IsString() ? Arg(args, 1).AsString() : "";
  std::string out;
  bool first = true;
  for (const Value& s : strs.ArrayItems()) {
    if (!first) out += sep;
    first = false;
    out += s.AsString();
  }
  return Value::String(std::move(out));
}

}  // namespace

void AddStringFunctions(std::vector<BuiltinDef>* t) {
  t->push_back({"string", "<x-b?:s>", 1, String});
  t->push_back({"substring", "<s-nn?:s>", 3, Substring});
  t->push_back({"substringBefore", "<s-s:s>", 2, SubstringBefore});
  t->push_back({"substringAfter", "<s-s:s>", 2, SubstringAfter});
  t->push_back({"lowercase", "<s-:s>", 1, Lowercase});
  t->push_back({"uppercase", "<s-:s>", 1, Uppercase});
  t->push_back({"length", "<s-:n>", 1, Length});
  t->push_back({"trim", "<s-:s>", 1, Trim});
  t->push_back({"pad", "<s-ns?:s>", 3, Pad});
  t->push_back({"join", "<a<s>s?:s>", 2, Join});
}

}  // namespace sfn::asl::jsonata
