// testing/junit_report.cc
#include "testing/junit_report.h"

#include <cstdint>
#include <cstdio>

namespace sfn::testing {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Decodes one UTF-8 sequence at `text[*i]`, advancing `*i`; -1 for an
// invalid one (then `*i` moves one byte on).
int32_t NextCodePoint(std::string_view text, size_t* i) {
  const unsigned char lead = text[*i];
  int length = lead < 0x80           ? 1
               : (lead >> 5) == 0x6  ? 2
               : (lead >> 4) == 0xE  ? 3
               : (lead >> 3) == 0x1E ? 4
                                     : 0;
  if (length == 0 || *i + length > text.size()) {
    ++*i;
    return -1;
  }
  int32_t code = length == 1 ? lead : lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    const unsigned char c = text[*i + k];
    if ((c & 0xC0) != 0x80) {
      ++*i;
      return -1;
    }
    code = (code << 6) | (c & 0x3F);
  }
  static constexpr int32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    ++*i;
    return -1;
  }
  *i += length;
  return code;
}

// XML 1.0's Char production.
bool IsXmlChar(int32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

void AppendEscaped(int32_t c, bool attribute, std::string* out) {
  switch (c) {
    case '&':
      *out += "&amp;";
      return;
    case '<':
      *out += "&lt;";
      return;
    case '>':
      *out += "&gt;";
      return;
    case '"':
      *out += attribute ? "&quot;" : "\"";
      return;
    case '\t':
      *out += attribute ? "&#9;" : "\t";
      return;
    case '\n':
      *out += attribute ? "&#10;" : "\n";
      return;
    case '\r':
      *out += "&#13;";
      return;  // a raw CR would be read back as LF
    default:
      break;
  }
}

std::string Seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", seconds < 0 ? 0.0 : seconds);
  return buffer;
}

std::string FirstLine(std::string_view text) {
  return std::string(text.substr(0, text.find_first_of("\r\n")));
}

struct Counts {
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  double seconds = 0;

  void Add(const CaseResult& c) {
    ++tests;
    failures += c.outcome == CaseResult::Outcome::kFailed;
    errors += c.outcome == CaseResult::Outcome::kError;
    skipped += c.outcome == CaseResult::Outcome::kSkipped;
    seconds += c.seconds;
  }
  void Add(const Counts& other) {
    tests += other.tests;
    failures += other.failures;
    errors += other.errors;
    skipped += other.skipped;
    seconds += other.seconds;
  }
  std::string Attributes() const {
    return " tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
           "\" errors=\"" + std::to_string(errors) + "\" skipped=\"" + std::to_string(skipped) +
           "\" time=\"" + Seconds(seconds) + "\"";
  }
};

Counts CountsOf(const FileResult& file) {
  Counts counts;
  for (const CaseResult& c : file.cases) counts.Add(c);
  return counts;
}

// The <failure>, <error> or <skipped> child of a case that did not pass.
void AppendOutcome(const CaseResult& c, std::string* out) {
  const bool failed = c.outcome == CaseResult::Outcome::kFailed;
  const char* element = failed                                     ? "failure"
                        : c.outcome == CaseResult::Outcome::kError ? "error"
                                                                   : "skipped";
  *out += std::string("      <") + element + " message=\"" + XmlEscape(FirstLine(c.message), true) +
          "\"";
  if (c.outcome == CaseResult::Outcome::kSkipped) {
    *out += "/>\n";
    return;
  }
  const std::string type = !c.type.empty() ? c.type : failed ? "ExpectationFailed" : "Error";
  *out += " type=\"" + XmlEscape(type, true) + "\">";
  *out += XmlEscape(c.details.empty() ? c.message : c.details, false);
  *out += std::string("</") + element + ">\n";
}

void AppendCase(const CaseResult& c, const std::string& classname, std::string* out) {
  *out += "    <testcase classname=\"" + classname + "\" name=\"" + XmlEscape(c.name, true) +
          "\" time=\"" + Seconds(c.seconds) + "\"";
  if (c.outcome == CaseResult::Outcome::kPassed) {
    *out += "/>\n";
    return;
  }
  *out += ">\n";
  AppendOutcome(c, out);
  *out += "    </testcase>\n";
}

}  // namespace

std::string XmlEscape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = i;
    const int32_t c = NextCodePoint(text, &i);
    if (c < 0) {
      out += kReplacement;
    } else if (!IsXmlChar(c)) {
      continue;  // control characters cannot appear in XML 1.0, even escaped
    } else if (c < 0x80 && std::string_view("&<>\"\t\n\r").find(static_cast<char>(c)) !=
                               std::string_view::npos) {
      AppendEscaped(c, attribute, &out);
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  return out;
}

std::string FileStem(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (std::string_view suffix : {".sfn-test.yaml", ".sfn-test.yml", ".sfn-test.json"}) {
    if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix) {
      return std::string(name.substr(0, name.size() - suffix.size()));
    }
  }
  const size_t dot = name.find_last_of('.');
  return std::string(dot == std::string_view::npos || dot == 0 ? name : name.substr(0, dot));
}

std::string JunitXml(const std::vector<FileResult>& files) {
  std::string body;
  Counts total;
  for (const FileResult& file : files) {
    const Counts counts = CountsOf(file);
    total.Add(counts);
    body +=
        "  <testsuite name=\"" + XmlEscape(file.path, true) + "\"" + counts.Attributes() + ">\n";
    const std::string classname = XmlEscape(FileStem(file.path), true);
    for (const CaseResult& c : file.cases) AppendCase(c, classname, &body);
    body += "  </testsuite>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sfn-local test\"" +
         total.Attributes() + ">\n" + body + "</testsuites>\n";
}

}  // namespace sfn::testing
