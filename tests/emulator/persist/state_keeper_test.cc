// tests/emulator/persist/state_keeper_test.cc
#include "emulator/persist/state_keeper.h"

#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "emulator/persist/atomic_file.h"
#include "tests/support/temp_dir.h"

using namespace sfn::emulator;
using sfn::testing::TempDir;

namespace {

struct World {
  int64_t now = 1700000000000;
  Store store{[this] { return now; }};
  Activities activities;
  MapRuns map_runs;
  Registries Records() { return Registries{&store, &activities, &map_runs}; }
};

StateKeeperOptions Options(const std::string& path, World& w) {
  StateKeeperOptions o;
  o.path = path;
  o.now_ms = [&w] { return w.now; };
  return o;
}

std::string Read(const std::string& path) {
  bool missing = false;
  return ReadWholeFile(path, &missing).value();
}

}  // namespace

TEST_CASE("a missing file is a fresh start; Stop() writes the state; a restart reads it") {
  TempDir dir;
  const std::string file = dir.path() + "/state.json";
  {
    World w;
    StateKeeper keeper(w.Records(), Options(file, w));
    REQUIRE(keeper.Load().ok());
    w.activities.Create("arn:aws:states:us-east-1:123456789012:activity:A", "A", 7);
    REQUIRE(keeper.Stop().ok());
  }
  World again;
  StateKeeper keeper(again.Records(), Options(file, again));
  REQUIRE(keeper.Load().ok());
  auto a = again.activities.Describe("arn:aws:states:us-east-1:123456789012:activity:A");
  REQUIRE(a.has_value());
  CHECK(a->creation_ms == 7);
}

TEST_CASE("nothing is written while nothing changed") {
  TempDir dir;
  const std::string file = dir.path() + "/state.json";
  World w;
  StateKeeper keeper(w.Records(), Options(file, w));
  REQUIRE(keeper.Load().ok());
  REQUIRE(keeper.SaveIfChanged().ok());
  const std::string first = Read(file);
  w.now += 1000;  // "savedAt" would differ if it were written again
  REQUIRE(keeper.SaveIfChanged().ok());
  CHECK(Read(file) == first);
  w.activities.Create("arn:aws:states:us-east-1:123456789012:activity:B", "B", 7);
  REQUIRE(keeper.SaveIfChanged().ok());
  CHECK(Read(file) != first);
}

TEST_CASE("a damaged file is refused with its name and what is wrong, and left as it was") {
  TempDir dir;
  const std::string file = dir.path() + "/state.json";
  std::ofstream(file) << R"({"format":"sfn-local-state","version":1,"revisions":[)";
  World w;
  StateKeeper keeper(w.Records(), Options(file, w));
  sfn::Status s = keeper.Load();
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().cause.find("state file " + file + ": not valid JSON") == 0);
  w.activities.Create("arn:aws:states:us-east-1:123456789012:activity:A", "A", 7);
  CHECK(keeper.Stop().ok());  // does not write over the refused file
  CHECK(Read(file) == R"({"format":"sfn-local-state","version":1,"revisions":[)");
}

TEST_CASE("a state file that cannot be written is refused at start-up, not at the first change") {
  TempDir dir;
  const std::string file = dir.path() + "/missing-dir/state.json";
  World w;
  StateKeeper keeper(w.Records(), Options(file, w));
  sfn::Status s = keeper.Load();
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().cause.find("state file " + file + ": cannot create") == 0);
  CHECK(keeper.Stop().ok());  // nothing more is tried
  CHECK(dir.Entries() == 0);
}
