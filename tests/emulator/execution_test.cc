// tests/emulator/execution_test.cc
#include "emulator/execution.h"

#include <doctest/doctest.h>

using namespace sfn::emulator;

TEST_CASE("Execution::OnFinish runs once the execution ends, or at once when it has") {
  ExecutionSpec spec;
  Execution e(spec);
  int calls = 0;
  e.OnFinish([&calls] { ++calls; });
  CHECK(calls == 0);
  ExecutionEnd end;
  end.status = ExecutionStatus::kAborted;
  e.Finish(end);
  CHECK(calls == 1);
  e.Finish(end);
  CHECK(calls == 1);
  e.OnFinish([&calls] { ++calls; });
  CHECK(calls == 2);
}
