// emulator/api/page_token.cc
#include "emulator/api/page_token.h"

#include <cstdint>
#include <cstdio>
#include <random>

#include "asl/core/encoding.h"
#include "emulator/api/request.h"

namespace sfn::emulator {
namespace {

// Tokens of an earlier process must not decode: the check mixes in a
// per-process secret.
uint64_t Secret() {
  static const uint64_t secret = std::random_device{}() * 0x9e3779b97f4a7c15ULL;
  return secret;
}

std::string Check(std::string_view list_id, std::string_view cursor) {
  uint64_t h = 0xcbf29ce484222325ULL ^ Secret();  // FNV-1a
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
    h = (h ^ 0xff) * 0x100000001b3ULL;
  };
  mix(list_id);
  mix(cursor);
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

std::string EncodePageToken(std::string_view list_id, std::string_view cursor) {
  return Base64Encode(std::string(cursor) + "\n" + Check(list_id, cursor));
}

std::optional<std::string> DecodePageToken(std::string_view token, std::string_view list_id) {
  // Tokens are always padded: refuse one that lost its padding.
  if (token.size() % 4 != 0) return std::nullopt;
  std::optional<std::string> raw = Base64Decode(token);
  if (!raw) return std::nullopt;
  size_t nl = raw->rfind('\n');
  if (nl == std::string::npos) return std::nullopt;
  std::string cursor = raw->substr(0, nl);
  if (raw->substr(nl + 1) != Check(list_id, cursor)) return std::nullopt;
  return cursor;
}

ApiError InvalidTokenError() {
  return ServiceError("InvalidToken", "Invalid Token: 'Invalid token'");
}

std::variant<PageRequest, ApiError> ReadPageRequest(const Json& body, std::string_view list_id) {
  PageRequest page;
  if (auto max = GetInt(body, "maxResults"); max && *max > 0) page.max_results = *max;
  if (auto token = GetString(body, "nextToken")) {
    page.cursor = DecodePageToken(*token, list_id);
    if (!page.cursor) return InvalidTokenError();
  }
  return page;
}

}  // namespace sfn::emulator
