// tests/mocks/process/program_lookup_test.cc
#include "mocks/process/program_lookup.h"

#include <doctest/doctest.h>

using namespace sfn::mocks;

TEST_CASE("FindProgram looks a bare name up in PATH, a path relative to cwd") {
  std::string path;
  std::string error;
  CHECK(FindProgram("sh", "", &path, &error));
  CHECK(path.size() > 3);
  CHECK(path.substr(path.size() - 3) == "/sh");
  CHECK(FindProgram("/bin/sh", "/tmp", &path, &error));
  CHECK(path == "/bin/sh");
  CHECK(FindProgram("./sh", "/bin", &path, &error));
  CHECK(path == "/bin/./sh");
  CHECK_FALSE(FindProgram("sh-that-is-not-installed", "", &path, &error));
  CHECK(error.rfind("program \"sh-that-is-not-installed\" was not found in PATH (", 0) == 0);
  CHECK_FALSE(FindProgram("./nope", "/tmp", &path, &error));
  CHECK(error == "program \"./nope\" (/tmp/./nope) does not exist");
  CHECK_FALSE(FindProgram("/tmp", "", &path, &error));
  CHECK(error == "program \"/tmp\" (/tmp) is a directory");
}

TEST_CASE("CheckWorkingDirectory") {
  std::string error;
  CHECK(CheckWorkingDirectory("/tmp", &error));
  CHECK_FALSE(CheckWorkingDirectory("/no/such/dir", &error));
  CHECK(error == "\"cwd\" /no/such/dir does not exist");
  CHECK_FALSE(CheckWorkingDirectory("/bin/sh", &error));
  CHECK(error == "\"cwd\" /bin/sh is not a directory");
}
