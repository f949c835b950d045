// mocks/ids.h
//
// Small generators for the identifiers and wire formats that AWS responses
// carry: request ids (UUID v4), HTTP dates, X-Ray trace ids and base64.
// Every function is thread-safe (per-thread random state, no shared data).
#ifndef SFN_MOCKS_IDS_H_
#define SFN_MOCKS_IDS_H_

#include <chrono>
#include <string>
#include <string_view>

namespace sfn::mocks {

// A random UUID v4 in lower case, e.g. "1b4e28ba-2fa1-41d2-883f-0016d3cca427".
std::string RandomUuid();

// RFC 7231 date, e.g. "Tue, 21 Nov 2023 00:06:05 GMT".
std::string HttpDate(std::chrono::system_clock::time_point when);

// An X-Ray trace header as Lambda returns it ("Root=1-<time>-<id>;Parent=...;Sampled=0").
std::string RandomTraceId();

// Standard base64 with padding.
std::string Base64Encode(std::string_view bytes);

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_IDS_H_
