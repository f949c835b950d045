// tests/mocks/s3/s3_store_test.cc
#include "mocks/s3/s3_store.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

using sfn::mocks::S3KeyProblem;
using sfn::mocks::S3Store;
namespace fs = std::filesystem;

namespace {

// A fresh folder with one bucket, "data", holding a.txt and dir/b.txt.
std::string MakeRoot(const std::string& name) {
  fs::path root = fs::temp_directory_path() / ("sfn-s3-store-" + name);
  fs::remove_all(root);
  fs::create_directories(root / "data" / "dir");
  std::ofstream(root / "data" / "a.txt") << "hello";
  std::ofstream(root / "data" / "dir" / "b.txt") << "world!";
  return root.string();
}

}  // namespace

TEST_CASE("S3Store: a bucket is a folder and a key a path inside it") {
  S3Store store(MakeRoot("get"));
  auto a = store.Get("data", "a.txt");
  REQUIRE(a.ok());
  CHECK(a.value().body == "hello");
  CHECK(a.value().info.size == 5);
  CHECK(a.value().info.etag == "\"5d41402abc4b2a76b9719d911017c592\"");  // MD5 of "hello"
  CHECK(a.value().info.last_modified_s > 0);
  auto b = store.Get("data", "dir/b.txt");
  REQUIRE(b.ok());
  CHECK(b.value().body == "world!");
}

TEST_CASE("S3Store: missing keys and buckets fail with S3's errors") {
  S3Store store(MakeRoot("missing"));
  auto key = store.Get("data", "nope.txt");
  REQUIRE_FALSE(key.ok());
  CHECK(key.error().error == "S3.NoSuchKeyException");
  CHECK(key.error().cause.rfind("The specified key does not exist.", 0) == 0);
  auto folder = store.Get("data", "dir");  // a folder is no object
  REQUIRE_FALSE(folder.ok());
  CHECK(folder.error().error == "S3.NoSuchKeyException");
  auto bucket = store.Get("other", "a.txt");
  REQUIRE_FALSE(bucket.ok());
  CHECK(bucket.error().error == "S3.NoSuchBucketException");
  auto put = store.Put("other", "x", "y");
  REQUIRE_FALSE(put.ok());
  CHECK(put.error().error == "S3.NoSuchBucketException");
}

TEST_CASE("S3Store: keys and buckets that would leave the folder are refused") {
  const std::string root = MakeRoot("escape");
  std::ofstream(fs::path(root) / "secret.txt") << "outside any bucket";
  S3Store store(root);
  for (const char* key : {"../secret.txt", "dir/../../secret.txt", "/etc/passwd", "./a.txt",
                          "dir\\..\\..\\secret.txt"}) {
    INFO(key);
    CHECK_FALSE(S3KeyProblem(key).empty());
    auto got = store.Get("data", key);
    REQUIRE_FALSE(got.ok());
    CHECK(got.error().error == "S3.S3Exception");
    CHECK(got.error().cause.find("refuses the key") != std::string::npos);
    auto put = store.Put("data", key, "x");
    REQUIRE_FALSE(put.ok());
    CHECK(put.error().error == "S3.S3Exception");
  }
  for (const char* bucket : {"..", "../data", "a/b", ""}) {
    INFO(bucket);
    auto got = store.Get(bucket, "a.txt");
    REQUIRE_FALSE(got.ok());
    CHECK(got.error().error == "S3.S3Exception");
  }
  CHECK(S3KeyProblem("dir/b.txt").empty());
  CHECK(S3KeyProblem("a..b/c").empty());  // ".." only as a whole segment
  CHECK_FALSE(fs::exists(fs::path(root) / "x"));
}

TEST_CASE("S3Store: puts create the key's folders and replace the object") {
  const std::string root = MakeRoot("put");
  S3Store store(root);
  auto put = store.Put("data", "new/deep/c.json", "[1]");
  REQUIRE(put.ok());
  CHECK(put.value().size == 3);
  auto got = store.Get("data", "new/deep/c.json");
  REQUIRE(got.ok());
  CHECK(got.value().body == "[1]");
  REQUIRE(store.Put("data", "new/deep/c.json", "[1,2]").ok());
  CHECK(store.Get("data", "new/deep/c.json").value().body == "[1,2]");
}

TEST_CASE("S3Store: listings are ordered by key, filtered by prefix and paged") {
  S3Store store(MakeRoot("list"));
  auto all = store.List("data", "", "", 0);
  REQUIRE(all.ok());
  REQUIRE(all.value().objects.size() == 2);
  CHECK(all.value().objects[0].key == "a.txt");
  CHECK(all.value().objects[1].key == "dir/b.txt");
  CHECK(all.value().objects[1].size == 6);
  CHECK_FALSE(all.value().truncated);
  auto prefixed = store.List("data", "dir/", "", 0);
  REQUIRE(prefixed.ok());
  REQUIRE(prefixed.value().objects.size() == 1);
  CHECK(prefixed.value().objects[0].key == "dir/b.txt");
  auto page = store.List("data", "", "", 1);
  REQUIRE(page.ok());
  CHECK(page.value().truncated);
  CHECK(page.value().next_start_after == "a.txt");
  auto rest = store.List("data", "", page.value().next_start_after, 1);
  REQUIRE(rest.ok());
  REQUIRE(rest.value().objects.size() == 1);
  CHECK(rest.value().objects[0].key == "dir/b.txt");
  CHECK_FALSE(rest.value().truncated);
}
