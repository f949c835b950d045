// tests/support/deep_values.h
//
// Values nested as deep as ParseJson accepts (10,000 levels), and a way to
// run a test body on a thread with a small stack, so that a walk over such
// a value that recursed once per level would overflow it (and fail the
// test, under ASan with a report) instead of passing on a big main stack.
// Stateless; RunOnSmallStack joins its thread before returning.
#ifndef SFN_TESTS_SUPPORT_DEEP_VALUES_H_
#define SFN_TESTS_SUPPORT_DEEP_VALUES_H_

#include <pthread.h>

#include <cstddef>
#include <functional>
#include <string>

namespace sfn::testing {

constexpr size_t kDeepestInput = 10000;  // ParseJson's default max_depth
// Far less than 10,000 levels of any recursive walk need, even unsanitized;
// ample for an iterative one under ASan.
constexpr size_t kSmallStack = 256 * 1024;

// {"a":{"a":...{"leaf":1}...}}, `depth` objects in all.
inline std::string NestedObjectText(size_t depth) {
  std::string text;
  for (size_t i = 1; i < depth; ++i) text += "{\"a\":";
  text += "{\"leaf\":1}";
  text.append(depth - 1, '}');
  return text;
}

// [[...[1]...]], `depth` arrays in all.
inline std::string NestedArrayText(size_t depth) {
  return std::string(depth - 1, '[') + "[1]" + std::string(depth - 1, ']');
}

// Runs `body` on a new thread with a `stack_bytes` stack and waits for it.
inline void RunOnSmallStack(const std::function<void()>& body, size_t stack_bytes = kSmallStack) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack_bytes);
  pthread_t thread;
  auto run = [](void* arg) -> void* {
    (*static_cast<const std::function<void()>*>(arg))();
    return nullptr;
  };
  pthread_create(&thread, &attr, run, const_cast<std::function<void()>*>(&body));
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

}  // namespace sfn::testing

#endif  // SFN_TESTS_SUPPORT_DEEP_VALUES_H_
