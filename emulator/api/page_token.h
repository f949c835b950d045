// emulator/api/page_token.h
//
// nextToken values of the List* actions and GetExecutionHistory. A token is
// an opaque string that carries a cursor (where the next page starts) and is
// bound to the list it came from, so a token replayed against another list,
// edited, or made by an earlier process is refused with AWS's InvalidToken
// ("Invalid Token: 'Invalid token'"). Stateless and thread-safe.
#ifndef SFN_EMULATOR_API_PAGE_TOKEN_H_
#define SFN_EMULATOR_API_PAGE_TOKEN_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "asl/core/json.h"
#include "emulator/api/api_error.h"

namespace sfn::emulator {

// A token for `list_id` that resumes at `cursor`.
std::string EncodePageToken(std::string_view list_id, std::string_view cursor);
// The cursor of `token`, or nullopt when it was not made for `list_id`.
std::optional<std::string> DecodePageToken(std::string_view token, std::string_view list_id);

ApiError InvalidTokenError();

// maxResults / nextToken of a list request that passed validation.
struct PageRequest {
  size_t max_results = 100;  // AWS's default; 0 also means the default
  std::optional<std::string> cursor;
};
// Reads the paging members of `body`; an unusable nextToken is InvalidToken.
std::variant<PageRequest, ApiError> ReadPageRequest(const Json& body, std::string_view list_id);

}  // namespace sfn::emulator

#endif  // SFN_EMULATOR_API_PAGE_TOKEN_H_
