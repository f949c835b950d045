// tests/mocks/http/aws_headers_test.cc
#include "mocks/http/aws_headers.h"

#include <doctest/doctest.h>

#include <regex>

using namespace sfn::mocks;

TEST_CASE("HttpDate formats RFC 7231 dates") {
  auto when = std::chrono::system_clock::from_time_t(1700525165);  // 2023-11-21 00:06:05 UTC
  CHECK(HttpDate(when) == "Tue, 21 Nov 2023 00:06:05 GMT");
}

TEST_CASE("RandomTraceId looks like an X-Ray header") {
  std::regex shape("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
  CHECK(std::regex_match(RandomTraceId(), shape));
}
