// mocks/s3/s3_invoker.cc
#include "mocks/s3/s3_invoker.h"

#include <ctime>

#include "asl/core/encoding.h"

namespace sfn::mocks {

using asl::TaskOutcome;

namespace {

enum class Flavor { kOptimized, kSdk };
enum class Action { kGet, kPut, kList };

struct S3Resource {
  Flavor flavor = Flavor::kOptimized;
  Action action = Action::kGet;
};

std::optional<S3Resource> ParseResource(const std::string& resource) {
  size_t partition_end = resource.find(':', 4);
  if (resource.rfind("arn:", 0) != 0 || partition_end == std::string::npos) return std::nullopt;
  std::string_view rest(resource);
  rest.remove_prefix(partition_end);
  S3Resource r;
  if (rest.rfind(":states:::s3:", 0) == 0) {
    rest.remove_prefix(13);
  } else if (rest.rfind(":states:::aws-sdk:s3:", 0) == 0) {
    r.flavor = Flavor::kSdk;
    rest.remove_prefix(21);
  } else {
    return std::nullopt;
  }
  if (rest == "getObject") {
    r.action = Action::kGet;
  } else if (rest == "putObject") {
    r.action = Action::kPut;
  } else if (rest == "listObjectsV2") {
    r.action = Action::kList;
  } else {
    return std::nullopt;
  }
  return r;
}

std::string IsoSeconds(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// A string parameter; missing or not a string fails as the SDK's validation does.
Result<std::string> StringParam(const Json& payload, const char* name, bool required) {
  const Json* v = payload.Find(name);
  if (v == nullptr || v->is_null()) {
    if (!required) return std::string();
    return AslError{"S3.S3Exception", std::string("The parameter '") + name +
                                          "' is required (Service: S3, Status Code: 400)"};
  }
  if (!v->is_string()) {
    return AslError{"S3.S3Exception",
                    std::string("The parameter '") + name + "' must be a string (Service: S3)"};
  }
  return v->AsString();
}

Json ObjectEntry(const S3ObjectInfo& info) {
  return Json::MakeObject({{"ETag", Json(info.etag)},
                           {"Key", Json(info.key)},
                           {"LastModified", Json(IsoSeconds(info.last_modified_s))},
                           {"Size", Json(info.size)},
                           {"StorageClass", Json("STANDARD")}});
}

Result<Json> GetObject(const S3Store& store, const Json& payload) {
  Result<std::string> bucket = StringParam(payload, "Bucket", true);
  if (!bucket.ok()) return bucket.error();
  Result<std::string> key = StringParam(payload, "Key", true);
  if (!key.ok()) return key.error();
  Result<S3Object> object = store.Get(bucket.value(), key.value());
  if (!object.ok()) return object.error();
  const S3ObjectInfo& info = object.value().info;
  return Json::MakeObject({{"AcceptRanges", Json("bytes")},
                           {"Body", Json(object.value().body)},
                           {"ContentLength", Json(info.size)},
                           {"ContentType", Json("application/octet-stream")},
                           {"ETag", Json(info.etag)},
                           {"LastModified", Json(IsoSeconds(info.last_modified_s))},
                           {"Metadata", Json::MakeObject({})}});
}

Result<Json> PutObject(const S3Store& store, const Json& payload) {
  Result<std::string> bucket = StringParam(payload, "Bucket", true);
  if (!bucket.ok()) return bucket.error();
  Result<std::string> key = StringParam(payload, "Key", true);
  if (!key.ok()) return key.error();
  const Json* body = payload.Find("Body");
  // A JSON Body is written as its text, as the SDK integration does.
  std::string text = body == nullptr ? "" : body->is_string() ? body->AsString() : Dump(*body);
  Result<S3ObjectInfo> put = store.Put(bucket.value(), key.value(), text);
  if (!put.ok()) return put.error();
  return Json::MakeObject(
      {{"ETag", Json(put.value().etag)}, {"ServerSideEncryption", Json("AES256")}});
}

// ListObjectsV2. The ItemReader's optimized resource reads every page at
// once; the SDK integration pages by MaxKeys (at most 1000) as S3 does.
Result<Json> ListObjects(const S3Store& store, const Json& payload, Flavor flavor) {
  Result<std::string> bucket = StringParam(payload, "Bucket", true);
  if (!bucket.ok()) return bucket.error();
  Result<std::string> prefix = StringParam(payload, "Prefix", false);
  if (!prefix.ok()) return prefix.error();
  Result<std::string> start_after = StringParam(payload, "StartAfter", false);
  if (!start_after.ok()) return start_after.error();
  Result<std::string> token = StringParam(payload, "ContinuationToken", false);
  if (!token.ok()) return token.error();
  std::string after = start_after.value();
  if (!token.value().empty()) {
    std::optional<std::string> decoded = Base64Decode(token.value());
    if (!decoded) {
      return AslError{"S3.S3Exception",
                      "The continuation token provided is incorrect (Service: S3, Status Code: "
                      "400)"};
    }
    after = *decoded;
  }
  int64_t max_keys = flavor == Flavor::kOptimized ? 0 : 1000;
  if (const Json* m = payload.Find("MaxKeys"); m != nullptr && m->is_int() && m->AsInt() >= 0) {
    max_keys = std::min<int64_t>(m->AsInt(), 1000);
  }
  Result<S3Listing> listing = store.List(bucket.value(), prefix.value(), after, max_keys);
  if (!listing.ok()) return listing.error();
  Json::Array contents;
  for (const S3ObjectInfo& info : listing.value().objects) contents.push_back(ObjectEntry(info));
  Json::Object out;
  const auto count = static_cast<int64_t>(contents.size());
  if (!contents.empty()) out.emplace_back("Contents", Json::MakeArray(std::move(contents)));
  if (!token.value().empty()) out.emplace_back("ContinuationToken", Json(token.value()));
  out.emplace_back("IsTruncated", Json(listing.value().truncated));
  out.emplace_back("KeyCount", Json(count));
  out.emplace_back("MaxKeys", Json(max_keys > 0 ? max_keys : 1000));
  out.emplace_back("Name", Json(bucket.value()));
  if (listing.value().truncated) {
    out.emplace_back("NextContinuationToken",
                     Json(Base64Encode(listing.value().next_start_after)));
  }
  out.emplace_back("Prefix", Json(prefix.value()));
  if (!start_after.value().empty()) out.emplace_back("StartAfter", Json(start_after.value()));
  return Json::MakeObject(std::move(out));
}

}  // namespace

bool S3Invoker::Handles(const std::string& resource) {
  return ParseResource(resource).has_value();
}

std::optional<TaskOutcome> S3Invoker::Answer(const asl::TaskCall& call) const {
  std::optional<S3Resource> resource = ParseResource(call.resource);
  if (!resource) return std::nullopt;
  Result<Json> result = AslError{};
  switch (resource->action) {
    case Action::kGet:
      result = GetObject(store_, call.payload);
      break;
    case Action::kPut:
      result = PutObject(store_, call.payload);
      break;
    case Action::kList:
      result = ListObjects(store_, call.payload, resource->flavor);
      break;
  }
  if (!result.ok()) return TaskOutcome::Failed(result.error());
  return TaskOutcome::Succeeded(std::move(result).value());
}

}  // namespace sfn::mocks
