// tests/asl/core/digest_test.cc
#include "asl/core/digest.h"

#include <doctest/doctest.h>

#include <string>

using sfn::HexDigest;
using sfn::IsDigestAlgorithm;

TEST_CASE("HexDigest matches the published test vectors") {
  // "abc" (RFC 1321, FIPS 180-2).
  CHECK(HexDigest("MD5", "abc").value() == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(HexDigest("SHA-1", "abc").value() == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(HexDigest("SHA-256", "abc").value() ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(HexDigest("SHA-384", "abc").value() ==
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
        "8086072ba1e7cc2358baeca134c825a7");
  CHECK(HexDigest("SHA-512", "abc").value() ==
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  CHECK(HexDigest("MD5", "").value() == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(HexDigest("SHA-1", std::string("\0", 1)).value() ==
        "5ba93c9db0cff93f52b521d7420e43f6eda2784f");
}

TEST_CASE("only AWS's algorithm names are digests") {
  for (const char* name : {"MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"})
    CHECK(IsDigestAlgorithm(name));
  for (const char* name : {"md5", "SHA1", "SHA256", "sha-256", "SHA-224", ""}) {
    CHECK_FALSE(IsDigestAlgorithm(name));
    CHECK_FALSE(HexDigest(name, "abc").has_value());
  }
}
