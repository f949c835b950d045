// tests/mocks/file_text_test.cc
#include "mocks/file_text.h"

#include <doctest/doctest.h>

#include <fstream>

#include "tests/support/temp_dir.h"

using sfn::mocks::ReadFileText;

TEST_CASE("ReadFileText: every byte of the file, a NUL and no trailing newline included") {
  sfn::testing::TempDir dir;
  const std::string path = dir.path() + "/data.bin";
  const std::string bytes("a\0b\r\nc", 6);
  std::ofstream(path, std::ios::binary) << bytes;
  std::string text = "old";
  REQUIRE(ReadFileText(path, &text));
  CHECK(text == bytes);
}

TEST_CASE("ReadFileText: a missing file is false, with the system's reason, and the text untouched") {
  sfn::testing::TempDir dir;
  std::string text = "kept", error;
  CHECK_FALSE(ReadFileText(dir.path() + "/none.json", &text, &error));
  CHECK(error == "No such file or directory");
  CHECK(text == "kept");
  CHECK_FALSE(ReadFileText(dir.path() + "/none.json", &text));  // no error wanted
}
