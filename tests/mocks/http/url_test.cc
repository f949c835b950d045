// tests/mocks/http/url_test.cc
#include "mocks/http/url.h"

#include <doctest/doctest.h>

using namespace sfn::mocks;

TEST_CASE("ParseUrl splits origin and target") {
  auto url = ParseUrl("http://127.0.0.1:8080/a/b?x=1#frag");
  REQUIRE(url);
  CHECK(url->scheme == "http");
  CHECK(url->host == "127.0.0.1");
  CHECK(url->port == 8080);
  CHECK(url->target == "/a/b?x=1");
  CHECK(url->Origin() == "http://127.0.0.1:8080");
  CHECK(url->HostPort() == "127.0.0.1:8080");
}

TEST_CASE("ParseUrl defaults") {
  CHECK(ParseUrl("https://example.com")->port == 443);
  CHECK(ParseUrl("https://example.com")->target == "/");
  CHECK(ParseUrl("http://example.com?q=1")->target == "/?q=1");
  CHECK(ParseUrl("http://[::1]:9000/x")->host == "[::1]");
  CHECK(ParseUrl("http://[::1]:9000/x")->port == 9000);
}

TEST_CASE("ParseUrl refuses what it cannot send to") {
  CHECK_FALSE(ParseUrl("ftp://example.com/"));
  CHECK_FALSE(ParseUrl("example.com/x"));
  CHECK_FALSE(ParseUrl("http://:80/"));
  CHECK_FALSE(ParseUrl("http://host:0/"));
  CHECK_FALSE(ParseUrl("http://host:99999/"));
  CHECK_FALSE(ParseUrl("http://host:x/"));
}

TEST_CASE("PercentEncode keeps unreserved characters only") {
  CHECK(PercentEncode("a-b_c.d~e") == "a-b_c.d~e");
  CHECK(PercentEncode("a b/c?d=e&f") == "a%20b%2Fc%3Fd%3De%26f");
  CHECK(PercentEncode("\xc3\xa9") == "%C3%A9");
}
