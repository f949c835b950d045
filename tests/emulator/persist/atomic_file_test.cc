// tests/emulator/persist/atomic_file_test.cc
#include "emulator/persist/atomic_file.h"

#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "tests/support/temp_dir.h"

using namespace sfn::emulator;
using sfn::testing::TempDir;

namespace {

std::string Read(const std::string& path) {
  bool missing = false;
  auto text = ReadWholeFile(path, &missing);
  REQUIRE(text.ok());
  return text.value();
}

}  // namespace

TEST_CASE("a write replaces the whole file and leaves no temporary file") {
  TempDir dir;
  const std::string file = dir.path() + "/state.json";
  REQUIRE(WriteFileAtomically(file, "first, longer content").ok());
  REQUIRE(WriteFileAtomically(file, "second").ok());
  CHECK(Read(file) == "second");
  CHECK(dir.Entries() == 1);
}

TEST_CASE("a missing file reads as missing; an unwritable place is an error naming it") {
  TempDir dir;
  bool missing = false;
  auto text = ReadWholeFile(dir.path() + "/none.json", &missing);
  CHECK(text.ok());
  CHECK(missing);
  auto as_dir = ReadWholeFile(dir.path(), &missing);
  CHECK_FALSE(as_dir.ok());
  CHECK_FALSE(missing);
  sfn::Status s = WriteFileAtomically(dir.path() + "/no/such/dir/state.json", "x");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().cause.find(dir.path() + "/no/such/dir/state.json") != std::string::npos);
}

TEST_CASE("temporary files an interrupted write left behind are removed, nothing else") {
  TempDir dir;
  const std::string file = dir.path() + "/state.json";
  std::ofstream(file + ".tmp-AbC123") << "half";
  std::ofstream(file + ".keep") << "other";
  std::ofstream(file) << "whole";
  RemoveStaleTemporaries(file);
  CHECK(dir.Entries() == 2);
  CHECK(Read(file) == "whole");
}
