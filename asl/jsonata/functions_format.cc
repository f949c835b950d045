// asl/jsonata/functions_format.cc
//
// $formatNumber (XPath fn:format-number pictures, with jsonata-js's exact
// analysis, including its quirks), $formatBase, $formatInteger and
// $parseInteger.
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <string>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/functions.h"
#include "asl/jsonata/integer_format.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

namespace {

using U32 = std::u32string;
constexpr size_t npos = U32::npos;

struct Symbols {
  U32 decimal = U".", grouping = U",", exponent = U"e", minus = U"-", percent = U"%";
  U32 per_mille = U"\u2030", zero = U"0", digit = U"#", pattern = U";";
  std::vector<char32_t> family;  // the ten digits from zero-digit
  bool IsFamily(char32_t c) const { return c >= family[0] && c <= family[9]; }
  bool IsActive(char32_t c) const {
    return IsFamily(c) || U32(1, c) == decimal || U32(1, c) == exponent || U32(1, c) == grouping ||
           U32(1, c) == digit || U32(1, c) == pattern;
  }
};

struct Parts {
  U32 prefix, suffix, active, mantissa, exponent, integer, fraction, picture;
  bool has_exponent = false;
};

struct Analysis {
  std::vector<int> integer_groups, fraction_groups;
  int regular = 0, min_int = 0, scaling = 0, min_frac = 0, max_frac = 0, min_exp = 0;
  U32 prefix, suffix, picture;
};

U32 Sub(const U32& s, size_t from, size_t to = npos) {
  if (from >= s.size()) return U32();
  return s.substr(from, to == npos ? npos : (to > from ? to - from : 0));
}

Parts SplitParts(const U32& sub, const Symbols& sym) {
  Parts p;
  p.picture = sub;
  for (size_t i = 0; i < sub.size(); ++i) {
    if (sym.IsActive(sub[i]) && U32(1, sub[i]) != sym.exponent) {
      p.prefix = sub.substr(0, i);
      break;
    }
  }
  for (size_t i = sub.size(); i-- > 0;) {
    if (sym.IsActive(sub[i]) && U32(1, sub[i]) != sym.exponent) {
      p.suffix = sub.substr(i + 1);
      break;
    }
  }
  p.active = Sub(sub, p.prefix.size(), sub.size() - p.suffix.size());
  size_t exp_pos = sub.find(sym.exponent, p.prefix.size());
  if (exp_pos == npos || exp_pos > sub.size() - p.suffix.size()) {
    p.mantissa = p.active;
  } else {
    // jsonata-js indexes the active part with the picture's offset.
    p.mantissa = Sub(p.active, 0, exp_pos);
    p.exponent = Sub(p.active, exp_pos + 1);
    p.has_exponent = true;
  }
  size_t dec = p.mantissa.find(sym.decimal);
  if (dec == npos) {
    p.integer = p.mantissa;
    p.fraction = p.suffix;
  } else {
    p.integer = p.mantissa.substr(0, dec);
    p.fraction = p.mantissa.substr(dec + 1);
  }
  return p;
}

int CountIf(const U32& s, const std::function<bool(char32_t)>& f) {
  int n = 0;
  for (char32_t c : s) n += f(c) ? 1 : 0;
  return n;
}

void Validate(const Parts& p, const Symbols& sym) {
  const U32& sub = p.picture;
  const char* error = nullptr;
  size_t dec = sub.find(sym.decimal);
  if (dec != sub.rfind(sym.decimal)) error = "D3081";
  if (sub.find(sym.percent) != sub.rfind(sym.percent)) error = "D3082";
  if (sub.find(sym.per_mille) != sub.rfind(sym.per_mille)) error = "D3083";
  if (sub.find(sym.percent) != npos && sub.find(sym.per_mille) != npos) error = "D3084";
  bool valid = false;
  for (char32_t c : p.mantissa) valid = valid || sym.IsFamily(c) || U32(1, c) == sym.digit;
  if (!valid) error = "D3085";
  for (char32_t c : p.active)
    if (!sym.IsActive(c)) error = "D3086";
  if (dec != npos) {
    bool before = dec > 0 && U32(1, sub[dec - 1]) == sym.grouping;
    bool after = dec + 1 < sub.size() && U32(1, sub[dec + 1]) == sym.grouping;
    if (before || after) error = "D3087";
  } else if (!p.integer.empty() && U32(1, p.integer.back()) == sym.grouping) {
    error = "D3088";
  }
  if (sub.find(sym.grouping + sym.grouping) != npos) error = "D3089";
  size_t opt = p.integer.find(sym.digit);
  if (opt != npos &&
      CountIf(p.integer.substr(0, opt), [&](char32_t c) { return sym.IsFamily(c); }) > 0)
    error = "D3090";
  opt = p.fraction.rfind(sym.digit);
  if (opt != npos &&
      CountIf(p.fraction.substr(opt), [&](char32_t c) { return sym.IsFamily(c); }) > 0)
    error = "D3091";
  bool has_pct = sub.find(sym.percent) != npos || sub.find(sym.per_mille) != npos;
  if (p.has_exponent && !p.exponent.empty() && has_pct) error = "D3092";
  if (p.has_exponent &&
      (p.exponent.empty() || CountIf(p.exponent, [&](char32_t c) { return !sym.IsFamily(c); }) > 0))
    error = "D3093";
  if (error) ThrowCode(error);
}

std::vector<int> GroupPositions(const U32& part, const Parts& p, const Symbols& sym, bool to_left) {
  std::vector<int> positions;
  auto counted = [&](char32_t c) { return sym.IsFamily(c) || U32(1, c) == sym.digit; };
  size_t pos = part.find(sym.grouping);
  while (pos != npos) {
    positions.push_back(CountIf(to_left ? part.substr(0, pos) : part.substr(pos), counted));
    pos = p.integer.find(sym.grouping, pos + 1);  // sic: jsonata-js searches the integer part
  }
  return positions;
}

int Regular(const std::vector<int>& indexes) {
  if (indexes.empty()) return 0;
  int factor = 0;
  for (int i : indexes) factor = std::gcd(factor, i);
  for (size_t k = 1; k <= indexes.size(); ++k)
    if (std::find(indexes.begin(), indexes.end(), static_cast<int>(k) * factor) == indexes.end())
      return 0;
  return factor;
}

Analysis Analyse(const Parts& p, const Symbols& sym) {
  Analysis a;
  a.integer_groups = GroupPositions(p.integer, p, sym, false);
  a.regular = Regular(a.integer_groups);
  a.fraction_groups = GroupPositions(p.fraction, p, sym, true);
  auto family = [&](char32_t c) { return sym.IsFamily(c); };
  a.min_int = CountIf(p.integer, family);
  a.scaling = a.min_int;
  a.min_frac = CountIf(p.fraction, family);
  a.max_frac = CountIf(p.fraction, [&](char32_t c) { return family(c) || U32(1, c) == sym.digit; });
  if (a.min_int == 0 && a.max_frac == 0) {
    if (p.has_exponent) {
      a.min_frac = a.max_frac = 1;
    } else {
      a.min_int = 1;
    }
  }
  if (p.has_exponent && a.min_int == 0 && p.integer.find(sym.digit) != npos) a.min_int = 1;
  if (a.min_int == 0 && a.min_frac == 0) a.min_frac = 1;
  if (p.has_exponent) a.min_exp = CountIf(p.exponent, family);
  a.prefix = p.prefix;
  a.suffix = p.suffix;
  a.picture = p.picture;
  return a;
}

U32 MakeString(double value, int dp, const Symbols& sym) {
  U32 s = DecodeUtf8(NumberToFixed(std::fabs(value), dp));
  if (sym.zero != U"0")
    for (char32_t& c : s)
      if (c >= U'0' && c <= U'9') c = sym.family[c - U'0'];
  return s;
}

// $round's half-even rounding to `precision` places.
double RoundHalfEven(double x, int precision);

// The mantissa rounded, in the picture's digits, with the decimal
// separator and the minimum integer and fraction sizes (no grouping yet).
U32 Digits(double mantissa, const Analysis& pic, const Symbols& sym) {
  double rounded = RoundHalfEven(mantissa, pic.max_frac);
  U32 s = MakeString(rounded, pic.max_frac, sym);
  size_t dot = s.find(U'.');
  if (dot == npos) {
    s += sym.decimal;
  } else {
    s.replace(dot, 1, sym.decimal);
  }
  while (!s.empty() && s[0] == sym.zero[0]) s.erase(0, 1);
  while (!s.empty() && s.back() == sym.zero[0]) s.pop_back();
  size_t dec = s.find(sym.decimal);
  int pad_left = pic.min_int - static_cast<int>(dec);
  int pad_right = pic.min_frac - static_cast<int>(s.size() - dec - 1);
  if (pad_left > 0) s.insert(0, static_cast<size_t>(pad_left), sym.zero[0]);
  if (pad_right > 0) s.append(static_cast<size_t>(pad_right), sym.zero[0]);
  return s;
}

// Inserts the grouping separators of the integer and fractional parts.
void InsertGrouping(const Analysis& pic, const Symbols& sym, U32* str) {
  U32& s = *str;
  size_t dec = s.find(sym.decimal);
  if (pic.regular > 0) {
    int groups = (static_cast<int>(dec) - 1) / pic.regular;
    for (int g = 1; g <= groups; ++g)
      s.insert(dec - static_cast<size_t>(g * pic.regular), sym.grouping);
  } else {
    for (int pos : pic.integer_groups) {
      if (static_cast<size_t>(pos) > dec) continue;
      s.insert(dec - static_cast<size_t>(pos), sym.grouping);
      ++dec;
    }
  }
  dec = s.find(sym.decimal);
  for (int pos : pic.fraction_groups)
    s.insert(std::min(s.size(), static_cast<size_t>(pos) + dec + 1), sym.grouping);
}

U32 Render(double value, const Analysis& pic, const Symbols& sym) {
  double adjusted = value;
  if (pic.picture.find(sym.percent) != npos) {
    adjusted = value * 100;
  } else if (pic.picture.find(sym.per_mille) != npos) {
    adjusted = value * 1000;
  }
  double mantissa = adjusted;
  bool has_exponent = pic.min_exp != 0;
  int exponent = 0;
  if (has_exponent && mantissa != 0) {
    double max_m = std::pow(10, pic.scaling), min_m = std::pow(10, pic.scaling - 1);
    while (std::fabs(mantissa) < min_m) mantissa *= 10, --exponent;
    while (std::fabs(mantissa) > max_m) mantissa /= 10, ++exponent;
  }
  U32 s = Digits(mantissa, pic, sym);
  InsertGrouping(pic, sym, &s);
  size_t dec = s.find(sym.decimal);
  if (pic.picture.find(sym.decimal) == npos || dec == s.size() - 1) s.pop_back();
  if (has_exponent) {
    U32 e = MakeString(exponent, 0, sym);
    int pad = pic.min_exp - static_cast<int>(e.size());
    if (pad > 0) e.insert(0, static_cast<size_t>(pad), sym.zero[0]);
    s += sym.exponent + (exponent < 0 ? sym.minus : U32()) + e;
  }
  return pic.prefix + s + pic.suffix;
}

void ApplyOptions(const Value& options, Symbols* sym) {
  static const std::pair<const char*, U32 Symbols::*> kNames[] = {
      {"decimal-separator", &Symbols::decimal},
      {"grouping-separator", &Symbols::grouping},
      {"exponent-separator", &Symbols::exponent},
      {"minus-sign", &Symbols::minus},
      {"percent", &Symbols::percent},
      {"per-mille", &Symbols::per_mille},
      {"zero-digit", &Symbols::zero},
      {"digit", &Symbols::digit},
      {"pattern-separator", &Symbols::pattern}};
  for (const Entry& e : options.ObjectEntries()) {
    if (!e.second.IsString() || e.second.AsString().empty()) continue;
    for (const auto& [name, member] : kNames)
      if (e.first == name) sym->*member = DecodeUtf8(e.second.AsString());
  }
}

Value FormatNumber(CallContext&, std::vector<Value>& args) {
  const Value& value = Arg(args, 0);
  if (value.IsUndefined()) return value;
  Symbols sym;
  if (Arg(args, 2).IsObject()) ApplyOptions(Arg(args, 2), &sym);
  for (int i = 0; i < 10; ++i) sym.family.push_back(sym.zero[0] + static_cast<char32_t>(i));
  U32 picture = DecodeUtf8(StringArg(args, 1));
  std::vector<U32> subs;
  size_t start = 0;
  for (size_t pos; (pos = picture.find(sym.pattern, start)) != npos;
       start = pos + sym.pattern.size())
    subs.push_back(picture.substr(start, pos - start));
  subs.push_back(picture.substr(start));
  if (subs.size() > 2) ThrowCode("D3080");
  std::vector<Analysis> pics;
  std::vector<Parts> parts;
  for (const U32& s : subs) parts.push_back(SplitParts(s, sym));
  for (const Parts& p : parts) Validate(p, sym);
  for (const Parts& p : parts) pics.push_back(Analyse(p, sym));
  if (pics.size() == 1) {
    pics.push_back(pics[0]);
    pics[1].prefix = sym.minus + pics[1].prefix;
  }
  const Analysis& pic = value.AsNumber() >= 0 ? pics[0] : pics[1];
  return Value::String(EncodeUtf8(Render(value.AsNumber(), pic, sym)));
}

double JsRound(double x) {
  double r = std::floor(x);
  if (x - r >= 0.5) r += 1;
  return r;
}

double Shift(double x, int places) {
  std::string s = NumberToString(x);
  size_t e = s.find('e');
  int exp = places;
  if (e != std::string::npos) {
    exp += std::atoi(s.c_str() + e + 1);
    s = s.substr(0, e);
  }
  return std::strtod((s + "e" + std::to_string(exp)).c_str(), nullptr);
}

double RoundHalfEven(double x, int precision) {
  if (precision != 0) x = Shift(x, precision);
  double r = JsRound(x);
  if (std::fabs(r - x) == 0.5 && std::fabs(std::fmod(r, 2)) == 1) r -= 1;
  if (precision != 0) r = Shift(r, -precision);
  return r == 0 ? 0 : r;
}

std::string ToRadix(double v, int radix) {
  if (v == 0) return "0";
  bool neg = v < 0;
  v = std::fabs(v);
  std::string out;
  while (v >= 1) {
    int d = static_cast<int>(std::fmod(v, radix));
    out.insert(out.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[d]);
    v = std::floor(v / radix);
  }
  return neg ? "-" + out : out;
}

Value FormatBase(CallContext&, std::vector<Value>& args) {
  const Value& value = Arg(args, 0);
  if (value.IsUndefined()) return value;
  double v = RoundHalfEven(value.AsNumber(), 0);
  double radix = Arg(args, 1).IsNumber() ? RoundHalfEven(Arg(args, 1).AsNumber(), 0) : 10;
  if (radix < 2 || radix > 36) ThrowValue("D3100", Value::Number(radix));
  return Value::String(ToRadix(v, static_cast<int>(radix)));
}

Value FormatInteger(CallContext&, std::vector<Value>& args) {
  const Value& value = Arg(args, 0);
  if (value.IsUndefined()) return value;
  IntegerFormat f = AnalyseIntegerPicture(DecodeUtf8(StringArg(args, 1)));
  return Value::String(FormatIntegerValue(std::floor(value.AsNumber()), f));
}

Value ParseInteger(CallContext&, std::vector<Value>& args) {
  const Value& value = Arg(args, 0);
  if (value.IsUndefined()) return value;
  IntegerFormat f = AnalyseIntegerPicture(DecodeUtf8(StringArg(args, 1)));
  return Value::Number(ParseIntegerValue(value.AsString(), f));
}

}  // namespace

void AddFormatFunctions(std::vector<BuiltinDef>* t) {
  t->push_back({"formatNumber", "<n-so?:s>", 3, FormatNumber});
  t->push_back({"formatBase", "<n-n?:s>", 2, FormatBase});
  t->push_back({"formatInteger", "<n-s:s>", 2, FormatInteger});
  t->push_back({"parseInteger", "<s-s:n>", 2, ParseInteger});
}

}  // namespace sfn::asl::jsonata
