// tests/support/mocks_test_util.h
//
// Helpers shared by the mocks tests: the folder of the test handler
// scripts, and waiting for an asynchronous done callback. (JSON parsing:
// tests/support/json_helpers.h.)
#ifndef SFN_TESTS_SUPPORT_MOCKS_TEST_UTIL_H_
#define SFN_TESTS_SUPPORT_MOCKS_TEST_UTIL_H_

#include <doctest/doctest.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>

#include "asl/core/json.h"
#include "tests/support/json_helpers.h"

namespace sfn::mocks::testing {

// Absolute folder of the mocks tests' handler scripts (tests/mocks/handlers).
// SFN_SOURCE_DIR comes from tests/CMakeLists.txt: __FILE__ may be relative
// when a compiler cache rewrites paths.
inline std::string HandlersDir() { return SFN_SOURCE_DIR "/tests/mocks/handlers"; }

// The Python interpreter for handler scripts: the system one when present,
// because a version-manager shim on PATH (pyenv) can take seconds to start.
inline std::string Python3() {
  return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

// Decodes standard base64 (the tests' inputs are well formed).
inline std::string Base64Decode(const std::string& text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int bits = 0;
  unsigned value = 0;
  for (char c : text) {
    size_t digit = kAlphabet.find(c);
    if (digit == std::string::npos) break;  // '=' padding
    value = (value << 6) | static_cast<unsigned>(digit);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((value >> bits) & 0xff));
    }
  }
  return out;
}

// Receives one value from another thread; Wait() gives up after `seconds`.
template <typename T>
class Waiter {
 public:
  void Set(T value) {
    std::lock_guard<std::mutex> lock(mutex_);
    value_ = std::move(value);
    ++calls_;
    ready_.notify_all();
  }
  std::optional<T> Wait(double seconds = 20) {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait_for(lock, std::chrono::duration<double>(seconds),
                    [this] { return value_.has_value(); });
    return value_;
  }
  int calls() {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::optional<T> value_;
  int calls_ = 0;
};

}  // namespace sfn::mocks::testing

#endif  // SFN_TESTS_SUPPORT_MOCKS_TEST_UTIL_H_
