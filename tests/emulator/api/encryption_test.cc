// tests/emulator/api/encryption_test.cc
#include "emulator/api/encryption.h"

#include <doctest/doctest.h>

#include <string>

using namespace sfn::emulator;
using sfn::Json;

namespace {
std::string Normalized(const std::string& given) {
  const Json parsed = sfn::ParseJson(given).value;
  auto r = NormalizeEncryption(&parsed);
  REQUIRE(r.index() == 0);
  return sfn::Dump(std::get<Json>(r));
}
std::string Refused(const std::string& given) {
  const Json parsed = sfn::ParseJson(given).value;
  auto r = NormalizeEncryption(&parsed);
  REQUIRE(r.index() == 1);
  const ApiError& e = std::get<ApiError>(r);
  return e.code + ": " + e.message;
}
}  // namespace

TEST_CASE("NormalizeEncryption") {
  SUBCASE("absent: AWS's default") {
    auto r = NormalizeEncryption(nullptr);
    CHECK(sfn::Dump(std::get<Json>(r)) == R"({"type":"AWS_OWNED_KEY"})");
    CHECK(sfn::Dump(DefaultEncryption()) == R"({"type":"AWS_OWNED_KEY"})");
  }
  SUBCASE("AWS owned key") {
    CHECK(Normalized(R"({"type":"AWS_OWNED_KEY"})") == R"({"type":"AWS_OWNED_KEY"})");
    CHECK(Refused(R"({"type":"AWS_OWNED_KEY","kmsKeyId":"alias/k"})") ==
          "InvalidEncryptionConfiguration: Invalid Encryption Configuration: 'kmsKeyId' can "
          "only be specified when 'type' is 'CUSTOMER_MANAGED_KMS_KEY'.");
  }
  SUBCASE("customer managed key") {
    CHECK(
        Normalized(R"({"type":"CUSTOMER_MANAGED_KMS_KEY","kmsKeyId":"alias/k"})") ==
        R"({"kmsKeyId":"alias/k","kmsDataKeyReusePeriodSeconds":300,"type":"CUSTOMER_MANAGED_KMS_KEY"})");
    CHECK(
        Normalized(R"({"kmsDataKeyReusePeriodSeconds":60,"kmsKeyId":"k",)"
                   R"("type":"CUSTOMER_MANAGED_KMS_KEY"})") ==
        R"({"kmsKeyId":"k","kmsDataKeyReusePeriodSeconds":60,"type":"CUSTOMER_MANAGED_KMS_KEY"})");
    CHECK(Refused(R"({"type":"CUSTOMER_MANAGED_KMS_KEY"})") ==
          "InvalidEncryptionConfiguration: Invalid Encryption Configuration: 'kmsKeyId' is "
          "required when 'type' is 'CUSTOMER_MANAGED_KMS_KEY'.");
  }
}
