// tests/emulator/api/page_token_test.cc
#include "emulator/api/page_token.h"

#include <doctest/doctest.h>

using namespace sfn::emulator;

TEST_CASE("Page tokens round-trip and are bound to their list") {
  std::string token = EncodePageToken("list-a", "cursor 1");
  CHECK(DecodePageToken(token, "list-a") == std::optional<std::string>("cursor 1"));
  CHECK_FALSE(DecodePageToken(token, "list-b").has_value());
  CHECK_FALSE(DecodePageToken("garbage", "list-a").has_value());
  CHECK_FALSE(DecodePageToken("", "list-a").has_value());
  std::string edited = token;
  edited[0] = edited[0] == 'A' ? 'B' : 'A';
  CHECK_FALSE(DecodePageToken(edited, "list-a").has_value());
  CHECK(InvalidTokenError().message == "Invalid Token: 'Invalid token'");
  CHECK(InvalidTokenError().code == "InvalidToken");
}

TEST_CASE("ReadPageRequest") {
  auto body = sfn::ParseJson(R"({"maxResults":0})").value;
  auto page = std::get<PageRequest>(ReadPageRequest(body, "l"));
  CHECK(page.max_results == 100);
  CHECK_FALSE(page.cursor.has_value());
  std::string request = R"({"maxResults":5,"nextToken":")" + EncodePageToken("l", "k") + "\"}";
  page = std::get<PageRequest>(ReadPageRequest(sfn::ParseJson(request).value, "l"));
  CHECK(page.max_results == 5);
  CHECK(*page.cursor == "k");
  auto bad = ReadPageRequest(sfn::ParseJson(R"({"nextToken":"nope"})").value, "l");
  CHECK(std::get<sfn::emulator::ApiError>(bad).code == "InvalidToken");
}
