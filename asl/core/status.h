// asl/core/status.h
//
// Error values that cross module boundaries (leveldb's Status idiom).
// `AslError` is a runtime error of the States language ({error, cause}), as it
// appears in history events and is matched by Retry/Catch. `Result<T>` holds a
// value or an AslError. Both are plain values: copy them freely between threads.
#ifndef SFN_ASL_CORE_STATUS_H_
#define SFN_ASL_CORE_STATUS_H_

#include <string>
#include <utility>
#include <variant>

namespace sfn {

struct AslError {
  std::string error;  // e.g. "States.Runtime", or a handler's errorType
  std::string cause;  // human-readable text, exactly as AWS words it
};

inline bool operator==(const AslError& a, const AslError& b) {
  return a.error == b.error && a.cause == b.cause;
}

// A value of T, or an AslError. Construct from either; test with ok().
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(AslError error) : v_(std::move(error)) {}   // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const AslError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, AslError> v_;
};

// Success or an AslError, for operations without a value.
class Status {
 public:
  Status() = default;
  Status(AslError error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  static Status OK() { return Status(); }
  bool ok() const { return ok_; }
  const AslError& error() const { return error_; }

 private:
  AslError error_;
  bool ok_ = true;
};

}  // namespace sfn

#endif  // SFN_ASL_CORE_STATUS_H_
