// asl/core/digest.h
//
// Message digests under the algorithm names AWS uses (States.Hash and
// JSONata's $hash): MD5, SHA-1, SHA-256, SHA-384, SHA-512, computed with
// OpenSSL. Pure functions; safe from any thread.
#ifndef SFN_ASL_CORE_DIGEST_H_
#define SFN_ASL_CORE_DIGEST_H_

#include <optional>
#include <string>
#include <string_view>

namespace sfn {

// Whether `algorithm` is one of the names above (case matters, as on AWS).
bool IsDigestAlgorithm(std::string_view algorithm);

// The digest of `data` in lower-case hex, or nullopt when `algorithm` is
// not a digest name or OpenSSL fails (which it does only out of memory).
std::optional<std::string> HexDigest(std::string_view algorithm, std::string_view data);

}  // namespace sfn

#endif  // SFN_ASL_CORE_DIGEST_H_
