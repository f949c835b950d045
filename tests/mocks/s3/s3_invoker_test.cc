// tests/mocks/s3/s3_invoker_test.cc
#include "mocks/s3/s3_invoker.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "tests/support/json_helpers.h"

using sfn::Json;
using sfn::mocks::S3Invoker;
using sfn::testing::ParseOrDie;
namespace fs = std::filesystem;

namespace {

std::string MakeRoot() {
  fs::path root = fs::temp_directory_path() / "sfn-s3-invoker";
  fs::remove_all(root);
  fs::create_directories(root / "bucket" / "in");
  std::ofstream(root / "bucket" / "in" / "a.csv") << "h\n1\n";
  std::ofstream(root / "bucket" / "in" / "b.json") << "[1,2]";
  return root.string();
}

sfn::asl::TaskCall Call(const std::string& resource, const std::string& payload) {
  sfn::asl::TaskCall call;
  call.resource = resource;
  call.payload = ParseOrDie(payload);
  return call;
}

}  // namespace

TEST_CASE("S3Invoker: only the S3 resources, optimized and aws-sdk, in any partition") {
  CHECK(S3Invoker::Handles("arn:aws:states:::s3:getObject"));
  CHECK(S3Invoker::Handles("arn:aws:states:::s3:listObjectsV2"));
  CHECK(S3Invoker::Handles("arn:aws:states:::s3:putObject"));
  CHECK(S3Invoker::Handles("arn:aws-cn:states:::aws-sdk:s3:getObject"));
  CHECK(S3Invoker::Handles("arn:aws:states:::aws-sdk:s3:listObjectsV2"));
  CHECK_FALSE(S3Invoker::Handles("arn:aws:states:::aws-sdk:s3:deleteObject"));
  CHECK_FALSE(S3Invoker::Handles("arn:aws:states:::sqs:sendMessage"));
  S3Invoker s3(MakeRoot());
  CHECK_FALSE(s3.Answer(Call("arn:aws:states:::lambda:invoke", "{}")).has_value());
}

TEST_CASE("S3Invoker: getObject answers Body, ContentLength and ETag") {
  S3Invoker s3(MakeRoot());
  auto got = s3.Answer(
      Call("arn:aws:states:::aws-sdk:s3:getObject", R"({"Bucket":"bucket","Key":"in/b.json"})"));
  REQUIRE(got.has_value());
  REQUIRE(got->ok);
  CHECK(got->result.Find("Body")->AsString() == "[1,2]");
  CHECK(got->result.Find("ContentLength")->AsInt() == 5);
  CHECK(got->result.Find("ETag")->AsString().front() == '"');
  CHECK(got->result.Find("LastModified")->AsString().back() == 'Z');
  auto missing = s3.Answer(
      Call("arn:aws:states:::aws-sdk:s3:getObject", R"({"Bucket":"bucket","Key":"in/zz"})"));
  REQUIRE(missing.has_value());
  CHECK_FALSE(missing->ok);
  CHECK(missing->error.error == "S3.NoSuchKeyException");
  auto no_key = s3.Answer(Call("arn:aws:states:::aws-sdk:s3:getObject", R"({"Bucket":"bucket"})"));
  REQUIRE(no_key.has_value());
  CHECK_FALSE(no_key->ok);
  CHECK(no_key->error.cause.find("'Key'") != std::string::npos);
}

TEST_CASE("S3Invoker: putObject writes the Body (JSON as its text) and getObject reads it") {
  S3Invoker s3(MakeRoot());
  auto put = s3.Answer(Call("arn:aws:states:::aws-sdk:s3:putObject",
                            R"({"Bucket":"bucket","Key":"out/x.json","Body":{"a":[1]}})"));
  REQUIRE(put.has_value());
  REQUIRE(put->ok);
  CHECK(put->result.Find("ETag") != nullptr);
  auto got = s3.Answer(
      Call("arn:aws:states:::s3:getObject", R"({"Bucket":"bucket","Key":"out/x.json"})"));
  REQUIRE(got->ok);
  CHECK(got->result.Find("Body")->AsString() == R"({"a":[1]})");
  auto escape = s3.Answer(Call("arn:aws:states:::aws-sdk:s3:putObject",
                               R"({"Bucket":"bucket","Key":"../../x","Body":"y"})"));
  REQUIRE(escape.has_value());
  CHECK_FALSE(escape->ok);
  CHECK(escape->error.error == "S3.S3Exception");
}

TEST_CASE("S3Invoker: listObjectsV2 answers Contents, KeyCount and pages by MaxKeys") {
  S3Invoker s3(MakeRoot());
  auto all = s3.Answer(Call("arn:aws:states:::aws-sdk:s3:listObjectsV2",
                            R"({"Bucket":"bucket","Prefix":"in/"})"));
  REQUIRE(all->ok);
  const Json& r = all->result;
  CHECK(r.Find("KeyCount")->AsInt() == 2);
  CHECK(r.Find("Prefix")->AsString() == "in/");
  CHECK(r.Find("Name")->AsString() == "bucket");
  CHECK_FALSE(r.Find("IsTruncated")->AsBool());
  const Json& first = r.Find("Contents")->AsArray()[0];
  CHECK(first.Find("Key")->AsString() == "in/a.csv");
  CHECK(first.Find("Size")->AsInt() == 4);
  CHECK(first.Find("StorageClass")->AsString() == "STANDARD");
  auto page = s3.Answer(Call("arn:aws:states:::aws-sdk:s3:listObjectsV2",
                             R"({"Bucket":"bucket","MaxKeys":1})"));
  REQUIRE(page->ok);
  CHECK(page->result.Find("IsTruncated")->AsBool());
  const std::string token = page->result.Find("NextContinuationToken")->AsString();
  auto next = s3.Answer(Call("arn:aws:states:::aws-sdk:s3:listObjectsV2",
                             R"({"Bucket":"bucket","MaxKeys":1,"ContinuationToken":")" + token +
                                 R"("})"));
  REQUIRE(next->ok);
  CHECK(next->result.Find("Contents")->AsArray()[0].Find("Key")->AsString() == "in/b.json");
  auto no_bucket = s3.Answer(
      Call("arn:aws:states:::s3:listObjectsV2", R"({"Bucket":"missing-bucket"})"));
  CHECK(no_bucket->error.error == "S3.NoSuchBucketException");
}
