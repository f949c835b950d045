// asl/core/uuid.cc
#include "asl/core/uuid.h"

#include <random>

namespace sfn {
namespace {

void AppendHex(uint64_t value, int digits, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; --i) out->push_back(kHex[(value >> (4 * i)) & 0xf]);
}

// One generator per thread: ids are minted on many threads at once.
std::mt19937_64& Generator() {
  thread_local std::mt19937_64 generator([] {
    std::random_device device;
    return (static_cast<uint64_t>(device()) << 32) ^ device();
  }());
  return generator;
}

}  // namespace

std::string FormatUuidV4(uint64_t high, uint64_t low) {
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

std::string RandomUuid() {
  const uint64_t high = Generator()();
  return FormatUuidV4(high, Generator()());
}

}  // namespace sfn
