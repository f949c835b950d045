// asl/jsonata/regex.cc
//
// The matcher: a backtracking machine over the instructions compiled by
// regex_compile.cc. Choice points, and the captures and registers to
// restore when one is resumed, live on an explicit heap stack.
#include "asl/jsonata/regex.h"

#include <cstdint>

#include "asl/jsonata/regex_program.h"
#include "asl/jsonata/text.h"

namespace sfn::asl::jsonata {

namespace {

constexpr size_t kUnset = SIZE_MAX;
constexpr size_t kMaxStack = 4u << 20;  // backtrack entries; beyond this a match fails
constexpr uint32_t kCheckEvery = 4096;

bool IsLineTerminator(char32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

bool IsWordChar(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool InClass(const RClass& cls, char32_t c, bool icase) {
  auto test = [&](char32_t x) {
    for (const auto& [lo, hi] : cls.ranges)
      if (x >= lo && x <= hi) return true;
    return false;
  };
  bool in = test(c);
  if (!in && icase) in = test(ToLowerCodePoint(c)) || test(ToUpperCodePoint(c));
  return in != cls.negate;
}

enum class Back : uint8_t { kChoice, kCap, kReg, kStarGreedy, kStarLazy };

struct Entry {
  Back kind;
  int pc;
  size_t a;  // sp, slot or register
  size_t b;  // old value, or count for stars
};

class Machine {
 public:
  Machine(std::u32string_view text, const Regex::Program& root, const std::function<void()>* check)
      : text_(text), root_(root), check_(check) {
    caps_.assign(2 * static_cast<size_t>(root.groups + 1), kUnset);
    regs_.assign(static_cast<size_t>(root.registers), kUnset);
  }

  // Runs `prog` anchored at `start`. When `required_end` is set the match
  // must end exactly there. On success *end is the end position.
  bool Run(const Regex::Program& prog, size_t start, size_t required_end, size_t* end);

  std::vector<size_t> caps_;

 private:
  bool Matches(const Regex::Program& prog, const RInst& m, size_t sp) const {
    if (sp >= text_.size()) return false;
    char32_t c = text_[sp];
    switch (m.op) {
      case ROp::kChar: return (root_.icase ? ToLowerCodePoint(c) : c) == m.c;
      case ROp::kAny: return !IsLineTerminator(c);
      case ROp::kClass: return InClass(prog.classes[static_cast<size_t>(m.x)], c, root_.icase);
      default: return false;
    }
  }

  void SetCap(size_t slot, size_t value, std::vector<Entry>* stack) {
    stack->push_back({Back::kCap, 0, slot, caps_[slot]});
    caps_[slot] = value;
  }

  bool Assert(const RInst& in, size_t sp) const {
    const size_t n = text_.size();
    switch (in.op) {
      case ROp::kBol: return sp == 0 || (root_.multiline && IsLineTerminator(text_[sp - 1]));
      case ROp::kEol: return sp == n || (root_.multiline && IsLineTerminator(text_[sp]));
      case ROp::kWordBoundary: {
        bool a = sp > 0 && IsWordChar(text_[sp - 1]);
        bool b = sp < n && IsWordChar(text_[sp]);
        return (a != b) != in.flag;
      }
      default: return false;
    }
  }

  bool Backref(int group, size_t* sp) const {
    size_t s = caps_[2 * static_cast<size_t>(group)];
    size_t e = caps_[2 * static_cast<size_t>(group) + 1];
    if (s == kUnset || e == kUnset) return true;
    size_t len = e - s;
    if (*sp + len > text_.size()) return false;
    for (size_t k = 0; k < len; ++k) {
      char32_t a = text_[s + k], b = text_[*sp + k];
      if (root_.icase ? ToLowerCodePoint(a) != ToLowerCodePoint(b) : a != b) return false;
    }
    *sp += len;
    return true;
  }

  bool Look(const Regex::Program& prog, const RInst& in, size_t sp, std::vector<Entry>* stack);

  void Tick() {
    if (++steps_ % kCheckEvery == 0 && check_ && *check_) (*check_)();
  }

  std::u32string_view text_;
  const Regex::Program& root_;
  const std::function<void()>* check_;
  std::vector<size_t> regs_;
  uint32_t steps_ = 0;
};

bool Machine::Look(const Regex::Program& prog, const RInst& in, size_t sp,
                   std::vector<Entry>* stack) {
  const Regex::Program& sub = *prog.looks[static_cast<size_t>(in.x)];
  std::vector<size_t> saved = caps_;
  bool found = false;
  size_t end;
  if (in.y == 0) {
    found = Run(sub, sp, kUnset, &end);
  } else {
    for (size_t st = sp + 1; st-- > 0 && !found;) found = Run(sub, st, sp, &end);
  }
  std::vector<size_t> after = caps_;
  caps_ = saved;
  if (in.flag) return !found;
  if (!found) return false;
  for (size_t slot = 0; slot < after.size(); ++slot)
    if (after[slot] != saved[slot]) SetCap(slot, after[slot], stack);
  return true;
}

bool Machine::Run(const Regex::Program& prog, size_t start, size_t required_end, size_t* end) {
  std::vector<Entry> stack;
  size_t pc = 0, sp = start;
  for (;;) {
    Tick();
    const RInst& in = prog.code[pc];
    bool ok = true;
    switch (in.op) {
      case ROp::kChar:
      case ROp::kAny:
      case ROp::kClass:
        ok = Matches(prog, in, sp);
        if (ok) ++sp, ++pc;
        break;
      case ROp::kStar: {
        const RInst& m = prog.code[static_cast<size_t>(in.x)];
        size_t max = in.c == 0xFFFFFFFF ? SIZE_MAX : in.c;
        size_t min = static_cast<size_t>(in.y);
        size_t k = 0;
        size_t limit = in.flag ? max : min;
        while (k < limit && Matches(prog, m, sp + k)) ++k;
        if (k < min) {
          ok = false;
          break;
        }
        if (in.flag ? k > min : k < max) stack.push_back({in.flag ? Back::kStarGreedy : Back::kStarLazy, static_cast<int>(pc), sp, k});
        sp += k;
        ++pc;
        break;
      }
      case ROp::kSplit:
        stack.push_back({Back::kChoice, in.y, sp, 0});
        pc = static_cast<size_t>(in.x);
        break;
      case ROp::kJmp: pc = static_cast<size_t>(in.x); break;
      case ROp::kSave:
        SetCap(static_cast<size_t>(in.x), sp, &stack);
        ++pc;
        break;
      case ROp::kBol:
      case ROp::kEol:
      case ROp::kWordBoundary:
        ok = Assert(in, sp);
        ++pc;
        break;
      case ROp::kLook:
        ok = Look(prog, in, sp, &stack);
        ++pc;
        break;
      case ROp::kBackref:
        ok = Backref(in.x, &sp);
        ++pc;
        break;
      case ROp::kSetReg:
        stack.push_back({Back::kReg, 0, static_cast<size_t>(in.x), regs_[static_cast<size_t>(in.x)]});
        regs_[static_cast<size_t>(in.x)] = sp;
        ++pc;
        break;
      case ROp::kCheckReg:
        ok = regs_[static_cast<size_t>(in.x)] != sp;
        ++pc;
        break;
      case ROp::kClearCaps:
        for (int g = in.x; g < in.y; ++g) {
          SetCap(2 * static_cast<size_t>(g), kUnset, &stack);
          SetCap(2 * static_cast<size_t>(g) + 1, kUnset, &stack);
        }
        ++pc;
        break;
      case ROp::kMatch:
        if (required_end == kUnset || sp == required_end) {
          *end = sp;
          return true;
        }
        ok = false;
        break;
    }
    if (ok && stack.size() < kMaxStack) continue;
    // Backtrack to the most recent choice point, undoing on the way.
    bool resumed = false;
    while (!stack.empty() && !resumed) {
      Entry e = stack.back();
      stack.pop_back();
      switch (e.kind) {
        case Back::kCap: caps_[e.a] = e.b; break;
        case Back::kReg: regs_[e.a] = e.b; break;
        case Back::kChoice:
          pc = static_cast<size_t>(e.pc);
          sp = e.a;
          resumed = true;
          break;
        case Back::kStarGreedy: {
          const RInst& star = prog.code[static_cast<size_t>(e.pc)];
          size_t k = e.b - 1;
          if (k > static_cast<size_t>(star.y)) stack.push_back({Back::kStarGreedy, e.pc, e.a, k});
          pc = static_cast<size_t>(e.pc) + 1;
          sp = e.a + k;
          resumed = true;
          break;
        }
        case Back::kStarLazy: {
          const RInst& star = prog.code[static_cast<size_t>(e.pc)];
          const RInst& m = prog.code[static_cast<size_t>(star.x)];
          size_t max = star.c == 0xFFFFFFFF ? SIZE_MAX : star.c;
          if (!Matches(prog, m, e.a + e.b)) break;
          size_t k = e.b + 1;
          if (k < max) stack.push_back({Back::kStarLazy, e.pc, e.a, k});
          pc = static_cast<size_t>(e.pc) + 1;
          sp = e.a + k;
          resumed = true;
          break;
        }
      }
    }
    if (!resumed) return false;
  }
}

void FillMatch(const std::vector<size_t>& caps, int groups, Regex::Match* match) {
  match->groups.clear();
  for (int g = 1; g <= groups; ++g) {
    size_t s = caps[2 * static_cast<size_t>(g)], e = caps[2 * static_cast<size_t>(g) + 1];
    if (s == kUnset || e == kUnset) {
      match->groups.push_back({std::u32string::npos, std::u32string::npos});
    } else {
      match->groups.push_back({s, e});
    }
  }
}

}  // namespace

Regex::~Regex() = default;

std::shared_ptr<const Regex> Regex::Compile(std::string_view pattern, std::string_view flags,
                                            std::string* error) {
  bool icase = flags.find('i') != std::string_view::npos;
  bool multiline = flags.find('m') != std::string_view::npos;
  std::u32string p = DecodeUtf8(pattern);
  auto program = CompileRegexProgram(p, icase, multiline, error);
  if (!program) return nullptr;
  std::shared_ptr<Regex> re(new Regex());
  re->source_ = std::string(pattern);
  re->program_ = std::move(program);
  return re;
}

int Regex::group_count() const { return program_->groups; }

bool Regex::Search(std::u32string_view text, size_t from, Match* match,
                   const std::function<void()>* check) const {
  const Program& prog = *program_;
  // A leading literal lets us skip start positions that cannot match.
  size_t first = 0;
  while (first < prog.code.size() && prog.code[first].op == ROp::kSave) ++first;
  bool literal_start = !prog.icase && prog.code[first].op == ROp::kChar;
  for (size_t start = from; start <= text.size(); ++start) {
    if (literal_start) {
      while (start < text.size() && text[start] != prog.code[first].c) ++start;
      if (start >= text.size()) return false;
    }
    Machine m(text, prog, check);
    size_t end;
    if (m.Run(prog, start, kUnset, &end)) {
      match->start = start;
      match->end = end;
      FillMatch(m.caps_, prog.groups, match);
      return true;
    }
  }
  return false;
}

bool Regex::FullMatch(std::u32string_view text, Match* match,
                      const std::function<void()>* check) const {
  Machine m(text, *program_, check);
  size_t end;
  if (!m.Run(*program_, 0, text.size(), &end)) return false;
  match->start = 0;
  match->end = end;
  FillMatch(m.caps_, program_->groups, match);
  return true;
}

}  // namespace sfn::asl::jsonata
