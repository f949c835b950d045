// tests/asl/interpreter/item_reader_test.cc
//
// A Distributed Map's ItemReader and ItemBatcher through the interpreter:
// the calls it makes, the events it records (in AWS's order, as recorded in
// LocalStack's AWS-validated test_map_item_reader_* snapshots) and the
// children's inputs it hands to the engine.
#include <doctest/doctest.h>

#include "tests/support/interpreter_harness.h"
#include "tests/support/json_helpers.h"

using sfn::Dump;
using sfn::Json;
using sfn::asl::Transition;
using sfn::testing::InterpreterHarness;
using sfn::testing::ParseOrDie;

namespace {

std::string Machine(const std::string& fields, const std::string& ql = "") {
  return R"({"StartAt":"M",)" + ql + R"("States":{"M":{"Type":"Map",)" + fields +
         R"(,"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
             "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}})";
}

std::string Reader(const std::string& config) {
  return R"("ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
      "Parameters":{"Bucket.$":"$.bucket","Key":"items.csv"},"ReaderConfig":)" +
         config + "}";
}

const char kCsv[] = "name,qty\napple,3\npear,5\nfig,1\n";

}  // namespace

TEST_CASE("ItemReader: MapStateStarted, MapRunStarted, the read, then the children") {
  InterpreterHarness h(Machine(Reader(R"({"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"})")));
  REQUIRE(h.ok());
  h.QueueResult(Json::MakeObject({{"Body", Json(kCsv)}}));
  auto r = h.Run(ParseOrDie(R"({"bucket":"in-bucket"})"));
  CHECK(r.kind == Transition::Kind::kFork);
  REQUIRE(r.calls.size() == 1);
  CHECK(r.calls[0].resource == "arn:aws:states:::s3:getObject");
  CHECK(Dump(r.calls[0].payload) == R"({"Bucket":"in-bucket","Key":"items.csv"})");
  CHECK(h.sink().Summary() == "MapStateEntered 1<-0\nMapStateStarted 2<-1\nMapRunStarted 3<-2\n");
  CHECK(Dump(h.sink().events[1].details) == R"({"length":0})");
  REQUIRE(r.fork_items.size() == 3);
  CHECK(Dump(r.fork_items[0]) == R"({"qty":"3","name":"apple"})");
  CHECK(r.map_run_arn == h.sink().events[2].details.Find("mapRunArn")->AsString());
}

TEST_CASE("ItemReader: MaxItems caps the items; MaxItemsPath is read from the input") {
  InterpreterHarness h(Machine(Reader(R"({"InputType":"CSV","MaxItemsPath":"$.max"})")));
  h.QueueResult(Json(kCsv));
  auto r = h.Run(ParseOrDie(R"({"bucket":"b-1","max":2})"));
  CHECK(r.fork_items.size() == 2);
  InterpreterHarness all(Machine(Reader(R"({"InputType":"CSV","MaxItems":0})")));
  all.QueueResult(Json(kCsv));
  CHECK(all.Run(ParseOrDie(R"({"bucket":"b-1"})")).fork_items.size() == 3);
}

TEST_CASE("ItemReader: a MaxItemsPath that is not an integer fails the run with States.Runtime") {
  InterpreterHarness h(Machine(Reader(R"({"InputType":"CSV","MaxItemsPath":"$.max"})")));
  auto r = h.Run(ParseOrDie(R"({"bucket":"b-1","max":1.5})"));
  CHECK(r.kind == Transition::Kind::kFail);
  CHECK(r.error.error == "States.Runtime");
  CHECK(r.error.cause ==
        "An error occurred while executing the state 'M' (entered at the event id #1). The "
        "MaxItemsPath field refers to value \"1.5\" which is not a valid integer: $.max");
  CHECK(r.calls.empty());
  CHECK(h.sink().Summary() == "MapStateEntered 1<-0\nMapStateStarted 2<-1\n");
}

TEST_CASE("ItemReader: a negative MaxItems fails with MapRunFailed and States.ItemReaderFailed") {
  InterpreterHarness h(Machine(Reader(R"({"InputType":"CSV","MaxItemsPath":"$.max"})")));
  auto r = h.Run(ParseOrDie(R"({"bucket":"b-1","max":-1})"));
  CHECK(r.kind == Transition::Kind::kFail);
  CHECK(r.error.error == "States.ItemReaderFailed");
  CHECK(r.error.cause == "field MaxItems must be positive");
  CHECK(h.sink().Summary() ==
        "MapStateEntered 1<-0\nMapStateStarted 2<-1\nMapRunStarted 3<-2\nMapRunFailed "
        "4<-3\nMapStateFailed 5<-4\n");
  CHECK(Dump(h.sink().events[3].details) ==
        R"({"error":"States.ItemReaderFailed","cause":"field MaxItems must be positive"})");
}

TEST_CASE("ItemReader: a failed read or a bad file is States.ItemReaderFailed, which Catch sees") {
  InterpreterHarness h(R"({"StartAt":"M","States":{"M":{"Type":"Map",)" +
                       Reader(R"({"InputType":"JSON"})") +
                       R"(,"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED",
      "ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
      "Catch":[{"ErrorEquals":["States.ItemReaderFailed"],"Next":"Done"}],"End":true},
      "Done":{"Type":"Pass","End":true}}})");
  REQUIRE(h.ok());
  h.QueueFailure("S3.NoSuchKeyException", "The specified key does not exist.");
  auto r = h.Run(ParseOrDie(R"({"bucket":"b-1"})"));
  CHECK(r.kind == Transition::Kind::kSucceed);
  CHECK(Dump(r.output) ==
        R"({"Error":"States.ItemReaderFailed","Cause":"The specified key does not exist."})");
  InterpreterHarness bad(Machine(Reader(R"({"InputType":"JSON"})")));
  bad.QueueResult(Json::MakeObject({{"Body", Json(R"({"not":"a list"})")}}));
  auto b = bad.Run(ParseOrDie(R"({"bucket":"b-1"})"));
  CHECK(b.error.error == "States.ItemReaderFailed");
  CHECK(b.error.cause == "Attempting to map over non-iterable node.");
}

TEST_CASE("ItemReader: an S3 inventory manifest is followed by a read per data file") {
  InterpreterHarness h(Machine(R"("ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
      "Parameters":{"Bucket":"inv","Key":"manifest.json"},"ReaderConfig":{"InputType":"MANIFEST"}})"));
  REQUIRE(h.ok());
  h.QueueResult(Json::MakeObject({{"Body", Json(R"({"destinationBucket":"arn:aws:s3:::inv",
      "fileFormat":"CSV","fileSchema":"Bucket, Key","files":[{"key":"d/1.csv"},{"key":"d/2.csv"}]})")}}));
  h.QueueResult(Json::MakeObject({{"Body", Json("src,a.txt\n")}}));
  h.QueueResult(Json::MakeObject({{"Body", Json("src,b.txt\nsrc,c.txt\n")}}));
  auto r = h.Run(Json::MakeObject({}));
  REQUIRE(r.calls.size() == 3);
  CHECK(Dump(r.calls[1].payload) == R"({"Bucket":"inv","Key":"d/1.csv"})");
  CHECK(Dump(r.calls[2].payload) == R"({"Bucket":"inv","Key":"d/2.csv"})");
  REQUIRE(r.fork_items.size() == 3);
  CHECK(Dump(r.fork_items[2]) == R"({"Bucket":"src","Key":"c.txt"})");
}

TEST_CASE("ItemBatcher: children get {BatchInput, Items} batches of MaxItemsPerBatch") {
  InterpreterHarness h(Machine(Reader(R"({"InputType":"CSV"})") +
                               R"(,"ItemBatcher":{"MaxItemsPerBatchPath":"$.per",
      "BatchInput":{"run.$":"$.bucket"}},"ItemSelector":{"n.$":"$$.Map.Item.Value.name"})"));
  REQUIRE(h.ok());
  h.QueueResult(Json(kCsv));
  auto r = h.Run(ParseOrDie(R"({"bucket":"b-1","per":2})"));
  REQUIRE(r.fork_items.size() == 2);
  CHECK(Dump(r.fork_items[0]) ==
        R"({"BatchInput":{"run":"b-1"},"Items":[{"n":"apple"},{"n":"pear"}]})");
  CHECK(Dump(r.fork_items[1]) == R"({"BatchInput":{"run":"b-1"},"Items":[{"n":"fig"}]})");
}

TEST_CASE("ItemBatcher: MaxInputBytesPerBatch bounds each child's input; no BatchInput key") {
  InterpreterHarness h(Machine(R"("ItemsPath":"$.xs","ItemBatcher":{"MaxInputBytesPerBatch":25})"));
  REQUIRE(h.ok());
  auto r = h.Run(ParseOrDie(R"({"xs":["aaaa","bbbb","cccc"]})"));
  REQUIRE(r.fork_items.size() == 2);  // {"Items":["aaaa","bbbb"]} is 25 bytes
  CHECK(Dump(r.fork_items[0]) == R"({"Items":["aaaa","bbbb"]})");
  CHECK(Dump(r.fork_items[1]) == R"({"Items":["cccc"]})");
}

TEST_CASE("ItemBatcher: JSONata limits and BatchInput; bad limits fail with States.Runtime") {
  InterpreterHarness h(Machine(R"("Items":"{% $states.input.xs %}","ItemBatcher":{
      "MaxItemsPerBatch":"{% $states.input.n %}","BatchInput":{"k":"{% $states.input.k %}"}})",
                               R"("QueryLanguage":"JSONata",)"));
  REQUIRE(h.ok());
  auto r = h.Run(ParseOrDie(R"({"xs":[1,2,3],"n":3,"k":"v"})"));
  REQUIRE(r.fork_items.size() == 1);
  CHECK(Dump(r.fork_items[0]) == R"({"BatchInput":{"k":"v"},"Items":[1,2,3]})");
  InterpreterHarness neg(Machine(R"("ItemsPath":"$.xs","ItemBatcher":{"MaxItemsPerBatchPath":"$.n"})"));
  auto n = neg.Run(ParseOrDie(R"({"xs":[1],"n":-2})"));
  CHECK(n.kind == Transition::Kind::kFail);
  CHECK(n.error.error == "States.Runtime");
  InterpreterHarness big(
      Machine(R"("ItemsPath":"$.xs","ItemBatcher":{"MaxInputBytesPerBatchPath":"$.n"})"));
  auto b = big.Run(ParseOrDie(R"({"xs":[1],"n":300000})"));
  CHECK(b.error.error == "States.Runtime");
  CHECK(b.error.cause.find("262144") != std::string::npos);
}

TEST_CASE("ItemReader in JSONata: Arguments and a MaxItems expression") {
  InterpreterHarness h(Machine(R"("ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
      "Arguments":{"Bucket":"{% $states.input.bucket %}","Key":"k.json"},
      "ReaderConfig":{"InputType":"JSON","MaxItems":"{% $states.input.n %}"}})",
                               R"("QueryLanguage":"JSONata",)"));
  REQUIRE(h.ok());
  h.QueueResult(Json::MakeObject({{"Body", Json("[1,2,3]")}}));
  auto r = h.Run(ParseOrDie(R"({"bucket":"b-1","n":2})"));
  REQUIRE(r.calls.size() == 1);
  CHECK(Dump(r.calls[0].payload) == R"({"Bucket":"b-1","Key":"k.json"})");
  CHECK(r.fork_items.size() == 2);
}

TEST_CASE("ItemReader: a listing with LOAD_AND_FLATTEN reads every object as InputType") {
  InterpreterHarness h(Machine(R"("ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2",
      "Parameters":{"Bucket":"logs","Prefix":"day/"},
      "ReaderConfig":{"InputType":"JSONL","Transformation":"LOAD_AND_FLATTEN"}})"));
  REQUIRE(h.ok());
  h.QueueResult(ParseOrDie(R"({"Contents":[{"Key":"day/1.jsonl","Size":8},
      {"Key":"day/2.jsonl","Size":4}],"KeyCount":2})"));
  h.QueueResult(Json::MakeObject({{"Body", Json("{\"a\":1}\n{\"a\":2}\n")}}));
  h.QueueResult(Json::MakeObject({{"Body", Json("{\"a\":3}\n")}}));
  auto r = h.Run(Json::MakeObject({}));
  REQUIRE(r.calls.size() == 3);
  CHECK(r.calls[1].resource == "arn:aws:states:::s3:getObject");
  CHECK(Dump(r.calls[2].payload) == R"({"Bucket":"logs","Key":"day/2.jsonl"})");
  REQUIRE(r.fork_items.size() == 3);
  CHECK(Dump(r.fork_items[2]) == R"({"a":3})");
}
