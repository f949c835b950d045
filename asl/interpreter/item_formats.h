// asl/interpreter/item_formats.h
//
// How a Distributed Map's ItemReader turns what it read into items, as AWS
// reads them: JSON arrays (or the array an ItemsPointer names in a JSON
// object), JSON Lines, CSV (headers from the first row or given, five
// delimiters, quoted fields; each row an object whose members come in the
// order of AWS's Java HashMap), S3 listings (each object {Etag, Key,
// LastModified, Size, StorageClass}) and S3 inventory manifests (the
// manifest.json that lists CSV data files). Failures are
// States.ItemReaderFailed with AWS's causes. Pure functions; any thread.
#ifndef SFN_ASL_INTERPRETER_ITEM_FORMATS_H_
#define SFN_ASL_INTERPRETER_ITEM_FORMATS_H_

#include <string>
#include <utility>
#include <vector>

#include "asl/core/json.h"
#include "asl/core/status.h"
#include "asl/definition/definition.h"

namespace sfn::asl {

// The items of one file's text read as `spec` says (InputType JSON, JSONL
// or CSV; MANIFEST files are read by ParseInventoryManifest).
Result<Json> ParseItemFile(const std::string& text, const ItemReaderSpec& spec);

// CSV rows as objects. `given`: the headers (GIVEN); null: the first row.
// Rows shorter than the headers get "" for the missing fields; extra fields
// are dropped.
Result<Json> CsvItems(const std::string& text, char delimiter,
                      const std::vector<std::string>* given);

// The items of an ItemReader call's answer: a string (a file's text), an
// object with a string Body (s3:getObject), an object with Contents
// (s3:listObjectsV2), or an array (the items themselves, e.g. a route's).
Result<Json> ReaderAnswerItems(const Json& answer, const ItemReaderSpec& spec);

// RFC 6901 JSON Pointer `pointer` into `doc` ("" is the whole document).
Result<Json> PointedItems(const Json& doc, const std::string& pointer);

// An S3 inventory manifest (manifest.json): where its CSV data files are
// and their columns (fileSchema).
struct InventoryManifest {
  std::string bucket;                // the data files' bucket
  std::vector<std::string> headers;  // fileSchema
  std::vector<std::string> keys;     // the data files
};
Result<InventoryManifest> ParseInventoryManifest(const std::string& text,
                                                 const std::string& manifest_bucket);

// An object whose members are ordered as a java.util.HashMap of these keys
// iterates them (bucket by String.hashCode, then insertion order).
Json JavaHashMapObject(std::vector<std::pair<std::string, Json>> members);

}  // namespace sfn::asl

#endif  // SFN_ASL_INTERPRETER_ITEM_FORMATS_H_
