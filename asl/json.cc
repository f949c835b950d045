// asl/json.cc
#include "asl/json.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace sfn {

Json::Json(std::string s) : v_(std::make_shared<const std::string>(std::move(s))) {}

Json Json::MakeArray(Array items) {
  Json j;
  j.v_ = std::make_shared<const Array>(std::move(items));
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
    j.v_ = std::make_shared<const Object>(std::move(members));
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
  j.v_ = std::make_shared<const Object>(std::move(unique));
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
      j.v_ = std::make_shared<const Object>(std::move(members));
      return j;
    }
  }
  members.emplace_back(std::string(key), std::move(value));
  Json j;
  j.v_ = std::make_shared<const Object>(std::move(members));
  return j;
}

bool Json::operator==(const Json& other) const {
  if (is_number() && other.is_number()) {
    if (is_int() && other.is_int()) return AsInt() == other.AsInt();
    return AsDouble() == other.AsDouble();
  }
  if (type() != other.type()) return false;
  switch (type()) {
    case Type::kNull: return true;
    case Type::kBool: return AsBool() == other.AsBool();
    case Type::kString: return AsString() == other.AsString();
    case Type::kArray: {
      if (v_ == other.v_) return true;
      const Array& a = AsArray();
      const Array& b = other.AsArray();
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return false;
      return true;
    }
    case Type::kObject: {
      if (v_ == other.v_) return true;
      if (size() != other.size()) return false;
      for (const auto& m : AsObject()) {
        const Json* o = other.Find(m.first);
        if (!o || *o != m.second) return false;
      }
      return true;
    }
    default: return false;
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
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return false; }
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
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseFullPrecisionFlag |
                              rapidjson::kParseValidateEncodingFlag;
  rapidjson::ParseResult pr = reader.Parse<kFlags>(is, builder);
  if (pr.IsError()) {
    result.error.offset = pr.Offset();
    result.error.message = builder.too_deep() ? "Document nested too deeply"
                                              : rapidjson::GetParseError_En(pr.Code());
    return result;
  }
  result.ok = true;
  result.value = std::move(builder.root());
  return result;
}

// ---------------------------------------------------------------- dumping

std::string FormatDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
  // Shortest round-trip digits, then laid out as Java does.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);  // e.g. "-1.2345e+06"
  bool negative = sci[0] == '-';
  if (negative) sci.erase(0, 1);
  size_t e = sci.find('e');
  int exponent = std::stoi(sci.substr(e + 1));
  std::string digits;
  for (size_t i = 0; i < e; ++i)
    if (sci[i] != '.') digits += sci[i];
  std::string out = negative ? "-" : "";
  double magnitude = std::fabs(d);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      size_t int_len = static_cast<size_t>(exponent) + 1;
      while (digits.size() < int_len) digits += '0';
      out += digits.substr(0, int_len);
      out += '.';
      out += digits.size() > int_len ? digits.substr(int_len) : "0";
    } else {
      out += "0.";
      out += std::string(static_cast<size_t>(-exponent - 1), '0');
      out += digits;
    }
  } else {
    out += digits[0];
    out += '.';
    out += digits.size() > 1 ? digits.substr(1) : "0";
    out += 'E';
    out += std::to_string(exponent);
  }
  return out;
}

void DumpStringTo(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        if (u < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[u >> 4]);
          out->push_back(kHex[u & 15]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void DumpTo(const Json& value, std::string* out) {
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
    case Json::Type::kString: DumpStringTo(value.AsString(), out); break;
    case Json::Type::kArray: {
      out->push_back('[');
      bool first = true;
      for (const Json& item : value.AsArray()) {
        if (!first) out->push_back(',');
        first = false;
        DumpTo(item, out);
      }
      out->push_back(']');
      break;
    }
    case Json::Type::kObject: {
      out->push_back('{');
      bool first = true;
      for (const auto& m : value.AsObject()) {
        if (!first) out->push_back(',');
        first = false;
        DumpStringTo(m.first, out);
        out->push_back(':');
        DumpTo(m.second, out);
      }
      out->push_back('}');
      break;
    }
  }
}

std::string Dump(const Json& value) {
  std::string out;
  DumpTo(value, &out);
  return out;
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
