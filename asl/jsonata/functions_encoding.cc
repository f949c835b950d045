// asl/jsonata/functions_encoding.cc
//
// $base64encode/$base64decode (over Latin-1 "binary" strings, as Node's
// Buffer does for jsonata-js) and the URL encoders and decoders, which
// follow JavaScript's encodeURI(Component)/decodeURI(Component).
#include <cstring>
#include <string>

#include "asl/core/encoding.h"
#include "asl/jsonata/errors.h"
#include "asl/jsonata/functions.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

namespace {

Value Base64Encode(CallContext&, std::vector<Value>& args) {
  const Value& str = Arg(args, 0);
  if (str.IsUndefined()) return str;
  // Each UTF-16 code unit contributes its low byte ("binary" encoding).
  std::string bytes;
  for (char32_t c : DecodeUtf8(str.AsString())) {
    if (c >= 0x10000) {
      char32_t v = c - 0x10000;
      bytes.push_back(static_cast<char>((0xD800 + (v >> 10)) & 0xFF));
      bytes.push_back(static_cast<char>((0xDC00 + (v & 0x3FF)) & 0xFF));
    } else {
      bytes.push_back(static_cast<char>(c & 0xFF));
    }
  }
  return Value::String(sfn::Base64Encode(bytes));
}

Value Base64Decode(CallContext&, std::vector<Value>& args) {
  const Value& str = Arg(args, 0);
  if (str.IsUndefined()) return str;
  // Node skips characters outside the alphabet, reads the URL-safe '-' and
  // '_' as '+' and '/', stops at '=' and drops a lone final character
  // (it holds less than a byte).
  std::string digits;
  for (char c : str.AsString()) {
    if (c == '=') break;
    c = c == '-' ? '+' : c == '_' ? '/' : c;
    if (Base64Digit(c) >= 0) digits.push_back(c);
  }
  if (digits.size() % 4 == 1) digits.pop_back();
  // Each byte becomes the code point of the same value ("binary" strings).
  std::string out;
  for (char byte : sfn::Base64Decode(digits).value_or(""))
    AppendUtf8(static_cast<unsigned char>(byte), &out);
  return Value::String(std::move(out));
}

[[noreturn]] void Malformed(const Value& str, const char* function) {
  Error e;
  e.code = "D3140";
  e.value = str;
  e.has_value = true;
  e.function_name = function;
  Throw(std::move(e));
}

Value Encode(const Value& str, const char* keep, const char* function) {
  if (str.IsUndefined()) return str;
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char32_t c : DecodeUtf8(str.AsString())) {
    // A lone surrogate (or bytes that are not UTF-8) cannot be encoded.
    if ((c >= 0xD800 && c < 0xE000) ||
        (c == 0xFFFD && str.AsString().find("\xEF\xBF\xBD") == std::string::npos))
      Malformed(str, function);
    if (c < 0x80 && (std::isalnum(static_cast<int>(c)) || std::strchr(keep, static_cast<int>(c)))) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    std::string bytes;
    AppendUtf8(c, &bytes);
    for (unsigned char b : bytes) {
      out.push_back('%');
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 15]);
    }
  }
  return Value::String(std::move(out));
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// decodeURI(Component): `reserved` escapes are kept as written.
Value Decode(const Value& str, const char* reserved, const char* function) {
  if (str.IsUndefined()) return str;
  const std::string& s = str.AsString();
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '%') {
      out.push_back(s[i++]);
      continue;
    }
    auto byte_at = [&](size_t at) -> int {
      if (at + 2 >= s.size()) return -1;
      if (s[at] != '%') return -1;
      int hi = Hex(s[at + 1]), lo = Hex(s[at + 2]);
      return (hi < 0 || lo < 0) ? -1 : hi * 16 + lo;
    };
    int b = byte_at(i);
    if (b < 0) Malformed(str, function);
    int extra = b < 0x80             ? 0
                : (b & 0xE0) == 0xC0 ? 1
                : (b & 0xF0) == 0xE0 ? 2
                : (b & 0xF8) == 0xF0 ? 3
                                     : -1;
    if (extra < 0) Malformed(str, function);
    if (extra == 0) {
      if (*reserved && std::strchr(reserved, b)) {
        out.append(s, i, 3);
      } else {
        out.push_back(static_cast<char>(b));
      }
      i += 3;
      continue;
    }
    std::string bytes(1, static_cast<char>(b));
    for (int k = 1; k <= extra; ++k) {
      int c = byte_at(i + 3 * static_cast<size_t>(k));
      if (c < 0 || (c & 0xC0) != 0x80) Malformed(str, function);
      bytes.push_back(static_cast<char>(c));
    }
    std::u32string cp = DecodeUtf8(bytes);
    if (cp.size() != 1 || cp[0] == 0xFFFD || (cp[0] >= 0xD800 && cp[0] < 0xE000))
      Malformed(str, function);
    out += bytes;
    i += 3 * (static_cast<size_t>(extra) + 1);
  }
  return Value::String(std::move(out));
}

Value EncodeUrlComponent(CallContext&, std::vector<Value>& args) {
  return Encode(Arg(args, 0), "-_.!~*'()", "encodeUrlComponent");
}
Value EncodeUrl(CallContext&, std::vector<Value>& args) {
  return Encode(Arg(args, 0), "-_.!~*'();/?:@&=+$,#", "encodeUrl");
}
Value DecodeUrlComponent(CallContext&, std::vector<Value>& args) {
  return Decode(Arg(args, 0), "", "decodeUrlComponent");
}
Value DecodeUrl(CallContext&, std::vector<Value>& args) {
  return Decode(Arg(args, 0), ";/?:@&=+$,#", "decodeUrl");
}

}  // namespace

void AddEncodingFunctions(std::vector<BuiltinDef>* t) {
  t->push_back({"base64encode", "<s-:s>", 1, Base64Encode});
  t->push_back({"base64decode", "<s-:s>", 1, Base64Decode});
  t->push_back({"encodeUrlComponent", "<s-:s>", 1, EncodeUrlComponent});
  t->push_back({"encodeUrl", "<s-:s>", 1, EncodeUrl});
  t->push_back({"decodeUrlComponent", "<s-:s>", 1, DecodeUrlComponent});
  t->push_back({"decodeUrl", "<s-:s>", 1, DecodeUrl});
}

}  // namespace sfn::asl::jsonata
