// asl/jsonata/text.cc
#include "asl/jsonata/text.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "asl/jsonata/errors.h"

namespace sfn::asl::jsonata {

namespace {

// Shortest round-trip digits of |d| and the decimal exponent n such that
// value = 0.DIGITS * 10^n (ECMAScript's "n").
void ShortestDigits(double d, std::string* digits, int* n) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), std::fabs(d), std::chars_format::scientific);
  std::string_view s(buf, res.ptr - buf);
  size_t e = s.find('e');
  digits->clear();
  for (size_t i = 0; i < e; ++i)
    if (s[i] != '.') digits->push_back(s[i]);
  while (digits->size() > 1 && digits->back() == '0') digits->pop_back();
  *n = std::atoi(std::string(s.substr(e + 1)).c_str()) + 1;
}

// Rounds the decimal string of |d| printed with many digits to `keep`
// digits after the first significant digit position `pos`, half away from
// zero (JavaScript's toFixed/toPrecision pick the larger candidate on ties).
std::string RoundHalfUp(std::string digits, size_t keep, int* carry_exp) {
  *carry_exp = 0;
  if (digits.size() <= keep) return digits;
  bool up = digits[keep] >= '5';
  digits.resize(keep);
  if (!up) return digits;
  int i = static_cast<int>(keep) - 1;
  while (i >= 0 && digits[i] == '9') digits[i--] = '0';
  if (i >= 0) {
    digits[i]++;
  } else {
    digits.insert(digits.begin(), '1');
    *carry_exp = 1;
  }
  return digits;
}

void AppendEscaped(char32_t c, std::string* out) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(c));
  out->append(buf);
}

void StringifyTo(const Value& v, bool for_string, bool pretty, int indent, std::string* out);

void Newline(bool pretty, int indent, std::string* out) {
  if (!pretty) return;
  out->push_back('\n');
  out->append(static_cast<size_t>(indent) * 2, ' ');
}

void StringifyArray(const Value& v, bool for_string, bool pretty, int indent, std::string* out) {
  const Items& items = v.ArrayItems();
  out->push_back('[');
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out->push_back(',');
    Newline(pretty, indent + 1, out);
    const Value& item = items[i];
    if (item.IsUndefined() || (!for_string && item.IsFunction())) {
      out->append("null");
    } else {
      StringifyTo(item, for_string, pretty, indent + 1, out);
    }
  }
  if (!items.empty()) Newline(pretty, indent, out);
  out->push_back(']');
}

void StringifyObject(const Value& v, bool for_string, bool pretty, int indent, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const Entry& e : v.ObjectEntries()) {
    if (e.second.IsUndefined() || (!for_string && e.second.IsFunction())) continue;
    if (!first) out->push_back(',');
    first = false;
    Newline(pretty, indent + 1, out);
    QuoteJsonString(e.first, out);
    out->push_back(':');
    if (pretty) out->push_back(' ');
    StringifyTo(e.second, for_string, pretty, indent + 1, out);
  }
  if (!first) Newline(pretty, indent, out);
  out->push_back('}');
}

// JSON from the input, not yet converted to Values, is written directly,
// through WalkJson (input may nest deeper than the stack could recurse).
struct JsonStringifier {
  bool for_string;
  bool pretty;
  int indent;
  std::string* out;

  void Leaf(const Json& j, size_t) {
    switch (j.type()) {
      case Json::Type::kNull: out->append("null"); return;
      case Json::Type::kBool: out->append(j.AsBool() ? "true" : "false"); return;
      case Json::Type::kInt:
      case Json::Type::kDouble: {
        double d = j.AsDouble();
        if (for_string && d != std::floor(d)) d = RoundToPrecision(d, 15);
        out->append(NumberToString(d));
        return;
      }
      case Json::Type::kString: QuoteJsonString(j.AsString(), out); return;
      case Json::Type::kArray: out->append("[]"); return;
      case Json::Type::kObject: out->append("{}"); return;
    }
  }
  void Open(const Json& c, size_t) { out->push_back(c.is_array() ? '[' : '{'); }
  void Item(const Json& c, size_t i, size_t depth) {
    if (i > 0) out->push_back(',');
    Newline(pretty, indent + static_cast<int>(depth), out);
    if (c.is_array()) return;
    QuoteJsonString(c.AsObject()[i].first, out);
    out->push_back(':');
    if (pretty) out->push_back(' ');
  }
  void Close(const Json& c, size_t depth) {
    Newline(pretty, indent + static_cast<int>(depth), out);
    out->push_back(c.is_array() ? ']' : '}');
  }
};

void StringifyJson(const Json& j, bool for_string, bool pretty, int indent, std::string* out) {
  JsonStringifier stringifier{for_string, pretty, indent, out};
  WalkJson(j, stringifier);
}

void StringifyTo(const Value& v, bool for_string, bool pretty, int indent, std::string* out) {
  if (const Json* source = v.JsonSource())
    return StringifyJson(*source, for_string, pretty, indent, out);
  switch (v.kind()) {
    case Value::Kind::kUndefined:
    case Value::Kind::kNull:
      out->append("null");
      return;
    case Value::Kind::kBool:
      out->append(v.AsBool() ? "true" : "false");
      return;
    case Value::Kind::kNumber: {
      double d = v.AsNumber();
      if (!std::isfinite(d)) {
        if (for_string) ThrowValue("D1001", v);  // $string's replacer rejects them
        out->append("null");
        return;
      }
      if (for_string && d != std::floor(d)) d = RoundToPrecision(d, 15);
      out->append(NumberToString(d));
      return;
    }
    case Value::Kind::kString:
      QuoteJsonString(v.AsString(), out);
      return;
    case Value::Kind::kFunction:
      out->append(for_string ? "\"\"" : "null");
      return;
    case Value::Kind::kArray:
      StringifyArray(v, for_string, pretty, indent, out);
      return;
    case Value::Kind::kObject:
      StringifyObject(v, for_string, pretty, indent, out);
      return;
  }
}

}  // namespace

std::string NumberToString(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return "0";
  std::string digits;
  int n = 0;
  ShortestDigits(d, &digits, &n);
  const int k = static_cast<int>(digits.size());
  std::string out = d < 0 ? "-" : "";
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, n);
    out += '.';
    out += digits.substr(n);
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out += digits;
  } else {
    int e = n - 1;
    out += digits[0];
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += e < 0 ? "e-" : "e+";
    out += std::to_string(std::abs(e));
  }
  return out;
}

std::string NumberToFixed(double d, int digits) {
  if (!std::isfinite(d)) return NumberToString(d);
  if (std::fabs(d) >= 1e21) return NumberToString(d);
  // Print with plenty of extra digits, then round half up by hand.
  std::vector<char> buf(512);
  int len = std::snprintf(buf.data(), buf.size(), "%.*f", digits + 30, std::fabs(d));
  std::string s(buf.data(), static_cast<size_t>(len));
  size_t dot = s.find('.');
  std::string all = s.substr(0, dot) + s.substr(dot + 1);
  int carry = 0;
  std::string rounded = RoundHalfUp(all, dot + static_cast<size_t>(digits), &carry);
  size_t int_len = dot + static_cast<size_t>(carry);
  std::string out = rounded.substr(0, int_len);
  // Strip leading zeros but keep one.
  size_t nz = out.find_first_not_of('0');
  out = nz == std::string::npos ? "0" : out.substr(nz);
  if (digits > 0) {
    out += '.';
    out += rounded.substr(int_len);
  }
  bool negative = d < 0 && out.find_first_not_of("0.") != std::string::npos;
  return negative ? "-" + out : out;
}

double RoundToPrecision(double d, int precision) {
  if (!std::isfinite(d) || d == 0) return d;
  // Most numbers are short already: then rounding changes nothing.
  std::string shortest;
  int n = 0;
  ShortestDigits(d, &shortest, &n);
  if (static_cast<int>(shortest.size()) <= precision) return d;
  char buf[128];
  std::snprintf(buf, sizeof(buf), "%.*e", precision + 20, std::fabs(d));
  std::string s(buf);
  size_t e = s.find('e');
  int exp = std::atoi(s.c_str() + e + 1);
  std::string digits = s.substr(0, 1) + s.substr(2, e - 2);
  int carry = 0;
  std::string rounded = RoundHalfUp(digits, static_cast<size_t>(precision), &carry);
  // After a carry `rounded` has one more digit, which already scales it up.
  std::string text = rounded + "e" + std::to_string(exp - precision + 1);
  double r = std::strtod(text.c_str(), nullptr);
  return d < 0 ? -r : r;
}

std::string StringifyForString(const Value& v, bool pretty) {
  std::string out;
  StringifyTo(v, true, pretty, 0, &out);
  return out;
}

std::string StringifyForMessage(const Value& v) {
  if (v.IsUndefined() || v.IsFunction()) return "undefined";
  std::string out;
  StringifyTo(v, false, false, 0, &out);
  return out;
}

void QuoteJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20) {
          AppendEscaped(c, out);
        } else {
          out->push_back(ch);
        }
    }
  }
  out->push_back('"');
}

namespace {

// Decodes the UTF-8 sequence at s[*i] and advances *i; U+FFFD (one byte
// consumed) for bytes that do not form a sequence.
char32_t DecodeOne(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int extra = c < 0x80             ? 0
              : (c & 0xE0) == 0xC0 ? 1
              : (c & 0xF0) == 0xE0 ? 2
              : (c & 0xF8) == 0xF0 ? 3
                                   : -1;
  if (extra < 0 || *i + static_cast<size_t>(extra) >= s.size() + (extra == 0 ? 1 : 0)) {
    ++*i;
    return extra == 0 ? c : 0xFFFD;
  }
  char32_t cp = extra == 0 ? c : (c & (0x3F >> extra));
  for (int k = 1; k <= extra; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[*i + static_cast<size_t>(k)]);
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *i += static_cast<size_t>(extra) + 1;
  return cp;
}

}  // namespace

std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) out.push_back(DecodeOne(s, &i));
  return out;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string EncodeUtf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) AppendUtf8(c, &out);
  return out;
}

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (char ch : s)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

size_t Utf16Length(std::u32string_view s) {
  size_t n = 0;
  for (char32_t c : s) n += c >= 0x10000 ? 2 : 1;
  return n;
}

namespace {

// Upper/lower pairs laid out as alternating code points (U+0100 Ā, U+0101 ā).
bool InAlternatingBlock(char32_t c) {
  return (c >= 0x100 && c <= 0x137 && c != 0x130 && c != 0x131) || (c >= 0x139 && c <= 0x148) ||
         (c >= 0x14A && c <= 0x177) || (c >= 0x179 && c <= 0x17E) || (c >= 0x460 && c <= 0x481) ||
         (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F);
}

// In blocks starting at an odd code point, the upper case letter is odd.
bool UpperIsOdd(char32_t c) { return (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E); }

}  // namespace

char32_t ToUpperCodePoint(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  if ((c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;
  if (c == 0xFF) return 0x178;
  if (c == 0xB5) return 0x39C;
  if (c == 0x131) return 'I';
  if (InAlternatingBlock(c)) {
    bool odd = (c & 1) != 0;
    bool is_lower = UpperIsOdd(c) ? !odd : odd;
    return is_lower ? c - 1 : c;
  }
  if (c >= 0x3B1 && c <= 0x3C9) return c == 0x3C2 ? 0x3A3 : c - 32;
  if (c == 0x3AC) return 0x386;
  if (c >= 0x3AD && c <= 0x3AF) return c - 37;
  if (c == 0x3CC) return 0x38C;
  if (c == 0x3CD || c == 0x3CE) return c - 63;
  if (c >= 0x430 && c <= 0x44F) return c - 32;
  if (c >= 0x450 && c <= 0x45F) return c - 80;
  if (c >= 0xFF41 && c <= 0xFF5A) return c - 32;
  return c;
}

char32_t ToLowerCodePoint(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
  if (c == 0x178) return 0xFF;
  if (c == 0x130) return 'i';
  if (InAlternatingBlock(c)) {
    bool odd = (c & 1) != 0;
    bool is_upper = UpperIsOdd(c) ? odd : !odd;
    return is_upper ? c + 1 : c;
  }
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 63;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if (c >= 0xFF21 && c <= 0xFF3A) return c + 32;
  return c;
}

std::string ToUpperString(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : DecodeUtf8(s)) {
    if (c == 0xDF) {
      out += "SS";
    } else {
      AppendUtf8(ToUpperCodePoint(c), &out);
    }
  }
  return out;
}

std::string ToLowerString(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : DecodeUtf8(s)) AppendUtf8(ToLowerCodePoint(c), &out);
  return out;
}

}  // namespace sfn::asl::jsonata
