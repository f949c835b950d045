// asl/definition/definition.cc: names of state types.
#include "asl/definition/definition.h"

#include <cstddef>

namespace sfn::asl {

const char* StateTypeName(StateType type) {
  // The one spelling of each type: the definition's "Type" values, and the
  // prefix of history event names. Same order as StateType.
  static constexpr const char* kNames[] = {"Task",    "Pass", "Choice",   "Wait",
                                           "Succeed", "Fail", "Parallel", "Map"};
  return kNames[static_cast<size_t>(type)];
}

}  // namespace sfn::asl
