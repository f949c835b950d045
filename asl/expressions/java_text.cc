// asl/expressions/java_text.cc
#include "asl/expressions/java_text.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace sfn::asl {
namespace {

// Decodes one UTF-8 sequence at `*i` (advancing it); invalid bytes decode
// as themselves so that hashing never fails.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[(*i)++]);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  uint32_t cp = extra == 3 ? c & 0x07 : extra == 2 ? c & 0x0F : extra == 1 ? c & 0x1F : c;
  for (int k = 0; k < extra && *i < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[(*i)++]) & 0x3F);
  return cp;
}

}  // namespace

namespace {

// Java's toString of the value's Map/List form, through WalkJson (any depth
// fits the stack).
struct JavaTextWriter {
  std::string* out;
  void Leaf(const Json& value, size_t) {
    switch (value.type()) {
      case Json::Type::kNull: out->append("null"); break;
      case Json::Type::kBool: out->append(value.AsBool() ? "true" : "false"); break;
      case Json::Type::kInt: {
        char buf[24];
        auto res = std::to_chars(buf, buf + sizeof buf, value.AsInt());
        out->append(buf, res.ptr);
        break;
      }
      case Json::Type::kDouble: out->append(FormatDouble(value.AsDouble())); break;
      case Json::Type::kString: out->append(value.AsString()); break;
      case Json::Type::kArray: out->append("[]"); break;
      case Json::Type::kObject: out->append("{}"); break;
    }
  }
  void Open(const Json& c, size_t) { out->push_back(c.is_array() ? '[' : '{'); }
  void Item(const Json& c, size_t i, size_t) {
    if (i > 0) out->append(", ");
    if (c.is_array()) return;
    out->append(c.AsObject()[i].first);
    out->push_back('=');
  }
  void Close(const Json& c, size_t) { out->push_back(c.is_array() ? ']' : '}'); }
};

}  // namespace

void AppendJavaString(const Json& value, std::string* out) {
  JavaTextWriter writer{out};
  WalkJson(value, writer);
}

std::string JavaToString(const Json& value) {
  std::string out;
  AppendJavaString(value, &out);
  return out;
}

const char* JavaClassName(const Json& value) {
  switch (value.type()) {
    case Json::Type::kNull:
      return "null";
    case Json::Type::kBool:
      return "java.lang.Boolean";
    case Json::Type::kInt:
      return value.AsInt() >= INT32_MIN && value.AsInt() <= INT32_MAX ? "java.lang.Integer"
                                                                      : "java.lang.Long";
    case Json::Type::kDouble:
      return "java.lang.Double";
    case Json::Type::kString:
      return "java.lang.String";
    case Json::Type::kArray:
      return "java.util.ArrayList";
    case Json::Type::kObject:
      return "java.util.LinkedHashMap";
  }
  return "java.lang.Object";
}

int32_t JavaStringHash(std::string_view utf8) {
  uint32_t h = 0;
  size_t i = 0;
  while (i < utf8.size()) {
    uint32_t cp = NextCodePoint(utf8, &i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      h = 31 * h + (0xD800 + (cp >> 10));
      h = 31 * h + (0xDC00 + (cp & 0x3FF));
    } else {
      h = 31 * h + cp;
    }
  }
  return static_cast<int32_t>(h);
}

size_t Utf16Length(std::string_view utf8) {
  size_t n = 0;
  size_t i = 0;
  while (i < utf8.size()) n += NextCodePoint(utf8, &i) >= 0x10000 ? 2 : 1;
  return n;
}

// A HashMap iterates bucket by bucket; within a bucket, entries keep their
// insertion order (resizing splits chains without reordering them). So the
// order only depends on the final table size.
std::vector<size_t> JavaHashMapOrder(const std::vector<std::string_view>& keys) {
  size_t capacity = 16;
  while (keys.size() > capacity * 3 / 4) capacity *= 2;
  std::vector<std::pair<uint32_t, size_t>> slots;
  slots.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    uint32_t h = static_cast<uint32_t>(JavaStringHash(keys[i]));
    h ^= h >> 16;
    slots.emplace_back(h & static_cast<uint32_t>(capacity - 1), i);
  }
  std::stable_sort(slots.begin(), slots.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<size_t> order;
  order.reserve(slots.size());
  for (const auto& s : slots) order.push_back(s.second);
  return order;
}

}  // namespace sfn::asl
