// tests/asl/interpreter/result_writer_test.cc
#include "asl/interpreter/result_writer.h"

#include <doctest/doctest.h>

#include "tests/support/interpreter_harness.h"
#include "tests/support/json_helpers.h"

using sfn::Dump;
using sfn::Json;
using sfn::asl::ChildRun;
using sfn::asl::ExportFiles;
using sfn::asl::ResultExport;
using sfn::asl::TransformedResults;
using sfn::testing::ParseOrDie;

namespace {

const char kMapRun[] = "arn:aws:states:us-east-1:123456789012:mapRun:sm/Map:run-uuid";

std::vector<ChildRun> Children() {
  ChildRun ok;
  ok.name = "c1";
  ok.input = ParseOrDie(R"({"x":1})");
  ok.output = ParseOrDie("[1,2]");
  ok.start_ms = 1704164645000;
  ok.stop_ms = 1704164646000;
  ChildRun failed;
  failed.name = "c2";
  failed.status = "FAILED";
  failed.input = ParseOrDie(R"({"x":2})");
  failed.error = {"Boom", "it broke"};
  failed.start_ms = failed.stop_ms = 1704164645000;
  return {ok, failed};
}

}  // namespace

TEST_CASE("ResultWriter: a file per status and manifest.json under <Prefix>/<Map Run id>/") {
  ResultExport e;
  e.map_run_arn = kMapRun;
  e.bucket = "out";
  e.prefix = "jobs";
  auto files = ExportFiles(Children(), e);
  REQUIRE(files.size() == 3);
  CHECK(files[0].key == "jobs/run-uuid/FAILED_0.json");
  CHECK(files[1].key == "jobs/run-uuid/SUCCEEDED_0.json");
  CHECK(files[2].key == "jobs/run-uuid/manifest.json");
  CHECK(files[2].body ==
        std::string(R"({"DestinationBucket":"out","MapRunArn":")") + kMapRun +
            R"(","ResultFiles":{"FAILED":[{"Key":"jobs/run-uuid/FAILED_0.json","Size":)" +
            std::to_string(files[0].body.size()) +
            R"(}],"PENDING":[],"SUCCEEDED":[{"Key":"jobs/run-uuid/SUCCEEDED_0.json","Size":)" +
            std::to_string(files[1].body.size()) + "}]}}");
  Json succeeded = ParseOrDie(files[1].body);
  REQUIRE(succeeded.size() == 1);
  const Json& rec = succeeded.AsArray()[0];
  CHECK(rec.Find("ExecutionArn")->AsString() ==
        "arn:aws:states:us-east-1:123456789012:execution:sm/Map:c1");
  CHECK(rec.Find("StateMachineArn")->AsString() ==
        "arn:aws:states:us-east-1:123456789012:stateMachine:sm/Map");
  CHECK(rec.Find("Input")->AsString() == R"({"x":1})");
  CHECK(rec.Find("Output")->AsString() == "[1,2]");
  CHECK(rec.Find("Status")->AsString() == "SUCCEEDED");
  CHECK(rec.Find("StartDate")->AsString() == "2024-01-02T03:04:05.000Z");
  CHECK(rec.Find("StopDate")->AsString() == "2024-01-02T03:04:06.000Z");
  const Json failed_file = ParseOrDie(files[0].body);
  const Json& failed = failed_file.AsArray()[0];
  CHECK(failed.Find("Error")->AsString() == "Boom");
  CHECK(failed.Find("Cause")->AsString() == "it broke");
  CHECK(failed.Find("Output") == nullptr);
}

TEST_CASE("ResultWriter: no prefix, JSON Lines, and the transformations") {
  ResultExport e;
  e.map_run_arn = kMapRun;
  e.bucket = "out";
  e.output_type = "JSONL";
  e.transformation = "FLATTEN";
  auto files = ExportFiles(Children(), e);
  CHECK(files[1].key == "run-uuid/SUCCEEDED_0.json");
  CHECK(files[1].body == "1\n2\n");                          // flattened outputs
  CHECK(files[0].body.find("\"Error\":\"Boom\"") != std::string::npos);  // failed: as NONE
  CHECK(files[0].body.back() == '\n');
  CHECK(Dump(TransformedResults(Children(), "COMPACT", kMapRun)).rfind("[[1,2],{", 0) == 0);
  auto none = TransformedResults(Children(), "NONE", kMapRun);
  CHECK(none.AsArray()[0].Find("Output")->AsString() == "[1,2]");
}

TEST_CASE("ResultWriter in a run: a putObject call per file, then {MapRunArn, ResultWriterDetails}") {
  using sfn::asl::Transition;
  sfn::testing::InterpreterHarness h(R"({"StartAt":"M","States":{"M":{"Type":"Map",
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
      "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
      "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject",
                      "Parameters":{"Bucket":"out","Prefix.$":"$.prefix"}},
      "ItemsPath":"$.xs","End":true}}})");
  REQUIRE(h.ok());
  h.QueueFork(ParseOrDie("[10,20]"));
  h.QueueResult(ParseOrDie(R"({"ETag":"e1"})"));
  h.QueueResult(ParseOrDie(R"({"ETag":"e2"})"));
  auto r = h.Run(ParseOrDie(R"({"xs":[1,2],"prefix":"p/"})"));
  REQUIRE(r.kind == Transition::Kind::kSucceed);
  const std::string id = r.map_run_arn.substr(r.map_run_arn.rfind(':') + 1);
  REQUIRE(r.calls.size() == 2);
  CHECK(r.calls[0].resource == "arn:aws:states:::s3:putObject");
  CHECK(r.calls[0].payload.Find("Key")->AsString() == "p/" + id + "/SUCCEEDED_0.json");
  CHECK(r.calls[1].payload.Find("Key")->AsString() == "p/" + id + "/manifest.json");
  const Json written = ParseOrDie(r.calls[0].payload.Find("Body")->AsString());
  REQUIRE(written.size() == 2);
  CHECK(written.AsArray()[1].Find("Input")->AsString() == "2");
  CHECK(written.AsArray()[1].Find("Output")->AsString() == "20");
  CHECK(Dump(r.output) == R"({"MapRunArn":")" + r.map_run_arn +
                              R"(","ResultWriterDetails":{"Bucket":"out","Key":"p/)" + id +
                              R"(/manifest.json"}})");
  CHECK(h.sink().Summary().find("MapRunStarted 3<-2\nMapRunSucceeded") != std::string::npos);
}

TEST_CASE("ResultWriter: a failed write is States.ResultWriterFailed after MapRunFailed") {
  using sfn::asl::Transition;
  sfn::testing::InterpreterHarness h(R"({"StartAt":"M","States":{"M":{"Type":"Map",
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
      "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
      "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject",
                      "Parameters":{"Bucket":"missing-bucket"}},"End":true}}})");
  h.QueueFork(ParseOrDie("[1]"));
  h.QueueFailure("S3.NoSuchBucketException", "The specified bucket does not exist");
  auto r = h.Run(ParseOrDie("[1]"));
  CHECK(r.kind == Transition::Kind::kFail);
  CHECK(r.error.error == "States.ResultWriterFailed");
  CHECK(r.error.cause == "The specified bucket does not exist");
  CHECK(h.sink().Summary().find("MapRunFailed 4<-3\nMapStateFailed 5<-4") != std::string::npos);
}

TEST_CASE("ResultWriter with WriterConfig only reshapes the Map's output, writing nothing") {
  sfn::testing::InterpreterHarness h(R"({"StartAt":"M","States":{"M":{"Type":"Map",
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
      "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
      "ResultWriter":{"WriterConfig":{"Transformation":"FLATTEN","OutputType":"JSON"}},
      "End":true}}})");
  h.QueueFork(ParseOrDie("[[1,2],[3],4]"));
  auto r = h.Run(ParseOrDie("[1,2,3]"));
  CHECK(r.calls.empty());
  CHECK(Dump(r.output) == "[1,2,3,4]");
}
