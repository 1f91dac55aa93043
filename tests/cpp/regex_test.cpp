// The pattern matcher of JSON Schema's `pattern` (src/schema/regex_*.cpp): ECMA-262 with the
// `u` flag, RegExp.prototype.test semantics, bounded by a Budget. tests/node/schema-patterns
// compares the same matcher with V8's RegExp on many more inputs.
#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "schema/regex.hpp"

using crux::schema::Budget;
using crux::schema::BudgetExhausted;
using crux::schema::compile_regex;
using crux::schema::RegexError;

namespace {

bool test(const std::string& pattern, const std::string& input) {
  Budget budget(100'000'000);
  return compile_regex(pattern)->search(input, budget);
}

std::string compile_error(const std::string& pattern) {
  try {
    compile_regex(pattern);
  } catch (const RegexError& error) {
    return error.what();
  }
  return "(compiled)";
}

}  // namespace

TEST_CASE("regex: literals, search semantics and anchors", "[regex]") {
  CHECK(test("abc", "xxabcxx"));
  CHECK_FALSE(test("abc", "ab"));
  CHECK(test("", ""));
  CHECK(test("", "anything"));
  CHECK(test("^abc$", "abc"));
  CHECK_FALSE(test("^abc$", "abcd"));
  CHECK_FALSE(test("^b", "ab"));
  CHECK(test("b$", "ab"));
  CHECK_FALSE(test("^a$", "a\nb"));  // no multiline
  CHECK(test("a|b|c", "zzc"));
  CHECK(test("^(?:ab|a)c$", "ac"));
  CHECK(test("^caf\u00e9$", "caf\xC3\xA9"));
}

TEST_CASE("regex: classes, escapes and dot", "[regex]") {
  CHECK(test("^[a-c]+$", "abcab"));
  CHECK_FALSE(test("^[a-c]+$", "abd"));
  CHECK(test("^[^a-c]$", "d"));
  CHECK_FALSE(test("^[^a-c]$", "b"));
  CHECK_FALSE(test("[]", "a"));
  CHECK(test("^[^]$", "\n"));
  CHECK(test("^[\\d-]+$", "12-3"));
  CHECK(test("^[a-]$", "-"));
  CHECK(test("^[\\-\\]\\\\]+$", "-]\\"));
  CHECK(test("^\\d\\D\\w\\W$", "1a_!"));
  CHECK_FALSE(test("^\\w$", "\xC3\xA9"));
  CHECK(test("^\\t\\n\\v\\f\\r\\0$", std::string("\t\n\v\f\r\0", 6)));
  CHECK(test("^\\cJ\\x41\\u0042\\u{43}\\u{1F600}$", "\nABC\xF0\x9F\x98\x80"));
  CHECK(test("^\\uD83D\\uDE00$", "\xF0\x9F\x98\x80"));  // a surrogate pair is one code point
  CHECK(test("^[\\uD83D\\uDE00]$", "\xF0\x9F\x98\x80"));
  CHECK(test("^.$", "\xF0\x9F\x98\x80"));  // . is a code point, not a byte or a UTF-16 unit
  CHECK_FALSE(test("^.$", "\n"));
  CHECK_FALSE(test("^.$", "\xE2\x80\xA8"));  // U+2028
  CHECK(test("^[\\b]$", "\b"));
  CHECK(test("^\\/\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$$", "/.*+?()[]{}|^$"));
  CHECK(test("^\\p{ASCII}+$", "abc"));
  CHECK_FALSE(test("^\\P{ASCII}$", "a"));
}

TEST_CASE("regex: \\s is ECMAScript's white space and line terminators, U+FEFF included", "[regex]") {
  CHECK(test("^\\s$", "\xEF\xBB\xBF"));          // U+FEFF
  CHECK(test("^\\s+$", " \t\n\r\v\f\xC2\xA0\xE2\x80\xA8\xE3\x80\x80"));
  CHECK_FALSE(test("^\\S$", "\xEF\xBB\xBF"));
  CHECK_FALSE(test("^\\s$", "\xE2\x80\x8B"));    // U+200B is not white space
  // A leading U+FEFF in the pattern or the text is a character like any other.
  CHECK_FALSE(test("\xEF\xBB\xBFx", "x"));
  CHECK(test("^\xEF\xBB\xBFx$", "\xEF\xBB\xBFx"));
  CHECK_FALSE(test("^x$", "\xEF\xBB\xBFx"));
}

TEST_CASE("regex: quantifiers, greedy and lazy", "[regex]") {
  CHECK(test("^a{3}$", "aaa"));
  CHECK_FALSE(test("^a{3}$", "aa"));
  CHECK(test("^a{2,}$", "aaaaa"));
  CHECK_FALSE(test("^a{2,}$", "a"));
  CHECK(test("^a{2,3}$", "aaa"));
  CHECK_FALSE(test("^a{2,3}$", "aaaa"));
  CHECK(test("^a*?b$", "aaab"));
  CHECK(test("^(?:ab)+?$", "ababab"));
  CHECK(test("^a??b$", "ab"));
  CHECK(test("^x{0}$", ""));
  CHECK(test("^(?:a|)*b$", "aab"));  // an iteration that matches empty ends the loop
  CHECK(test("^(?:a*)*$", "aaa"));
  CHECK(test("^(?:a{0,2}){2}$", "aaa"));
  CHECK_FALSE(test("^(?:a{0,2}){2}$", "aaaaa"));
}

TEST_CASE("regex: groups, lookarounds and backreferences", "[regex]") {
  CHECK(test("^(a)(?<two>b)(?:c)$", "abc"));
  CHECK(test("^(a+)b\\1$", "aabaa"));
  CHECK_FALSE(test("^(a+)b\\1$", "aaba"));
  CHECK(test("^(?<q>['\"]).*\\k<q>$", "'x'"));
  CHECK_FALSE(test("^(?<q>['\"]).*\\k<q>$", "'x\""));
  CHECK(test("^\\k<q>(?<q>a)$", "a"));  // a reference before its group matches empty
  CHECK(test("^(?:(a)|b)\\1$", "b"));   // an unset group matches empty
  CHECK(test("^(?:(a)|b)+\\1$", "ab"));  // captures are reset at each iteration
  CHECK(test("^(?=.*\\d)(?=.*[a-z]).{4,}$", "ab1c"));
  CHECK_FALSE(test("^(?=.*\\d)(?=.*[a-z]).{4,}$", "abcd"));
  CHECK(test("^(?!\\.)[a-z.]+$", "a.b"));
  CHECK_FALSE(test("^(?!\\.)[a-z.]+$", ".ab"));
  CHECK(test("(?<=\\$)\\d+", "cost: $42"));
  CHECK_FALSE(test("(?<=\\$)\\d+", "cost: 42"));
  CHECK(test("(?<!\\$)\\b\\d+", "cost: 42"));
  CHECK_FALSE(test("^(?<!\\$)\\d+$", "$42"));
  CHECK(test("(?<=(a)b)\\1", "aba"));   // lookbehind captures are backreferenced
  CHECK(test("(?<=\\1(a))b", "aab"));   // lookbehind reads right to left
  CHECK_FALSE(test("(?<=\\1(a))b", "ab"));
  CHECK(test("^(?=(a+))a*b\\1$", "aaabaaa"));
  CHECK(test("\\bfoo\\b", "a foo."));
  CHECK_FALSE(test("\\bfoo\\b", "afoo"));
  CHECK(test("\\Boo", "foo"));
}

TEST_CASE("regex: zod 4 patterns", "[regex]") {
  const std::string email =
      "^(?!\\.)(?!.*\\.\\.)([A-Za-z0-9_'+\\-\\.]*)[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\\-]*\\.)+[A-Za-z]{2,}$";
  CHECK(test(email, "first.last@example.com"));
  CHECK_FALSE(test(email, "first..last@example.com"));
  CHECK_FALSE(test(email, ".first@example.com"));
  const std::string uuid =
      "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000)$";
  CHECK(test(uuid, "123e4567-e89b-12d3-a456-426614174000"));
  CHECK_FALSE(test(uuid, "123e4567-e89b-12d3-a456-42661417400"));
}

TEST_CASE("regex: u-mode syntax errors are RegexError with a reason", "[regex]") {
  for (const char* bad : {"(", ")", "[a", "a{", "a{1", "{1}", "a{,5}", "}", "]", "*a", "a**", "a{2,1}", "\\a",
                          "\\-", "\\c1", "\\x4", "\\u12", "\\u{110000}", "\\1", "(a)\\2", "\\k<x>", "(?<n>a)\\k<m>",
                          "(?<n>a)(?<n>b)", "(?=a)*", "(?<=a)+", "^*", "\\b+", "[z-a]", "[\\d-z]", "\\p{NotAProperty}",
                          "\\p{L", "(?i:a)", "\\", "[\\1]", "[\\B]", "\\00", "a{99999999999999999999}"}) {
    INFO("pattern: " << bad);
    CHECK(compile_error(bad) != "(compiled)");
  }
  CHECK_THAT(compile_error("a{"), Catch::Contains("lone '{'"));
  CHECK_THAT(compile_error("\\a"), Catch::Contains("invalid escape"));
  CHECK_THAT(compile_error("a{1,12345678901}"), Catch::Contains("too large"));
  CHECK_THAT(compile_error("(?:a{1000}){1000}"), Catch::Contains("too large"));
  for (const char* good : {"[{}]", "[\\-]", "\\{\\}", "(?<n>a)\\k<n>", "[\\s\\S]", "\\0", "[\\0]", "x{0,0}"}) {
    INFO("pattern: " << good);
    CHECK(compile_error(good) == "(compiled)");
  }
}

TEST_CASE("regex: a catastrophic pattern stays linear without backreferences", "[regex]") {
  // ^(a+)+$ on 30 a's and a b is 2^30 paths for a plain backtracker; the failure memo makes it linear.
  Budget budget(100'000);
  CHECK_FALSE(compile_regex("^(a+)+$")->search(std::string(30, 'a') + "b", budget));
  Budget long_budget(10'000'000);
  CHECK_FALSE(compile_regex("^(\\w+\\s?)+$")->search(std::string(100'000, 'a') + "!", long_budget));
}

TEST_CASE("regex: a match that costs more than the budget throws BudgetExhausted", "[regex]") {
  // A backreference turns the memo off, so this one is exponential; the budget stops it.
  const auto regex = compile_regex("^(a+)+\\1$");
  const std::string input = std::string(30, 'a') + "b";
  Budget budget(1'000'000);
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(regex->search(input, budget), BudgetExhausted);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(budget.left() == 0);
  CHECK(elapsed < std::chrono::seconds(1));  // generous: it takes a few ms
  // The same compiled pattern keeps working with a fresh budget.
  Budget fresh(1'000'000);
  CHECK(regex->search("aaaa", fresh));
  // Spending is exact: what a match costs is what the budget loses.
  Budget small(1'000'000);
  CHECK(compile_regex("^[a-z]+$")->search("abc", small));
  CHECK(small.left() > 1'000'000 - 100);
}

TEST_CASE("regex: a 4 MiB input does not overflow the stack", "[regex]") {
  const std::string text(4 << 20, 'a');
  Budget budget(100'000'000);
  CHECK(compile_regex("^(a|b)*$")->search(text, budget));
  CHECK(compile_regex("^(?:a|b)*?$")->search(text, budget));
  CHECK_FALSE(compile_regex("^(a)*\\1b$")->search(text.substr(0, 100'000), budget));
  CHECK(compile_regex("(?<=a{3})$")->search(text, budget));
}
