// emulator/api/encryption.h
//
// The encryptionConfiguration of CreateStateMachine, UpdateStateMachine and
// CreateActivity: the checks AWS makes beyond the request shape's
// constraints (which request.cc applies), and the form AWS stores and
// Describe* return. No key is looked up: sfn-local has no KMS. Stateless.
#ifndef SFN_EMULATOR_API_ENCRYPTION_H_
#define SFN_EMULATOR_API_ENCRYPTION_H_

#include <variant>

#include "asl/core/json.h"
#include "emulator/api/api_error.h"

namespace sfn::emulator {

// What AWS reports for a resource created without a configuration.
Json DefaultEncryption();

// The stored form of `given` (a request member that passed the shape's
// checks; nullptr: absent): {"type": "AWS_OWNED_KEY"}, or for a customer
// managed key {"kmsKeyId", "kmsDataKeyReusePeriodSeconds" (300 unless
// given), "type"}. InvalidEncryptionConfiguration when a customer managed key
// has no kmsKeyId or an AWS owned key has one.
std::variant<Json, ApiError> NormalizeEncryption(const Json* given);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_API_ENCRYPTION_H_
