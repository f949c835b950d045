// asl/core/json_size.cc: how long a value's JSON text is at most, without
// writing it (Dump in json.cc is the serializer this measures).
#include <string_view>

#include "asl/core/json.h"

namespace sfn {
namespace {

// The quoted, escaped length of `s` as Dump writes it.
size_t StringTextSize(std::string_view s) {
  size_t n = s.size() + 2;
  for (const char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && c != '"' && c != '\\') continue;
    const bool short_escape =
        c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f';
    n += short_escape ? 1 : 5;  // \n or \u00XX
  }
  return n;
}

size_t IntTextSize(int64_t i) {
  size_t n = i < 0 ? 2 : 1;  // the sign, and the last digit
  uint64_t u = i < 0 ? 0 - static_cast<uint64_t>(i) : static_cast<uint64_t>(i);
  while (u >= 10) {
    u /= 10;
    ++n;
  }
  return n;
}

// Dump writes a double into a buffer of this size (json.cc WriteLeaf);
// Java's Double.toString needs at most 24 ("-2.2250738585072014E-308").
constexpr size_t kLongestDouble = 48;

size_t ScalarTextSize(const Json& v) {
  switch (v.type()) {
    case Json::Type::kNull:
      return 4;
    case Json::Type::kBool:
      return v.AsBool() ? 4 : 5;
    case Json::Type::kInt:
      return IntTextSize(v.AsInt());
    case Json::Type::kDouble:
      return kLongestDouble;
    case Json::Type::kString:
      return StringTextSize(v.AsString());
    case Json::Type::kArray:
    case Json::Type::kObject:
      return 2;  // empty
  }
  return 0;
}

struct SizeVisitor {
  size_t total = 0;
  void Leaf(const Json& v, size_t) { total += ScalarTextSize(v); }
  void Open(const Json&, size_t) { total += 2; }  // the brackets
  void Item(const Json& c, size_t i, size_t) {
    if (i > 0) ++total;                                                     // the comma
    if (c.is_object()) total += StringTextSize(c.AsObject()[i].first) + 1;  // key and colon
  }
  void Close(const Json&, size_t) {}
};

}  // namespace

size_t JsonTextSizeBound(const Json& value) {
  SizeVisitor visitor;
  WalkJson(value, visitor);
  return visitor.total;
}

}  // namespace sfn
