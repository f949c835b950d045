// asl/jsonata/regex_compile.cc
//
// Compiles the parsed pattern (regex_parse.cc) to the instruction list of
// regex_program.h.
#include <string>

#include "asl/jsonata/regex_program.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

namespace {

constexpr size_t kMaxCode = 200000;  // instructions, after expanding {n,m}

using SyntaxError = RegexSyntaxError;

class Compiler {
 public:
  Compiler(Regex::Program* root, Regex::Program* prog) : root_(root), prog_(prog) {}

  void Emit(const RNode& n) {
    if (prog_->code.size() > kMaxCode) throw SyntaxError("Regular expression too large");
    switch (n.kind) {
      case RNode::kEmpty:
        return;
      case RNode::kChar:
        Add(ROp::kChar, 0, 0, Fold(n.c));
        return;
      case RNode::kAny:
        Add(ROp::kAny);
        return;
      case RNode::kClass:
        prog_->classes.push_back(n.cls);
        Add(ROp::kClass, static_cast<int>(prog_->classes.size()) - 1);
        return;
      case RNode::kSeq:
        for (const RNode& k : n.kids) Emit(k);
        return;
      case RNode::kAlt:
        EmitAlt(n);
        return;
      case RNode::kGroup:
        if (n.group > 0) Add(ROp::kSave, 2 * n.group);
        Emit(n.kids[0]);
        if (n.group > 0) Add(ROp::kSave, 2 * n.group + 1);
        return;
      case RNode::kRepeat:
        EmitRepeat(n);
        return;
      case RNode::kBol:
        Add(ROp::kBol);
        return;
      case RNode::kEol:
        Add(ROp::kEol);
        return;
      case RNode::kWordB: {
        RInst& i = Add(ROp::kWordBoundary);
        i.flag = n.flag;
        return;
      }
      case RNode::kLook:
        EmitLook(n);
        return;
      case RNode::kBackref:
        Add(ROp::kBackref, n.group);
        return;
    }
  }

 private:
  char32_t Fold(char32_t c) const { return root_->icase ? ToLowerCodePoint(c) : c; }

  RInst& Add(ROp op, int x = 0, int y = 0, char32_t c = 0) {
    RInst i;
    i.op = op;
    i.x = x;
    i.y = y;
    i.c = c;
    prog_->code.push_back(i);
    return prog_->code.back();
  }
  int Here() const { return static_cast<int>(prog_->code.size()); }

  void EmitAlt(const RNode& n) {
    std::vector<int> jumps;
    for (size_t k = 0; k + 1 < n.kids.size(); ++k) {
      int split = Here();
      Add(ROp::kSplit, split + 1, 0);
      Emit(n.kids[k]);
      jumps.push_back(Here());
      Add(ROp::kJmp);
      prog_->code[split].y = Here();
    }
    Emit(n.kids.back());
    for (int j : jumps) prog_->code[j].x = Here();
  }

  static bool SingleChar(const RNode& n) {
    return n.kind == RNode::kChar || n.kind == RNode::kAny || n.kind == RNode::kClass;
  }

  void EmitRepeat(const RNode& n) {
    const RNode& body = n.kids[0];
    if (SingleChar(body)) {
      // One instruction that consumes greedily and backtracks one char at a
      // time without growing the backtrack stack per character.
      int star = Here();
      Add(ROp::kStar, star + 2, n.min);
      prog_->code[star].c = n.max == kRegexUnbounded ? 0xFFFFFFFF : static_cast<char32_t>(n.max);
      prog_->code[star].flag = n.greedy;
      int jmp = Here();
      Add(ROp::kJmp);
      Emit(body);
      prog_->code[jmp].x = Here();
      return;
    }
    for (int k = 0; k < n.min; ++k) EmitIteration(n, body);
    if (n.max == kRegexUnbounded) {
      int loop = Here();
      int reg = root_->registers++;
      Add(ROp::kSplit);
      int body_start = Here();
      Add(ROp::kSetReg, reg);
      EmitIteration(n, body);
      Add(ROp::kCheckReg, reg);
      Add(ROp::kJmp, loop);
      SetSplit(loop, body_start, Here(), n.greedy);
      return;
    }
    std::vector<int> splits;
    for (int k = n.min; k < n.max; ++k) {
      int reg = root_->registers++;
      splits.push_back(Here());
      Add(ROp::kSplit);
      Add(ROp::kSetReg, reg);
      EmitIteration(n, body);
      Add(ROp::kCheckReg, reg);
      if (prog_->code.size() > kMaxCode) throw SyntaxError("Regular expression too large");
    }
    for (int s : splits) SetSplit(s, s + 1, Here(), n.greedy);
  }

  void SetSplit(int at, int body, int out, bool greedy) {
    prog_->code[at].x = greedy ? body : out;
    prog_->code[at].y = greedy ? out : body;
  }

  void EmitIteration(const RNode& n, const RNode& body) {
    if (n.end_group > n.first_group) Add(ROp::kClearCaps, n.first_group, n.end_group);
    Emit(body);
  }

  void EmitLook(const RNode& n) {
    auto sub = std::make_unique<Regex::Program>();
    Compiler c(root_, sub.get());
    c.Emit(n.kids[0]);
    sub->code.push_back(RInst{});  // kMatch
    prog_->looks.push_back(std::move(sub));
    RInst& i = Add(ROp::kLook, static_cast<int>(prog_->looks.size()) - 1, n.behind ? 1 : 0);
    i.flag = n.flag;
  }

  Regex::Program* root_;
  Regex::Program* prog_;
};

}  // namespace

std::unique_ptr<Regex::Program> CompileRegexProgram(std::u32string_view pattern, bool icase,
                                                    bool multiline, std::string* error) {
  try {
    int total = 0;
    RNode tree = ParseRegex(pattern, &total);
    auto prog = std::make_unique<Regex::Program>();
    prog->icase = icase;
    prog->multiline = multiline;
    prog->groups = total;
    Compiler compiler(prog.get(), prog.get());
    compiler.Emit(tree);
    prog->code.push_back(RInst{});  // kMatch
    return prog;
  } catch (const RegexSyntaxError& e) {
    if (error) *error = e.message;
    return nullptr;
  }
}

}  // namespace sfn::asl::jsonata
