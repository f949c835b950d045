// asl/core/digest.cc
#include "asl/core/digest.h"

#include <openssl/evp.h>

namespace sfn {
namespace {

const EVP_MD* FindDigest(std::string_view algorithm) {
  static const struct {
    std::string_view name;
    const EVP_MD* (*md)();
  } kAlgorithms[] = {{"MD5", &EVP_md5},
                     {"SHA-1", &EVP_sha1},
                     {"SHA-256", &EVP_sha256},
                     {"SHA-384", &EVP_sha384},
                     {"SHA-512", &EVP_sha512}};
  for (const auto& a : kAlgorithms)
    if (algorithm == a.name) return a.md();
  return nullptr;
}

}  // namespace

bool IsDigestAlgorithm(std::string_view algorithm) { return FindDigest(algorithm) != nullptr; }

std::optional<std::string> HexDigest(std::string_view algorithm, std::string_view data) {
  const EVP_MD* md = FindDigest(algorithm);
  if (md == nullptr) return std::nullopt;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, md, nullptr) != 1) return std::nullopt;
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 15]);
  }
  return hex;
}

}  // namespace sfn
