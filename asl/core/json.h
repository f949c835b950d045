// asl/core/json.h
//
// Json: the immutable JSON value every module passes around (execution data,
// definitions, results, history details). Arrays, objects and strings are
// held behind shared pointers, so copying a Json is cheap and a value can be
// shared between history events, runs and threads without locking. Objects
// keep their members in insertion order, as AWS prints them.
//
// Numbers keep the integer/decimal distinction of their source text: 3 stays
// 3, 3.0 stays 3.0 (AWS's Jackson-based service does the same).
//
// RapidJSON is used only inside json.cc, for parsing. Parsing, printing,
// comparing and freeing a value are iterative (an explicit stack on the
// heap), so a value nested as deep as the parser accepts, or deeper, cannot
// overflow a thread's stack in them.
#ifndef SFN_ASL_CORE_JSON_H_
#define SFN_ASL_CORE_JSON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "asl/core/status.h"

namespace sfn {

class Json {
 public:
  enum class Type : uint8_t { kNull, kBool, kInt, kDouble, kString, kArray, kObject };
  using Array = std::vector<Json>;
  using Member = std::pair<std::string, Json>;
  using Object = std::vector<Member>;

  Json() = default;  // null
  Json(std::nullptr_t) {}                                   // NOLINT
  Json(bool b) : v_(b) {}                                   // NOLINT
  Json(int i) : v_(static_cast<int64_t>(i)) {}              // NOLINT
  Json(int64_t i) : v_(i) {}                                // NOLINT
  Json(double d) : v_(d) {}                                 // NOLINT
  Json(std::string s);                                      // NOLINT
  Json(std::string_view s) : Json(std::string(s)) {}        // NOLINT
  Json(const char* s) : Json(std::string(s)) {}             // NOLINT
  Json(const Json&) = default;
  Json(Json&&) noexcept = default;
  Json& operator=(const Json&) = default;
  Json& operator=(Json&&) noexcept = default;
  // Frees nested containers this value alone owns one at a time rather
  // than recursively.
  ~Json() {
    if (v_.index() >= static_cast<size_t>(Type::kArray)) ReleaseNested();
  }
  // Builds an array. Cheap: the vector is moved in.
  static Json MakeArray(Array items);
  // Builds an object; a repeated key keeps its first position and last value.
  static Json MakeObject(Object members);

  Type type() const { return static_cast<Type>(v_.index()); }
  bool is_null() const { return type() == Type::kNull; }
  bool is_bool() const { return type() == Type::kBool; }
  bool is_int() const { return type() == Type::kInt; }
  bool is_double() const { return type() == Type::kDouble; }
  bool is_number() const { return is_int() || is_double(); }
  bool is_string() const { return type() == Type::kString; }
  bool is_array() const { return type() == Type::kArray; }
  bool is_object() const { return type() == Type::kObject; }

  // Accessors; calling one for the wrong type is a bug (asserts).
  bool AsBool() const { return std::get<bool>(v_); }
  int64_t AsInt() const { return std::get<int64_t>(v_); }
  double AsDouble() const;  // kInt or kDouble
  const std::string& AsString() const { return *std::get<StringPtr>(v_); }
  const Array& AsArray() const { return *std::get<ArrayPtr>(v_); }
  const Object& AsObject() const { return *std::get<ObjectPtr>(v_); }

  // Number of array items or object members; 0 for scalars.
  size_t size() const;
  // The member named `key`, or nullptr (also when this is not an object).
  const Json* Find(std::string_view key) const;
  // A copy of this object with `key` set to `value` (replaced in place, or
  // appended). A non-object is treated as an empty object.
  Json With(std::string_view key, Json value) const;

  // Deep equality; numbers compare by value (1 == 1.0), object members
  // regardless of order.
  bool operator==(const Json& other) const;
  bool operator!=(const Json& other) const { return !(*this == other); }

 private:
  // Containers are never changed once built.
  using StringPtr = std::shared_ptr<const std::string>;
  using ArrayPtr = std::shared_ptr<Array>;
  using ObjectPtr = std::shared_ptr<Object>;

  // Copies the children that are containers onto `out` when this value is
  // its container's only owner.
  void ShareNested(std::vector<Json>* out) const;
  void ReleaseNested() noexcept;

  // The index of each alternative equals its Type.
  std::variant<std::monostate, bool, int64_t, double, StringPtr, ArrayPtr, ObjectPtr> v_;
};

// Deep equality that also tells integers from decimals (1 != 1.0), as
// Java's equals on Jackson's nodes does; otherwise as operator==.
bool StrictlyEqual(const Json& a, const Json& b);

// A container open during WalkJson, and the index of its next item.
struct JsonWalkFrame {
  const Json* container;
  size_t next;
};

// Walks `value` in document order without recursion, so that any nesting
// depth fits the stack: the open containers wait in `*open` (cleared first;
// pass a reused one to save allocations). The visitor is called with
// `depth`, the number of containers open around the value:
//   Leaf(const Json& v, size_t depth)   a scalar, or an empty array or object
//   Open(const Json& c, size_t depth)   a non-empty array or object begins
//   Item(const Json& c, size_t i, size_t depth)  item i of c comes next
//                                       (depth: that of the item)
//   Close(const Json& c, size_t depth)  c ends
template <typename Visitor>
void WalkJson(const Json& value, Visitor& visitor, std::vector<JsonWalkFrame>* open) {
  open->clear();
  const Json* v = &value;
  while (v != nullptr) {
    if (v->size() == 0) {
      visitor.Leaf(*v, open->size());
    } else {
      visitor.Open(*v, open->size());
      open->push_back({v, 0});
    }
    v = nullptr;
    while (v == nullptr && !open->empty()) {
      JsonWalkFrame& top = open->back();
      const Json& c = *top.container;
      if (top.next == c.size()) {
        open->pop_back();
        visitor.Close(c, open->size());
        continue;
      }
      const size_t i = top.next++;
      visitor.Item(c, i, open->size());
      v = c.is_array() ? &c.AsArray()[i] : &c.AsObject()[i].second;
    }
  }
}

template <typename Visitor>
void WalkJson(const Json& value, Visitor& visitor) {
  std::vector<JsonWalkFrame> open;
  WalkJson(value, visitor, &open);
}

// Where and why JSON text failed to parse.
struct JsonParseError {
  size_t offset = 0;
  std::string message;  // RapidJSON's description
};

// Parses one JSON document (RFC 8259; surrounding white space allowed).
// Nesting deeper than `max_depth` is refused rather than built.
struct JsonParseResult {
  bool ok = false;
  Json value;
  JsonParseError error;
};
JsonParseResult ParseJson(std::string_view text, size_t max_depth = 10000);

// Compact serialization: no spaces, non-ASCII kept as UTF-8, control
// characters escaped, doubles printed as Java's Double.toString would.
std::string Dump(const Json& value);
void DumpTo(const Json& value, std::string* out);
// At least Dump(value).size(), found without writing the text: exact but
// that each double counts as the longest text a double may have. For
// checking a size limit cheaply (Dump when the bound is above it).
size_t JsonTextSizeBound(const Json& value);
// Appends `s` as a quoted JSON string.
void DumpStringTo(std::string_view s, std::string* out);
// Formats a double the way Java's Double.toString does (1.0, 0.5, 1.0E10).
std::string FormatDouble(double d);

// The name AWS uses in messages for a value's type ("string", "number", ...).
const char* TypeName(Json::Type type);

}  // namespace sfn

#endif  // SFN_ASL_CORE_JSON_H_
