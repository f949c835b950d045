// asl/jsonata/ast.cc
#include "asl/jsonata/ast.h"

namespace sfn::asl::jsonata {

const char* NodeTypeName(NodeType t) {
  switch (t) {
    case NodeType::kPath: return "path";
    case NodeType::kBinary: return "binary";
    case NodeType::kNegate:
    case NodeType::kArray:
    case NodeType::kObject: return "unary";
    case NodeType::kName: return "name";
    case NodeType::kString: return "string";
    case NodeType::kNumber: return "number";
    case NodeType::kValue: return "value";
    case NodeType::kWildcard: return "wildcard";
    case NodeType::kDescendant: return "descendant";
    case NodeType::kParent: return "parent";
    case NodeType::kCondition: return "condition";
    case NodeType::kBlock: return "block";
    case NodeType::kBind: return "bind";
    case NodeType::kRegex: return "regex";
    case NodeType::kFunction: return "function";
    case NodeType::kPartial: return "partial";
    case NodeType::kVariable: return "variable";
    case NodeType::kLambda: return "lambda";
    case NodeType::kApply: return "apply";
    case NodeType::kTransform: return "transform";
    case NodeType::kSort: return "sort";
    case NodeType::kPlaceholder: return "operator";
  }
  return "unknown";
}

}  // namespace sfn::asl::jsonata
