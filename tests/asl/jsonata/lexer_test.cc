// tests/asl/jsonata/lexer_test.cc
#include "asl/jsonata/lexer.h"

#include <doctest/doctest.h>

#include "asl/jsonata/errors.h"
#include "tests/asl/jsonata/jsonata_test_util.h"

namespace sfn::asl::jsonata {
namespace {

using testing::CompileError;
using testing::Run;

std::string Tokens(std::string_view src) {
  Lexer lexer(src);
  std::string out;
  for (;;) {
    Token t = lexer.Next(false);
    if (t.type == TokenType::kEnd) break;
    static const char* kNames[] = {"end", "op", "name", "var", "str", "num", "val", "regex"};
    out += std::string(kNames[static_cast<int>(t.type)]) + ":" + t.text + "@" +
           std::to_string(t.position) + " ";
  }
  return out;
}

TEST_CASE("Lexer splits tokens and reports the offset just past each") {
  CHECK(Tokens("Account.Order[0]") ==
        "name:Account@7 op:.@8 name:Order@13 op:[@14 num:0@15 op:]@16 ");
  CHECK(Tokens("$x := 'a' & \"b\"") == "var:x@2 op::=@5 str:a@9 op:&@11 str:b@15 ");
  CHECK(Tokens("a..b ~> $f ?: c ?? d != e") ==
        "name:a@1 op:..@3 name:b@4 op:~>@7 var:f@10 op:?:@13 name:c@15 op:??@18 name:d@20 "
        "op:!=@23 name:e@25 ");
  CHECK(Tokens("true false null and or in") ==
        "val:true@4 val:false@10 val:null@15 op:and@19 op:or@22 op:in@25 ");
  CHECK(Tokens("`a b`.c /* note */ $$") == "name:a b@5 op:.@6 name:c@7 var:$@21 ");
  CHECK(Tokens("/ab+c/i") == "regex:ab+c@7 ");
}

TEST_CASE("Lexer decodes string escapes") {
  CHECK(Run("'a\\tb\\u00e9\\\\'") == "\"a\\tb\xC3\xA9\\\\\"");
  CHECK(Run("\"\\ud83d\\ude00\"") == "\"\xF0\x9F\x98\x80\"");
  CHECK(Run("1.5e2") == "150");
}

TEST_CASE("Lexer errors carry JSONata codes, positions and tokens") {
  CHECK(CompileError("\"abc") == "S0101@4 : String literal must be terminated by a matching quote");
  CHECK(CompileError("1e400") == "S0102@0 1e400: Number out of range: \"1e400\"");
  CHECK(CompileError("\"\\q\"") == "S0103@2 q: Unsupported escape sequence: \\\"q\"");
  CHECK(CompileError("\"\\u12\"") ==
        "S0104@2 : The escape sequence \\u must be followed by 4 hex digits");
  CHECK(CompileError("`abc") ==
        "S0105@4 : Quoted property name must be terminated with a backquote (`)");
  CHECK(CompileError("1 /* open") == "S0106@2 : Comment has no closing tag");
  CHECK(CompileError("$match('a', //)") == "S0301@13 : Empty regular expressions are not allowed");
  CHECK(CompileError("$match('a', /ab)") == "S0302@16 : No terminating / in regular expression");
  CHECK(CompileError("1 ! 2") == "S0204@3 !: Unknown operator: \"!\"");
  // Brackets are balanced while scanning, so "/a(b/" is unterminated.
  CHECK(CompileError("$match('a', /a(b/)") == "S0302@18 : No terminating / in regular expression");
  CHECK(CompileError("$match('a', /a{2,1}/)") ==
        "S0303@13 a{2,1}: Invalid regular expression: numbers out of order in {} quantifier");
}

}  // namespace
}  // namespace sfn::asl::jsonata
