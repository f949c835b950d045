// mocks/s3/s3_store.h
//
// A local stand-in for Amazon S3 kept in a folder (`--s3-dir DIR`): a
// bucket is a sub-folder of DIR and a key is a path inside it ("data/a.csv"
// in bucket "in" is DIR/in/data/a.csv). Gets, puts and listings work on the
// files as they are; nothing is cached, so files edited by hand are seen at
// once. A key or bucket that would leave DIR ("..", an absolute path, a
// backslash, a NUL) is refused, never followed.
//
// Errors are the ones Step Functions surfaces for the AWS SDK integrations
// (S3.NoSuchKeyException, S3.NoSuchBucketException, S3.S3Exception) with
// S3's message. Thread-safe: each call touches only the file system; a put
// writes a temporary file and renames it, so a concurrent get sees the old
// object or the new one.
#ifndef SFN_MOCKS_S3_S3_STORE_H_
#define SFN_MOCKS_S3_S3_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "asl/core/status.h"

namespace sfn::mocks {

// What S3 reports about one object.
struct S3ObjectInfo {
  std::string key;
  int64_t size = 0;
  std::string etag;              // the quoted MD5 of the content, as S3 gives it
  int64_t last_modified_s = 0;   // seconds since the epoch
};

struct S3Object {
  S3ObjectInfo info;
  std::string body;
};

// One page of a listing.
struct S3Listing {
  std::vector<S3ObjectInfo> objects;  // ordered by key (bytes)
  bool truncated = false;
  std::string next_start_after;       // the last key listed, when truncated
};

class S3Store {
 public:
  explicit S3Store(std::string root);

  Result<S3Object> Get(const std::string& bucket, const std::string& key) const;
  // Creates the key's folders inside the bucket; like S3, refuses a put
  // into a bucket that does not exist (NoSuchBucket).
  Result<S3ObjectInfo> Put(const std::string& bucket, const std::string& key,
                           const std::string& body) const;
  // Keys beginning with `prefix`, after `start_after`, at most `max_keys`
  // (<= 0: all of them).
  Result<S3Listing> List(const std::string& bucket, const std::string& prefix,
                         const std::string& start_after, int64_t max_keys) const;

  const std::string& root() const { return root_; }

 private:
  Result<std::string> BucketPath(const std::string& bucket) const;

  std::string root_;
};

// The refusal for a key that would leave the folder, or "" when `key` is
// acceptable (exposed for tests and for callers that check early).
std::string S3KeyProblem(const std::string& key);

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_S3_S3_STORE_H_
