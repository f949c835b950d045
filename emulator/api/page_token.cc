// emulator/api/page_token.cc
#include "emulator/api/page_token.h"

#include <cstdint>
#include <cstdio>
#include <random>

#include "emulator/api/request.h"

namespace sfn::emulator {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

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

std::string Base64Encode(std::string_view in) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(n >> s) & 63];
  }
  if (i < in.size()) {
    uint32_t n = uint8_t(in[i]) << 16;
    if (i + 1 < in.size()) n |= uint8_t(in[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> Base64Decode(std::string_view in) {
  if (in.size() % 4 != 0) return std::nullopt;
  std::string out;
  for (size_t i = 0; i < in.size(); i += 4) {
    uint32_t n = 0;
    int pad = 0;
    for (size_t k = 0; k < 4; ++k) {
      char c = in[i + k];
      const char* p = c == '=' ? nullptr : std::char_traits<char>::find(kAlphabet, 64, c);
      if (c == '=' && i + 4 == in.size() && k >= 2) {
        ++pad;
      } else if (p == nullptr || pad > 0) {
        return std::nullopt;
      }
      n = (n << 6) | (p ? static_cast<uint32_t>(p - kAlphabet) : 0);
    }
    out += static_cast<char>((n >> 16) & 0xff);
    if (pad < 2) out += static_cast<char>((n >> 8) & 0xff);
    if (pad < 1) out += static_cast<char>(n & 0xff);
  }
  return out;
}

}  // namespace

std::string EncodePageToken(std::string_view list_id, std::string_view cursor) {
  return Base64Encode(std::string(cursor) + "\n" + Check(list_id, cursor));
}

std::optional<std::string> DecodePageToken(std::string_view token, std::string_view list_id) {
  auto raw = Base64Decode(token);
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
