// mocks/s3/s3_invoker.h
//
// Answers the S3 resources from the local stand-in (s3_store.h):
//   arn:aws:states:::s3:getObject, arn:aws:states:::s3:listObjectsV2 (the
//   Distributed Map ItemReader's resources) and arn:aws:states:::s3:putObject
//   (its ResultWriter's), and the AWS SDK integrations
//   arn:aws:states:::aws-sdk:s3:getObject | putObject | listObjectsV2.
// Results have the shapes Step Functions gives (GetObject: Body,
// ContentLength, ContentType, ETag, LastModified, Metadata; PutObject: ETag;
// ListObjectsV2: Contents [{Key, Size, LastModified, ETag, StorageClass}],
// Name, Prefix, KeyCount, MaxKeys, IsTruncated...); failures S3's errors as
// S3.NoSuchKeyException etc. The TaskRouter asks it after the routes, so a
// configured route still answers these resources. Thread-safe; answers
// synchronously (local files).
#ifndef SFN_MOCKS_S3_S3_INVOKER_H_
#define SFN_MOCKS_S3_S3_INVOKER_H_

#include <optional>
#include <string>

#include "asl/core/task.h"
#include "mocks/s3/s3_store.h"

namespace sfn::mocks {

class S3Invoker {
 public:
  explicit S3Invoker(std::string root) : store_(std::move(root)) {}

  // Whether `resource` is one of the S3 resources above.
  static bool Handles(const std::string& resource);
  // The answer to `call`, or nullopt when its resource is not an S3 one.
  std::optional<asl::TaskOutcome> Answer(const asl::TaskCall& call) const;

 private:
  S3Store store_;
};

}  // namespace sfn::mocks

#endif  // SFN_MOCKS_S3_S3_INVOKER_H_
