// tests/asl/core/encoding_test.cc
#include "asl/core/encoding.h"

#include <doctest/doctest.h>

#include <string>

using sfn::Base64Decode;
using sfn::Base64Digit;
using sfn::Base64Encode;

TEST_CASE("Base64Encode pads like RFC 4648") {
  // RFC 4648 section 10 test vectors.
  CHECK(Base64Encode("") == "");
  CHECK(Base64Encode("f") == "Zg==");
  CHECK(Base64Encode("fo") == "Zm8=");
  CHECK(Base64Encode("foo") == "Zm9v");
  CHECK(Base64Encode("foob") == "Zm9vYg==");
  CHECK(Base64Encode("fooba") == "Zm9vYmE=");
  CHECK(Base64Encode("foobar") == "Zm9vYmFy");
  CHECK(Base64Encode(std::string("\xff\x00\x10", 3)) == "/wAQ");
  CHECK(Base64Encode("\xfb\xff") == "+/8=");
}

TEST_CASE("Base64Decode reads padded and unpadded text") {
  CHECK(Base64Decode("").value() == "");
  CHECK(Base64Decode("Zg==").value() == "f");
  CHECK(Base64Decode("Zg").value() == "f");
  CHECK(Base64Decode("Zm8=").value() == "fo");
  CHECK(Base64Decode("Zm8").value() == "fo");
  CHECK(Base64Decode("Zm9vYmFy").value() == "foobar");
  CHECK(Base64Decode("/wAQ").value() == std::string("\xff\x00\x10", 3));
  // Bits after the last whole byte are ignored.
  CHECK(Base64Decode("Zh==").value() == "f");
}

TEST_CASE("Base64Decode refuses what is not base64") {
  CHECK_FALSE(Base64Decode("Z").has_value());      // a lone character
  CHECK_FALSE(Base64Decode("Zm9vY").has_value());  // 4n+1 characters
  CHECK_FALSE(Base64Decode("Zg=").has_value());    // padding short of a group
  CHECK_FALSE(Base64Decode("Zm8==").has_value());  // padding past a group
  CHECK_FALSE(Base64Decode("Zg===").has_value());  // three '='
  CHECK_FALSE(Base64Decode("Z=g=").has_value());   // '=' inside
  CHECK_FALSE(Base64Decode("Zm 9v").has_value());  // white space
  CHECK_FALSE(Base64Decode("Zm-_").has_value());   // the URL-safe alphabet
  CHECK_FALSE(Base64Decode("====").has_value());
}

TEST_CASE("Base64Decode inverts Base64Encode") {
  std::string all_bytes;
  for (int b = 0; b < 256; ++b) all_bytes.push_back(static_cast<char>(b));
  for (size_t length = 0; length <= all_bytes.size(); length += 37) {
    std::string bytes = all_bytes.substr(0, length);
    CHECK(Base64Decode(Base64Encode(bytes)).value() == bytes);
  }
}

TEST_CASE("Base64Digit") {
  CHECK(Base64Digit('A') == 0);
  CHECK(Base64Digit('Z') == 25);
  CHECK(Base64Digit('a') == 26);
  CHECK(Base64Digit('z') == 51);
  CHECK(Base64Digit('0') == 52);
  CHECK(Base64Digit('9') == 61);
  CHECK(Base64Digit('+') == 62);
  CHECK(Base64Digit('/') == 63);
  CHECK(Base64Digit('=') == -1);
  CHECK(Base64Digit('-') == -1);
  CHECK(Base64Digit('\0') == -1);
  CHECK(Base64Digit('\xc3') == -1);
}
