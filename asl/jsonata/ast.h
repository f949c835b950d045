// asl/jsonata/ast.h
//
// The compiled form of a JSONata expression: one node type per construct,
// as jsonata-js's post-parse stage shapes it (paths flattened into steps,
// predicates attached to steps as stages, parent-operator slots resolved,
// tail calls wrapped as thunks). Built once by the parser; immutable and
// shared by every evaluation afterwards.
#ifndef SFN_ASL_JSONATA_AST_H_
#define SFN_ASL_JSONATA_AST_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "asl/jsonata/signature.h"
#include "asl/jsonata/value.h"

namespace sfn::asl::jsonata {

class Regex;

enum class NodeType : uint8_t {
  kPath,
  kBinary,
  kNegate,
  kArray,
  kObject,
  kName,
  kString,
  kNumber,
  kValue,
  kWildcard,
  kDescendant,
  kParent,
  kCondition,
  kBlock,
  kBind,
  kRegex,
  kFunction,
  kPartial,
  kVariable,
  kLambda,
  kApply,
  kTransform,
  kSort,
  kPlaceholder
};

// jsonata-js's name for a node type (used as the token of S0217).
const char* NodeTypeName(NodeType t);

struct Node;
// Calls `visit` on every direct child of `n`: operands, steps, arguments,
// bodies, and the expressions of its predicates, stages and grouping.
void ForEachChild(const Node& n, const std::function<void(const Node&)>& visit);

enum class BinaryOp : uint8_t {
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kConcat,
  kAnd,
  kOr,
  kIn,
  kRange
};

struct Node;
using NodePtr = std::unique_ptr<Node>;

// Where a parent operator (%) finds its value: the step that binds it
// records it in the tuple under `label`.
struct Slot {
  std::string label;
  int level = 1;
  int index = 0;
};

struct Stage {
  bool is_index = false;  // `#$i` binding; otherwise a filter
  NodePtr expr;           // filter
  std::string variable;   // index
  int64_t position = 0;
};

struct GroupSpec {
  std::vector<std::pair<NodePtr, NodePtr>> pairs;
  int64_t position = 0;
};

struct Node {
  explicit Node(NodeType t, int64_t pos) : type(t), position(pos) {}
  virtual ~Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  NodeType type;
  int64_t position;
  // Annotations a node carries when it is a step of a path.
  bool keep_array = false;  // `[]` after the step
  bool tuple = false;       // the step needs a tuple stream (focus, index, ancestor)
  bool cons_array = false;  // an array constructor that must not be flattened
  std::string focus;        // `@$v`
  std::string index;        // `#$i` (empty: none)
  std::shared_ptr<Slot> ancestor;
  std::vector<Stage> predicate;  // filters of an expression outside a path
  std::vector<Stage> stages;     // filters and index bindings of a path step
  std::unique_ptr<GroupSpec> group;
  // Build-time only: parent slots not yet matched to a step.
  std::vector<std::shared_ptr<Slot>> seeking_parent;

  bool has_focus() const { return !focus.empty(); }
};

struct PathNode : Node {
  explicit PathNode(int64_t pos) : Node(NodeType::kPath, pos) {}
  std::vector<NodePtr> steps;
  bool keep_singleton_array = false;
};

struct BinaryNode : Node {
  BinaryNode(BinaryOp o, std::string text, int64_t pos)
      : Node(NodeType::kBinary, pos), op(o), op_text(std::move(text)) {}
  BinaryOp op;
  std::string op_text;
  NodePtr lhs, rhs;
};

struct NegateNode : Node {
  explicit NegateNode(int64_t pos) : Node(NodeType::kNegate, pos) {}
  NodePtr expr;
};

struct ArrayNode : Node {
  explicit ArrayNode(int64_t pos) : Node(NodeType::kArray, pos) {}
  std::vector<NodePtr> items;
};

struct ObjectNode : Node {
  explicit ObjectNode(int64_t pos) : Node(NodeType::kObject, pos) {}
  GroupSpec spec;
};

// kName, kString, kNumber, kValue, kVariable: a name or a literal value.
struct LeafNode : Node {
  LeafNode(NodeType t, int64_t pos) : Node(t, pos) {}
  std::string name;  // kName, kVariable
  Value value;       // literals (kName/kString also hold the text here)
};

struct WildcardNode : Node {
  WildcardNode(NodeType t, int64_t pos) : Node(t, pos) {}  // kWildcard or kDescendant
};

struct ParentNode : Node {
  explicit ParentNode(int64_t pos) : Node(NodeType::kParent, pos) {}
  std::shared_ptr<Slot> slot;
};

struct ConditionNode : Node {
  explicit ConditionNode(int64_t pos) : Node(NodeType::kCondition, pos) {}
  NodePtr condition, then_branch, else_branch;
};

struct BlockNode : Node {
  explicit BlockNode(int64_t pos) : Node(NodeType::kBlock, pos) {}
  std::vector<NodePtr> exprs;
  // A variable may be bound in this block's own scope (`$x := ...` outside
  // any nested block or lambda); when not, no scope is made for it.
  bool needs_frame = true;
};

struct BindNode : Node {
  explicit BindNode(int64_t pos) : Node(NodeType::kBind, pos) {}
  std::string variable;
  NodePtr rhs;
};

struct RegexNode : Node {
  explicit RegexNode(int64_t pos) : Node(NodeType::kRegex, pos) {}
  std::shared_ptr<const Regex> regex;
};

// kFunction and kPartial: a call `proc(args)`; partial calls contain
// kPlaceholder arguments.
struct CallNode : Node {
  CallNode(NodeType t, int64_t pos) : Node(t, pos) {}
  NodePtr procedure;
  std::vector<NodePtr> args;
  std::string proc_name;  // for error tokens: the name called, if any
};

struct LambdaNode : Node {
  explicit LambdaNode(int64_t pos) : Node(NodeType::kLambda, pos) {}
  std::vector<std::string> params;
  std::shared_ptr<const Signature> signature;
  NodePtr body;
  bool thunk = false;  // a tail call wrapped for the trampoline
};

struct ApplyNode : Node {
  explicit ApplyNode(int64_t pos) : Node(NodeType::kApply, pos) {}
  NodePtr lhs, rhs;
};

struct TransformNode : Node {
  explicit TransformNode(int64_t pos) : Node(NodeType::kTransform, pos) {}
  NodePtr pattern, update, remove;
};

struct SortTerm {
  bool descending = false;
  NodePtr expr;
};

struct SortNode : Node {
  explicit SortNode(int64_t pos) : Node(NodeType::kSort, pos) {}
  std::vector<SortTerm> terms;
};

}  // namespace sfn::asl::jsonata

#endif  // SFN_ASL_JSONATA_AST_H_
