// asl/core/json.cc
#include "asl/core/json.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <unordered_map>

namespace sfn {

Json::Json(std::string s) : v_(std::make_shared<const std::string>(std::move(s))) {}

Json Json::MakeArray(Array items) {
  Json j;
  j.v_ = std::make_shared<Array>(std::move(items));
  return j;
}

Json Json::MakeObject(Object members) {
  // Small objects: quadratic scan is cheaper than hashing.
  bool has_duplicates = false;
  if (members.size() <= 16) {
    for (size_t i = 0; i < members.size() && !has_duplicates; ++i)
      for (size_t k = 0; k < i; ++k)
        if (members[k].first == members[i].first) { has_duplicates = true; break; }
  } else {
    std::unordered_map<std::string_view, size_t> seen;
    for (const auto& m : members)
      if (!seen.emplace(m.first, 0).second) { has_duplicates = true; break; }
  }
  Json j;
  if (!has_duplicates) {
    j.v_ = std::make_shared<Object>(std::move(members));
    return j;
  }
  Object unique;
  std::unordered_map<std::string, size_t> index;
  for (auto& m : members) {
    auto it = index.find(m.first);
    if (it != index.end()) {
      unique[it->second].second = std::move(m.second);
    } else {
      index.emplace(m.first, unique.size());
      unique.push_back(std::move(m));
    }
  }
  j.v_ = std::make_shared<Object>(std::move(unique));
  return j;
}

double Json::AsDouble() const {
  if (is_int()) return static_cast<double>(std::get<int64_t>(v_));
  return std::get<double>(v_);
}

size_t Json::size() const {
  if (is_array()) return AsArray().size();
  if (is_object()) return AsObject().size();
  return 0;
}

const Json* Json::Find(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const auto& m : AsObject())
    if (m.first == key) return &m.second;
  return nullptr;
}

Json Json::With(std::string_view key, Json value) const {
  Object members;
  if (is_object()) members = AsObject();
  for (auto& m : members) {
    if (m.first == key) {
      m.second = std::move(value);
      Json j;
      j.v_ = std::make_shared<Object>(std::move(members));
      return j;
    }
  }
  members.emplace_back(std::string(key), std::move(value));
  Json j;
  j.v_ = std::make_shared<Object>(std::move(members));
  return j;
}

namespace {

using PendingPairs = std::vector<std::pair<const Json*, const Json*>>;

// Compares two values without looking inside containers; true when they can
// only be equal if their items (then pushed onto `pending`) are. `strict`:
// an integer never equals a decimal.
bool ShallowEqual(const Json& a, const Json& b, bool strict, PendingPairs* pending) {
  if (strict && a.type() != b.type()) return false;
  if (a.is_number() && b.is_number()) {
    if (a.is_int() && b.is_int()) return a.AsInt() == b.AsInt();
    return a.AsDouble() == b.AsDouble();
  }
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Json::Type::kNull: return true;
    case Json::Type::kBool: return a.AsBool() == b.AsBool();
    case Json::Type::kString: return a.AsString() == b.AsString();
    case Json::Type::kArray: {
      const Json::Array& x = a.AsArray();
      const Json::Array& y = b.AsArray();
      if (&x == &y) return true;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) pending->emplace_back(&x[i], &y[i]);
      return true;
    }
    case Json::Type::kObject: {
      if (&a.AsObject() == &b.AsObject()) return true;
      if (a.size() != b.size()) return false;
      for (const auto& m : a.AsObject()) {
        const Json* o = b.Find(m.first);
        if (!o) return false;
        pending->emplace_back(&m.second, o);
      }
      return true;
    }
    default: return false;
  }
}

// Iterative: the pairs still to compare wait on the heap, not the stack.
bool DeepEqual(const Json& x, const Json& y, bool strict) {
  PendingPairs pending;
  if (!ShallowEqual(x, y, strict, &pending)) return false;
  while (!pending.empty()) {
    auto [a, b] = pending.back();
    pending.pop_back();
    if (!ShallowEqual(*a, *b, strict, &pending)) return false;
  }
  return true;
}

}  // namespace

bool Json::operator==(const Json& other) const { return DeepEqual(*this, other, false); }

bool StrictlyEqual(const Json& a, const Json& b) { return DeepEqual(a, b, true); }

void Json::ShareNested(std::vector<Json>* out) const {
  auto share = [out](const Json& child) {
    if (child.v_.index() < static_cast<size_t>(Type::kArray)) return;
    const bool empty = child.is_array() ? !std::get<ArrayPtr>(child.v_)
                                        : !std::get<ObjectPtr>(child.v_);
    if (!empty) out->push_back(child);
  };
  if (const ArrayPtr* a = std::get_if<ArrayPtr>(&v_)) {
    if (*a && a->use_count() == 1)
      for (const Json& item : **a) share(item);
  } else if (const ObjectPtr* o = std::get_if<ObjectPtr>(&v_)) {
    if (*o && o->use_count() == 1)
      for (const Member& m : **o) share(m.second);
  }
}

// The nested containers are copied (reference counts only) before this
// value's container is freed, so freeing it frees one level: each child
// still has the copy's reference. Children are read, never moved out: the
// container may have been shared with threads that have just let it go, and
// only the reference count's own release orders their reads before the free.
void Json::ReleaseNested() noexcept {
  std::vector<Json> pending;
  ShareNested(&pending);
  v_ = std::monostate();
  while (!pending.empty()) {
    Json next = std::move(pending.back());
    pending.pop_back();
    next.ShareNested(&pending);
    next.v_ = std::monostate();
  }
}

// ---------------------------------------------------------------- parsing

namespace {

// RapidJSON SAX handler that builds Json values with an explicit stack.
class Builder {
 public:
  explicit Builder(size_t max_depth) : max_depth_(max_depth) {}

  bool Null() { return Add(Json()); }
  bool Bool(bool b) { return Add(Json(b)); }
  bool Int(int i) { return Add(Json(static_cast<int64_t>(i))); }
  bool Uint(unsigned u) { return Add(Json(static_cast<int64_t>(u))); }
  bool Int64(int64_t i) { return Add(Json(i)); }
  bool Uint64(uint64_t u) {
    if (u > static_cast<uint64_t>(INT64_MAX)) return Add(Json(static_cast<double>(u)));
    return Add(Json(static_cast<int64_t>(u)));
  }
  bool Double(double d) { return Add(Json(d)); }
  // Numbers arrive as text (kParseNumbersAsStringsFlag), already checked
  // against JSON's grammar: RapidJSON 1.1.0's own full-precision conversion
  // reads out of bounds on fractions with hundreds of digits (and misreads
  // shorter ones), so the C++ library converts them instead.
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    const char* end = s + n;
    if (std::find_if(s, end, [](char c) { return c == '.' || c == 'e' || c == 'E'; }) == end) {
      int64_t i = 0;
      auto [ptr, ec] = std::from_chars(s, end, i);
      if (ec == std::errc() && ptr == end) return Add(Json(i));
    }
    double d = 0;
    auto [ptr, ec] = std::from_chars(s, end, d);
    if (ec == std::errc() && ptr == end) return Add(Json(d));
    // Out of range: underflow (a denormal or zero, which strtod gives) or
    // overflow, which RapidJSON refuses too.
    d = std::strtod(std::string(s, n).c_str(), nullptr);
    if (std::isinf(d)) {
      number_too_big_ = true;
      return false;
    }
    return Add(Json(d));
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    return Add(Json(std::string(s, n)));
  }
  bool StartObject() { return Push(true); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    frames_.back().key.assign(s, n);
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    Json j = Json::MakeObject(std::move(frames_.back().members));
    frames_.pop_back();
    return Add(std::move(j));
  }
  bool StartArray() { return Push(false); }
  bool EndArray(rapidjson::SizeType) {
    Json j = Json::MakeArray(std::move(frames_.back().items));
    frames_.pop_back();
    return Add(std::move(j));
  }

  bool too_deep() const { return too_deep_; }
  bool number_too_big() const { return number_too_big_; }
  Json& root() { return root_; }

 private:
  struct Frame {
    bool is_object;
    std::string key;
    Json::Array items;
    Json::Object members;
  };

  bool Push(bool is_object) {
    if (frames_.size() >= max_depth_) {
      too_deep_ = true;
      return false;
    }
    frames_.push_back(Frame{is_object, {}, {}, {}});
    return true;
  }

  bool Add(Json v) {
    if (frames_.empty()) {
      root_ = std::move(v);
    } else if (frames_.back().is_object) {
      frames_.back().members.emplace_back(std::move(frames_.back().key), std::move(v));
    } else {
      frames_.back().items.push_back(std::move(v));
    }
    return true;
  }

  size_t max_depth_;
  bool too_deep_ = false;
  bool number_too_big_ = false;
  std::vector<Frame> frames_;
  Json root_;
};

}  // namespace

JsonParseResult ParseJson(std::string_view text, size_t max_depth) {
  JsonParseResult result;
  Builder builder(max_depth);
  rapidjson::Reader reader;
  rapidjson::MemoryStream ms(text.data(), text.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> is(ms);
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag |
                              rapidjson::kParseValidateEncodingFlag;
  rapidjson::ParseResult pr = reader.Parse<kFlags>(is, builder);
  if (pr.IsError()) {
    result.error.offset = pr.Offset();
    result.error.message = builder.too_deep()          ? "Document nested too deeply"
                           : builder.number_too_big() ? rapidjson::GetParseError_En(
                                                            rapidjson::kParseErrorNumberTooBig)
                                                      : rapidjson::GetParseError_En(pr.Code());
    return result;
  }
  result.ok = true;
  result.value = std::move(builder.root());
  return result;
}

// ---------------------------------------------------------------- dumping

namespace {

// Writes `d` (finite, non-zero) laid out as Java's Double.toString does, from
// its shortest round-trip digits, into `buf` (at least 48 bytes); returns the
// length.
size_t WriteJavaDouble(double d, char* buf) {
  char sci[40];
  auto res = std::to_chars(sci, sci + sizeof sci, std::fabs(d), std::chars_format::scientific);
  // sci is "D[.DDD]e[+-]XX".
  const char* e = std::find(sci, res.ptr, 'e');
  int exponent = 0;
  std::from_chars(e + 1 + (e[1] == '+'), res.ptr, exponent);
  char digits[32];
  size_t n = 0;
  for (const char* p = sci; p < e; ++p)
    if (*p != '.') digits[n++] = *p;
  char* out = buf;
  if (d < 0) *out++ = '-';
  const double magnitude = std::fabs(d);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      const size_t int_len = static_cast<size_t>(exponent) + 1;
      for (size_t i = 0; i < int_len; ++i) *out++ = i < n ? digits[i] : '0';
      *out++ = '.';
      if (n > int_len) {
        out = std::copy(digits + int_len, digits + n, out);
      } else {
        *out++ = '0';
      }
    } else {
      *out++ = '0';
      *out++ = '.';
      out = std::fill_n(out, -exponent - 1, '0');
      out = std::copy(digits, digits + n, out);
    }
    return static_cast<size_t>(out - buf);
  }
  *out++ = digits[0];
  *out++ = '.';
  if (n > 1) {
    out = std::copy(digits + 1, digits + n, out);
  } else {
    *out++ = '0';
  }
  *out++ = 'E';
  out = std::to_chars(out, buf + 48, exponent).ptr;
  return static_cast<size_t>(out - buf);
}

// Writes any double as Java prints it; returns the length (`buf` >= 48 bytes).
size_t WriteDouble(double d, char* buf) {
  std::string_view text;
  if (std::isnan(d)) {
    text = "NaN";
  } else if (std::isinf(d)) {
    text = d > 0 ? "Infinity" : "-Infinity";
  } else if (d == 0) {
    text = std::signbit(d) ? "-0.0" : "0.0";
  } else {
    return WriteJavaDouble(d, buf);
  }
  std::copy(text.begin(), text.end(), buf);
  return text.size();
}

// True for the bytes a JSON string can hold unescaped.
inline bool Plain(unsigned char u) { return u >= 0x20 && u != '"' && u != '\\'; }

// The output buffer of serialization. std::string::push_back is not inlined
// and was the largest single cost of dumping small values byte by byte.
class Writer {
 public:
  void Clear() { len_ = 0; }
  const char* data() const { return buf_.get(); }
  size_t size() const { return len_; }
  size_t capacity() const { return cap_; }
  void Put(char c) {
    if (len_ == cap_) Grow(1);
    buf_[len_++] = c;
  }
  void Put(const char* p, size_t n) {
    if (cap_ - len_ < n) Grow(n);
    std::memcpy(buf_.get() + len_, p, n);
    len_ += n;
  }
  void Put(std::string_view s) { Put(s.data(), s.size()); }
  void Release() {
    buf_.reset();
    len_ = cap_ = 0;
  }

 private:
  void Grow(size_t extra) {
    size_t cap = std::max<size_t>(256, cap_ * 2);
    while (cap - len_ < extra) cap *= 2;
    std::unique_ptr<char[]> bigger(new char[cap]);
    if (len_ > 0) std::memcpy(bigger.get(), buf_.get(), len_);
    buf_ = std::move(bigger);
    cap_ = cap;
  }

  std::unique_ptr<char[]> buf_;
  size_t len_ = 0;
  size_t cap_ = 0;
};

void WriteString(std::string_view s, Writer* w) {
  static const char kHex[] = "0123456789abcdef";
  w->Put('"');
  size_t i = 0;
  while (i < s.size()) {
    // Copy the run of bytes that need no escape in one go.
    size_t run = i;
    while (run < s.size() && Plain(static_cast<unsigned char>(s[run]))) ++run;
    w->Put(s.data() + i, run - i);
    if (run == s.size()) break;
    const char c = s[run];
    const unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': w->Put("\\\""); break;
      case '\\': w->Put("\\\\"); break;
      case '\n': w->Put("\\n"); break;
      case '\r': w->Put("\\r"); break;
      case '\t': w->Put("\\t"); break;
      case '\b': w->Put("\\b"); break;
      case '\f': w->Put("\\f"); break;
      default: {
        const char escape[6] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 15]};
        w->Put(escape, sizeof escape);
      }
    }
    i = run + 1;
  }
  w->Put('"');
}

// Writes a scalar, or an empty array or object.
void WriteLeaf(const Json& value, Writer* w) {
  switch (value.type()) {
    case Json::Type::kNull: w->Put("null"); break;
    case Json::Type::kBool: w->Put(value.AsBool() ? std::string_view("true") : "false"); break;
    case Json::Type::kInt: {
      char buf[24];
      auto res = std::to_chars(buf, buf + sizeof buf, value.AsInt());
      w->Put(buf, static_cast<size_t>(res.ptr - buf));
      break;
    }
    case Json::Type::kDouble: {
      char buf[48];
      w->Put(buf, WriteDouble(value.AsDouble(), buf));
      break;
    }
    case Json::Type::kString: WriteString(value.AsString(), w); break;
    case Json::Type::kArray: w->Put("[]"); break;
    case Json::Type::kObject: w->Put("{}"); break;
  }
}

// Compact JSON, through WalkJson (any depth fits the stack).
struct CompactWriter {
  Writer* w;
  void Leaf(const Json& v, size_t) { WriteLeaf(v, w); }
  void Open(const Json& c, size_t) { w->Put(c.is_array() ? '[' : '{'); }
  void Item(const Json& c, size_t i, size_t) {
    if (i > 0) w->Put(',');
    if (c.is_array()) return;
    WriteString(c.AsObject()[i].first, w);
    w->Put(':');
  }
  void Close(const Json& c, size_t) { w->Put(c.is_array() ? ']' : '}'); }
};

// Serializes into the thread's buffer; the caller copies the text out.
// Not reentrant (nothing it calls serializes).
const Writer& SerializeInScratch(const Json& value) {
  thread_local Writer scratch;
  thread_local std::vector<JsonWalkFrame> open;
  if (scratch.capacity() > (1u << 20)) scratch.Release();  // don't hoard a huge one
  if (open.capacity() > 4096) open = {};
  scratch.Clear();
  CompactWriter writer{&scratch};
  WalkJson(value, writer, &open);
  return scratch;
}

}  // namespace

std::string FormatDouble(double d) {
  char buf[48];
  return std::string(buf, WriteDouble(d, buf));
}

void DumpStringTo(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    size_t run = i;
    while (run < s.size() && Plain(static_cast<unsigned char>(s[run]))) ++run;
    out->append(s.data() + i, run - i);
    if (run == s.size()) break;
    const char c = s[run];
    const unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default: {
        const char escape[6] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 15]};
        out->append(escape, sizeof escape);
      }
    }
    i = run + 1;
  }
  out->push_back('"');
}

void DumpTo(const Json& value, std::string* out) {
  const Writer& w = SerializeInScratch(value);
  out->append(w.data(), w.size());
}

// Built in a per-thread buffer, then copied once at its exact size: texts
// are often kept (history events), and a string grown by doubling would
// hold up to twice its length.
std::string Dump(const Json& value) {
  const Writer& w = SerializeInScratch(value);
  return std::string(w.data(), w.size());
}

const char* TypeName(Json::Type type) {
  switch (type) {
    case Json::Type::kNull: return "null";
    case Json::Type::kBool: return "boolean";
    case Json::Type::kInt:
    case Json::Type::kDouble: return "number";
    case Json::Type::kString: return "string";
    case Json::Type::kArray: return "array";
    case Json::Type::kObject: return "object";
  }
  return "unknown";
}

}  // namespace sfn
