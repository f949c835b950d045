// asl/definition/parse_distributed.cc
//
// A Distributed Map's data path: ItemReader (Resource, Parameters /
// Arguments, ReaderConfig), ItemBatcher (MaxItemsPerBatch[Path],
// MaxInputBytesPerBatch[Path], BatchInput) and ResultWriter (Resource,
// Parameters / Arguments, WriterConfig), with the checks AWS makes on them
// when a state machine is created, worded as the rest of the validator.
#include <optional>
#include <string>
#include <utility>

#include "asl/definition/builder.h"

namespace sfn::asl::internal {
namespace {

constexpr double kMaxItemsLimit = 100000000;   // ReaderConfig.MaxItems
constexpr double kMaxBatchBytes = 256 * 1024;  // MaxInputBytesPerBatch

// An enumerated string field: its value, or "" (after a diagnostic) when it
// is absent or not one of `allowed`.
std::string ReadEnum(StateContext& ctx, std::string_view field, const FieldNames& allowed) {
  const Json* value = ctx.Field(field);
  if (!value) return "";
  if (value->is_string()) {
    for (std::string_view a : allowed) {
      if (a == value->AsString()) return value->AsString();
    }
  }
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  ctx.Error(field, "Value should be one of the following: [" + list + "]");
  return "";
}

// The object field `field` read through its own context (its allowed
// members checked), or nullopt when it is absent or (after a diagnostic)
// not an object.
std::optional<StateContext> ObjectField(StateContext& ctx, std::string_view field,
                                        const FieldNames& allowed, const FieldNames& jsonpath_only,
                                        const FieldNames& jsonata_only) {
  const Json* value = ctx.Field(field);
  if (!value) return std::nullopt;
  if (!value->is_object()) {
    TypeError(ctx, field, "Object");
    return std::nullopt;
  }
  StateContext sub = SubContext(ctx, *value, ctx.At(field));
  CheckObjectFields(sub, allowed, jsonpath_only, jsonata_only);
  return sub;
}

std::string ReadResource(StateContext& ctx) {
  const Json* resource = ctx.Field("Resource");
  if (!resource) return "";
  if (!resource->is_string()) {
    TypeError(ctx, "Resource", "String");
    return "";
  }
  return resource->AsString();
}

std::optional<PayloadTemplate> ReadArguments(StateContext& ctx) {
  return ReadTemplate(ctx, ctx.jsonata() ? "Arguments" : "Parameters");
}

char Delimiter(const std::string& name) {
  if (name == "SEMICOLON") return ';';
  if (name == "TAB") return '\t';
  if (name == "PIPE") return '|';
  if (name == "SPACE") return ' ';
  return ',';
}

void ReadCsvHeaders(StateContext& cfg, ItemReaderSpec* spec) {
  const Json* headers = cfg.Field("CSVHeaders");
  if (spec->csv_header_location == "GIVEN" && !headers) {
    return cfg.ErrorHere("These fields are required: [CSVHeaders]");
  }
  if (!headers) return;
  if (spec->csv_header_location != "GIVEN") {
    return cfg.ErrorHere("Field 'CSVHeaders' is not supported when CSVHeaderLocation is FIRST_ROW");
  }
  if (!headers->is_array()) return TypeError(cfg, "CSVHeaders", "Array");
  for (const Json& h : headers->AsArray()) {
    if (!h.is_string()) return TypeError(cfg, "CSVHeaders", "Array of String");
    spec->csv_headers.push_back(h.AsString());
  }
}

void ReadReaderConfig(StateContext& reader, ItemReaderSpec* spec) {
  std::optional<StateContext> opened =
      ObjectField(reader, "ReaderConfig",
                  {"InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "MaxItems",
                   "MaxItemsPath", "ItemsPointer", "ManifestType", "Transformation"},
                  {"MaxItemsPath"}, {});
  if (!opened) return;
  StateContext& cfg = *opened;
  spec->input_type = ReadEnum(cfg, "InputType", {"CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"});
  const bool csv = spec->input_type == "CSV";
  for (const char* field : {"CSVHeaderLocation", "CSVDelimiter"}) {
    if (cfg.Has(field) && !csv) cfg.ErrorHere(std::string("Field '") + field +
                                              "' is only supported when InputType is CSV");
  }
  std::string location = ReadEnum(cfg, "CSVHeaderLocation", {"FIRST_ROW", "GIVEN"});
  if (!location.empty()) spec->csv_header_location = location;
  ReadCsvHeaders(cfg, spec);
  spec->csv_delimiter =
      Delimiter(ReadEnum(cfg, "CSVDelimiter", {"COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"}));
  ReadEnum(cfg, "ManifestType", {"ATHENA_DATA", "S3_INVENTORY"});
  spec->load_and_flatten =
      ReadEnum(cfg, "Transformation", {"NONE", "LOAD_AND_FLATTEN"}) == "LOAD_AND_FLATTEN";
  if (const Json* pointer = cfg.Field("ItemsPointer")) {
    if (!pointer->is_string()) {
      TypeError(cfg, "ItemsPointer", "String");
    } else if (!pointer->AsString().empty() && pointer->AsString()[0] != '/') {
      cfg.Error("ItemsPointer", "The value must be a valid JSON Pointer");
    } else {
      spec->items_pointer = pointer->AsString();
    }
  }
  spec->max_items =
      ReadDynamicNumber(cfg, "MaxItems", NumberKind::kInteger, 0, kMaxItemsLimit);
  if (spec->max_items.kind == DynamicValue::Kind::kPath) NotePathVariable(cfg, spec->max_items.path);
}

void ReadItemReader(StateContext& ctx, MapState* state) {
  std::optional<StateContext> opened =
      ObjectField(ctx, "ItemReader", {"Resource", "Parameters", "Arguments", "ReaderConfig"},
                  {"Parameters"}, {"Arguments"});
  if (!opened) return;
  StateContext& reader = *opened;
  ItemReaderSpec spec;
  spec.resource = ReadResource(reader);
  if (!reader.Has("Resource")) reader.ErrorHere("These fields are required: [Resource]");
  spec.arguments = ReadArguments(reader);
  ReadReaderConfig(reader, &spec);
  const bool listing = spec.resource.size() >= 14 &&
                       spec.resource.compare(spec.resource.size() - 14, 14, ":listObjectsV2") == 0;
  const Json* config = reader.Field("ReaderConfig");
  if (listing && config && config->is_object() && config->Find("InputType") &&
      !config->Find("Transformation")) {
    reader.Error("ReaderConfig",
                 "Field 'InputType' is not supported for the s3:listObjectsV2 resource unless "
                 "Transformation is LOAD_AND_FLATTEN");
  }
  state->item_reader = std::move(spec);
}

void ReadItemBatcher(StateContext& ctx, MapState* state) {
  std::optional<StateContext> opened =
      ObjectField(ctx, "ItemBatcher",
                  {"MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                   "MaxInputBytesPerBatchPath", "BatchInput"},
                  {"MaxItemsPerBatchPath", "MaxInputBytesPerBatchPath"}, {});
  if (!opened) return;
  StateContext& batcher = *opened;
  ItemBatcherSpec spec;
  spec.max_items_per_batch =
      ReadDynamicNumber(batcher, "MaxItemsPerBatch", NumberKind::kInteger, 1, std::nullopt);
  spec.max_input_bytes_per_batch = ReadDynamicNumber(batcher, "MaxInputBytesPerBatch",
                                                     NumberKind::kInteger, 1, kMaxBatchBytes);
  for (const DynamicValue* v : {&spec.max_items_per_batch, &spec.max_input_bytes_per_batch}) {
    if (v->kind == DynamicValue::Kind::kPath) NotePathVariable(batcher, v->path);
  }
  spec.batch_input = ReadTemplate(batcher, "BatchInput");
  state->item_batcher = std::move(spec);
}

void ReadResultWriter(StateContext& ctx, MapState* state) {
  std::optional<StateContext> opened =
      ObjectField(ctx, "ResultWriter", {"Resource", "Parameters", "Arguments", "WriterConfig"},
                  {"Parameters"}, {"Arguments"});
  if (!opened) return;
  StateContext& writer = *opened;
  ResultWriterSpec spec;
  spec.resource = ReadResource(writer);
  spec.arguments = ReadArguments(writer);
  const bool has_args = writer.Has("Parameters") || writer.Has("Arguments");
  if (writer.Has("Resource") != has_args) {
    writer.ErrorHere(writer.Has("Resource") ? "These fields are required: [" +
                                                  std::string(writer.jsonata() ? "Arguments"
                                                                               : "Parameters") +
                                                  "]"
                                            : "These fields are required: [Resource]");
  }
  std::optional<StateContext> cfg =
      ObjectField(writer, "WriterConfig", {"OutputType", "Transformation"}, {}, {});
  if (cfg) {
    spec.output_type = ReadEnum(*cfg, "OutputType", {"JSON", "JSONL"});
    spec.transformation = ReadEnum(*cfg, "Transformation", {"NONE", "COMPACT", "FLATTEN"});
  } else if (!writer.Has("WriterConfig") && !writer.Has("Resource") && !has_args) {
    writer.ErrorHere("The ResultWriter field cannot be empty");
  }
  state->result_writer = std::move(spec);
}

}  // namespace

void ReadDistributedFields(StateContext& ctx, MapState* state) {
  if (!state->distributed) {
    // These fields describe a Map Run's data: an INLINE Map has none.
    for (const char* field : {"ItemReader", "ItemBatcher", "ResultWriter"}) {
      if (ctx.Has(field)) {
        ctx.Error(field, std::string("Field '") + field +
                             "' is only supported when the ProcessorConfig Mode is DISTRIBUTED");
        ctx.hidden.insert(field);
      }
    }
    return;
  }
  ReadItemReader(ctx, state);
  ReadItemBatcher(ctx, state);
  ReadResultWriter(ctx, state);
}

}  // namespace sfn::asl::internal
