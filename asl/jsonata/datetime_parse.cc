// asl/jsonata/datetime_parse.cc
//
// $toMillis with a picture string: the picture becomes one regular
// expression with a group per component, the matched components are
// checked for a usable combination (jsonata-js's rules: year-month-day,
// year-dayofyear, ...; hour-minute-second or am/pm with 12-hour clock) and
// the missing leading ones default to the current time.
#include <cmath>
#include <functional>
#include <map>
#include <string>

#include "asl/jsonata/datetime.h"
#include "asl/jsonata/datetime_picture.h"
#include "asl/jsonata/errors.h"
#include "asl/jsonata/regex.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

namespace {

std::string EscapeRegex(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::string_view(".*+?^${}()|[]\\").find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// One picture component: its regex and how to read the matched text.
struct Reader {
  std::string regex;
  char32_t component = 0;
  std::function<double(const std::string&)> parse;  // null for literals
};

double ParseLeadingInt(const std::string& s) {
  const char* p = s.c_str();
  char* end = nullptr;
  long v = std::strtol(p, &end, 10);
  return end == p ? NAN : static_cast<double>(v);
}

Reader TimezoneReader(const DatePart& part) {
  Reader r;
  r.component = part.component;
  const IntegerFormat& f = part.integer_format;
  char32_t sep = f.regular ? f.separators[0].character : 0;
  r.regex = part.component == 'z' ? "GMT" : "";
  r.regex += "[-+][0-9]+";
  if (sep) r.regex += EscapeRegex(EncodeUtf8(std::u32string(1, sep))) + "[0-9]+";
  bool gmt = part.component == 'z';
  std::string sep_text = sep ? EncodeUtf8(std::u32string(1, sep)) : "";
  r.parse = [gmt, sep_text](const std::string& matched) {
    std::string value = gmt ? matched.substr(3) : matched;
    double hours = 0, minutes = 0;
    if (!sep_text.empty()) {
      size_t at = value.find(sep_text);
      hours = ParseLeadingInt(value.substr(0, at));
      minutes = ParseLeadingInt(value.substr(at + sep_text.size()));
    } else if (value.size() - 1 <= 2) {
      hours = ParseLeadingInt(value);
    } else {
      hours = ParseLeadingInt(value.substr(0, 3));
      minutes = ParseLeadingInt(value.substr(3));
    }
    return hours * 60 + minutes;
  };
  return r;
}

Reader NameReader(const DatePart& part) {
  Reader r;
  r.component = part.component;
  r.regex = "[a-zA-Z]+";
  std::map<std::string, double> lookup;
  auto add = [&](const std::string& name, double v) {
    std::string key =
        part.width_max
            ? EncodeUtf8(DecodeUtf8(name).substr(0, static_cast<size_t>(*part.width_max)))
            : name;
    lookup[key] = v;
  };
  if (part.component == 'M' || part.component == 'x') {
    for (int i = 0; i < 12; ++i) add(kMonthNames[i], i + 1);
  } else if (part.component == 'F') {
    for (int i = 1; i < 8; ++i) add(kDayNames[i], i);
  } else if (part.component == 'P') {
    lookup = {{"am", 0}, {"AM", 0}, {"pm", 1}, {"PM", 1}};
  } else {
    ThrowValue("D3133", Value::String(EncodeUtf8(std::u32string(1, part.component))));
  }
  r.parse = [lookup](const std::string& s) {
    auto it = lookup.find(s);
    return it == lookup.end() ? NAN : it->second;
  };
  return r;
}

Reader MakeReader(const DatePart& part) {
  Reader r;
  if (part.literal) {
    r.regex = EscapeRegex(EncodeUtf8(part.text));
    return r;
  }
  if (part.component == 'Z' || part.component == 'z') return TimezoneReader(part);
  r.component = part.component;
  if (part.component == 'f') {
    r.regex = "[0-9]+";
    r.parse = [](const std::string& s) {
      return std::strtod(("0." + s.substr(0, 3)).c_str(), nullptr) * 1000;
    };
    return r;
  }
  if (part.has_integer_format) {
    IntegerFormat f = part.integer_format;
    r.regex = IntegerRegex(f);
    r.parse = [f](const std::string& s) { return ParseIntegerValue(s, f); };
    return r;
  }
  return NameReader(part);
}

// Is the set of components given by `mask` (bits YXMxWwdD or PHhmsf) of
// the shape `type`: none outside it and at least one inside it.
bool IsType(int type, int mask) { return !(~type & mask) && (type & mask); }

}  // namespace

std::optional<double> ParseDateTime(const std::string& text, const std::string& picture,
                                    double now_millis, const std::function<void()>* check) {
  std::vector<DatePart> spec = AnalyseDateTimePicture(DecodeUtf8(picture));
  std::vector<Reader> readers;
  std::string full = "^";
  for (const DatePart& part : spec) {
    readers.push_back(MakeReader(part));
    full += "(" + readers.back().regex + ")";
  }
  full += "$";
  std::string error;
  auto re = Regex::Compile(full, "i", &error);
  Regex::Match m;
  if (!re || !re->FullMatch(DecodeUtf8(text), &m, check)) return std::nullopt;
  std::u32string u = DecodeUtf8(text);
  std::map<char32_t, double> comps;  // NaN: matched but unreadable
  for (size_t i = 0; i < readers.size(); ++i) {
    if (!readers[i].parse) continue;
    const auto& g = m.groups[i];
    comps[readers[i].component] =
        readers[i].parse(EncodeUtf8(u.substr(g.first, g.second - g.first)));
  }
  if (comps.empty()) return std::nullopt;
  auto given = [&](char32_t c) { return comps.count(c) > 0; };
  auto truthy = [&](char32_t c) { return given(c) && comps[c] != 0 && !std::isnan(comps[c]); };
  int mask = 0;
  for (char32_t c : std::u32string_view(U"YXMxWwdD")) mask = (mask << 1) | (truthy(c) ? 1 : 0);
  bool date_a = IsType(161, mask), date_b = !date_a && IsType(130, mask);
  bool date_c = IsType(84, mask), date_d = !date_c && IsType(72, mask);
  mask = 0;
  for (char32_t c : std::u32string_view(U"PHhmsf")) mask = (mask << 1) | (truthy(c) ? 1 : 0);
  bool time_a = IsType(23, mask), time_b = !time_a && IsType(47, mask);
  std::u32string order = date_b ? U"YD" : date_c ? U"XxwF" : date_d ? U"XWF" : U"YMD";
  order += time_b ? U"Phmsf" : U"Hmsf";
  bool start = false, end = false;
  for (char32_t part : order) {
    if (!given(part)) {
      if (start) {
        comps[part] = (part == 'M' || part == 'D' || part == 'd') ? 1 : 0;
        end = true;
      } else {
        // An am/pm marker taken from "now" is text in jsonata-js, never 1.
        comps[part] = part == 'P' ? 0 : DateComponent(now_millis, part);
      }
    } else {
      start = true;
      if (end) ThrowCode("D3136");
    }
  }
  comps['M'] = comps['M'] > 0 ? comps['M'] - 1 : 0;
  if (date_b) {
    double first = UtcMillis(comps['Y'], 0, 1, 0, 0, 0, 0);
    double derived = first + (comps['d'] - 1) * kMillisPerDay;
    comps['M'] = DateComponent(derived, 'M') - 1;
    comps['D'] = DateComponent(derived, 'D');
  }
  if (date_c || date_d) ThrowCode("D3136");
  if (time_b) {
    comps['H'] = comps['h'] == 12 ? 0 : comps['h'];
    if (comps['P'] == 1) comps['H'] += 12;
  }
  double millis =
      UtcMillis(comps['Y'], comps['M'], comps['D'], comps['H'], comps['m'], comps['s'], comps['f']);
  double zone = given('Z') ? comps['Z'] : given('z') ? comps['z'] : 0;
  if (zone != 0 && !std::isnan(zone)) millis -= zone * 60000;
  return millis;
}

}  // namespace sfn::asl::jsonata
