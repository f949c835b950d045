// tests/emulator/engine/deferred_work_test.cc
#include "emulator/engine/deferred_work.h"

#include <doctest/doctest.h>

#include <string>
#include <thread>

using namespace sfn::emulator;

TEST_CASE("DeferredWork: without an open scope nothing is taken") {
  bool ran = false;
  CHECK_FALSE(DeferredWork::Defer([&] { ran = true; }));
  CHECK_FALSE(ran);
}

TEST_CASE("DeferredWork runs what was put off when asked, in order, and what that adds") {
  std::string log;
  DeferredWork scope;
  CHECK(DeferredWork::Defer([&] { log += "a"; }));
  CHECK(DeferredWork::Defer([&] {
    log += "b";
    CHECK(DeferredWork::Defer([&] { log += "c"; }));  // while running: still this scope
  }));
  CHECK(log.empty());
  scope.RunAll();
  CHECK(log == "abc");
  scope.RunAll();  // nothing twice
  CHECK(log == "abc");
}

TEST_CASE("DeferredWork: a scope runs what is left when it closes; scopes nest per thread") {
  std::string log;
  {
    DeferredWork outer;
    {
      DeferredWork inner;
      DeferredWork::Defer([&] { log += "inner "; });
      std::thread other([&] {  // another thread has no scope of its own
        CHECK_FALSE(DeferredWork::Defer([&] { log += "never "; }));
      });
      other.join();
      CHECK(log.empty());
    }
    CHECK(log == "inner ");
    DeferredWork::Defer([&] { log += "outer"; });  // the outer scope is open again
  }
  CHECK(log == "inner outer");
  CHECK_FALSE(DeferredWork::Defer([] {}));
}
