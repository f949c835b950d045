// asl/jsonata/regex_parse.cc
//
// JavaScript regular expression syntax, with the Annex B leniencies that
// browsers and Node accept (a lone ']' or '{' is a literal, "\\8" is "8"),
// parsed into the RNode tree that regex_compile.cc turns into code.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>

#include "asl/jsonata/regex_program.h"

namespace sfn::asl::jsonata {

namespace {

constexpr int kMaxNesting = 400;

using SyntaxError = RegexSyntaxError;

void AddClassEscape(char32_t e, RClass* cls) {
  auto& r = cls->ranges;
  switch (e) {
    case 'd':
      r.push_back({'0', '9'});
      break;
    case 'w':
      r.push_back({'a', 'z'});
      r.push_back({'A', 'Z'});
      r.push_back({'0', '9'});
      r.push_back({'_', '_'});
      break;
    case 's':
      for (char32_t c : {U'\t', U'\n', U'\v', U'\f', U'\r', U' ', char32_t(0xA0), char32_t(0x1680),
                         char32_t(0x2028), char32_t(0x2029), char32_t(0x202F), char32_t(0x205F),
                         char32_t(0x3000), char32_t(0xFEFF)})
        r.push_back({c, c});
      r.push_back({0x2000, 0x200A});
      break;
  }
}

// The complement of a class made of ranges (for \D, \W, \S inside [...]).
void AddComplement(const RClass& in, RClass* out) {
  std::vector<std::pair<char32_t, char32_t>> sorted = in.ranges;
  std::sort(sorted.begin(), sorted.end());
  char32_t next = 0;
  for (const auto& [lo, hi] : sorted) {
    if (lo > next) out->ranges.push_back({next, lo - 1});
    if (hi + 1 > next) next = hi + 1;
  }
  if (next <= 0x10FFFF) out->ranges.push_back({next, 0x10FFFF});
}

class Parser {
 public:
  Parser(std::u32string_view p, int total_groups) : p_(p), total_groups_(total_groups) {}

  RNode Parse() {
    RNode n = Disjunction(0);
    if (i_ < p_.size()) throw SyntaxError(p_[i_] == ')' ? "Unmatched ')'" : "Unexpected character");
    return n;
  }
  std::map<std::u32string, int> names;

 private:
  bool More() const { return i_ < p_.size(); }
  char32_t Peek(size_t k = 0) const { return i_ + k < p_.size() ? p_[i_ + k] : 0; }

  RNode Disjunction(int depth) {
    if (depth > kMaxNesting) throw SyntaxError("Pattern too deeply nested");
    RNode alt;
    alt.kind = RNode::kAlt;
    alt.kids.push_back(Alternative(depth));
    while (More() && Peek() == '|') {
      ++i_;
      alt.kids.push_back(Alternative(depth));
    }
    if (alt.kids.size() == 1) return std::move(alt.kids[0]);
    return alt;
  }

  RNode Alternative(int depth) {
    RNode seq;
    seq.kind = RNode::kSeq;
    while (More() && Peek() != '|' && Peek() != ')') seq.kids.push_back(Term(depth));
    return seq;
  }

  RNode Term(int depth) {
    int groups_before = group_count_;
    char32_t c = Peek();
    if (c == '^' || c == '$') {
      ++i_;
      RNode n;
      n.kind = c == '^' ? RNode::kBol : RNode::kEol;
      return n;
    }
    if (c == '\\' && (Peek(1) == 'b' || Peek(1) == 'B')) {
      RNode n;
      n.kind = RNode::kWordB;
      n.flag = Peek(1) == 'B';
      i_ += 2;
      return n;
    }
    if (c == '(' && Peek(1) == '?' &&
        (Peek(2) == '=' || Peek(2) == '!' ||
         (Peek(2) == '<' && (Peek(3) == '=' || Peek(3) == '!')))) {
      RNode n;
      n.kind = RNode::kLook;
      n.behind = Peek(2) == '<';
      i_ += n.behind ? 3 : 2;
      n.flag = Peek() == '!';
      ++i_;
      n.kids.push_back(Disjunction(depth + 1));
      Expect(')');
      if (n.behind) return n;
      return Quantified(std::move(n), groups_before);  // Annex B: (?=x)* is allowed
    }
    RNode atom = Atom(depth);
    return Quantified(std::move(atom), groups_before);
  }

  bool ReadInt(int* out) {
    size_t start = i_;
    int64_t v = 0;
    while (More() && Peek() >= '0' && Peek() <= '9') {
      v = std::min<int64_t>(v * 10 + (Peek() - '0'), 1000000000);
      ++i_;
    }
    *out = static_cast<int>(v);
    return i_ > start;
  }

  // Reads {n}, {n,}, {n,m} if present (Annex B: otherwise '{' is literal).
  bool Braces(int* min, int* max) {
    size_t save = i_;
    ++i_;
    if (!ReadInt(min)) {
      i_ = save;
      return false;
    }
    *max = *min;
    if (Peek() == ',') {
      ++i_;
      if (!ReadInt(max)) *max = kRegexUnbounded;
    }
    if (Peek() != '}') {
      i_ = save;
      return false;
    }
    ++i_;
    return true;
  }

  RNode Quantified(RNode atom, int groups_before) {
    int min, max;
    char32_t c = Peek();
    if (c == '*') {
      min = 0, max = kRegexUnbounded, ++i_;
    } else if (c == '+') {
      min = 1, max = kRegexUnbounded, ++i_;
    } else if (c == '?') {
      min = 0, max = 1, ++i_;
    } else if (c == '{' && Braces(&min, &max)) {
      if (max != kRegexUnbounded && max < min)
        throw SyntaxError("numbers out of order in {} quantifier");
    } else {
      return atom;
    }
    RNode rep;
    rep.kind = RNode::kRepeat;
    rep.min = min;
    rep.max = max;
    rep.greedy = true;
    if (Peek() == '?') {
      rep.greedy = false;
      ++i_;
    }
    rep.first_group = groups_before + 1;
    rep.end_group = group_count_ + 1;
    rep.kids.push_back(std::move(atom));
    return rep;
  }

  void Expect(char32_t c) {
    if (Peek() != c) throw SyntaxError(c == ')' ? "Unterminated group" : "Unexpected end");
    ++i_;
  }

  RNode Char(char32_t c) {
    RNode n;
    n.kind = RNode::kChar;
    n.c = c;
    return n;
  }

  RNode Atom(int depth) {
    char32_t c = Peek();
    if (c == '(') {
      ++i_;
      RNode g;
      g.kind = RNode::kGroup;
      if (Peek() == '?' && Peek(1) == ':') {
        i_ += 2;
      } else if (Peek() == '?' && Peek(1) == '<') {
        i_ += 2;
        std::u32string name;
        while (More() && Peek() != '>') name.push_back(p_[i_++]);
        Expect('>');
        g.group = ++group_count_;
        names[name] = g.group;
      } else if (Peek() == '?') {
        throw SyntaxError("Invalid group");
      } else {
        g.group = ++group_count_;
      }
      g.kids.push_back(Disjunction(depth + 1));
      Expect(')');
      return g;
    }
    if (c == '.') {
      ++i_;
      RNode n;
      n.kind = RNode::kAny;
      return n;
    }
    if (c == '[') return ClassAtom();
    if (c == '*' || c == '+' || c == '?') throw SyntaxError("Nothing to repeat");
    if (c == '{') {
      int a, b;
      size_t save = i_;
      if (Braces(&a, &b)) throw SyntaxError("Nothing to repeat");
      i_ = save + 1;
      return Char('{');
    }
    if (c == '\\') return AtomEscape();
    ++i_;
    return Char(c);
  }

  int Hex(char32_t c) {
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
    return -1;
  }

  // After a backslash: a character escape shared by atoms and classes.
  // Returns false if `e` is not one.
  bool CharacterEscape(char32_t e, char32_t* out) {
    switch (e) {
      case 'n':
        *out = '\n';
        return true;
      case 'r':
        *out = '\r';
        return true;
      case 't':
        *out = '\t';
        return true;
      case 'v':
        *out = '\v';
        return true;
      case 'f':
        *out = '\f';
        return true;
      case 'c':
        if ((Peek() >= 'a' && Peek() <= 'z') || (Peek() >= 'A' && Peek() <= 'Z')) {
          *out = p_[i_++] % 32;
        } else {
          --i_;  // Annex B: "\c" is a literal backslash
          *out = '\\';
        }
        return true;
      case 'x':
        if (Hex(Peek()) >= 0 && Hex(Peek(1)) >= 0) {
          *out = static_cast<char32_t>(Hex(Peek()) * 16 + Hex(Peek(1)));
          i_ += 2;
        } else {
          *out = 'x';
        }
        return true;
      case 'u': {
        int v = 0;
        for (size_t k = 0; k < 4; ++k) {
          int h = Hex(Peek(k));
          if (h < 0) {
            *out = 'u';
            return true;
          }
          v = v * 16 + h;
        }
        i_ += 4;
        *out = static_cast<char32_t>(v);
        return true;
      }
      default:
        return false;
    }
  }

  RNode AtomEscape() {
    ++i_;
    if (!More()) throw SyntaxError("\\ at end of pattern");
    char32_t e = p_[i_++];
    if (e == 'd' || e == 'w' || e == 's' || e == 'D' || e == 'W' || e == 'S') {
      RNode n;
      n.kind = RNode::kClass;
      AddClassEscape(e | 0x20, &n.cls);
      n.cls.negate = (e < 'a');
      return n;
    }
    if (e >= '1' && e <= '9') {
      --i_;
      size_t save = i_;
      int num;
      ReadInt(&num);
      if (num <= total_groups_) {
        RNode n;
        n.kind = RNode::kBackref;
        n.group = num;
        return n;
      }
      i_ = save;  // Annex B: an octal escape, or the digit itself
      if (e >= '8') {
        ++i_;
        return Char(e);
      }
      return Char(Octal());
    }
    if (e == '0') {
      if (Peek() >= '0' && Peek() <= '7') {
        --i_;
        return Char(Octal());
      }
      return Char(0);
    }
    if (e == 'k' && Peek() == '<') {
      ++i_;
      std::u32string name;
      while (More() && Peek() != '>') name.push_back(p_[i_++]);
      Expect('>');
      RNode n;
      n.kind = RNode::kBackref;
      n.group = -1;
      n.c = 0;
      pending_names_.push_back(name);
      n.min = static_cast<int>(pending_names_.size()) - 1;  // resolved after parsing
      n.flag = true;
      return n;
    }
    char32_t c;
    if (CharacterEscape(e, &c)) return Char(c);
    return Char(e);
  }

  char32_t Octal() {
    int v = 0, n = 0;
    while (n < 3 && Peek() >= '0' && Peek() <= '7' &&
           v * 8 + static_cast<int>(Peek() - '0') <= 0377) {
      v = v * 8 + static_cast<int>(p_[i_++] - '0');
      ++n;
    }
    return static_cast<char32_t>(v);
  }

  // One class member; sets *is_set when it was \d, \w, ... (not a range end).
  char32_t ClassAtomChar(RClass* cls, bool* is_set) {
    *is_set = false;
    char32_t c = p_[i_++];
    if (c != '\\') return c;
    if (!More()) throw SyntaxError("\\ at end of pattern");
    char32_t e = p_[i_++];
    if (e == 'd' || e == 'w' || e == 's') {
      AddClassEscape(e, cls);
      *is_set = true;
      return 0;
    }
    if (e == 'D' || e == 'W' || e == 'S') {
      RClass tmp;
      AddClassEscape(e | 0x20, &tmp);
      AddComplement(tmp, cls);
      *is_set = true;
      return 0;
    }
    if (e == 'b') return '\b';
    if (e == '-') return '-';
    if (e >= '0' && e <= '7') {
      --i_;
      return Octal();
    }
    char32_t out;
    if (CharacterEscape(e, &out)) return out;
    return e;
  }

  RNode ClassAtom() {
    ++i_;
    RNode n;
    n.kind = RNode::kClass;
    if (Peek() == '^') {
      n.cls.negate = true;
      ++i_;
    }
    while (More() && Peek() != ']') {
      bool set1, set2;
      char32_t lo = ClassAtomChar(&n.cls, &set1);
      if (Peek() == '-' && Peek(1) != ']' && Peek(1) != 0) {
        ++i_;
        char32_t hi = ClassAtomChar(&n.cls, &set2);
        if (set1 || set2) {  // Annex B: [\d-x] is a set, '-' and x
          if (!set1) n.cls.ranges.push_back({lo, lo});
          n.cls.ranges.push_back({'-', '-'});
          if (!set2) n.cls.ranges.push_back({hi, hi});
          continue;
        }
        if (hi < lo) throw SyntaxError("Range out of order in character class");
        n.cls.ranges.push_back({lo, hi});
      } else if (!set1) {
        n.cls.ranges.push_back({lo, lo});
      }
    }
    if (!More()) throw SyntaxError("Unterminated character class");
    ++i_;
    return n;
  }

 public:
  std::vector<std::u32string> pending_names_;

 private:
  std::u32string_view p_;
  size_t i_ = 0;
  int group_count_ = 0;
  int total_groups_;
};

int CountGroups(std::u32string_view p) {
  int n = 0;
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
    } else if (p[i] == '[') {
      in_class = true;
    } else if (p[i] == ']') {
      in_class = false;
    } else if (p[i] == '(' && !in_class) {
      if (i + 1 < p.size() && p[i + 1] == '?') {
        if (i + 2 < p.size() && p[i + 2] == '<' && i + 3 < p.size() && p[i + 3] != '=' &&
            p[i + 3] != '!')
          ++n;
      } else {
        ++n;
      }
    }
  }
  return n;
}

void ResolveNames(RNode* n, const Parser& parser) {
  if (n->kind == RNode::kBackref && n->flag) {
    auto it = parser.names.find(parser.pending_names_[static_cast<size_t>(n->min)]);
    if (it == parser.names.end()) throw SyntaxError("Invalid named capture referenced");
    n->group = it->second;
  }
  for (RNode& k : n->kids) ResolveNames(&k, parser);
}

}  // namespace

RNode ParseRegex(std::u32string_view pattern, int* groups) {
  int total = CountGroups(pattern);
  Parser parser(pattern, total);
  RNode tree = parser.Parse();
  ResolveNames(&tree, parser);
  *groups = total;
  return tree;
}

}  // namespace sfn::asl::jsonata
