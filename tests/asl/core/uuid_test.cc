// tests/asl/core/uuid_test.cc
#include "asl/core/uuid.h"

#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <string>

TEST_CASE("FormatUuidV4 sets the version and variant bits") {
  CHECK(sfn::FormatUuidV4(0, 0) == "00000000-0000-4000-8000-000000000000");
  CHECK(sfn::FormatUuidV4(~0ULL, ~0ULL) == "ffffffff-ffff-4fff-bfff-ffffffffffff");
  CHECK(sfn::FormatUuidV4(0x0123456789abcdefULL, 0xfedcba9876543210ULL) ==
        "01234567-89ab-4def-bedc-ba9876543210");
}

TEST_CASE("RandomUuid is a fresh version 4 UUID") {
  std::regex shape("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string id = sfn::RandomUuid();
    CHECK(std::regex_match(id, shape));
    seen.insert(id);
  }
  CHECK(seen.size() == 100);
}
