// Parser of ECMA-262 regular expressions with the `u` flag (ECMA-262 §22.2.1, [+UnicodeMode]):
// no Annex B leniency, so a lone `{`, `}` or `]`, an unknown escape such as `\a` or `\-` outside
// a class, a backreference to a missing group, or a quantified lookaround is a RegexError.
#include <algorithm>
#include <map>

#include "schema/regex.hpp"
#include "schema/regex_syntax.hpp"
#include "schema/text.hpp"

namespace crux::schema::regex {

CharSet::CharSet(std::vector<Range> ranges) {
  std::sort(ranges.begin(), ranges.end());
  for (const auto& range : ranges) {
    if (range.first > range.second) continue;
    if (!ranges_.empty() && range.first <= ranges_.back().second + 1) {
      ranges_.back().second = std::max(ranges_.back().second, range.second);
    } else {
      ranges_.push_back(range);
    }
  }
  for (const auto& [first, last] : ranges_) {
    for (char32_t c = first; c <= last && c < 128; ++c) ascii_[c >> 6] |= std::uint64_t{1} << (c & 63);
  }
}

bool CharSet::contains_above_ascii(char32_t c) const {
  auto after = std::upper_bound(ranges_.begin(), ranges_.end(), c,
                                [](char32_t value, const Range& range) { return value < range.first; });
  return after != ranges_.begin() && c <= std::prev(after)->second;
}

CharSet CharSet::negated() const {
  std::vector<Range> complement;
  char32_t next = 0;
  for (const auto& [first, last] : ranges_) {
    if (first > next) complement.emplace_back(next, first - 1);
    next = last + 1;
  }
  if (next <= 0x10FFFF) complement.emplace_back(next, 0x10FFFF);
  return CharSet(std::move(complement));
}

namespace {

using Ranges = std::vector<CharSet::Range>;

constexpr int kMaxNesting = 200;           // groups inside groups: the parser and compiler recurse
constexpr int kMaxCount = 1'000'000'000;   // a larger {n,m} count is refused (never matchable here)

const Ranges kDigit{{'0', '9'}};
const Ranges kWord{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
// ECMAScript's WhiteSpace (incl. U+FEFF and the Zs category) and LineTerminator.
const Ranges kSpace{{0x09, 0x0D}, {0x20, 0x20}, {0xA0, 0xA0}, {0x1680, 0x1680}, {0x2000, 0x200A},
                    {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF}};
const Ranges kNotLineTerminator{{0, 0x09}, {0x0B, 0x0C}, {0x0E, 0x2027}, {0x202A, 0x10FFFF}};

bool is_syntax_character(char32_t c) {
  return c == '^' || c == '$' || c == '\\' || c == '.' || c == '*' || c == '+' || c == '?' || c == '(' ||
         c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '|';
}

int hex_value(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return -1;
}

bool is_decimal(char32_t c) { return c >= '0' && c <= '9'; }

bool is_group_name_char(char32_t c, bool first) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$') return true;
  if (!first && is_decimal(c)) return true;
  return c >= 0x80;  // non-ASCII identifier characters, approximated
}

Ranges complement(const Ranges& ranges) { return CharSet(ranges).negated().ranges(); }

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

class Parser {
 public:
  explicit Parser(const std::string& source) {
    const std::wstring decoded = detail::decode_utf8(source);
    text_.assign(decoded.begin(), decoded.end());
  }

  Syntax run() {
    count_groups();
    syntax_.root = disjunction(0);
    if (!at_end()) fail(peek() == ')' ? "unmatched ')'" : "unexpected character");
    for (const auto& [name, index] : pending_names_) {
      if (!names_.count(name)) fail_at(index, "\\k<" + name + "> names no group");
    }
    return std::move(syntax_);
  }

 private:
  // ---- reading
  bool at_end() const { return pos_ >= text_.size(); }
  char32_t peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : 0; }
  bool eat(char32_t c) {
    if (at_end() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  [[noreturn]] void fail(const std::string& reason) const { fail_at(pos_, reason); }
  [[noreturn]] void fail_at(std::size_t index, const std::string& reason) const {
    throw RegexError(reason + " at character " + std::to_string(index));
  }

  /// The number of capturing groups, needed before parsing: `\2` is valid only if there are 2.
  void count_groups() {
    bool in_class = false;
    for (std::size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\\') {
        ++i;
      } else if (in_class) {
        in_class = text_[i] != ']';
      } else if (text_[i] == '[') {
        in_class = true;
      } else if (text_[i] == '(' && (i + 1 >= text_.size() || text_[i + 1] != '?' ||
                                     (i + 2 < text_.size() && text_[i + 2] == '<' && i + 3 < text_.size() &&
                                      text_[i + 3] != '=' && text_[i + 3] != '!'))) {
        ++total_groups_;
      }
    }
  }

  int add_set(const Ranges& ranges) {
    syntax_.sets.emplace_back(ranges);
    return static_cast<int>(syntax_.sets.size() - 1);
  }

  Node set_node(const Ranges& ranges) {
    Node node;
    node.kind = Node::Kind::Set;
    const bool one = ranges.size() == 1 && ranges.front().first == ranges.front().second;
    if (!one) {
      node.set = add_set(ranges);
    } else if (const auto known = single_.find(ranges.front().first); known != single_.end()) {
      node.set = known->second;  // a long literal pattern shares one set per character
    } else {
      node.set = single_[ranges.front().first] = add_set(ranges);
    }
    return node;
  }

  // ---- structure
  Node disjunction(int depth) {
    if (depth > kMaxNesting) fail("groups are nested too deeply");
    Node first = alternative(depth);
    if (peek() != '|') return first;
    Node alt;
    alt.kind = Node::Kind::Alt;
    alt.children.push_back(std::move(first));
    while (eat('|')) alt.children.push_back(alternative(depth));
    return alt;
  }

  Node alternative(int depth) {
    Node seq;
    seq.kind = Node::Kind::Seq;
    while (!at_end() && peek() != '|' && peek() != ')') seq.children.push_back(term(depth));
    if (seq.children.size() == 1) return std::move(seq.children.front());
    if (seq.children.empty()) return Node{};
    return seq;
  }

  Node term(int depth) {
    bool quantifiable = true;
    Node atom_node = atom(depth, quantifiable);
    if (!quantifier_follows()) return atom_node;
    if (!quantifiable) fail("this assertion cannot be quantified");
    Node repeat;
    repeat.kind = Node::Kind::Repeat;
    read_quantifier(repeat);
    repeat.children.push_back(std::move(atom_node));
    if (quantifier_follows()) fail("nothing to repeat");
    return repeat;
  }

  bool quantifier_follows() const {
    const char32_t c = peek();
    return c == '*' || c == '+' || c == '?' || c == '{';
  }

  void read_quantifier(Node& repeat) {
    const char32_t c = peek();
    ++pos_;
    if (c == '*') {
      repeat.min = 0, repeat.max = -1;
    } else if (c == '+') {
      repeat.min = 1, repeat.max = -1;
    } else if (c == '?') {
      repeat.min = 0, repeat.max = 1;
    } else {  // '{'
      if (!is_decimal(peek())) fail("incomplete quantifier (a lone '{' must be escaped)");
      repeat.min = read_count();
      repeat.max = repeat.min;
      if (eat(',')) repeat.max = is_decimal(peek()) ? read_count() : -1;
      if (!eat('}')) fail("incomplete quantifier (a lone '{' must be escaped)");
      if (repeat.max >= 0 && repeat.max < repeat.min) fail("numbers out of order in {} quantifier");
    }
    repeat.greedy = !eat('?');
  }

  int read_count() {
    long long value = 0;
    while (is_decimal(peek())) {
      value = std::min<long long>(value * 10 + (peek() - '0'), kMaxCount + 1LL);
      ++pos_;
    }
    if (value > kMaxCount) fail("a repetition count is too large");
    return static_cast<int>(value);
  }

  Node atom(int depth, bool& quantifiable) {
    const char32_t c = peek();
    switch (c) {
      case '^':
      case '$': {
        ++pos_;
        quantifiable = false;
        Node node;
        node.kind = Node::Kind::Assert;
        node.assertion = c == '^' ? AssertKind::Begin : AssertKind::End;
        return node;
      }
      case '.':
        ++pos_;
        return set_node(kNotLineTerminator);
      case '(':
        return group(depth, quantifiable);
      case '[':
        return set_node(character_class());
      case '\\':
        return atom_escape(quantifiable);
      case '*':
      case '+':
      case '?':
        fail("nothing to repeat");
      case '{':
        fail(is_decimal(peek(1)) ? "nothing to repeat" : "a lone '{' must be escaped");
      case '}':
        fail("a lone '}' must be escaped");
      case ']':
        fail("a lone ']' must be escaped");
      default:
        ++pos_;
        return set_node({{c, c}});
    }
  }

  Node group(int depth, bool& quantifiable) {
    const std::size_t open = pos_;
    ++pos_;  // '('
    Node node;
    node.kind = Node::Kind::Group;
    if (eat('?')) {
      if (eat(':')) {
        node.group = 0;
      } else if (peek() == '=' || peek() == '!' || (peek() == '<' && (peek(1) == '=' || peek(1) == '!'))) {
        node.kind = Node::Kind::Look;
        node.behind = eat('<');
        node.negative = peek() == '!';
        ++pos_;
        quantifiable = false;
      } else if (eat('<')) {
        node.group = ++syntax_.groups;
        const std::string name = group_name();
        if (!names_.emplace(name, node.group).second) fail_at(open, "duplicate group name <" + name + ">");
      } else {
        fail("invalid group: (? must be followed by :, =, !, <=, <! or <name>");
      }
    } else {
      node.group = ++syntax_.groups;
    }
    node.children.push_back(disjunction(depth + 1));
    if (!eat(')')) fail_at(open, "unterminated group");
    return node;
  }

  /// A group name up to and including its '>'.
  std::string group_name() {
    std::string name;
    for (bool first = true; !at_end() && peek() != '>'; first = false) {
      if (!is_group_name_char(peek(), first)) fail("invalid character in a group name");
      append_utf8(name, peek());
      ++pos_;
    }
    if (name.empty() || !eat('>')) fail("invalid group name");
    return name;
  }

  Node atom_escape(bool& quantifiable) {
    ++pos_;  // '\'
    if (at_end()) fail("\\ at end of pattern");
    const char32_t c = peek();
    if (c == 'b' || c == 'B') {
      ++pos_;
      quantifiable = false;
      Node node;
      node.kind = Node::Kind::Assert;
      node.assertion = c == 'b' ? AssertKind::WordBoundary : AssertKind::NotWordBoundary;
      return node;
    }
    if (c >= '1' && c <= '9') {
      const std::size_t start = pos_;
      long long number = 0;
      while (is_decimal(peek())) {
        number = std::min<long long>(number * 10 + (peek() - '0'), 1LL << 40);
        ++pos_;
      }
      if (number > total_groups_) fail_at(start, "the backreference names a group that does not exist");
      return backreference(static_cast<int>(number));
    }
    if (c == 'k') {
      ++pos_;
      if (!eat('<')) fail("\\k must be followed by <name>");
      const std::size_t start = pos_;
      const std::string name = group_name();
      pending_names_.emplace_back(name, start);
      Node node = backreference(0);
      named_references_.push_back(name);
      node.group = -static_cast<int>(named_references_.size());  // resolved in resolve_names()
      return node;
    }
    Ranges ranges;
    if (class_escape(ranges)) return set_node(ranges);
    const char32_t value = character_escape(false);
    return set_node({{value, value}});
  }

  Node backreference(int group) {
    Node node;
    node.kind = Node::Kind::Backref;
    node.group = group;
    syntax_.has_backreferences = true;
    return node;
  }

  /// \d \D \s \S \w \W \p{..} \P{..} after the backslash; false (nothing read) for another escape.
  bool class_escape(Ranges& ranges) {
    const char32_t c = peek();
    switch (c) {
      case 'd': ranges = kDigit; break;
      case 'D': ranges = complement(kDigit); break;
      case 's': ranges = kSpace; break;
      case 'S': ranges = complement(kSpace); break;
      case 'w': ranges = kWord; break;
      case 'W': ranges = complement(kWord); break;
      case 'p':
      case 'P': {
        ++pos_;
        ranges = property_escape();
        if (c == 'P') ranges = complement(ranges);
        return true;
      }
      default:
        return false;
    }
    ++pos_;
    return true;
  }

  Ranges property_escape() {
    const std::size_t start = pos_;
    if (!eat('{')) fail("\\p must be followed by {property}");
    std::string expression;
    while (!at_end() && peek() != '}') {
      const char32_t c = peek();
      const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_decimal(c) || c == '_' || c == '=';
      if (!allowed) fail("invalid Unicode property name");
      expression += static_cast<char>(c);
      ++pos_;
    }
    if (!eat('}') || expression.empty()) fail_at(start, "invalid Unicode property escape");
    Ranges ranges;
    if (!unicode_property(expression, ranges)) fail_at(start, "unknown Unicode property \\p{" + expression + "}");
    return ranges;
  }

  /// A CharacterEscape after the backslash (u-mode): its code point.
  char32_t character_escape(bool in_class) {
    const char32_t c = peek();
    ++pos_;
    switch (c) {
      case 't': return '\t';
      case 'n': return '\n';
      case 'v': return '\v';
      case 'f': return '\f';
      case 'r': return '\r';
      case '0':
        if (is_decimal(peek())) fail("invalid decimal escape");
        return 0;
      case 'c': {
        const char32_t letter = peek();
        if (!((letter >= 'a' && letter <= 'z') || (letter >= 'A' && letter <= 'Z'))) fail("invalid \\c escape");
        ++pos_;
        return letter % 32;
      }
      case 'x': {
        const int high = hex_value(peek()), low = hex_value(peek(1));
        if (high < 0 || low < 0) fail("invalid \\x escape");
        pos_ += 2;
        return static_cast<char32_t>(high * 16 + low);
      }
      case 'u':
        return unicode_escape();
      default:
        if (is_syntax_character(c) || c == '/' || (in_class && c == '-')) return c;
        fail_at(pos_ - 1, "invalid escape");
    }
  }

  /// After "\u": HHHH (a surrogate pair written as two such escapes is one code point) or {H...}.
  char32_t unicode_escape() {
    if (eat('{')) {
      char32_t value = 0;
      int digits = 0;
      while (hex_value(peek()) >= 0) {
        value = value * 16 + static_cast<char32_t>(hex_value(peek()));
        if (value > 0x10FFFF) fail("\\u{...} is beyond U+10FFFF");
        ++pos_, ++digits;
      }
      if (digits == 0 || !eat('}')) fail("invalid \\u{...} escape");
      return value;
    }
    const char32_t value = four_hex_digits();
    if (value >= 0xD800 && value <= 0xDBFF && peek() == '\\' && peek(1) == 'u') {
      const std::size_t back = pos_;
      pos_ += 2;
      if (hex_value(peek()) >= 0) {
        const char32_t low = four_hex_digits();
        if (low >= 0xDC00 && low <= 0xDFFF) return 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
      }
      pos_ = back;
    }
    return value;
  }

  char32_t four_hex_digits() {
    char32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const int digit = hex_value(peek());
      if (digit < 0) fail("invalid \\u escape");
      value = value * 16 + static_cast<char32_t>(digit);
      ++pos_;
    }
    return value;
  }

  // ---- classes
  Ranges character_class() {
    const std::size_t open = pos_;
    ++pos_;  // '['
    const bool negate = eat('^');
    Ranges ranges;
    for (;;) {
      if (at_end()) fail_at(open, "unterminated character class");
      if (eat(']')) break;
      Ranges first_set;
      const char32_t first = class_atom(first_set);
      if (peek() == '-' && peek(1) != ']' && pos_ + 1 < text_.size()) {
        ++pos_;  // '-'
        Ranges last_set;
        const char32_t last = class_atom(last_set);
        if (!first_set.empty() || !last_set.empty()) fail("a class escape cannot be a range bound");
        if (last < first) fail("range out of order in character class");
        ranges.emplace_back(first, last);
      } else if (!first_set.empty()) {
        ranges.insert(ranges.end(), first_set.begin(), first_set.end());
      } else {
        ranges.emplace_back(first, first);
      }
    }
    return negate ? complement(ranges) : CharSet(ranges).ranges();
  }

  /// One class atom: its code point, or (for \d, \p{..}, ...) its ranges in `set`.
  char32_t class_atom(Ranges& set) {
    const char32_t c = peek();
    if (c != '\\') {
      ++pos_;
      return c;
    }
    ++pos_;
    if (at_end()) fail("\\ at end of pattern");
    if (eat('b')) return 0x08;
    if (class_escape(set)) {
      if (set.empty()) set.emplace_back(1, 0);  // an empty property: keep "is a set" visible
      return 0;
    }
    return character_escape(true);
  }

  std::u32string text_;
  std::size_t pos_ = 0;
  int total_groups_ = 0;
  Syntax syntax_;
  std::map<std::string, int> names_;
  std::map<char32_t, int> single_;
  std::vector<std::pair<std::string, std::size_t>> pending_names_;

 public:
  std::vector<std::string> named_references_;
  /// Gives each \k<name> its group number (names may be used before their group).
  void resolve_names(Node& node) {
    if (node.kind == Node::Kind::Backref && node.group < 0) {
      node.group = names_.at(named_references_[static_cast<std::size_t>(-node.group - 1)]);
    }
    for (auto& child : node.children) resolve_names(child);
  }
};

}  // namespace

Syntax parse(const std::string& source) {
  Parser parser(source);
  Syntax syntax = parser.run();
  parser.resolve_names(syntax.root);
  return syntax;
}

}  // namespace crux::schema::regex
