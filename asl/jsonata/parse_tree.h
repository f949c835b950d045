// asl/jsonata/parse_tree.h
//
// The intermediate tree the Pratt parser produces (parser.cc) before the
// post-parse stage (ast_builder.cc) turns it into the typed AST. Nodes are
// generic, like the plain objects jsonata-js builds, because the parser
// rewrites a token's role as it learns more (a '(' becomes a call, a
// lambda or a block). Internal; lives only during Compile.
#ifndef SFN_ASL_JSONATA_PARSE_TREE_H_
#define SFN_ASL_JSONATA_PARSE_TREE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "asl/jsonata/ast.h"
#include "asl/jsonata/lexer.h"

namespace sfn::asl::jsonata {

enum class PType : uint8_t {
  kEnd,
  kOperator,
  kName,
  kVariable,
  kString,
  kNumber,
  kValue,
  kRegex,
  kBinary,
  kUnary,
  kFunction,
  kPartial,
  kLambda,
  kBlock,
  kCondition,
  kTransform,
  kWildcard,
  kDescendant,
  kParent
};

struct PNode;
using PNodePtr = std::unique_ptr<PNode>;

struct PTerm {
  bool descending = false;
  PNodePtr expr;
};

struct PNode {
  std::string id;  // symbol: operator text, "(name)", "(literal)", "(regex)", "(end)"
  PType type = PType::kEnd;
  Token token;  // the token this node started as
  int64_t position = 0;
  PNodePtr lhs, rhs, expression, procedure, body, condition, then_branch, else_branch;
  PNodePtr pattern, update, remove;
  std::vector<PNodePtr> items;  // block expressions, array items, call arguments
  std::vector<std::pair<PNodePtr, PNodePtr>> pairs;  // object constructor
  std::vector<PTerm> terms;                          // order-by
  std::shared_ptr<const Signature> signature;
  bool keep_array = false;
  bool pairs_form = false;  // '{' with pairs; '[' led: predicate
  int depth = 1;            // height of this subtree

  // The token's value as jsonata-js reports it in errors.
  Value TokenValue() const;
  PNodePtr Clone() const;
};

// Parses `source` into the intermediate tree; throws JsonataException.
PNodePtr ParseTree(std::string_view source);
// The post-parse stage: builds the typed AST; throws JsonataException.
NodePtr BuildAst(PNode* tree);

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_PARSE_TREE_H_
