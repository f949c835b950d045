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
    Reset();
  }
  // Forgets captures and registers before trying another start position.
  void Reset() {
    caps_.assign(2 * static_cast<size_t>(root_.groups + 1), kUnset);
    regs_.assign(static_cast<size_t>(root_.registers), kUnset);
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
      case ROp::kChar:
        return (root_.icase ? ToLowerCodePoint(c) : c) == m.c;
      case ROp::kAny:
        return !IsLineTerminator(c);
      case ROp::kClass:
        return InClass(prog.classes[static_cast<size_t>(m.x)], c, root_.icase);
      default:
        return false;
    }
  }

  void SetCap(size_t slot, size_t value, std::vector<Entry>* stack) {
    stack->push_back({Back::kCap, 0, slot, caps_[slot]});
    caps_[slot] = value;
  }

  bool Assert(const RInst& in, size_t sp) const {
    const size_t n = text_.size();
    switch (in.op) {
      case ROp::kBol:
        return sp == 0 || (root_.multiline && IsLineTerminator(text_[sp - 1]));
      case ROp::kEol:
        return sp == n || (root_.multiline && IsLineTerminator(text_[sp]));
      case ROp::kWordBoundary: {
        bool a = sp > 0 && IsWordChar(text_[sp - 1]);
        bool b = sp < n && IsWordChar(text_[sp]);
        return (a != b) != in.flag;
      }
      default:
        return false;
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

  struct State {
    size_t pc = 0;
    size_t sp = 0;
    std::vector<Entry> stack;
  };
  bool Step(const Regex::Program& prog, State* st, size_t required_end, bool* matched);
  bool StepStar(const Regex::Program& prog, const RInst& in, State* st);
  bool Backtrack(const Regex::Program& prog, State* st);

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

// Runs one instruction. Returns false when it fails; sets *matched when
// the program has matched.
bool Machine::Step(const Regex::Program& prog, State* st, size_t required_end, bool* matched) {
  const RInst& in = prog.code[st->pc];
  switch (in.op) {
    case ROp::kChar:
    case ROp::kAny:
    case ROp::kClass:
      if (!Matches(prog, in, st->sp)) return false;
      ++st->sp, ++st->pc;
      return true;
    case ROp::kStar:
      return StepStar(prog, in, st);
    case ROp::kSplit:
      st->stack.push_back({Back::kChoice, in.y, st->sp, 0});
      st->pc = static_cast<size_t>(in.x);
      return true;
    case ROp::kJmp:
      st->pc = static_cast<size_t>(in.x);
      return true;
    case ROp::kSave:
      SetCap(static_cast<size_t>(in.x), st->sp, &st->stack);
      ++st->pc;
      return true;
    case ROp::kBol:
    case ROp::kEol:
    case ROp::kWordBoundary:
      ++st->pc;
      return Assert(in, st->sp);
    case ROp::kLook:
      ++st->pc;
      return Look(prog, in, st->sp, &st->stack);
    case ROp::kBackref:
      ++st->pc;
      return Backref(in.x, &st->sp);
    case ROp::kSetReg: {
      size_t reg = static_cast<size_t>(in.x);
      st->stack.push_back({Back::kReg, 0, reg, regs_[reg]});
      regs_[reg] = st->sp;
      ++st->pc;
      return true;
    }
    case ROp::kCheckReg:
      ++st->pc;
      return regs_[static_cast<size_t>(in.x)] != st->sp;
    case ROp::kClearCaps:
      for (int g = in.x; g < in.y; ++g) {
        SetCap(2 * static_cast<size_t>(g), kUnset, &st->stack);
        SetCap(2 * static_cast<size_t>(g) + 1, kUnset, &st->stack);
      }
      ++st->pc;
      return true;
    case ROp::kMatch:
      *matched = required_end == kUnset || st->sp == required_end;
      return *matched;
  }
  return false;
}

// A repeated single-character matcher: takes as many (greedy) or as few
// (lazy) characters as allowed and leaves one entry to revise that count.
bool Machine::StepStar(const Regex::Program& prog, const RInst& in, State* st) {
  const RInst& m = prog.code[static_cast<size_t>(in.x)];
  size_t max = in.c == 0xFFFFFFFF ? SIZE_MAX : in.c;
  size_t min = static_cast<size_t>(in.y);
  size_t limit = in.flag ? max : min;
  size_t k = 0;
  while (k < limit && Matches(prog, m, st->sp + k)) ++k;
  if (k < min) return false;
  if (in.flag ? k > min : k < max)
    st->stack.push_back(
        {in.flag ? Back::kStarGreedy : Back::kStarLazy, static_cast<int>(st->pc), st->sp, k});
  st->sp += k;
  ++st->pc;
  return true;
}

// Resumes the most recent choice point, undoing captures and registers on
// the way. Returns false when there is none left.
bool Machine::Backtrack(const Regex::Program& prog, State* st) {
  while (!st->stack.empty()) {
    Entry e = st->stack.back();
    st->stack.pop_back();
    switch (e.kind) {
      case Back::kCap:
        caps_[e.a] = e.b;
        break;
      case Back::kReg:
        regs_[e.a] = e.b;
        break;
      case Back::kChoice:
        st->pc = static_cast<size_t>(e.pc);
        st->sp = e.a;
        return true;
      case Back::kStarGreedy: {
        size_t k = e.b - 1;
        if (k > static_cast<size_t>(prog.code[static_cast<size_t>(e.pc)].y))
          st->stack.push_back({Back::kStarGreedy, e.pc, e.a, k});
        st->pc = static_cast<size_t>(e.pc) + 1;
        st->sp = e.a + k;
        return true;
      }
      case Back::kStarLazy: {
        const RInst& star = prog.code[static_cast<size_t>(e.pc)];
        size_t max = star.c == 0xFFFFFFFF ? SIZE_MAX : star.c;
        if (!Matches(prog, prog.code[static_cast<size_t>(star.x)], e.a + e.b)) break;
        size_t k = e.b + 1;
        if (k < max) st->stack.push_back({Back::kStarLazy, e.pc, e.a, k});
        st->pc = static_cast<size_t>(e.pc) + 1;
        st->sp = e.a + k;
        return true;
      }
    }
  }
  return false;
}

bool Machine::Run(const Regex::Program& prog, size_t start, size_t required_end, size_t* end) {
  State st;
  st.sp = start;
  for (;;) {
    Tick();
    bool matched = false;
    bool ok = Step(prog, &st, required_end, &matched);
    if (matched) {
      *end = st.sp;
      return true;
    }
    if (ok && st.stack.size() < kMaxStack) continue;
    if (!Backtrack(prog, &st)) return false;
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
  Machine m(text, prog, check);
  for (size_t start = from; start <= text.size(); ++start) {
    if (literal_start) {
      while (start < text.size() && text[start] != prog.code[first].c) ++start;
      if (start >= text.size()) return false;
    }
    m.Reset();
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
