// tests/asl/interpreter/item_formats_test.cc
//
// The CSV cases are AWS's recorded answers for the same files (LocalStack's
// AWS-validated snapshots of test_map_item_reader_csv_*).
#include "asl/interpreter/item_formats.h"

#include <doctest/doctest.h>

#include "tests/support/json_helpers.h"

using sfn::Dump;
using sfn::Json;
using sfn::asl::CsvItems;
using sfn::asl::ItemReaderSpec;
using sfn::asl::ParseInventoryManifest;
using sfn::asl::ParseItemFile;
using sfn::asl::ReaderAnswerItems;
using sfn::testing::ParseOrDie;

namespace {

ItemReaderSpec Spec(const std::string& input_type) {
  ItemReaderSpec spec;
  spec.input_type = input_type;
  return spec;
}

std::string Csv(const std::string& text, const std::vector<std::string>* given = nullptr,
                char delimiter = ',') {
  auto r = CsvItems(text, delimiter, given);
  REQUIRE_MESSAGE(r.ok(), r.error().cause);
  return Dump(r.value());
}

}  // namespace

TEST_CASE("CSV with headers in the first row: members in AWS's order, short rows filled") {
  // test_map_item_reader_csv_headers_first_row_typed_headers
  CHECK(Csv("0,True,{}\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n") ==
        R"([{"0":"Value4","{}":"Value6","True":"Value5"},{"0":"","{}":"","True":""},)"
        R"({"0":"true","{}":"'HelloWorld'","True":"1"},{"0":"Null","{}":"","True":"None"},)"
        R"({"0":"   ","{}":"","True":""}])");
  // test_map_item_reader_csv_first_row_extra_fields: extra fields are dropped.
  CHECK(Csv("H1,\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n") ==
        R"([{"":"Value5","H1":"Value4"},{"":"","H1":""},{"":"1","H1":"true"},)"
        R"({"":"None","H1":"Null"},{"":"","H1":"   "}])");
}

TEST_CASE("CSV with given headers, quoted fields and the other delimiters") {
  const std::vector<std::string> h1{"H1"};
  // test_map_item_reader_csv_headers_decl_extra_fields
  CHECK(Csv("Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n"
            "   \n",
            &h1) ==
        R"([{"H1":"Value1"},{"H1":"Value4"},{"H1":""},{"H1":"true"},{"H1":"Null"},{"H1":"   "}])");
  const std::vector<std::string> ab{"a", "b"};
  CHECK(Csv("\"x;1\";\"say \"\"hi\"\"\"\r\n", &ab, ';') == R"([{"a":"x;1","b":"say \"hi\""}])");
  CHECK(Csv("1\t2\n", &ab, '\t') == R"([{"a":"1","b":"2"}])");
  CHECK(Csv("1|2\n", &ab, '|') == R"([{"a":"1","b":"2"}])");
  CHECK(Csv("1 2\n", &ab, ' ') == R"([{"a":"1","b":"2"}])");
  CHECK(Csv("\"line\none\",2\n", &ab) == R"([{"a":"line\none","b":"2"}])");
  CHECK(Csv("\xEF\xBB\xBF" "a,b\n1,2\n") == R"([{"a":"1","b":"2"}])");
}

TEST_CASE("CSV headers cannot contain duplicates") {
  const std::vector<std::string> dup{"a", "a"};
  for (const auto& r : {CsvItems("1,2\n", ',', &dup), CsvItems("a,a\n1,2\n", ',', nullptr)}) {
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().error == "States.ItemReaderFailed");
    CHECK(r.error().cause == "CSV headers cannot contain duplicates.");
  }
}

TEST_CASE("JSON files: an array, or the array an ItemsPointer names") {
  auto items = ParseItemFile(R"([{"a":1},2])", Spec("JSON"));
  REQUIRE(items.ok());
  CHECK(Dump(items.value()) == R"([{"a":1},2])");
  // test_map_item_reader_json_no_json_list_object
  auto object = ParseItemFile(R"({"a":1})", Spec("JSON"));
  REQUIRE_FALSE(object.ok());
  CHECK(object.error().error == "States.ItemReaderFailed");
  CHECK(object.error().cause == "Attempting to map over non-iterable node.");
  auto bad = ParseItemFile("[1,", Spec("JSON"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().error == "States.ItemReaderFailed");
  ItemReaderSpec pointed = Spec("JSON");
  pointed.items_pointer = "/data/a~1b/0";
  auto inner = ParseItemFile(R"({"data":{"a/b":[[1,2],3]}})", pointed);
  REQUIRE(inner.ok());
  CHECK(Dump(inner.value()) == "[1,2]");
  pointed.items_pointer = "/data/none";
  auto missing = ParseItemFile(R"({"data":{}})", pointed);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().cause.find("/data/none") != std::string::npos);
}

TEST_CASE("JSON Lines: one item a line, blank lines skipped, a bad line named") {
  auto items = ParseItemFile("{\"a\":1}\n\n[2]\n\"x\"\n", Spec("JSONL"));
  REQUIRE(items.ok());
  CHECK(Dump(items.value()) == R"([{"a":1},[2],"x"])");
  auto bad = ParseItemFile("1\n{oops\n", Spec("JSONL"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().error == "States.ItemReaderFailed");
  CHECK(bad.error().cause.find("line 2") != std::string::npos);
}

TEST_CASE("Reader answers: Body, listings and plain arrays") {
  auto body = ReaderAnswerItems(ParseOrDie(R"({"Body":"[1,2]","ContentLength":5})"), Spec("JSON"));
  REQUIRE(body.ok());
  CHECK(Dump(body.value()) == "[1,2]");
  auto listing = ReaderAnswerItems(ParseOrDie(R"({"Contents":[{"ETag":"\"e\"","Key":"k",
      "LastModified":"2024-01-02T03:04:05Z","Size":3,"StorageClass":"STANDARD"}],"KeyCount":1})"),
                                   Spec(""));
  REQUIRE(listing.ok());
  // test_map_item_reader_base_list_objects_v2: each item as AWS gives it.
  CHECK(Dump(listing.value()) ==
        R"([{"Etag":"\"e\"","LastModified":1704164645,"Key":"k","Size":3,"StorageClass":"STANDARD"}])");
  auto empty = ReaderAnswerItems(ParseOrDie(R"({"KeyCount":0,"Name":"b"})"), Spec(""));
  REQUIRE(empty.ok());
  CHECK(Dump(empty.value()) == "[]");
  CHECK(Dump(ReaderAnswerItems(ParseOrDie("[3]"), Spec("")).value()) == "[3]");
  auto number = ReaderAnswerItems(ParseOrDie("3"), Spec(""));
  REQUIRE_FALSE(number.ok());
  CHECK(number.error().cause == "Attempting to map over non-iterable node.");
}

TEST_CASE("S3 inventory manifests: the data files and their columns") {
  auto m = ParseInventoryManifest(R"({"sourceBucket":"src",
      "destinationBucket":"arn:aws:s3:::inventory-bucket","fileFormat":"CSV",
      "fileSchema":"Bucket, Key, Size","files":[{"key":"data/1.csv","size":10}]})",
                                  "manifest-bucket");
  REQUIRE(m.ok());
  CHECK(m.value().bucket == "inventory-bucket");
  CHECK(m.value().headers == std::vector<std::string>{"Bucket", "Key", "Size"});
  CHECK(m.value().keys == std::vector<std::string>{"data/1.csv"});
  auto not_manifest = ParseInventoryManifest("[1]", "b");
  REQUIRE_FALSE(not_manifest.ok());
  CHECK(not_manifest.error().error == "States.ItemReaderFailed");
  auto orc = ParseInventoryManifest(R"({"fileFormat":"ORC","files":[]})", "b");
  REQUIRE_FALSE(orc.ok());
  auto gz = ParseInventoryManifest(R"({"files":[{"key":"d.csv.gz"}]})", "b");
  REQUIRE_FALSE(gz.ok());
  CHECK(gz.error().cause.find("uncompressed") != std::string::npos);
}
