// emulator/api/encryption.cc
#include "emulator/api/encryption.h"

#include "emulator/api/request.h"
#include "emulator/api/response_shapes.h"

namespace sfn::emulator {
namespace {

constexpr int64_t kDefaultReusePeriodSeconds = 300;

ApiError InvalidEncryption(const std::string& detail) {
  return ServiceError("InvalidEncryptionConfiguration",
                      "Invalid Encryption Configuration: " + detail);
}

}  // namespace

Json DefaultEncryption() { return ObjectBuilder().Add("type", Json("AWS_OWNED_KEY")).Build(); }

std::variant<Json, ApiError> NormalizeEncryption(const Json* given) {
  if (given == nullptr) return DefaultEncryption();
  const std::string type = GetString(*given, "type").value_or("AWS_OWNED_KEY");
  auto key = GetString(*given, "kmsKeyId");
  if (type != "CUSTOMER_MANAGED_KMS_KEY") {
    if (key) {
      return InvalidEncryption(
          "'kmsKeyId' can only be specified when 'type' is 'CUSTOMER_MANAGED_KMS_KEY'.");
    }
    return DefaultEncryption();
  }
  if (!key) {
    return InvalidEncryption("'kmsKeyId' is required when 'type' is 'CUSTOMER_MANAGED_KMS_KEY'.");
  }
  const int64_t period =
      GetInt(*given, "kmsDataKeyReusePeriodSeconds").value_or(kDefaultReusePeriodSeconds);
  return ObjectBuilder()
      .Add("kmsKeyId", Json(*key))
      .Add("kmsDataKeyReusePeriodSeconds", Json(period))
      .Add("type", Json(type))
      .Build();
}

}  // namespace sfn::emulator
