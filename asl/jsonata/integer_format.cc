// asl/jsonata/integer_format.cc
#include "asl/jsonata/integer_format.h"

#include <cmath>
#include <map>
#include <numeric>
#include <string>

#include "asl/jsonata/errors.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

namespace {

const char* const kFew[] = {"Zero",    "One",     "Two",       "Three",    "Four",
                            "Five",    "Six",     "Seven",     "Eight",    "Nine",
                            "Ten",     "Eleven",  "Twelve",    "Thirteen", "Fourteen",
                            "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"};
const char* const kOrdinals[] = {
    "Zeroth",     "First",     "Second",    "Third",       "Fourth",     "Fifth",     "Sixth",
    "Seventh",    "Eighth",    "Ninth",     "Tenth",       "Eleventh",   "Twelfth",   "Thirteenth",
    "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth"};
const char* const kDecades[] = {"Twenty",  "Thirty", "Forty",  "Fifty",  "Sixty",
                                "Seventy", "Eighty", "Ninety", "Hundred"};
const char* const kMagnitudes[] = {"Thousand", "Million", "Billion", "Trillion"};

// Zero digits of the Unicode decimal digit families jsonata-js knows.
const char32_t kDecimalGroups[] = {0x30,   0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6,
                                   0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0,
                                   0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
                                   0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900,
                                   0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10};

std::string Words(double num, bool prev, bool ord) {
  std::string words;
  if (num <= 19) {
    words = std::string(prev ? " and " : "") +
            (ord ? kOrdinals[static_cast<int>(num)] : kFew[static_cast<int>(num)]);
  } else if (num < 100) {
    int tens = static_cast<int>(num / 10);
    int remainder = static_cast<int>(std::fmod(num, 10));
    words = std::string(prev ? " and " : "") + kDecades[tens - 2];
    if (remainder > 0) {
      words += '-';
      words += Words(remainder, false, ord);
    } else if (ord) {
      words = words.substr(0, words.size() - 1) + "ieth";
    }
  } else if (num < 1000) {
    int hundreds = static_cast<int>(num / 100);
    double remainder = std::fmod(num, 100);
    words = std::string(prev ? ", " : "") + kFew[hundreds] + " Hundred";
    if (remainder > 0) {
      words += Words(remainder, true, ord);
    } else if (ord) {
      words += "th";
    }
  } else {
    int mag = static_cast<int>(std::floor(std::log10(num) / 3));
    if (mag > 4) mag = 4;
    double factor = std::pow(10, mag * 3);
    double mant = std::floor(num / factor);
    double remainder = num - mant * factor;
    words = std::string(prev ? ", " : "") + Words(mant, false, false) + " " + kMagnitudes[mag - 1];
    if (remainder > 0) {
      words += Words(remainder, true, ord);
    } else if (ord) {
      words += "th";
    }
  }
  return words;
}

const std::map<std::string, double>& WordValues() {
  static const auto* values = [] {
    auto* m = new std::map<std::string, double>();
    for (int i = 0; i < 20; ++i) {
      (*m)[ToLowerString(kFew[i])] = i;
      (*m)[ToLowerString(kOrdinals[i])] = i;
    }
    for (int i = 0; i < 9; ++i) {
      std::string w = ToLowerString(kDecades[i]);
      (*m)[w] = (i + 2) * 10;
      (*m)[w.substr(0, w.size() - 1) + "ieth"] = (i + 2) * 10;
    }
    (*m)["hundredth"] = 100;
    for (int i = 0; i < 4; ++i) {
      std::string w = ToLowerString(kMagnitudes[i]);
      double v = std::pow(10, (i + 1) * 3);
      (*m)[w] = v;
      (*m)[w + "th"] = v;
    }
    return m;
  }();
  return *values;
}

std::string ToRoman(double value) {
  static const std::pair<int, const char*> kNumerals[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  for (const auto& [n, s] : kNumerals) {
    while (value >= n) {
      out += s;
      value -= n;
    }
  }
  return out;
}

double FromRoman(std::string_view roman) {
  auto value_of = [](char c) {
    switch (c) {
      case 'M':
        return 1000;
      case 'D':
        return 500;
      case 'C':
        return 100;
      case 'L':
        return 50;
      case 'X':
        return 10;
      case 'V':
        return 5;
      case 'I':
        return 1;
      default:
        return 0;
    }
  };
  double decimal = 0;
  int max = 1;
  for (size_t i = roman.size(); i-- > 0;) {
    int v = value_of(roman[i]);
    if (v < max) {
      decimal -= v;
    } else {
      max = v;
      decimal += v;
    }
  }
  return decimal;
}

std::string ToLetters(double value, char a) {
  std::string letters;
  while (value > 0) {
    letters.insert(letters.begin(), static_cast<char>(std::fmod(value - 1, 26) + a));
    value = std::floor((value - 1) / 26);
  }
  return letters;
}

double FromLetters(std::string_view letters, char a) {
  double decimal = 0;
  for (size_t i = 0; i < letters.size(); ++i)
    decimal += (letters[letters.size() - i - 1] - a + 1) * std::pow(26, static_cast<double>(i));
  return decimal;
}

int RegularInterval(const std::vector<IntegerFormat::Separator>& seps) {
  if (seps.empty()) return 0;
  for (const auto& s : seps)
    if (s.character != seps[0].character) return 0;
  int factor = 0;
  for (const auto& s : seps) factor = std::gcd(factor, s.position);
  for (size_t i = 1; i <= seps.size(); ++i) {
    bool found = false;
    for (const auto& s : seps) found = found || s.position == static_cast<int>(i) * factor;
    if (!found) return 0;
  }
  return factor;
}

void AnalyseDigits(std::u32string_view picture, IntegerFormat* f) {
  char32_t zero = 0;
  int position = 0;
  std::vector<IntegerFormat::Separator> seps;
  for (size_t k = picture.size(); k-- > 0;) {
    char32_t c = picture[k];
    bool digit = false;
    for (char32_t group : kDecimalGroups) {
      if (c >= group && c <= group + 9) {
        digit = true;
        ++f->mandatory_digits;
        ++position;
        if (zero == 0) {
          zero = group;
        } else if (zero != group) {
          ThrowCode("D3131");
        }
        break;
      }
    }
    if (digit) continue;
    if (c == '#') {
      ++position;
      ++f->optional_digits;
    } else {
      seps.push_back({position, c});
    }
  }
  if (f->mandatory_digits == 0) {
    f->primary = IntegerFormat::Primary::kSequence;
    f->token = std::u32string(picture);
    return;
  }
  f->primary = IntegerFormat::Primary::kDecimal;
  f->zero_code = zero;
  int regular = RegularInterval(seps);
  f->regular = regular > 0;
  if (f->regular) {
    f->separators = {{regular, seps[0].character}};
  } else {
    f->separators = seps;
  }
}

std::string FormatDecimal(double value, const IntegerFormat& f) {
  std::u32string digits = DecodeUtf8(NumberToString(value));
  if (static_cast<int>(digits.size()) < f.mandatory_digits)
    digits.insert(0, static_cast<size_t>(f.mandatory_digits) - digits.size(), U'0');
  if (f.zero_code != '0')
    for (char32_t& c : digits) c = c + f.zero_code - U'0';
  if (f.regular) {
    int every = f.separators[0].position;
    int n = (static_cast<int>(digits.size()) - 1) / every;
    for (int i = n; i > 0; --i) {
      size_t pos = digits.size() - static_cast<size_t>(i * every);
      digits.insert(pos, 1, f.separators[0].character);
    }
  } else {
    for (auto it = f.separators.rbegin(); it != f.separators.rend(); ++it) {
      if (static_cast<size_t>(it->position) > digits.size()) continue;
      digits.insert(digits.size() - static_cast<size_t>(it->position), 1, it->character);
    }
  }
  std::string out = EncodeUtf8(digits);
  if (f.ordinal) {
    char last = out.empty() ? '0' : out.back();
    bool teen = out.size() > 1 && out[out.size() - 2] == '1';
    const char* suffix = "th";
    if (!teen && last == '1') suffix = "st";
    if (!teen && last == '2') suffix = "nd";
    if (!teen && last == '3') suffix = "rd";
    out += suffix;
  }
  return out;
}

}  // namespace

IntegerFormat AnalyseIntegerPicture(std::u32string_view picture) {
  IntegerFormat f;
  std::u32string_view primary = picture;
  size_t semicolon = picture.rfind(U';');
  if (semicolon != std::u32string_view::npos) {
    primary = picture.substr(0, semicolon);
    std::u32string_view modifier = picture.substr(semicolon + 1);
    if (!modifier.empty() && modifier[0] == U'o') f.ordinal = true;
  }
  if (primary == U"A" || primary == U"a") {
    f.primary = IntegerFormat::Primary::kLetters;
    if (primary == U"A") f.letter_case = IntegerFormat::Case::kUpper;
  } else if (primary == U"I" || primary == U"i") {
    f.primary = IntegerFormat::Primary::kRoman;
    if (primary == U"I") f.letter_case = IntegerFormat::Case::kUpper;
  } else if (primary == U"W" || primary == U"Ww" || primary == U"w") {
    f.primary = IntegerFormat::Primary::kWords;
    if (primary == U"W") f.letter_case = IntegerFormat::Case::kUpper;
    if (primary == U"Ww") f.letter_case = IntegerFormat::Case::kTitle;
  } else {
    AnalyseDigits(primary, &f);
  }
  return f;
}

std::string FormatIntegerValue(double value, const IntegerFormat& f) {
  bool negative = value < 0;
  value = std::fabs(value);
  std::string out;
  switch (f.primary) {
    case IntegerFormat::Primary::kLetters:
      out = ToLetters(value, f.letter_case == IntegerFormat::Case::kUpper ? 'A' : 'a');
      break;
    case IntegerFormat::Primary::kRoman:
      out = ToRoman(value);
      if (f.letter_case == IntegerFormat::Case::kUpper) out = ToUpperString(out);
      break;
    case IntegerFormat::Primary::kWords:
      out = NumberToWords(value, f.ordinal);
      if (f.letter_case == IntegerFormat::Case::kUpper) out = ToUpperString(out);
      if (f.letter_case == IntegerFormat::Case::kLower) out = ToLowerString(out);
      break;
    case IntegerFormat::Primary::kDecimal:
      out = FormatDecimal(value, f);
      break;
    case IntegerFormat::Primary::kSequence:
      ThrowValue("D3130", Value::String(EncodeUtf8(f.token)));
  }
  return negative ? "-" + out : out;
}

double ParseIntegerValue(std::string_view text, const IntegerFormat& f) {
  bool upper = f.letter_case == IntegerFormat::Case::kUpper;
  switch (f.primary) {
    case IntegerFormat::Primary::kLetters:
      return FromLetters(text, upper ? 'A' : 'a');
    case IntegerFormat::Primary::kRoman:
      return FromRoman(ToUpperString(text));
    case IntegerFormat::Primary::kWords:
      return WordsToNumber(ToLowerString(text));
    case IntegerFormat::Primary::kSequence:
      ThrowValue("D3130", Value::String(EncodeUtf8(f.token)));
    case IntegerFormat::Primary::kDecimal:
      break;
  }
  std::u32string digits = DecodeUtf8(text);
  if (f.ordinal && digits.size() >= 2) digits.resize(digits.size() - 2);
  std::u32string kept;
  for (char32_t c : digits) {
    bool sep = false;
    if (f.regular) {
      sep = c == U',';
    } else {
      for (const auto& s : f.separators) sep = sep || c == s.character;
    }
    if (!sep) kept.push_back(f.zero_code != '0' ? c - f.zero_code + U'0' : c);
  }
  // parseInt: leading digits, NaN when there are none.
  size_t i = 0;
  bool neg = false;
  if (i < kept.size() && (kept[i] == U'-' || kept[i] == U'+')) neg = kept[i++] == U'-';
  double v = 0;
  size_t start = i;
  while (i < kept.size() && kept[i] >= U'0' && kept[i] <= U'9') v = v * 10 + (kept[i++] - U'0');
  if (i == start) return NAN;
  return neg ? -v : v;
}

std::string IntegerRegex(const IntegerFormat& f) {
  bool upper = f.letter_case == IntegerFormat::Case::kUpper;
  switch (f.primary) {
    case IntegerFormat::Primary::kLetters:
      return upper ? "[A-Z]+" : "[a-z]+";
    case IntegerFormat::Primary::kRoman:
      return upper ? "[MDCLXVI]+" : "[mdclxvi]+";
    case IntegerFormat::Primary::kWords: {
      std::string r = "(?:";
      for (const auto& [word, v] : WordValues()) r += word + "|";
      return r + "and|[\\-, ])+";
    }
    case IntegerFormat::Primary::kSequence:
      ThrowValue("D3130", Value::String(EncodeUtf8(f.token)));
    case IntegerFormat::Primary::kDecimal:
      break;
  }
  std::string r = "[0-9]";
  if (f.parse_width > 0) {
    r += '{';
    r += std::to_string(f.parse_width);
    r += '}';
  } else {
    r += '+';
  }
  if (f.ordinal) r += "(?:th|st|nd|rd)";
  return r;
}

std::string NumberToWords(double value, bool ordinal) { return Words(value, false, ordinal); }

double WordsToNumber(std::string_view text) {
  // Split on ", ", " and ", white space and '-'.
  std::vector<std::string> parts;
  std::string cur;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, ", ") == 0) {
      parts.push_back(cur), cur.clear(), i += 1;
    } else if (text.compare(i, 5, " and ") == 0) {
      parts.push_back(cur), cur.clear(), i += 4;
    } else if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '-' ||
               text[i] == '\\') {
      parts.push_back(cur), cur.clear();
    } else {
      cur.push_back(text[i]);
    }
  }
  parts.push_back(cur);
  std::vector<double> segs{0};
  for (const std::string& part : parts) {
    auto it = WordValues().find(part);
    double value = it == WordValues().end() ? NAN : it->second;
    if (value < 100) {
      double top = segs.back();
      segs.pop_back();
      if (top >= 1000) {
        segs.push_back(top);
        top = 0;
      }
      segs.push_back(top + value);
    } else {
      double top = segs.back();
      segs.pop_back();
      segs.push_back(top * value);
    }
  }
  double result = 0;
  for (double s : segs) result += s;
  return result;
}

}  // namespace sfn::asl::jsonata
