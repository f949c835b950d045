// tests/asl/definition/parse_distributed_test.cc
#include <doctest/doctest.h>

#include <string>

#include "asl/definition/definition.h"
#include "asl/definition/parser.h"

using namespace sfn::asl;

namespace {

// A Distributed Map named M whose other fields are `fields` (JSON members).
std::string Machine(const std::string& fields, const std::string& ql = "") {
  return R"({"StartAt":"M",)" + ql + R"("States":{"M":{"Type":"Map",)" + fields +
         R"(,"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
             "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}})";
}

std::string ErrorOf(const std::string& text) {
  ParseResult r = ParseDefinition(text, ParseOptions());
  CHECK_FALSE(r.machine);
  return r.invalid_definition_message;
}

std::string Schema(const std::string& message, const std::string& where) {
  return "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: " + message + " at " +
         where + "'";
}

const MapState& MapOf(const std::string& text) {
  static std::shared_ptr<const StateMachine> keep;
  ParseResult r = ParseDefinition(text, ParseOptions());
  INFO(r.invalid_definition_message);
  REQUIRE(r.machine);
  keep = r.machine;
  return static_cast<const MapState&>(*keep->program.Find("M"));
}

constexpr char kCsvReader[] =
    R"("ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
        "Parameters":{"Bucket":"b","Key.$":"$.key"},"ReaderConfig":{)";

}  // namespace

TEST_CASE("ItemReader: ReaderConfig is read into the Map") {
  const MapState& m = MapOf(Machine(std::string(kCsvReader) +
                                    R"("InputType":"CSV","CSVHeaderLocation":"GIVEN",
      "CSVHeaders":["a","b"],"CSVDelimiter":"SEMICOLON","MaxItemsPath":"$.max"}})"));
  REQUIRE(m.item_reader);
  CHECK(m.item_reader->resource == "arn:aws:states:::s3:getObject");
  CHECK(m.item_reader->input_type == "CSV");
  CHECK(m.item_reader->csv_header_location == "GIVEN");
  CHECK(m.item_reader->csv_headers == std::vector<std::string>{"a", "b"});
  CHECK(m.item_reader->csv_delimiter == ';');
  CHECK(m.item_reader->max_items.kind == DynamicValue::Kind::kPath);
  CHECK(m.item_reader->arguments.has_value());
  CHECK_FALSE(m.item_batcher);
  CHECK_FALSE(m.result_writer);
}

TEST_CASE("ItemReader: the checks AWS makes when the machine is created") {
  const std::string at = "/States/M/ItemReader/ReaderConfig";
  CHECK(ErrorOf(Machine(std::string(kCsvReader) +
                        R"("InputType":"CSV","CSVHeaderLocation":"GIVEN"}})")) ==
        Schema("These fields are required: [CSVHeaders]", at));
  CHECK(ErrorOf(Machine(std::string(kCsvReader) +
                        R"("InputType":"CSV","CSVHeaders":["a"]}})")) ==
        Schema("Field 'CSVHeaders' is not supported when CSVHeaderLocation is FIRST_ROW", at));
  CHECK(ErrorOf(Machine(std::string(kCsvReader) + R"("InputType":"XML"}})")) ==
        Schema("Value should be one of the following: [CSV, JSON, JSONL, MANIFEST, PARQUET]",
               at + "/InputType"));
  CHECK(ErrorOf(Machine(std::string(kCsvReader) +
                        R"("InputType":"CSV","CSVDelimiter":"COLON"}})")) ==
        Schema("Value should be one of the following: [COMMA, PIPE, SEMICOLON, SPACE, TAB]",
               at + "/CSVDelimiter"));
  CHECK(ErrorOf(Machine(std::string(kCsvReader) + R"("InputType":"JSON","MaxItems":100000001}})")) ==
        Schema("Value should be between 0 and 100000000", at + "/MaxItems"));
  CHECK(ErrorOf(Machine(std::string(kCsvReader) +
                        R"("InputType":"JSON","MaxItems":1,"MaxItemsPath":"$.m"}})")) ==
        Schema("There should only be one of the following fields: [MaxItems, MaxItemsPath]", at));
  CHECK(ErrorOf(Machine(std::string(kCsvReader) + R"("InputType":"JSON","CSVDelimiter":"TAB"}})")) ==
        Schema("Field 'CSVDelimiter' is only supported when InputType is CSV", at));
  CHECK(ErrorOf(Machine(R"("ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2",
      "Parameters":{"Bucket":"b"},"ReaderConfig":{"InputType":"CSV"}})")) ==
        Schema("Field 'InputType' is not supported for the s3:listObjectsV2 resource unless "
               "Transformation is LOAD_AND_FLATTEN",
               "/States/M/ItemReader/ReaderConfig"));
  CHECK(ErrorOf(Machine(R"("ItemReader":{"Parameters":{"Bucket":"b"}})")) ==
        Schema("These fields are required: [Resource]", "/States/M/ItemReader"));
  CHECK(ErrorOf(Machine(R"("ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
      "Arguments":{"Bucket":"b"}})")) ==
        Schema("The QueryLanguage is set to 'JSONPath', but field 'Arguments' is only supported "
               "for the 'JSONata' QueryLanguage",
               "/States/M/ItemReader"));
  CHECK(ErrorOf(Machine(R"("ItemReader":[1])")) ==
        Schema("Expected value of type: Object", "/States/M/ItemReader"));
}

TEST_CASE("ItemReader: a JSONata MaxItems expression and Arguments") {
  const MapState& m = MapOf(Machine(R"("ItemReader":{"Resource":"arn:aws:states:::s3:getObject",
      "Arguments":{"Bucket":"b","Key":"{% $states.input.key %}"},
      "ReaderConfig":{"InputType":"JSON","MaxItems":"{% $states.input.n %}",
                      "ItemsPointer":"/data/items"}})",
                                    R"("QueryLanguage":"JSONata",)"));
  REQUIRE(m.item_reader);
  CHECK(m.item_reader->max_items.kind == DynamicValue::Kind::kExpression);
  CHECK(m.item_reader->items_pointer == "/data/items");
}

TEST_CASE("ItemBatcher and ResultWriter are read and checked") {
  const MapState& m = MapOf(Machine(R"("ItemBatcher":{"MaxItemsPerBatchPath":"$.n",
      "MaxInputBytesPerBatch":1024,"BatchInput":{"k.$":"$.k"}},
      "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject",
      "Parameters":{"Bucket":"out","Prefix":"p"},
      "WriterConfig":{"OutputType":"JSONL","Transformation":"FLATTEN"}})"));
  REQUIRE(m.item_batcher);
  CHECK(m.item_batcher->max_items_per_batch.kind == DynamicValue::Kind::kPath);
  CHECK(m.item_batcher->max_input_bytes_per_batch.kind == DynamicValue::Kind::kConstant);
  CHECK(m.item_batcher->batch_input.has_value());
  REQUIRE(m.result_writer);
  CHECK(m.result_writer->output_type == "JSONL");
  CHECK(m.result_writer->transformation == "FLATTEN");
  CHECK(ErrorOf(Machine(R"("ItemBatcher":{"MaxInputBytesPerBatch":262145})")) ==
        Schema("Value should be between 1 and 262144",
               "/States/M/ItemBatcher/MaxInputBytesPerBatch"));
  CHECK(ErrorOf(Machine(R"("ItemBatcher":{"MaxItemsPerBatch":0})")) ==
        Schema("Value should be greater than or equal to 1",
               "/States/M/ItemBatcher/MaxItemsPerBatch"));
  CHECK(ErrorOf(Machine(R"("ResultWriter":{})")) ==
        Schema("The ResultWriter field cannot be empty", "/States/M/ResultWriter"));
  CHECK(ErrorOf(Machine(R"("ResultWriter":{"Resource":"arn:aws:states:::s3:putObject"})")) ==
        Schema("These fields are required: [Parameters]", "/States/M/ResultWriter"));
  CHECK(ErrorOf(Machine(R"("ResultWriter":{"WriterConfig":{"Transformation":"ALL"}})")) ==
        Schema("Value should be one of the following: [NONE, COMPACT, FLATTEN]",
               "/States/M/ResultWriter/WriterConfig/Transformation"));
}

TEST_CASE("ItemReader, ItemBatcher and ResultWriter need a DISTRIBUTED Map") {
  const std::string inline_map = R"({"StartAt":"M","States":{"M":{"Type":"Map",
      "ItemBatcher":{"MaxItemsPerBatch":2},"ItemsPath":"$.xs",
      "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}})";
  CHECK(ErrorOf(inline_map) ==
        Schema("Field 'ItemBatcher' is only supported when the ProcessorConfig Mode is DISTRIBUTED",
               "/States/M/ItemBatcher"));
}
