// asl/jsonata/functions_encoding.cc
//
// $base64encode/$base64decode (over Latin-1 "binary" strings, as Node's
// Buffer does for jsonata-js) and the URL encoders and decoders, which
// follow JavaScript's encodeURI(Component)/decodeURI(Component).
#include <cstring>
#include <string>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/functions.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int Base64Value(char c) {
  const char* p = std::strchr(kBase64, c);
  return (c != '\0' && p) ? static_cast<int>(p - kBase64) : -1;
}

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
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                 (static_cast<uint8_t>(bytes[i + 1]) << 8) | static_cast<uint8_t>(bytes[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out.push_back(kBase64[(n >> k) & 63]);
  }
  if (i < bytes.size()) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    out.push_back(kBase64[(n >> 18) & 63]);
    out.push_back(kBase64[(n >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kBase64[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return Value::String(std::move(out));
}

Value Base64Decode(CallContext&, std::vector<Value>& args) {
  const Value& str = Arg(args, 0);
  if (str.IsUndefined()) return str;
  // Node skips characters outside the alphabet and stops at '='.
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : str.AsString()) {
    if (c == '=') break;
    int v = Base64Value(c == '-' ? '+' : c == '_' ? '/' : c);
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      AppendUtf8(static_cast<char32_t>((acc >> bits) & 0xFF), &out);
    }
  }
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
