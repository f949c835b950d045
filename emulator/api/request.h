// emulator/api/request.h
//
// Request validation as AWS's protocol front end (Coral) performs it before
// an action runs, driven by a declarative description of each action's input
// shape (the botocore model's members and constraints):
//   1. deserialization: a member of the wrong JSON type is a
//      SerializationException ("NUMBER_VALUE cannot be converted to String");
//      unknown members are ignored and null counts as absent, as Coral does;
//   2. constraints: every violated constraint (required, length, range, enum,
//      pattern) is listed in one ValidationException,
//      "2 validation errors detected: Value '1001' at 'maxResults' failed to
//      satisfy constraint: Member must have value less than or equal to 1000; ...".
// Then typed readers give handlers the values. Shapes are static constant
// data; everything here is stateless and thread-safe.
#ifndef SFN_EMULATOR_API_REQUEST_H_
#define SFN_EMULATOR_API_REQUEST_H_

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/core/json.h"
#include "emulator/api/api_error.h"

namespace sfn::emulator {

enum class FieldType { kString, kInteger, kLong, kBoolean, kList, kStructure };

// How a string's length is counted: Java's String.length() (UTF-16 units),
// or UTF-8 bytes for the payload fields whose limits AWS states in bytes.
enum class LengthUnit { kUtf16, kUtf8Bytes };

enum class Pattern { kNone, kCharacterRestrictedName, kAscii };

struct Shape;

// One member of a structure (or the element of a list).
struct Member {
  static constexpr int64_t kNone = std::numeric_limits<int64_t>::min();

  std::string_view name;
  FieldType type = FieldType::kString;
  bool required = false;
  int64_t min = kNone;  // length for strings and lists, value for numbers
  int64_t max = kNone;
  bool sensitive = false;  // AWS leaves the value out of messages ("Value at 'input' ...")
  LengthUnit unit = LengthUnit::kUtf16;
  std::vector<std::string_view> enum_values;  // in the order AWS lists them
  Pattern pattern = Pattern::kNone;
  const Member* element = nullptr;  // kList
  const Shape* shape = nullptr;     // kStructure
};

// A structure: its Java class name (used when AWS prints a value) and members.
struct Shape {
  std::string_view name;
  std::vector<Member> members;
};

// Checks `body` (an object, or null for an empty request) against `shape`:
// the SerializationException or ValidationException AWS would answer, or
// nullopt when the request is well-formed.
std::optional<ApiError> ValidateRequest(const Json& body, const Shape& shape);

// The text AWS prints for a value in validation messages: strings as they
// are, numbers as Java prints them, lists as "[a, b]", structures as
// "Name(member=value, ...)".
std::string DescribeValue(const Json& value, const Member& member);

// Typed readers for a request that passed ValidateRequest. Absent and null
// members read as nullopt. Integers sent as decimals are truncated, as Coral
// does.
std::optional<std::string> GetString(const Json& body, std::string_view key);
std::optional<int64_t> GetInt(const Json& body, std::string_view key);
std::optional<bool> GetBool(const Json& body, std::string_view key);
// The member when present and not null, else nullptr.
const Json* GetMember(const Json& body, std::string_view key);

// Java's String.length() of UTF-8 text (UTF-16 code units).
size_t Utf16Length(std::string_view text);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_API_REQUEST_H_
