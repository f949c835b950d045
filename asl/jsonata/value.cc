// asl/jsonata/value.cc
#include "asl/jsonata/value.h"

#include <algorithm>
#include <cmath>

#include "asl/jsonata/errors.h"

namespace sfn::asl::jsonata {

static_assert(sizeof(Value) <= 32, "Value should stay small: arrays hold millions");

namespace {

// Objects at least this big get a hash index on first lookup; below it a
// linear scan is faster.
constexpr size_t kIndexThreshold = 12;

const Items& EmptyItems() {
  static const Items* empty = new Items();
  return *empty;
}

const Entries& EmptyEntries() {
  static const Entries* empty = new Entries();
  return *empty;
}

Json NumberToJson(double d) {
  // JSON has no non-finite numbers; AWS writes them as JavaScript names them.
  if (std::isnan(d)) return Json("NaN");
  if (std::isinf(d)) return Json(d > 0 ? "Infinity" : "-Infinity");
  if (d == std::floor(d) && std::fabs(d) < 9.2e18) {
    return Json(static_cast<int64_t>(d));
  }
  return Json(d);
}

}  // namespace

Value Value::Null() {
  Value v;
  v.kind_ = Kind::kNull;
  return v;
}

Value Value::Bool(bool b) {
  Value v;
  v.kind_ = Kind::kBool;
  v.num_ = b ? 1 : 0;
  return v;
}

Value Value::Number(double d) {
  Value v;
  v.kind_ = Kind::kNumber;
  v.num_ = d;
  return v;
}

Value Value::String(std::string s) {
  Value v;
  v.kind_ = Kind::kString;
  new (&v.str_) Json(std::move(s));
  return v;
}

Value Value::String(const Json& string_json) {
  Value v;
  v.kind_ = Kind::kString;
  new (&v.str_) Json(string_json);
  return v;
}

namespace {

// How deeply a built value nests (scalars: 0).
uint32_t Nesting(const Value& v) {
  if (v.IsArray()) return static_cast<const ArrayData*>(v.identity())->depth;
  if (v.IsObject()) return static_cast<const ObjectData*>(v.identity())->depth;
  return 0;
}

uint32_t NestingOf(uint32_t deepest_child) {
  if (deepest_child >= kMaxBuiltNesting)
    ThrowValue("D1011", Value::Number(static_cast<double>(kMaxBuiltNesting)));
  return deepest_child + 1;
}

}  // namespace

Value Value::Array(Items items, uint8_t flags) {
  auto data = std::make_shared<ArrayData>();
  uint32_t deepest = 0;
  for (const Value& item : items) {
    if (item.MayHoldFunction()) data->may_hold_function = true;
    if (item.kind_ == Kind::kArray || item.kind_ == Kind::kObject)
      deepest = std::max(deepest, Nesting(item));
  }
  data->depth = NestingOf(deepest);
  data->items = std::move(items);
  Value v;
  v.kind_ = Kind::kArray;
  v.flags_ = flags;
  new (&v.ptr_) std::shared_ptr<const void>(std::move(data));
  return v;
}

Value Value::Object(Entries entries) {
  auto data = std::make_shared<ObjectData>();
  uint32_t deepest = 0;
  for (const Entry& e : entries) {
    if (e.second.MayHoldFunction()) data->may_hold_function = true;
    const Value& v = e.second;
    if (v.kind_ == Kind::kArray || v.kind_ == Kind::kObject)
      deepest = std::max(deepest, Nesting(v));
  }
  data->depth = NestingOf(deepest);
  data->entries = std::move(entries);
  Value v;
  v.kind_ = Kind::kObject;
  new (&v.ptr_) std::shared_ptr<const void>(std::move(data));
  return v;
}

Value Value::Func(std::shared_ptr<const Function> f) {
  Value v;
  v.kind_ = Kind::kFunction;
  new (&v.ptr_) std::shared_ptr<const void>(std::move(f));
  return v;
}

namespace {

bool IsContainer(const Value& v) { return v.IsArray() || v.IsObject(); }

// Frees `pending` and everything only it holds, one level at a time.
void ReleaseIteratively(std::vector<Value>* pending) {
  while (!pending->empty()) {
    Value next = std::move(pending->back());
    pending->pop_back();
    next.DetachNested(pending);
  }  // `next` holds no nested container now: freeing it does not recurse
}

}  // namespace

void Value::DetachNested(std::vector<Value>* out) const {
  if (!IsContainer(*this) || ptr_.use_count() != 1) return;
  if (IsArray()) {
    for (Value& item : static_cast<const ArrayData*>(ptr_.get())->items)
      if (IsContainer(item)) out->push_back(std::move(item));
  } else {
    for (Entry& e : static_cast<const ObjectData*>(ptr_.get())->entries)
      if (IsContainer(e.second)) out->push_back(std::move(e.second));
  }
}

ArrayData::~ArrayData() {
  std::vector<Value> pending;
  for (Value& item : items)
    if (IsContainer(item)) pending.push_back(std::move(item));
  ReleaseIteratively(&pending);
}

ObjectData::~ObjectData() {
  std::vector<Value> pending;
  for (Entry& e : entries)
    if (IsContainer(e.second)) pending.push_back(std::move(e.second));
  ReleaseIteratively(&pending);
}

Value Value::FromJson(const Json& j) {
  switch (j.type()) {
    case Json::Type::kNull:
      return Null();
    case Json::Type::kBool:
      return Bool(j.AsBool());
    case Json::Type::kInt:
    case Json::Type::kDouble:
      return Number(j.AsDouble());
    case Json::Type::kString:
      return String(j);
    case Json::Type::kArray: {
      auto data = std::make_shared<ArrayData>();
      data->source = j;
      data->from_json = true;
      data->materialized = false;
      Value v;
      v.kind_ = Kind::kArray;
      new (&v.ptr_) std::shared_ptr<const void>(std::move(data));
      return v;
    }
    case Json::Type::kObject: {
      auto data = std::make_shared<ObjectData>();
      data->source = j;
      data->from_json = true;
      data->materialized = false;
      Value v;
      v.kind_ = Kind::kObject;
      new (&v.ptr_) std::shared_ptr<const void>(std::move(data));
      return v;
    }
  }
  return Value();
}

const Items& Value::ArrayItems() const {
  if (kind_ != Kind::kArray) return EmptyItems();
  const auto* data = static_cast<const ArrayData*>(ptr_.get());
  if (!data->materialized) {
    const Json::Array& src = data->source.AsArray();
    data->items.reserve(src.size());
    for (const Json& j : src) data->items.push_back(FromJson(j));
    data->materialized = true;
  }
  return data->items;
}

const Entries& Value::ObjectEntries() const {
  if (kind_ != Kind::kObject) return EmptyEntries();
  const auto* data = static_cast<const ObjectData*>(ptr_.get());
  if (!data->materialized) {
    const Json::Object& src = data->source.AsObject();
    data->entries.reserve(src.size());
    for (const auto& m : src) data->entries.emplace_back(m.first, FromJson(m.second));
    data->materialized = true;
  }
  return data->entries;
}

Value Value::Get(std::string_view key) const {
  if (kind_ != Kind::kObject) return Value();
  const auto* data = static_cast<const ObjectData*>(ptr_.get());
  if (!data->materialized) {
    const Json* member = data->source.Find(key);
    return member ? FromJson(*member) : Value();
  }
  const Entries& entries = data->entries;
  if (entries.size() < kIndexThreshold) {
    for (const Entry& e : entries)
      if (e.first == key) return e.second;
    return Value();
  }
  if (!data->indexed) {
    data->index.reserve(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) data->index.emplace(entries[i].first, i);
    data->indexed = true;
  }
  auto it = data->index.find(key);
  return it == data->index.end() ? Value() : entries[it->second].second;
}

bool Value::HasKey(std::string_view key) const {
  if (kind_ != Kind::kObject) return false;
  const auto* data = static_cast<const ObjectData*>(ptr_.get());
  if (!data->materialized) return data->source.Find(key) != nullptr;
  return Get(key).IsDefined();
}

const Json* Value::JsonSource() const {
  if (kind_ == Kind::kArray) {
    const auto* data = static_cast<const ArrayData*>(ptr_.get());
    return data->from_json ? &data->source : nullptr;
  }
  if (kind_ == Kind::kObject) {
    const auto* data = static_cast<const ObjectData*>(ptr_.get());
    return data->from_json && !data->mutated ? &data->source : nullptr;
  }
  return nullptr;
}

std::shared_ptr<const Function> Value::FnPtr() const {
  return std::static_pointer_cast<const Function>(ptr_);
}

bool Value::MayHoldFunction() const {
  switch (kind_) {
    case Kind::kFunction:
      return true;
    case Kind::kArray:
      return static_cast<const ArrayData*>(ptr_.get())->may_hold_function;
    case Kind::kObject:
      return static_cast<const ObjectData*>(ptr_.get())->may_hold_function;
    default:
      return false;
  }
}

Json Value::ToJson(bool* has_function) const {
  switch (kind_) {
    case Kind::kUndefined:
    case Kind::kNull:
      return Json();
    case Kind::kBool:
      return Json(AsBool());
    case Kind::kNumber:
      return NumberToJson(num_);
    case Kind::kString:
      return str_;
    case Kind::kFunction:
      if (has_function) *has_function = true;
      return Json();
    case Kind::kArray: {
      if (const Json* source = JsonSource()) return *source;
      const auto* data = static_cast<const ArrayData*>(ptr_.get());
      Json::Array out;
      out.reserve(data->items.size());
      // As JSON.stringify: undefined and function items become null.
      for (const Value& item : data->items) out.push_back(item.ToJson(has_function));
      return Json::MakeArray(std::move(out));
    }
    case Kind::kObject: {
      if (const Json* source = JsonSource()) return *source;
      const auto* data = static_cast<const ObjectData*>(ptr_.get());
      Json::Object out;
      out.reserve(data->entries.size());
      for (const Entry& e : data->entries) {
        // As JSON.stringify: undefined and function members are dropped.
        if (e.second.IsUndefined()) continue;
        if (e.second.IsFunction()) {
          if (has_function) *has_function = true;
          continue;
        }
        out.emplace_back(e.first, e.second.ToJson(has_function));
      }
      return Json::MakeObject(std::move(out));
    }
  }
  return Json();
}

void MutableSet(const Value& object, const std::string& key, const Value& value) {
  if (!object.IsObject()) return;
  const Entries& entries = object.ObjectEntries();  // materializes
  const auto* data = static_cast<const ObjectData*>(object.identity());
  data->mutated = true;
  for (Entry& e : data->entries) {
    if (e.first == key) {
      e.second = value;
      if (value.MayHoldFunction()) data->may_hold_function = true;
      return;
    }
  }
  (void)entries;
  data->entries.emplace_back(key, value);
  data->index.clear();
  data->indexed = false;
  if (value.MayHoldFunction()) data->may_hold_function = true;
}

void MutableErase(const Value& object, const std::string& key) {
  if (!object.IsObject()) return;
  object.ObjectEntries();  // materializes
  const auto* data = static_cast<const ObjectData*>(object.identity());
  data->mutated = true;
  for (auto it = data->entries.begin(); it != data->entries.end(); ++it) {
    if (it->first == key) {
      data->entries.erase(it);
      data->index.clear();
      data->indexed = false;
      return;
    }
  }
}

namespace {

using PendingValues = std::vector<std::pair<Value, Value>>;

// Compares without looking inside containers; true when a and b can only be
// equal if their items (then pushed onto `pending`) are.
bool ShallowEqual(const Value& a, const Value& b, PendingValues* pending) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::kUndefined:
    case Value::Kind::kNull:
      return true;
    case Value::Kind::kBool:
      return a.AsBool() == b.AsBool();
    case Value::Kind::kNumber:
      return a.AsNumber() == b.AsNumber();
    case Value::Kind::kString:
      return a.AsString() == b.AsString();
    case Value::Kind::kFunction:
      return a.identity() == b.identity();
    case Value::Kind::kArray: {
      if (a.identity() == b.identity()) return true;
      const Items& x = a.ArrayItems();
      const Items& y = b.ArrayItems();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) pending->emplace_back(x[i], y[i]);
      return true;
    }
    case Value::Kind::kObject: {
      if (a.identity() == b.identity()) return true;
      const Entries& x = a.ObjectEntries();
      const Entries& y = b.ObjectEntries();
      if (x.size() != y.size()) return false;
      for (const Entry& e : x) {
        if (!b.HasKey(e.first)) return false;
        pending->emplace_back(e.second, b.Get(e.first));
      }
      return true;
    }
  }
  return false;
}

}  // namespace

// Iterative: the pairs still to compare wait on the heap (input JSON may
// nest deeper than the stack could recurse).
bool DeepEqual(const Value& a, const Value& b) {
  PendingValues pending;
  if (!ShallowEqual(a, b, &pending)) return false;
  while (!pending.empty()) {
    auto [x, y] = std::move(pending.back());
    pending.pop_back();
    if (!ShallowEqual(x, y, &pending)) return false;
  }
  return true;
}

bool IsArrayOfStrings(const Value& v) {
  if (!v.IsArray()) return false;
  for (const Value& item : v.ArrayItems())
    if (!item.IsString()) return false;
  return true;
}

bool IsArrayOfNumbers(const Value& v) {
  if (!v.IsArray()) return false;
  for (const Value& item : v.ArrayItems())
    if (!item.IsNumber()) return false;
  return true;
}

}  // namespace sfn::asl::jsonata
