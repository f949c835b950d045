// tests/emulator/api/request_guard_test.cc
#include "emulator/api/request_guard.h"

#include <doctest/doctest.h>

namespace sfn::emulator {
namespace {

GuardRequest Post(std::string_view host) {
  GuardRequest r;
  r.method = "POST";
  r.host = host;
  r.content_type = "application/x-amz-json-1.0";
  return r;
}

TEST_CASE("RequestGuard: loopback names and addresses") {
  for (const char* h :
       {"localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1"}) {
    CAPTURE(h);
    CHECK(IsLoopbackHostName(h));
  }
  for (const char* h : {"example.com", "localhost.example.com", "128.0.0.1", "127.0.0",
                        "127.0.0.1.evil.com", "1270.0.0.1", "0.0.0.0", "[::]", ""}) {
    CAPTURE(h);
    CHECK_FALSE(IsLoopbackHostName(h));
  }
  CHECK(IsLoopbackBindAddress("127.0.0.1"));
  CHECK_FALSE(IsLoopbackBindAddress("0.0.0.0"));
}

TEST_CASE("RequestGuard: SDK and CLI requests pass, with or without the sync- prefix") {
  GuardConfig c;
  for (const char* host : {"localhost:8083", "127.0.0.1:8083", "[::1]:8083", "sync-localhost:8083",
                           "sync-127.0.0.1:9000", "localhost"}) {
    CAPTURE(host);
    CHECK_FALSE(RefusalReason(c, Post(host)).has_value());
  }
  // A request without Host (HTTP/1.0) is not a browser's.
  CHECK_FALSE(RefusalReason(c, Post("")).has_value());
}

TEST_CASE("RequestGuard: DNS rebinding: other Host names are refused while on loopback") {
  GuardConfig c;
  auto reason = RefusalReason(c, Post("attacker.example:8083"));
  REQUIRE(reason.has_value());
  CHECK(reason->find("DNS rebinding") != std::string::npos);
  CHECK(reason->find("--allow-host attacker.example") != std::string::npos);
  c.allowed_hosts = {"Sfn"};
  CHECK_FALSE(RefusalReason(c, Post("sfn:8083")).has_value());
  CHECK_FALSE(RefusalReason(c, Post("sync-sfn:8083")).has_value());
  CHECK(RefusalReason(c, Post("other:8083")).has_value());
  GuardConfig open;
  open.check_host = false;  // bound to 0.0.0.0
  CHECK_FALSE(RefusalReason(open, Post("anything.example:8083")).has_value());
}

TEST_CASE("RequestGuard: an Origin must be the server's own") {
  GuardConfig c;
  GuardRequest r = Post("localhost:8083");
  r.has_origin = true;
  r.origin = "http://localhost:8083";
  CHECK_FALSE(RefusalReason(c, r).has_value());
  r.origin = "HTTP://LocalHost:8083";
  CHECK_FALSE(RefusalReason(c, r).has_value());
  for (const char* origin : {"http://evil.example", "http://localhost:3000", "null", "",
                             "http://127.0.0.1:8083", "localhost:8083"}) {
    CAPTURE(origin);
    r.origin = origin;
    auto reason = RefusalReason(c, r);
    REQUIRE(reason.has_value());
    CHECK(reason->find("Cross-origin request refused") == 0);
  }
  GuardRequest port80 = Post("localhost");
  port80.has_origin = true;
  port80.origin = "http://localhost:80";
  CHECK_FALSE(RefusalReason(c, port80).has_value());
}

TEST_CASE("RequestGuard: browser form content types are refused; SDK ones pass") {
  GuardConfig c;
  GuardRequest r = Post("localhost:8083");
  r.has_origin = true;
  r.origin = "http://localhost:8083";
  for (const char* type :
       {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
        "Multipart/Form-Data; boundary=x"}) {
    CAPTURE(type);
    r.content_type = type;
    auto reason = RefusalReason(c, r);
    REQUIRE(reason.has_value());
    CHECK(reason->find("Content-Type") == 0);
  }
  // Without Origin or Sec-Fetch-* it is not a browser (curl -d sends a form type).
  GuardRequest curl = Post("localhost:8083");
  curl.content_type = "application/x-www-form-urlencoded";
  CHECK_FALSE(RefusalReason(c, curl).has_value());
  curl.has_sec_fetch = true;
  CHECK(RefusalReason(c, curl).has_value());
  // A GET is not a form post.
  r.method = "GET";
  r.content_type = "text/plain";
  CHECK_FALSE(RefusalReason(c, r).has_value());
}

TEST_CASE("RequestGuard: Sec-Fetch-Site cross-site and same-site are refused") {
  GuardConfig c;
  GuardRequest r = Post("localhost:8083");
  r.sec_fetch_site = "cross-site";
  CHECK(RefusalReason(c, r).has_value());
  r.sec_fetch_site = "same-site";
  CHECK(RefusalReason(c, r).has_value());
  r.sec_fetch_site = "same-origin";
  CHECK_FALSE(RefusalReason(c, r).has_value());
  r.sec_fetch_site = "none";
  CHECK_FALSE(RefusalReason(c, r).has_value());
}

}  // namespace
}  // namespace sfn::emulator
