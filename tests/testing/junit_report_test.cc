// tests/testing/junit_report_test.cc
#include "testing/junit_report.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace sfn::testing {
namespace {

// A small well-formedness check: tags nest and close in order, attribute
// values are quoted, '&' starts a known entity or character reference, and
// no character outside XML 1.0's Char production appears raw.
bool WellFormed(const std::string& xml, std::string* why) {
  std::vector<std::string> open;
  size_t i = xml.find("?>");
  if (xml.rfind("<?xml ", 0) != 0 || i == std::string::npos) return *why = "declaration", false;
  for (i += 2; i < xml.size(); ++i) {
    const unsigned char c = xml[i];
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return *why = "control character", false;
    if (c == '&') {
      const size_t end = xml.find(';', i);
      const std::string entity = xml.substr(i, end - i + 1);
      const bool known = entity == "&amp;" || entity == "&lt;" || entity == "&gt;" ||
                         entity == "&quot;" || entity == "&apos;" || entity.rfind("&#", 0) == 0;
      if (end == std::string::npos || !known) return *why = "entity " + entity, false;
    }
    if (c == '>') return *why = "raw > outside a tag", false;
    if (c != '<') continue;
    const size_t end = xml.find('>', i);
    if (end == std::string::npos) return *why = "unclosed tag", false;
    std::string tag = xml.substr(i + 1, end - i - 1);
    i = end;
    if (tag.find('<') != std::string::npos) return *why = "< inside a tag", false;
    size_t quotes = 0;
    for (char q : tag) quotes += q == '"';
    if (quotes % 2 != 0) return *why = "unbalanced quotes", false;
    if (tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return *why = "mismatched </" + tag, false;
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(tag.substr(0, tag.find(' ')));
    }
  }
  if (!open.empty()) return *why = "unclosed <" + open.back() + ">", false;
  return true;
}

TEST_CASE("JunitXml: the exact document") {
  using Outcome = CaseResult::Outcome;
  std::vector<FileResult> files = {
      {"tests/orders.sfn-test.yaml",
       {{"pays after one retry", 0.0123, Outcome::kPassed, "", "", ""},
        {"refunds", 1.5, Outcome::kFailed, "output differs\nsecond line",
         "expected {\"a\":1}\n     got {\"a\":2}", ""},
        {"broken <mock>", 0, Outcome::kError, "cannot run: state 'X' is not in the machine", "",
         "UnknownState"},
        {"later", 0, Outcome::kSkipped, "not selected", "", ""}}},
      {"b.sfn-test.json", {}},
  };
  const std::string expected =
      R"(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="sfn-local test" tests="4" failures="1" errors="1" skipped="1" time="1.512">
  <testsuite name="tests/orders.sfn-test.yaml" tests="4" failures="1" errors="1" skipped="1" time="1.512">
    <testcase classname="orders" name="pays after one retry" time="0.012"/>
    <testcase classname="orders" name="refunds" time="1.500">
      <failure message="output differs" type="ExpectationFailed">expected {"a":1}
     got {"a":2}</failure>
    </testcase>
    <testcase classname="orders" name="broken &lt;mock&gt;" time="0.000">
      <error message="cannot run: state 'X' is not in the machine" type="UnknownState">cannot run: state 'X' is not in the machine</error>
    </testcase>
    <testcase classname="orders" name="later" time="0.000">
      <skipped message="not selected"/>
    </testcase>
  </testsuite>
  <testsuite name="b.sfn-test.json" tests="0" failures="0" errors="0" skipped="0" time="0.000">
  </testsuite>
</testsuites>
)";
  const std::string xml = JunitXml(files);
  CHECK(xml == expected);
  std::string why;
  CHECK_MESSAGE(WellFormed(xml, &why), why);
  CHECK(JunitXml({}) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sfn-local test\" "
        "tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0.000\">\n</testsuites>\n");
}

TEST_CASE("JunitXml: hostile text stays well-formed") {
  using Outcome = CaseResult::Outcome;
  const std::string nasty = std::string("a\"b'c&d<e>f]]>g\x01h\x1bi\tj\r\nk\xff\xc3l\xc3\xa9m") +
                            "\xe2\x82\xac\xf0\x9f\x98\x80" + "\xef\xbf\xbf" + "\xed\xa0\x80" +
                            std::string(1, '\0') + "z";
  const std::vector<FileResult> files = {{"dir/x&y\".sfn-test.yaml",
                                          {{nasty, 0, Outcome::kFailed, nasty, nasty, nasty},
                                           {nasty, 0, Outcome::kError, nasty, "", ""}}}};
  const std::string xml = JunitXml(files);
  std::string why;
  CHECK_MESSAGE(WellFormed(xml, &why), why);
  CHECK(xml.find("<testsuite name=\"dir/x&amp;y&quot;.sfn-test.yaml\"") != std::string::npos);
  CHECK(xml.find("classname=\"x&amp;y&quot;\"") != std::string::npos);
}

TEST_CASE("XmlEscape") {
  CHECK(XmlEscape("a&b<c>d\"e'f", false) == "a&amp;b&lt;c&gt;d\"e'f");
  CHECK(XmlEscape("a&b<c>d\"e'f", true) == "a&amp;b&lt;c&gt;d&quot;e'f");
  CHECK(XmlEscape("]]>", false) == "]]&gt;");
  CHECK(XmlEscape("t\tn\nr\r", false) == "t\tn\nr&#13;");
  CHECK(XmlEscape("t\tn\nr\r", true) == "t&#9;n&#10;r&#13;");
  SUBCASE("control characters are dropped") {
    CHECK(XmlEscape(std::string("a\x01\x08\x0b\x0c\x1f", 6) + std::string(1, '\0') + "b", true) ==
          "ab");
    CHECK(XmlEscape("\x7f", false) == "\x7f");  // allowed by XML 1.0
    CHECK(XmlEscape("a\xef\xbf\xbe\xef\xbf\xbf"
                    "b",
                    false) == "ab");  // U+FFFE, U+FFFF
  }
  SUBCASE("UTF-8 is kept; invalid sequences become U+FFFD") {
    CHECK(XmlEscape("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", false) ==
          "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
    CHECK(XmlEscape("a\xff"
                    "b",
                    false) ==
          "a\xef\xbf\xbd"
          "b");
    CHECK(XmlEscape("a\xc3", false) == "a\xef\xbf\xbd");                                // truncated
    CHECK(XmlEscape("\xc0\xaf", false) == "\xef\xbf\xbd\xef\xbf\xbd");                  // overlong
    CHECK(XmlEscape("\xed\xa0\x80", false) == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // surrogate
    CHECK(XmlEscape("\xf4\x90\x80\x80", false) ==
          "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // past U+10FFFF
  }
}

TEST_CASE("FileStem") {
  CHECK(FileStem("tests/orders.sfn-test.yaml") == "orders");
  CHECK(FileStem("orders.sfn-test.yml") == "orders");
  CHECK(FileStem("/a/b/orders.sfn-test.json") == "orders");
  CHECK(FileStem("a/other.yaml") == "other");
  CHECK(FileStem("a/.hidden") == ".hidden");
  CHECK(FileStem("plain") == "plain");
}

}  // namespace
}  // namespace sfn::testing
