// tests/emulator/records/store_executions_test.cc: retention of closed
// executions (eviction order and what an evicted execution leaves behind).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "emulator/records/store.h"

using namespace sfn::emulator;

namespace {

const std::string kMachine = "arn:aws:states:us-east-1:123456789012:stateMachine:M";

struct Fixture {
  int64_t now = 1000;
  Store store{[this] { return now; }};
  std::vector<std::string> evicted;

  Fixture(size_t max, int64_t max_age_ms = 0) {
    auto r = std::make_shared<Revision>();
    r->definition = "{}";
    Store::NewMachine m;
    m.arn = kMachine;
    m.name = "M";
    m.type = "STANDARD";
    m.revision = r;
    REQUIRE(store.CreateStateMachine(m).index() == 0);
    store.SetRetention(Retention{max, max_age_ms}, [this](const std::vector<std::string>& arns) {
      evicted.insert(evicted.end(), arns.begin(), arns.end());
    });
  }
  static std::string Arn(const std::string& name) {
    return "arn:aws:states:us-east-1:123456789012:execution:M:" + name;
  }
  std::shared_ptr<Execution> Start(const std::string& name) {
    ExecutionSpec s;
    s.arn = Arn(name);
    s.name = name;
    s.state_machine_arn = kMachine;
    auto e = std::make_shared<Execution>(s);
    bool added = false;
    REQUIRE(store.AddExecution(e, nullptr, &added).index() == 0);
    REQUIRE(added);
    return e;
  }
  void Close(const std::shared_ptr<Execution>& e,
             ExecutionStatus status = ExecutionStatus::kSucceeded) {
    ExecutionEnd end;
    end.status = status;
    end.stop_ms = now++;
    e->Finish(end);
  }
  std::vector<std::string> Listed() {
    std::vector<std::string> names;
    auto listed = store.ListExecutions(std::get<ParsedArn>(ParseArn(kMachine)));
    for (const auto& e : std::get<0>(listed)) names.push_back(e->spec().name);
    return names;
  }
};

}  // namespace

TEST_CASE("the oldest closed executions are evicted first, running ones never") {
  Fixture f(3);
  auto a = f.Start("a");
  auto b = f.Start("b");
  auto c = f.Start("c");
  f.Close(b);  // closes first
  f.Close(a);
  f.Start("d");  // 4 > 3: b (closed first) goes, though a started earlier
  CHECK(f.evicted == std::vector<std::string>{Fixture::Arn("b")});
  CHECK_FALSE(f.store.FindExecution(Fixture::Arn("b")).has_value());
  CHECK(f.store.FindExecution(Fixture::Arn("a")).has_value());
  CHECK(f.Listed() == std::vector<std::string>{"d", "c", "a"});
  // c and d still run: only a can go.
  f.Start("e");
  f.Start("g");
  CHECK(f.evicted.size() == 2);
  CHECK(f.Listed() == std::vector<std::string>{"g", "e", "d", "c"});
  CHECK(f.store.execution_count() == 4);  // over the limit: all running
  f.Close(c);
  f.store.Sweep();
  CHECK(f.Listed() == std::vector<std::string>{"g", "e", "d"});
}

TEST_CASE("an evicted execution's name can be used again, and is listed once") {
  Fixture f(1);
  auto a = f.Start("a");
  f.Close(a);
  auto b = f.Start("b");  // evicts a
  f.Close(b);
  auto again = f.Start("a");  // evicts b
  CHECK(f.Listed() == std::vector<std::string>{"a"});
  CHECK(f.store.FindExecution(Fixture::Arn("a"))->execution == again);
  f.Close(again);
  for (int i = 0; i < 50; ++i) f.Close(f.Start("x" + std::to_string(i)));
  CHECK(f.Listed().size() == 1);
}

TEST_CASE("a redriven execution is evicted by its last close, not its first") {
  Fixture f(2);
  auto a = f.Start("a");
  auto b = f.Start("b");
  f.Close(a, ExecutionStatus::kFailed);
  f.Close(b);
  RedrivePoint point;
  static const sfn::asl::State* const kSomeState = reinterpret_cast<const sfn::asl::State*>(8);
  point.state = kSomeState;  // never dereferenced by the Store
  a->SetRedrivePoint(point);
  REQUIRE(a->BeginRedrive(f.now) == Execution::RedriveStart::kStarted);
  f.Close(a);  // a closed again, after b
  f.Start("c");
  CHECK(f.evicted == std::vector<std::string>{Fixture::Arn("b")});
}

TEST_CASE("executions closed longer ago than the age limit are evicted by a sweep") {
  Fixture f(0, 60000);  // no count limit, one minute
  auto a = f.Start("a");
  auto b = f.Start("b");
  f.Close(a);
  f.now += 30000;
  f.Close(b);
  f.now += 30000;
  f.store.Sweep();
  CHECK(f.Listed() == std::vector<std::string>{"b"});
  f.now += 30000;
  f.store.Sweep();
  CHECK(f.Listed().empty());
  CHECK(f.evicted.size() == 2);
}

TEST_CASE("a limit of 0 keeps every execution") {
  Fixture f(0);
  for (int i = 0; i < 20; ++i) f.Close(f.Start("e" + std::to_string(i)));
  CHECK(f.store.execution_count() == 20);
  CHECK(f.evicted.empty());
}
