// testing/test_file_internal.h
//
// Shared between the .cc files of the test-file parser only: the key tables
// by name and the mock parser. Not for other modules.
#ifndef SFN_TESTING_TEST_FILE_INTERNAL_H_
#define SFN_TESTING_TEST_FILE_INTERNAL_H_

#include <string_view>
#include <vector>

#include "asl/core/status.h"
#include "testing/doc_node.h"
#include "testing/test_file.h"

namespace sfn::testing::internal {

constexpr const char* kErrorName = "InvalidTestFile";

// Indexes into TestFileKeyTables().
enum class Keys { kFile, kCase, kExpect, kState, kAnswer, kThrow };
const std::vector<std::string_view>& KeysOf(Keys which);

// A `mocks` object (file-level or a case's) into `out`, in file order.
Status ParseMocks(const DocNode& node, std::vector<Mock>* out);

}  // namespace sfn::testing::internal

#endif  // SFN_TESTING_TEST_FILE_INTERNAL_H_
