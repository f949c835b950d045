// asl/jsonata/datetime_picture.h
//
// Internal to the date/time code: the analysed form of an XPath date/time
// picture string ("[Y0001]-[M01]-[D01]"), and calendar helpers shared by
// formatting (datetime.cc) and parsing (datetime_parse.cc).
#ifndef SFN_ASL_JSONATA_DATETIME_PICTURE_H_
#define SFN_ASL_JSONATA_DATETIME_PICTURE_H_

#include <optional>
#include <string>
#include <vector>

#include "asl/jsonata/integer_format.h"

namespace sfn::asl::jsonata {

struct DatePart {
  enum class Names { kNone, kLower, kUpper, kTitle };
  bool literal = false;
  std::u32string text;  // literal text
  char32_t component = 0;
  std::u32string presentation1;
  char32_t presentation2 = 0;
  Names names = Names::kNone;
  std::optional<int> width_min, width_max;
  bool has_integer_format = false;
  IntegerFormat integer_format;
  int year_digits = -1;  // [Y]: how many trailing digits to keep (-1: all)
};

// Throws JsonataException D3132, D3135 (and D3131 from integer pictures).
std::vector<DatePart> AnalyseDateTimePicture(std::u32string_view picture);

constexpr double kMillisPerDay = 86400000.0;

// The numeric value of one component (Y, M, D, d, F, W, w, X, x, H, h, m,
// s, f) of the UTC time `millis`; P gives 0 (am) or 1 (pm).
double DateComponent(double millis, char32_t component);

extern const char* const kMonthNames[12];
extern const char* const kDayNames[8];  // [0] unused; 1 = Monday

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_DATETIME_PICTURE_H_
