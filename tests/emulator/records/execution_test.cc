// tests/emulator/records/execution_test.cc
#include "emulator/records/execution.h"

#include <doctest/doctest.h>

#include "asl/definition/definition.h"

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

TEST_CASE("Execution::BeginRedrive reopens an unsuccessful execution once its point is known") {
  ExecutionSpec spec;
  Execution e(spec);
  CHECK(e.BeginRedrive(1) == Execution::RedriveStart::kNotRedrivable);  // running
  ExecutionEnd failed;
  failed.status = ExecutionStatus::kFailed;
  failed.has_error = true;
  e.Finish(failed);
  CHECK(e.BeginRedrive(1) == Execution::RedriveStart::kNotReady);  // point not recorded yet
  sfn::asl::PassState state;
  RedrivePoint point;
  point.state = &state;
  e.SetRedrivePoint(point);
  CHECK(e.BeginRedrive(42) == Execution::RedriveStart::kStarted);
  CHECK(e.running());
  CHECK(!e.end().has_error);
  CHECK(e.redrive_count() == 1);
  CHECK(e.redrive_ms() == 42);
  CHECK(e.BeginRedrive(43) == Execution::RedriveStart::kNotRedrivable);  // running again
  CHECK(e.TakeRedrivePoint()->state == &state);
  CHECK(!e.TakeRedrivePoint());

  ExecutionEnd succeeded;
  succeeded.status = ExecutionStatus::kSucceeded;
  e.Finish(succeeded);
  e.SetRedrivePoint(point);
  CHECK(e.BeginRedrive(50) == Execution::RedriveStart::kNotRedrivable);
}

TEST_CASE("Execution keeps an ended execution's answer from its second asking until a redrive") {
  ExecutionSpec spec;
  Execution e(spec);
  auto text = [](const char* s) { return std::make_shared<const std::string>(s); };
  CHECK_FALSE(e.FindAnswer().keep);  // running: never kept
  e.KeepAnswer(0, text("running"));
  ExecutionEnd failed;
  failed.status = ExecutionStatus::kFailed;
  e.Finish(failed);
  Execution::KeptAnswer first = e.FindAnswer();
  CHECK(first.text == nullptr);  // the one kept while running was refused
  CHECK_FALSE(first.keep);       // described once: not worth keeping yet
  Execution::KeptAnswer second = e.FindAnswer();
  CHECK(second.text == nullptr);
  REQUIRE(second.keep);
  e.KeepAnswer(second.generation, text("failed"));
  CHECK(*e.FindAnswer().text == "failed");

  sfn::asl::PassState state;
  RedrivePoint point;
  point.state = &state;
  e.SetRedrivePoint(point);
  REQUIRE(e.BeginRedrive(42) == Execution::RedriveStart::kStarted);
  CHECK(e.FindAnswer().text == nullptr);  // running again
  e.Finish(failed);
  CHECK(e.FindAnswer().text == nullptr);  // dropped by the redrive
  e.KeepAnswer(second.generation, text("stale"));  // rendered before the redrive
  Execution::KeptAnswer after = e.FindAnswer();
  CHECK(after.text == nullptr);
  CHECK(after.keep);
  CHECK(after.generation == second.generation + 1);
}

TEST_CASE("Execution::input: the value given, kept while running; parsed from the text after") {
  ExecutionSpec spec;
  spec.input_text = R"({"a" : [1, 2.50]})";
  Execution e(spec, sfn::Json("given"));
  CHECK(Dump(e.input()) == R"("given")");  // the caller's parse is trusted while running
  ExecutionEnd failed;
  failed.status = ExecutionStatus::kFailed;
  e.Finish(failed);
  CHECK(Dump(e.input()) == R"({"a":[1,2.5]})");  // dropped at the end: parsed again
  CHECK(Dump(e.input()) == R"({"a":[1,2.5]})");

  Execution lazy(ExecutionSpec{});
  CHECK(Dump(lazy.input()) == "{}");  // no text: {}
  ExecutionSpec null_input;
  null_input.input_text = "null";
  CHECK(Execution(null_input).input().is_null());
}
