// mocks/s3/s3_store.cc
#include "mocks/s3/s3_store.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "asl/core/digest.h"
#include "mocks/file_text.h"

namespace sfn::mocks {
namespace fs = std::filesystem;

namespace {

constexpr char kNoSuchKey[] = "S3.NoSuchKeyException";
constexpr char kNoSuchBucket[] = "S3.NoSuchBucketException";
constexpr char kS3Exception[] = "S3.S3Exception";

// S3's messages carry the service, the status and a request id.
std::string ServiceCause(const std::string& message, int status) {
  return message + " (Service: S3, Status Code: " + std::to_string(status) +
         ", Request ID: SFNLOCALS3STANDIN)";
}

AslError NoSuchKey() {
  return AslError{kNoSuchKey, ServiceCause("The specified key does not exist.", 404)};
}

AslError NoSuchBucket() {
  return AslError{kNoSuchBucket, ServiceCause("The specified bucket does not exist", 404)};
}

AslError Refused(const std::string& problem) {
  return AslError{kS3Exception, ServiceCause(problem, 400)};
}

int64_t ModifiedSeconds(const fs::path& path) {
  std::error_code ec;
  auto t = fs::last_write_time(path, ec);
  if (ec) return 0;
  auto sys = std::chrono::time_point_cast<std::chrono::seconds>(
      t - fs::file_time_type::clock::now() + std::chrono::system_clock::now());
  return sys.time_since_epoch().count();
}

std::string Etag(const std::string& body) {
  return "\"" + HexDigest("MD5", body).value_or("") + "\"";
}

// A bucket name S3 would accept (lower-case letters, digits, '.', '-'),
// which also cannot name anything outside the folder.
bool ValidBucket(const std::string& bucket) {
  if (bucket.size() < 3 || bucket.size() > 63 || bucket.find("..") != std::string::npos) {
    return false;
  }
  for (char c : bucket) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
          c == '_' || (c >= 'A' && c <= 'Z'))) {
      return false;
    }
  }
  return bucket.front() != '.';
}

void CollectKeys(const fs::path& bucket_dir, std::vector<std::string>* keys) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(bucket_dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    if (it->path().filename().string().rfind(".sfn-local-put-", 0) == 0) continue;  // a put under way
    keys->push_back(it->path().lexically_relative(bucket_dir).generic_string());
  }
  std::sort(keys->begin(), keys->end());
}

}  // namespace

std::string S3KeyProblem(const std::string& key) {
  if (key.empty()) return "The key must not be empty.";
  if (key.front() == '/') {
    return "sfn-local's S3 stand-in refuses the key '" + key +
           "': an absolute path would leave the --s3-dir folder.";
  }
  if (key.find('\\') != std::string::npos || key.find('\0') != std::string::npos) {
    return "sfn-local's S3 stand-in refuses the key '" + key +
           "': backslashes and NUL characters are not accepted.";
  }
  std::stringstream parts(key);
  std::string part;
  while (std::getline(parts, part, '/')) {
    if (part == ".." || part == ".") {
      return "sfn-local's S3 stand-in refuses the key '" + key +
             "': '.' and '..' segments would leave the --s3-dir folder.";
    }
  }
  if (key.back() == '/') {
    return "sfn-local's S3 stand-in refuses the key '" + key +
           "': a key ending in '/' names a folder, not a file.";
  }
  return "";
}

S3Store::S3Store(std::string root) : root_(std::move(root)) {}

Result<std::string> S3Store::BucketPath(const std::string& bucket) const {
  if (!ValidBucket(bucket)) {
    return Refused("The specified bucket is not valid: '" + bucket + "'.");
  }
  fs::path dir = fs::path(root_) / bucket;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return NoSuchBucket();
  return dir.string();
}

Result<S3Object> S3Store::Get(const std::string& bucket, const std::string& key) const {
  Result<std::string> dir = BucketPath(bucket);
  if (!dir.ok()) return dir.error();
  if (std::string problem = S3KeyProblem(key); !problem.empty()) {
    return key.empty() ? NoSuchKey() : Refused(problem);
  }
  fs::path path = fs::path(dir.value()) / key;
  std::error_code ec;
  S3Object object;
  if (!fs::is_regular_file(path, ec) || !ReadFileText(path.string(), &object.body)) return NoSuchKey();
  object.info.key = key;
  object.info.size = static_cast<int64_t>(object.body.size());
  object.info.etag = Etag(object.body);
  object.info.last_modified_s = ModifiedSeconds(path);
  return object;
}

Result<S3ObjectInfo> S3Store::Put(const std::string& bucket, const std::string& key,
                                  const std::string& body) const {
  Result<std::string> dir = BucketPath(bucket);
  if (!dir.ok()) return dir.error();
  if (std::string problem = S3KeyProblem(key); !problem.empty()) return Refused(problem);
  fs::path path = fs::path(dir.value()) / key;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  static std::atomic<uint64_t> counter{0};
  fs::path temp = path.parent_path() /
                  (".sfn-local-put-" + std::to_string(counter.fetch_add(1)) + "-" +
                   path.filename().string());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << body;
    if (!out) return Refused("Could not write the object '" + key + "'.");
  }
  fs::rename(temp, path, ec);
  if (ec) {
    fs::remove(temp, ec);
    return Refused("Could not write the object '" + key + "'.");
  }
  S3ObjectInfo info;
  info.key = key;
  info.size = static_cast<int64_t>(body.size());
  info.etag = Etag(body);
  info.last_modified_s = ModifiedSeconds(path);
  return info;
}

Result<S3Listing> S3Store::List(const std::string& bucket, const std::string& prefix,
                                const std::string& start_after, int64_t max_keys) const {
  Result<std::string> dir = BucketPath(bucket);
  if (!dir.ok()) return dir.error();
  std::vector<std::string> keys;
  CollectKeys(dir.value(), &keys);
  S3Listing listing;
  for (const std::string& key : keys) {
    if (key.compare(0, prefix.size(), prefix) != 0 || key <= start_after) continue;
    if (max_keys > 0 && static_cast<int64_t>(listing.objects.size()) == max_keys) {
      listing.truncated = true;
      listing.next_start_after = listing.objects.back().key;
      break;
    }
    fs::path path = fs::path(dir.value()) / key;
    std::string body;
    if (!ReadFileText(path.string(), &body)) continue;
    listing.objects.push_back(S3ObjectInfo{key, static_cast<int64_t>(body.size()), Etag(body),
                                           ModifiedSeconds(path)});
  }
  return listing;
}

}  // namespace sfn::mocks
