// mocks/http/aws_headers.cc
#include "mocks/http/aws_headers.h"

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <random>

namespace sfn::mocks {
namespace {

// One generator per thread: trace ids are minted on many threads at once.
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

}  // namespace sfn::mocks
