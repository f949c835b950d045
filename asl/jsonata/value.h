// asl/jsonata/value.h
//
// Value: what a JSONata expression computes with. Besides JSON's types it
// has "undefined" (no value), functions (lambdas, built-ins, regexes) and
// array flags that drive JSONata's sequence rules (a result sequence of one
// item collapses to the item, a constructed array does not).
//
// Values wrap input sfn::Json lazily: an array or object taken from the
// input is converted one level at a time, and only when it is iterated, so
// a large document costs nothing until it is walked. A Value is immutable
// once built, except for the lazy caches; Values belong to one evaluation
// and are never shared between threads (constants in the compiled AST are
// scalars, which are immutable).
#ifndef SFN_ASL_JSONATA_VALUE_H_
#define SFN_ASL_JSONATA_VALUE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "asl/core/json.h"

namespace sfn::asl::jsonata {

class Function;
class Value;

using Items = std::vector<Value>;
using Entry = std::pair<std::string, Value>;
using Entries = std::vector<Entry>;

class Value {
 public:
  enum class Kind : uint8_t {
    kUndefined,
    kNull,
    kBool,
    kNumber,
    kString,
    kArray,
    kObject,
    kFunction
  };
  // Array flags (JSONata keeps them as properties of JS arrays).
  static constexpr uint8_t kSequence = 1;       // a result sequence, not a JSON array
  static constexpr uint8_t kKeepSingleton = 2;  // `[]` on a step: never collapse
  static constexpr uint8_t kCons = 4;           // built by an array constructor
  static constexpr uint8_t kOuterWrapper = 8;   // the input array wrapped once
  static constexpr uint8_t kTupleStream = 16;   // items are tuples {"@": ..., "$v": ...}

  Value() noexcept : num_(0) {}  // undefined
  Value(const Value& other) : kind_(other.kind_), flags_(other.flags_) { CopyFrom(other); }
  Value(Value&& other) noexcept : kind_(other.kind_), flags_(other.flags_) {
    MoveFrom(std::move(other));
  }
  Value& operator=(const Value& other) {
    if (this != &other) {
      Value copy(other);  // `other` may live inside this value
      *this = std::move(copy);
    }
    return *this;
  }
// GCC cannot see that kind_ selects the live union member of `taken` and
// warns that it may be uninitialized when it is destroyed.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
  Value& operator=(Value&& other) noexcept {
    if (this != &other) {
      Value taken(std::move(static_cast<Value&>(other)), 0);  // `other` may live inside us
      Destroy();
      kind_ = taken.kind_;
      flags_ = taken.flags_;
      MoveFrom(std::move(taken));
    }
    return *this;
  }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
  ~Value() { Destroy(); }

  static Value Null();
  static Value Bool(bool b);
  static Value Number(double d);
  static Value String(std::string s);
  static Value String(const char* s) { return String(std::string(s)); }
  static Value String(const Json& string_json);  // shares the JSON string
  static Value Array(Items items, uint8_t flags = 0);
  static Value Sequence(Items items) { return Array(std::move(items), kSequence); }
  static Value Object(Entries entries);  // entries must have distinct keys
  static Value Func(std::shared_ptr<const Function> f);
  // Wraps `j` without copying it; containers are converted on first use.
  static Value FromJson(const Json& j);

  Kind kind() const { return kind_; }
  bool IsUndefined() const { return kind_ == Kind::kUndefined; }
  bool IsDefined() const { return kind_ != Kind::kUndefined; }
  bool IsNull() const { return kind_ == Kind::kNull; }
  bool IsBool() const { return kind_ == Kind::kBool; }
  bool IsNumber() const { return kind_ == Kind::kNumber; }
  bool IsString() const { return kind_ == Kind::kString; }
  bool IsArray() const { return kind_ == Kind::kArray; }
  bool IsObject() const { return kind_ == Kind::kObject; }
  bool IsFunction() const { return kind_ == Kind::kFunction; }

  bool AsBool() const { return num_ != 0; }
  double AsNumber() const { return num_; }
  const std::string& AsString() const { return str_.AsString(); }
  const Json& StringJson() const { return str_; }

  // Arrays.
  const Items& ArrayItems() const;
  size_t Size() const { return ArrayItems().size(); }
  const Value& operator[](size_t i) const { return ArrayItems()[i]; }
  uint8_t flags() const { return flags_; }
  bool Has(uint8_t flag) const { return (flags_ & flag) != 0; }
  void Set(uint8_t flag) { flags_ |= flag; }
  void SetFlags(uint8_t flags) { flags_ = flags; }
  bool IsSequence() const { return IsArray() && Has(kSequence); }

  // Objects.
  const Entries& ObjectEntries() const;
  // The member named `key`, or undefined.
  Value Get(std::string_view key) const;
  bool HasKey(std::string_view key) const;

  // Functions.
  const Function& Fn() const { return *static_cast<const Function*>(ptr_.get()); }
  std::shared_ptr<const Function> FnPtr() const;

  // True when a function may be reachable from this value (so binding it in
  // a frame can create a reference cycle).
  bool MayHoldFunction() const;
  // The input JSON this array or object still mirrors unchanged (not yet
  // converted), or nullptr.
  const Json* JsonSource() const;
  // Identity of the heap node (for function identity in `=`).
  const void* identity() const { return HoldsPointer() ? ptr_.get() : nullptr; }

  // Converts to JSON. Functions become null inside containers and are
  // reported through *has_function; undefined array items are skipped and
  // undefined members dropped, as JSON.stringify does.
  Json ToJson(bool* has_function) const;

  // When this value alone holds its array or object, moves the items that
  // are arrays or objects out to `out`, so that freeing it frees one level
  // only (ArrayData and ObjectData free nested values this way, without
  // recursion: input JSON may nest deeper than the stack could recurse).
  void DetachNested(std::vector<Value>* out) const;

 private:
  // Move construction that leaves `other` undefined (for move assignment).
  Value(Value&& other, int) noexcept : kind_(other.kind_), flags_(other.flags_) {
    MoveFrom(std::move(other));
  }
  bool HoldsString() const { return kind_ == Kind::kString; }
  bool HoldsPointer() const {
    return kind_ == Kind::kArray || kind_ == Kind::kObject || kind_ == Kind::kFunction;
  }
  // Both initialise the member that this->kind_ (already copied from
  // `other`) selects.
  [[gnu::always_inline]] void CopyFrom(const Value& other) {
    if (HoldsString()) {
      new (&str_) Json(other.str_);
    } else if (HoldsPointer()) {
      new (&ptr_) std::shared_ptr<const void>(other.ptr_);
    } else {
      num_ = other.num_;
    }
  }
  [[gnu::always_inline]] void MoveFrom(Value&& other) {
    if (HoldsString()) {
      new (&str_) Json(std::move(other.str_));
    } else if (HoldsPointer()) {
      new (&ptr_) std::shared_ptr<const void>(std::move(other.ptr_));
    } else {
      num_ = other.num_;
    }
    other.Destroy();
    other.kind_ = Kind::kUndefined;
    other.num_ = 0;
  }
  [[gnu::always_inline]] void Destroy() {
    if (HoldsString()) {
      str_.~Json();
    } else if (HoldsPointer()) {
      ptr_.~shared_ptr();
    }
  }

  Kind kind_ = Kind::kUndefined;
  uint8_t flags_ = 0;
  union {
    double num_;                       // kNumber, kBool
    Json str_;                         // kString
    std::shared_ptr<const void> ptr_;  // ArrayData, ObjectData or Function
  };
};

// Shared bodies of arrays and objects. `mutable` members are lazy caches
// filled on first use by the evaluation that owns the value.
// Values built by an expression may nest at most this deep: walking or
// freeing deeper ones recursively could exhaust the stack.
constexpr uint32_t kMaxBuiltNesting = 2000;

struct ArrayData {
  ~ArrayData();
  mutable Items items;
  Json source;             // the JSON array this mirrors, if any
  bool from_json = false;  // `source` is set (and, arrays being immutable, current)
  mutable bool materialized = true;
  bool may_hold_function = false;
  uint32_t depth = 1;  // nesting of built values (input JSON counts as 1)
};

struct ObjectData {
  ~ObjectData();
  mutable Entries entries;
  Json source;
  bool from_json = false;
  mutable bool mutated = false;  // changed in place (transforms): `source` is stale
  mutable bool materialized = true;
  mutable bool may_hold_function = false;
  uint32_t depth = 1;
  mutable std::unordered_map<std::string_view, size_t> index;  // built for big objects
  mutable bool indexed = false;
};

// In-place changes to an object that was just built by this evaluation
// and is not shared yet (transform expressions edit their private clone).
void MutableSet(const Value& object, const std::string& key, const Value& value);
void MutableErase(const Value& object, const std::string& key);

// JSONata's deep equality (numbers by value, members in any order,
// functions by identity).
bool DeepEqual(const Value& a, const Value& b);

// Helpers that mirror jsonata-js utils.
bool IsArrayOfStrings(const Value& v);
bool IsArrayOfNumbers(const Value& v);

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_VALUE_H_
