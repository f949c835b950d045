// asl/jsonata/integer_format.h
//
// XPath fn:format-integer pictures as jsonata-js implements them, shared
// by $formatInteger, $parseInteger and the integer components of date/time
// pictures: decimal digit patterns (any Unicode decimal digit family, with
// grouping separators), letters (a, A), roman numerals (i, I) and words
// (w, W, Ww), each optionally ordinal (";o"). Pure functions.
#ifndef SFN_ASL_JSONATA_INTEGER_FORMAT_H_
#define SFN_ASL_JSONATA_INTEGER_FORMAT_H_

#include <string>
#include <string_view>
#include <vector>

namespace sfn::asl::jsonata {

struct IntegerFormat {
  enum class Primary { kDecimal, kLetters, kRoman, kWords, kSequence };
  enum class Case { kLower, kUpper, kTitle };
  struct Separator {
    int position = 0;
    char32_t character = 0;
  };
  Primary primary = Primary::kDecimal;
  Case letter_case = Case::kLower;
  bool ordinal = false;
  char32_t zero_code = '0';
  int mandatory_digits = 0;
  int optional_digits = 0;
  bool regular = false;
  std::vector<Separator> separators;  // regular: one entry (the interval)
  std::u32string token;               // kSequence: the unsupported picture
  int parse_width = 0;                // digits to read when parsing (0: any)
};

// Analyses a picture. Throws JsonataException D3131 for mixed digit families.
IntegerFormat AnalyseIntegerPicture(std::u32string_view picture);
// Formats floor(value). Throws D3130 for unsupported sequences.
std::string FormatIntegerValue(double value, const IntegerFormat& format);
// Parses `text` written in `format` (NaN when it holds no digits).
double ParseIntegerValue(std::string_view text, const IntegerFormat& format);
// The regular expression (JavaScript syntax) that matches a formatted integer.
std::string IntegerRegex(const IntegerFormat& format);

std::string NumberToWords(double value, bool ordinal);
double WordsToNumber(std::string_view text);

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_INTEGER_FORMAT_H_
