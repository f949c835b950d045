// console/json_fields.h
//
// Lenient reads of a JSON object's members for the console, which reads
// values the API produced: a missing member, or one of another type, reads
// as null, "" or the fallback instead of failing. Pure functions.
#ifndef SFN_CONSOLE_JSON_FIELDS_H_
#define SFN_CONSOLE_JSON_FIELDS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "asl/core/json.h"

namespace sfn::console {

// The member `key` of `object`, or null.
inline Json Member(const Json& object, std::string_view key) {
  const Json* v = object.is_object() ? object.Find(key) : nullptr;
  return v != nullptr ? *v : Json();
}

// The string member `key`, or "".
inline std::string StringMember(const Json& object, std::string_view key) {
  const Json* v = object.is_object() ? object.Find(key) : nullptr;
  return v != nullptr && v->is_string() ? v->AsString() : "";
}

// The integer member `key`, or `fallback`.
inline int64_t IntMember(const Json& object, std::string_view key, int64_t fallback) {
  const Json* v = object.is_object() ? object.Find(key) : nullptr;
  return v != nullptr && v->is_int() ? v->AsInt() : fallback;
}

}  // namespace sfn::console

#endif  // SFN_CONSOLE_JSON_FIELDS_H_
