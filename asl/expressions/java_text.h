// asl/expressions/java_text.h
//
// How AWS's Java runtime prints JSON values in places that are not JSON:
// States.Format renders objects as Java maps ("{a=1, b=[x, y]}"), Jayway
// JsonPath error texts name Java classes, and States.JsonMerge returns its
// members in java.util.HashMap iteration order. Pure functions; thread-safe.
#ifndef SFN_ASL_EXPRESSIONS_JAVA_TEXT_H_
#define SFN_ASL_EXPRESSIONS_JAVA_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "asl/core/json.h"

namespace sfn::asl {

// Java's toString of the value as Jackson/Jayway would hold it: strings
// unquoted, null as "null", numbers as Long/Double.toString, arrays as
// "[a, b]", objects as "{k=v, k2=v2}" (member order kept).
std::string JavaToString(const Json& value);
void AppendJavaString(const Json& value, std::string* out);

// The Java class Jayway's JacksonJsonProvider would hold the value as
// ("java.lang.String", "java.util.LinkedHashMap", ...); "null" for null.
const char* JavaClassName(const Json& value);

// java.lang.String.hashCode() of UTF-8 text (computed over UTF-16 units).
int32_t JavaStringHash(std::string_view utf8);

// The order in which a java.util.HashMap filled with `keys` (in this
// insertion order, no duplicates) iterates them: indexes into `keys`.
std::vector<size_t> JavaHashMapOrder(const std::vector<std::string_view>& keys);

// Number of UTF-16 code units in UTF-8 text (Java's String.length()).
size_t Utf16Length(std::string_view utf8);

}  // namespace sfn::asl

#endif  // SFN_ASL_EXPRESSIONS_JAVA_TEXT_H_
