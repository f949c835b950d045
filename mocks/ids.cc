// mocks/ids.cc
#include "mocks/ids.h"

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <random>

namespace sfn::mocks {
namespace {

// One generator per thread: request ids are minted on many threads at once.
std::mt19937_64& Generator() {
  thread_local std::mt19937_64 generator([] {
    std::random_device device;
    return (static_cast<uint64_t>(device()) << 32) ^ device();
  }());
  return generator;
}

void AppendHex(uint64_t value, int digits, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) out->push_back(kHex[(value >> (4 * i)) & 0xf]);
}

}  // namespace

std::string RandomUuid() {
  uint64_t high = Generator()();
  uint64_t low = Generator()();
  high = (high & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
  low = (low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;    // RFC 4122 variant
  std::string out;
  out.reserve(36);
  AppendHex(high >> 32, 8, &out);
  out.push_back('-');
  AppendHex((high >> 16) & 0xffff, 4, &out);
  out.push_back('-');
  AppendHex(high & 0xffff, 4, &out);
  out.push_back('-');
  AppendHex(low >> 48, 4, &out);
  out.push_back('-');
  AppendHex(low & 0xffffffffffffULL, 12, &out);
  return out;
}

std::string HttpDate(std::chrono::system_clock::time_point when) {
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[40];
  std::snprintf(buffer, sizeof(buffer), "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buffer;
}

std::string RandomTraceId() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now).count();
  std::string out = "Root=1-";
  AppendHex(static_cast<uint64_t>(seconds), 8, &out);
  out.push_back('-');
  AppendHex(Generator()() & 0xffffffffULL, 8, &out);
  AppendHex(Generator()(), 16, &out);
  out += ";Parent=";
  AppendHex(Generator()(), 16, &out);
  out += ";Sampled=0";
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                 (static_cast<uint8_t>(bytes[i + 1]) << 8) | static_cast<uint8_t>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kAlphabet[(n >> shift) & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest == 0) return out;
  uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
  if (rest == 2) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
  out.push_back(kAlphabet[(n >> 18) & 63]);
  out.push_back(kAlphabet[(n >> 12) & 63]);
  out.push_back(rest == 2 ? kAlphabet[(n >> 6) & 63] : '=');
  out.push_back('=');
  return out;
}

}  // namespace sfn::mocks
