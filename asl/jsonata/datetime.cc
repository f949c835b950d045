// asl/jsonata/datetime.cc
//
// Calendar arithmetic, date/time picture analysis and formatting, and ISO
// 8601 parsing. Parsing with a picture is in datetime_parse.cc.
#include "asl/jsonata/datetime.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "asl/jsonata/datetime_picture.h"
#include "asl/jsonata/errors.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

const char* const kMonthNames[12] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};
const char* const kDayNames[8] = {"",         "Monday", "Tuesday",  "Wednesday",
                                  "Thursday", "Friday", "Saturday", "Sunday"};

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12).
double DaysFromCivil(double y, double m, double d) {
  y -= m <= 2 ? 1 : 0;
  double era = std::floor(y / 400);
  double yoe = y - era * 400;
  double mp = std::fmod(m + 9, 12);
  double doy = std::floor((153 * mp + 2) / 5) + d - 1;
  double doe = yoe * 365 + std::floor(yoe / 4) - std::floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  double year, month, day;  // month 0-11
};

Civil CivilFromDays(double z) {
  z += 719468;
  double era = std::floor(z / 146097);
  double doe = z - era * 146097;
  double yoe = std::floor(
      (doe - std::floor(doe / 1460) + std::floor(doe / 36524) - std::floor(doe / 146096)) / 365);
  double y = yoe + era * 400;
  double doy = doe - (365 * yoe + std::floor(yoe / 4) - std::floor(yoe / 100));
  double mp = std::floor((5 * doy + 2) / 153);
  double d = doy - std::floor((153 * mp + 2) / 5) + 1;
  double m = mp < 10 ? mp + 3 : mp - 9;
  return {m <= 2 ? y + 1 : y, m - 1, d};
}

struct Fields {
  double year, month, day, hour, minute, second, ms;
  int weekday;  // 0 = Sunday
};

Fields FieldsOf(double millis) {
  // An invalid date (e.g. shifted by an unreadable timezone): every field
  // NaN, as JavaScript's Date gives, without converting NaN to an integer.
  if (!std::isfinite(millis)) return {NAN, NAN, NAN, NAN, NAN, NAN, NAN, 0};
  double days = std::floor(millis / kMillisPerDay);
  double rem = millis - days * kMillisPerDay;
  Civil c = CivilFromDays(days);
  Fields f;
  f.year = c.year;
  f.month = c.month;
  f.day = c.day;
  f.hour = std::floor(rem / 3600000);
  f.minute = std::floor(std::fmod(rem, 3600000) / 60000);
  f.second = std::floor(std::fmod(rem, 60000) / 1000);
  f.ms = std::fmod(rem, 1000);
  int wd = static_cast<int>(std::fmod(days + 4, 7));
  f.weekday = wd < 0 ? wd + 7 : wd;
  return f;
}

// Start (millis) of week 1 of the month: the week holding its first Thursday.
double StartOfFirstWeek(double year, double month) {
  double first = UtcMillis(year, month, 1, 0, 0, 0, 0);
  int day = FieldsOf(first).weekday;
  if (day == 0) day = 7;
  return day > 4 ? first + (8 - day) * kMillisPerDay : first - (day - 1) * kMillisPerDay;
}

double DeltaWeeks(double start, double end) { return (end - start) / (kMillisPerDay * 7) + 1; }

double WeekOfYear(const Fields& f) {
  double start = StartOfFirstWeek(f.year, 0);
  double today = UtcMillis(f.year, f.month, f.day, 0, 0, 0, 0);
  double week = DeltaWeeks(start, today);
  if (week > 52) {
    if (today >= StartOfFirstWeek(f.year + 1, 0)) week = 1;
  } else if (week < 1) {
    week = DeltaWeeks(StartOfFirstWeek(f.year - 1, 0), today);
  }
  return std::floor(week);
}

double WeekOfMonth(const Fields& f) {
  double start = StartOfFirstWeek(f.year, f.month);
  double today = UtcMillis(f.year, f.month, f.day, 0, 0, 0, 0);
  double week = DeltaWeeks(start, today);
  if (week > 4) {
    double ny = f.month == 11 ? f.year + 1 : f.year, nm = f.month == 11 ? 0 : f.month + 1;
    if (today >= StartOfFirstWeek(ny, nm)) week = 1;
  } else if (week < 1) {
    double py = f.month == 0 ? f.year - 1 : f.year, pm = f.month == 0 ? 11 : f.month - 1;
    week = DeltaWeeks(StartOfFirstWeek(py, pm), today);
  }
  return std::floor(week);
}

std::u32string StripSpaces(std::u32string_view s) {
  std::u32string out;
  for (char32_t c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') out.push_back(c);
  return out;
}

// Widths saturate at a million characters: jsonata-js pads to any width
// (or fails on memory), and a picture's digits must not overflow an int.
constexpr int kMaxWidth = 1000000;

std::optional<int> ParseWidth(std::u32string_view w) {
  if (w.empty() || w == U"*") return std::nullopt;
  size_t i = 0;
  int v = 0;
  while (i < w.size() && w[i] >= '0' && w[i] <= '9')
    v = std::min(kMaxWidth, v * 10 + static_cast<int>(w[i++] - '0'));
  if (i == 0) return std::nullopt;  // parseInt gives NaN
  return v;
}

const char* DefaultPresentation(char32_t c) {
  switch (c) {
    case 'Y':
    case 'M':
    case 'D':
    case 'd':
    case 'W':
    case 'w':
    case 'X':
    case 'x':
    case 'H':
    case 'h':
    case 'f':
      return "1";
    case 'F':
    case 'P':
    case 'C':
    case 'E':
      return "n";
    case 'm':
    case 's':
      return "01";
    case 'Z':
    case 'z':
      return "01:01";
    default:
      return nullptr;
  }
}

// Reads the width modifier (",min-max") and the presentation modifiers of
// a marker such as "Y0001,2-4" or "MNn" or "D1o".
void ParseModifiers(const std::u32string& marker, DatePart* def) {
  std::u32string pres;
  size_t comma = marker.rfind(U',');
  if (comma != std::u32string::npos) {
    std::u32string width = marker.substr(comma + 1);
    size_t dash = width.find(U'-');
    def->width_min = ParseWidth(dash == std::u32string::npos ? width : width.substr(0, dash));
    if (dash != std::u32string::npos) def->width_max = ParseWidth(width.substr(dash + 1));
    pres = marker.substr(1, comma - 1);
  } else if (!marker.empty()) {
    pres = marker.substr(1);
  }
  if (pres.size() == 1) {
    def->presentation1 = pres;
  } else if (pres.size() > 1) {
    char32_t last = pres.back();
    if (last == 'a' || last == 't' || last == 'c' || last == 'o') {
      def->presentation2 = last;
      def->presentation1 = pres.substr(0, pres.size() - 1);
    } else {
      def->presentation1 = pres;
    }
  } else {
    const char* d = DefaultPresentation(def->component);
    if (!d) ThrowValue("D3132", Value::String(EncodeUtf8(std::u32string(1, def->component))));
    def->presentation1 = DecodeUtf8(d);
  }
}

// Numeric components: the integer picture, widened by the width modifier;
// the year keeps only as many trailing digits as its picture shows.
void SetIntegerFormat(DatePart* def, std::vector<DatePart>* spec) {
  std::u32string pattern = def->presentation1;
  if (def->presentation2) pattern += U";" + std::u32string(1, def->presentation2);
  def->integer_format = AnalyseIntegerPicture(pattern);
  def->has_integer_format = true;
  IntegerFormat& f = def->integer_format;
  if (def->width_min && f.mandatory_digits < *def->width_min) f.mandatory_digits = *def->width_min;
  if (def->component == 'Y') {
    if (def->width_max) {
      def->year_digits = *def->width_max;
      f.mandatory_digits = *def->width_max;
    } else if (f.mandatory_digits + f.optional_digits >= 2) {
      def->year_digits = f.mandatory_digits + f.optional_digits;
    }
  }
  // Two numbers with nothing between them are parsed by their widths.
  if (!spec->empty() && spec->back().has_integer_format)
    spec->back().integer_format.parse_width = spec->back().integer_format.mandatory_digits;
}

void AnalyseMarker(std::u32string_view raw, std::vector<DatePart>* spec) {
  std::u32string marker = StripSpaces(raw);
  DatePart def;
  def.component = marker.empty() ? 0 : marker[0];
  ParseModifiers(marker, &def);
  const std::u32string& p1 = def.presentation1;
  if (!p1.empty() && p1[0] == 'n') {
    def.names = DatePart::Names::kLower;
  } else if (!p1.empty() && p1[0] == 'N') {
    def.names = p1.size() > 1 && p1[1] == 'n' ? DatePart::Names::kTitle : DatePart::Names::kUpper;
  } else if (std::u32string_view(U"YMDdFWwXxHhmsf").find(def.component) != std::u32string::npos) {
    SetIntegerFormat(&def, spec);
  }
  if (def.component == 'Z' || def.component == 'z') {
    def.integer_format = AnalyseIntegerPicture(p1);
    def.has_integer_format = true;
  }
  spec->push_back(std::move(def));
}

}  // namespace

double UtcMillis(double year, double month, double day, double hour, double minute, double second,
                 double ms) {
  double y = year + std::floor(month / 12);
  double m = std::fmod(month, 12);
  if (m < 0) m += 12;
  double days = DaysFromCivil(y, m + 1, 1) + day - 1;
  return days * kMillisPerDay + hour * 3600000 + minute * 60000 + second * 1000 + ms;
}

double DateComponent(double millis, char32_t component) {
  Fields f = FieldsOf(millis);
  switch (component) {
    case 'Y':
      return f.year;
    case 'M':
      return f.month + 1;
    case 'D':
      return f.day;
    case 'd':
      return (UtcMillis(f.year, f.month, f.day, 0, 0, 0, 0) - UtcMillis(f.year, 0, 1, 0, 0, 0, 0)) /
                 kMillisPerDay +
             1;
    case 'F':
      return f.weekday == 0 ? 7 : f.weekday;
    case 'W':
      return WeekOfYear(f);
    case 'w':
      return WeekOfMonth(f);
    case 'X': {
      if (millis < StartOfFirstWeek(f.year, 0)) return f.year - 1;
      if (millis >= StartOfFirstWeek(f.year + 1, 0)) return f.year + 1;
      return f.year;
    }
    case 'x': {
      double ny = f.month == 11 ? f.year + 1 : f.year, nm = f.month == 11 ? 0 : f.month + 1;
      if (millis < StartOfFirstWeek(f.year, f.month)) return f.month == 0 ? 12 : f.month;
      if (millis >= StartOfFirstWeek(ny, nm)) return nm + 1;
      return f.month + 1;
    }
    case 'H':
      return f.hour;
    case 'h': {
      double h = std::fmod(f.hour, 12);
      return h == 0 ? 12 : h;
    }
    case 'P':
      return f.hour >= 12 ? 1 : 0;
    case 'm':
      return f.minute;
    case 's':
      return f.second;
    case 'f':
      return f.ms;
    default:
      return 0;
  }
}

std::vector<DatePart> AnalyseDateTimePicture(std::u32string_view picture) {
  std::vector<DatePart> spec;
  auto add_literal = [&](size_t start, size_t end) {
    if (end <= start) return;
    std::u32string lit(picture.substr(start, end - start));
    for (size_t p; (p = lit.find(U"]]")) != std::u32string::npos;) lit.erase(p, 1);
    DatePart part;
    part.literal = true;
    part.text = std::move(lit);
    spec.push_back(std::move(part));
  };
  size_t start = 0, pos = 0;
  while (pos < picture.size()) {
    if (picture[pos] == '[') {
      if (pos + 1 < picture.size() && picture[pos + 1] == '[') {
        add_literal(start, pos);
        DatePart part;
        part.literal = true;
        part.text = U"[";
        spec.push_back(std::move(part));
        pos += 2;
        start = pos;
        continue;
      }
      add_literal(start, pos);
      start = pos;
      pos = picture.find(U']', start);
      if (pos == std::u32string_view::npos) ThrowCode("D3135");
      AnalyseMarker(picture.substr(start + 1, pos - start - 1), &spec);
      start = pos + 1;
    }
    ++pos;
  }
  add_literal(start, pos);
  return spec;
}

namespace {

std::string ApplyNames(std::string name, const DatePart& part) {
  if (part.names == DatePart::Names::kUpper) name = ToUpperString(name);
  if (part.names == DatePart::Names::kLower) name = ToLowerString(name);
  if (part.width_max && CodePointCount(name) > static_cast<size_t>(*part.width_max))
    name = EncodeUtf8(DecodeUtf8(name).substr(0, static_cast<size_t>(*part.width_max)));
  return name;
}

std::string FormatTimezone(const DatePart& part, double hours, double minutes) {
  double offset = hours * 100 + minutes;
  const IntegerFormat& f = part.integer_format;
  std::string value;
  if (f.regular) {
    value = FormatIntegerValue(offset, f);
  } else if (f.mandatory_digits == 1 || f.mandatory_digits == 2) {
    value = FormatIntegerValue(hours, f);
    if (minutes != 0) {
      value += ':';
      value += FormatIntegerValue(minutes, AnalyseIntegerPicture(U"00"));
    }
  } else if (f.mandatory_digits == 3 || f.mandatory_digits == 4) {
    value = FormatIntegerValue(offset, f);
  } else {
    ThrowValue("D3134", Value::Number(f.mandatory_digits));
  }
  if (offset >= 0) value.insert(0, 1, '+');
  if (part.component == 'z') value.insert(0, std::string("GMT"));
  if (offset == 0 && part.presentation2 == 't') value = std::string(1, 'Z');
  return value;
}

std::string FormatComponent(double millis, const DatePart& part, double hours, double minutes) {
  char32_t c = part.component;
  if (std::u32string_view(U"YMDdFWwXxHhms").find(c) != std::u32string_view::npos) {
    double value = DateComponent(millis, c);
    if (c == 'Y' && part.year_digits != -1)
      value = std::fmod(value, std::pow(10, part.year_digits));
    if (part.names != DatePart::Names::kNone) {
      // An invalid date has no month or day to name (JavaScript prints NaN).
      if (!std::isfinite(value)) return "NaN";
      std::string name;
      if (c == 'M' || c == 'x') {
        name = kMonthNames[static_cast<int>(value) - 1];
      } else if (c == 'F') {
        name = kDayNames[static_cast<int>(value)];
      } else {
        ThrowValue("D3133", Value::String(EncodeUtf8(std::u32string(1, c))));
      }
      return ApplyNames(name, part);
    }
    return FormatIntegerValue(value, part.integer_format);
  }
  if (c == 'f') return FormatIntegerValue(DateComponent(millis, c), part.integer_format);
  if (c == 'Z' || c == 'z') return FormatTimezone(part, hours, minutes);
  if (c == 'P') {
    std::string am = DateComponent(millis, 'P') == 1 ? "pm" : "am";
    return part.names == DatePart::Names::kUpper ? ToUpperString(am) : am;
  }
  if (c == 'C' || c == 'E') return "ISO";
  return "undefined";
}

}  // namespace

std::string FormatDateTime(double millis, const std::string* picture, const std::string* timezone) {
  double hours = 0, minutes = 0;
  if (timezone) {
    // parseInt("+hhmm"): the leading integer.
    const char* s = timezone->c_str();
    char* end = nullptr;
    long offset = std::strtol(s, &end, 10);
    if (end == s) {
      hours = minutes = NAN;
    } else {
      hours = std::floor(offset / 100.0);
      minutes = static_cast<double>(offset % 100);
    }
  }
  static const std::vector<DatePart>* iso = new std::vector<DatePart>(
      AnalyseDateTimePicture(U"[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"));
  std::vector<DatePart> custom;
  if (picture) custom = AnalyseDateTimePicture(DecodeUtf8(*picture));
  const std::vector<DatePart>& spec = picture ? custom : *iso;
  double shifted = millis + (60 * hours + minutes) * 60000;
  std::string out;
  for (const DatePart& part : spec) {
    out += part.literal ? EncodeUtf8(part.text) : FormatComponent(shifted, part, hours, minutes);
  }
  return out;
}

namespace {

// Reads ^\d{4}(-[01]\d)?(-[0-3]\d)?(T[0-2]\d:[0-5]\d:[0-5]\d)?(\.\d+)?
// ([+-][0-2]\d:?[0-5]\d|Z)?$, the forms jsonata-js accepts.
class IsoReader {
 public:
  explicit IsoReader(const std::string& t) : t_(t) {}

  bool Read() {
    if (!Digits(4, &year) || !Date() || !Time() || !Fraction() || !Zone()) return false;
    return i_ == t_.size();
  }

  double year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, ms = 0, offset = 0;

 private:
  bool Digits(size_t n, double* out, double max = 1e9) {
    if (i_ + n > t_.size()) return false;
    double v = 0;
    for (size_t k = 0; k < n; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(t_[i_ + k]))) return false;
      v = v * 10 + (t_[i_ + k] - '0');
    }
    i_ += n;
    *out = v;
    return v <= max;
  }
  bool Take(char c) {
    if (i_ >= t_.size() || t_[i_] != c) return false;
    ++i_;
    return true;
  }
  bool Date() {
    if (!Take('-')) return true;
    if (!Digits(2, &month, 19)) return false;
    return !Take('-') || Digits(2, &day, 39);
  }
  bool Time() {
    if (!Take('T')) return true;
    return Digits(2, &hour, 29) && Take(':') && Digits(2, &minute, 59) && Take(':') &&
           Digits(2, &second, 59);
  }
  bool Fraction() {
    if (!Take('.')) return true;
    size_t start = i_;
    for (double scale = 100; i_ < t_.size() && std::isdigit(static_cast<unsigned char>(t_[i_]));
         ++i_) {
      if (i_ - start < 3) ms += (t_[i_] - '0') * scale, scale /= 10;
    }
    return i_ > start;
  }
  bool Zone() {
    if (Take('Z')) return true;
    if (i_ >= t_.size() || (t_[i_] != '+' && t_[i_] != '-')) return true;
    double sign = t_[i_++] == '-' ? -1 : 1, hours, minutes;
    if (!Digits(2, &hours, 29)) return false;
    Take(':');
    if (!Digits(2, &minutes, 59)) return false;
    offset = sign * (hours * 60 + minutes);
    return true;
  }

  const std::string& t_;
  size_t i_ = 0;
};

}  // namespace

std::optional<double> ParseIsoTimestamp(const std::string& t) {
  IsoReader r(t);
  if (!r.Read()) return std::nullopt;
  // Date.parse gives NaN for fields out of range.
  if (r.month < 1 || r.month > 12 || r.day < 1 || r.day > 31 || r.hour > 24 ||
      (r.hour == 24 && (r.minute > 0 || r.second > 0 || r.ms > 0)))
    return NAN;
  return UtcMillis(r.year, r.month - 1, r.day, r.hour, r.minute, r.second, r.ms) - r.offset * 60000;
}

}  // namespace sfn::asl::jsonata
