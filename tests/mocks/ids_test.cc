// tests/mocks/ids_test.cc
#include "mocks/ids.h"

#include <doctest/doctest.h>

#include <regex>
#include <set>

using namespace sfn::mocks;

TEST_CASE("RandomUuid is a fresh version 4 UUID") {
  std::regex shape("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string id = RandomUuid();
    CHECK(std::regex_match(id, shape));
    seen.insert(id);
  }
  CHECK(seen.size() == 100);
}

TEST_CASE("HttpDate formats RFC 7231 dates") {
  auto when = std::chrono::system_clock::from_time_t(1700525165);  // 2023-11-21 00:06:05 UTC
  CHECK(HttpDate(when) == "Tue, 21 Nov 2023 00:06:05 GMT");
}

TEST_CASE("RandomTraceId looks like an X-Ray header") {
  std::regex shape("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
  CHECK(std::regex_match(RandomTraceId(), shape));
}

TEST_CASE("Base64Encode pads like RFC 4648") {
  CHECK(Base64Encode("") == "");
  CHECK(Base64Encode("f") == "Zg==");
  CHECK(Base64Encode("fo") == "Zm8=");
  CHECK(Base64Encode("foo") == "Zm9v");
  CHECK(Base64Encode("foobar") == "Zm9vYmFy");
  CHECK(Base64Encode(std::string("\xff\x00\x10", 3)) == "/wAQ");
}
