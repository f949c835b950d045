// tests/asl/jsonata/regex_test.cc
#include "asl/jsonata/regex.h"

#include <doctest/doctest.h>

#include <string>

#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {
namespace {

// "start-end" of the first match at or after `from`, or "none", or the
// compile error.
std::string Find(const std::string& pattern, const std::string& text, const char* flags = "",
                 size_t from = 0) {
  std::string error;
  auto re = Regex::Compile(pattern, flags, &error);
  if (!re) return "error: " + error;
  Regex::Match m;
  if (!re->Search(DecodeUtf8(text), from, &m, nullptr)) return "none";
  std::string out = std::to_string(m.start) + "-" + std::to_string(m.end);
  for (const auto& g : m.groups)
    out += g.first == std::u32string::npos
               ? " _"
               : " " + std::to_string(g.first) + "-" + std::to_string(g.second);
  return out;
}

TEST_CASE("Regex matches JavaScript syntax") {
  CHECK(Find("b+", "abbbc") == "1-4");
  CHECK(Find("b+?", "abbbc") == "1-2");
  CHECK(Find("a(b|c)*d", "xabcbd") == "1-6 4-5");
  CHECK(Find("^\\d{2,3}$", "1234") == "none");
  CHECK(Find("^\\d{2,3}$", "123") == "0-3");
  CHECK(Find("[^a-c\\s]", "ab c!") == "4-5");
  CHECK(Find("\\bfoo\\b", "a foo.") == "2-5");
  CHECK(Find("(a)|(b)", "b") == "0-1 _ 0-1");
  CHECK(Find("(\\w)\\1", "abccd") == "2-4 2-3");
  CHECK(Find("(?<=\\$)\\d+", "cost $42") == "6-8");
  CHECK(Find("x(?=y)", "xz xy") == "3-4");
  CHECK(Find("x(?!y)", "xy xz") == "3-4");
  CHECK(Find("HELLO", "say hello", "i") == "4-9");
  CHECK(Find("^b", "a\nb", "m") == "2-3");
  CHECK(Find("^b", "a\nb") == "none");
  CHECK(Find(".", "\xC3\xA9") == "0-1");
  CHECK(Find("(a*)*b", "aaab") == "0-4 0-3");
  CHECK(Find("a{,2}", "a{,2}") == "0-5");
  CHECK(Find("]", "a]") == "1-2");
  CHECK(Find("b", "abab", "", 2) == "3-4");
}

TEST_CASE("Regex syntax errors") {
  CHECK(Find("a(b", "") == "error: Unterminated group");
  CHECK(Find("*a", "") == "error: Nothing to repeat");
  CHECK(Find("[b-a]", "") == "error: Range out of order in character class");
  CHECK(Find("a{3,1}", "") == "error: numbers out of order in {} quantifier");
  CHECK(Find("(?<n>a)\\k<m>", "") == "error: Invalid named capture referenced");
}

TEST_CASE("Regex handles long inputs without deep recursion") {
  std::string big(1 << 20, 'a');
  CHECK(Find(".*", big) == "0-1048576");
  CHECK(Find("(?:a|b)*c", big + "c") == "0-1048577");
  CHECK(Find("a+$", big) == "0-1048576");
}

TEST_CASE("Regex calls the check hook while it works") {
  std::string error;
  auto re = Regex::Compile("^(a|aa)+$", "", &error);
  int calls = 0;
  std::function<void()> check = [&] {
    if (++calls > 10) throw std::runtime_error("stop");
  };
  Regex::Match m;
  CHECK_THROWS_AS(re->Search(DecodeUtf8(std::string(40, 'a') + "b"), 0, &m, &check),
                  std::runtime_error);
}

}  // namespace
}  // namespace sfn::asl::jsonata
