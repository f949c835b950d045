// asl/jsonata/text.h
//
// Text helpers with JavaScript's exact rules, since JSONata's results are
// defined by what jsonata-js prints: Number.prototype.toString, toFixed,
// toPrecision, JSON.stringify, and UTF-8 <-> code point conversions.
// Pure functions; thread-safe.
#ifndef SFN_ASL_JSONATA_TEXT_H_
#define SFN_ASL_JSONATA_TEXT_H_

#include <string>
#include <string_view>

#include "asl/jsonata/value.h"

namespace sfn::asl::jsonata {

// Number.prototype.toString() for a finite double: "1", "0.1", "1e+21".
std::string NumberToString(double d);
// Number.prototype.toFixed(digits) for a finite double (0 <= digits <= 100).
std::string NumberToFixed(double d, int digits);
// Number(d.toPrecision(precision)): the double rounded to that many
// significant decimal digits.
double RoundToPrecision(double d, int precision);

// JSON.stringify as JSONata's $string uses it: functions print as "",
// non-integral numbers are rounded to 15 significant digits, undefined
// members are dropped. `pretty` indents by two spaces.
std::string StringifyForString(const Value& v, bool pretty);
// JSON.stringify(v) as used in error messages ("undefined" when v is
// undefined or a function).
std::string StringifyForMessage(const Value& v);
// Appends `s` quoted and escaped as JSON.stringify does.
void QuoteJsonString(std::string_view s, std::string* out);

// UTF-8 helpers. Invalid bytes decode as U+FFFD.
std::u32string DecodeUtf8(std::string_view s);
void AppendUtf8(char32_t c, std::string* out);
std::string EncodeUtf8(std::u32string_view s);
size_t CodePointCount(std::string_view s);
// Length in UTF-16 code units, as JavaScript's String.length counts.
size_t Utf16Length(std::u32string_view s);

// Simple (one-to-one) case mappings for Latin, Greek and Cyrillic letters.
char32_t ToUpperCodePoint(char32_t c);
char32_t ToLowerCodePoint(char32_t c);
// String.prototype.toUpperCase / toLowerCase for those scripts (ß -> SS).
std::string ToUpperString(std::string_view s);
std::string ToLowerString(std::string_view s);

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_TEXT_H_
