// asl/jsonata/datetime.h
//
// Date/time formatting and parsing for $fromMillis, $toMillis and $now:
// XPath fn:format-dateTime picture strings as jsonata-js interprets them,
// and the ISO 8601 forms JavaScript's Date.parse accepts. All arithmetic is
// on the proleptic Gregorian calendar in UTC. Pure functions; thread-safe.
#ifndef SFN_ASL_JSONATA_DATETIME_H_
#define SFN_ASL_JSONATA_DATETIME_H_

#include <functional>
#include <optional>
#include <string>

namespace sfn::asl::jsonata {

// Formats `millis`. `picture` null: ISO 8601 with milliseconds.
// `timezone` ("+hhmm"/"-hhmm") null: UTC. Throws JsonataException (D313x).
std::string FormatDateTime(double millis, const std::string* picture, const std::string* timezone);

// Parses `text` with `picture`; nullopt means "undefined" (no match).
// Components the picture leaves out are taken from `now_millis`.
std::optional<double> ParseDateTime(const std::string& text, const std::string& picture,
                                    double now_millis, const std::function<void()>* check);

// Parses an ISO 8601 timestamp as Date.parse would (NaN for impossible
// values); nullopt when the text is not in an ISO 8601 form at all.
std::optional<double> ParseIsoTimestamp(const std::string& text);

// Milliseconds since the epoch of a UTC date and time; out-of-range
// fields carry over as in JavaScript's Date.UTC. `month` is 0-based.
double UtcMillis(double year, double month, double day, double hour, double minute, double second,
                 double ms);

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_DATETIME_H_
