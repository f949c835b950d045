// asl/core/uuid.h
//
// RFC 4122 version 4 (random) UUIDs in lower-case hex, "8-4-4-4-12", the
// form AWS uses for request ids, generated names and task tokens.
// FormatUuidV4 is a pure function; RandomUuid draws from a per-thread
// generator, so both are safe from any thread without locking.
#ifndef SFN_ASL_CORE_UUID_H_
#define SFN_ASL_CORE_UUID_H_

#include <cstdint>
#include <string>

namespace sfn {

// The UUID made of 128 random bits (`high` first), with the version (4) and
// variant (RFC 4122) bits set over the random ones.
std::string FormatUuidV4(uint64_t high, uint64_t low);

// A fresh random UUID. Not a seam: code under test that must see known ids
// takes them from asl::Environment::NewUuid instead.
std::string RandomUuid();

}  // namespace sfn

#endif  // SFN_ASL_CORE_UUID_H_
