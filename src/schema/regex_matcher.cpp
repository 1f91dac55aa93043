// compile_regex: our own ECMA-262 (`u` flag) matcher, the same in native and WebAssembly builds.
// The syntax tree (regex_syntax.cpp) is compiled into a small program run by a backtracking
// machine with an explicit stack (no recursion per input character). Every instruction spends
// one step of the caller's Budget, so a match stops in bounded time whatever the pattern.
// Without backreferences, only whether a match exists matters, and that depends only on
// (instruction, position): each branch point remembers the positions it already failed from,
// so such a pattern is explored at most once per (branch point, position), which keeps
// `^(a+)+$` and friends linear. With backreferences the machine follows ECMAScript's
// backtracking order exactly (captures, empty-iteration checks) and only the budget bounds it.
#include <deque>
#include <map>

#include "core/utf8.hpp"
#include "schema/regex.hpp"
#include "schema/regex_syntax.hpp"
#include "schema/text.hpp"

namespace crux::schema {
namespace regex {
namespace {

constexpr std::size_t kMaxInstructions = 100'000;  // after {n,m} counts are expanded
constexpr std::size_t kMaxMemoBits = std::size_t{1} << 26;  // 8 MiB of "already failed here"
constexpr int kCharsPerStep = 16;  // a scan over a run of characters costs a step per this many

enum class Op : std::uint8_t {
  Char,     // a: set; consume one code point in it
  Star,     // a: set, b: memo point of its entry, c: of its ends; greedy `set*`: the longest run
            // first, then give back one character at a time
  Split,    // a: tried first, b: tried on backtracking, c: memo point
  Jump,     // a
  Save,     // a: capture slot := position
  Clear,    // capture slots [a, b) := unset (a quantified group starts a new iteration)
  Mark,     // a: register := position (start of an iteration that could match empty)
  Check,    // a: fail if the iteration matched empty (ECMAScript's RepeatMatcher rule)
  Assert,   // a: AssertKind
  Look,     // a: program, b: negative
  Backref,  // a: group
  Match,
};

struct Inst {
  Op op;
  int a = 0, b = 0, c = 0;
};

struct Program {
  std::vector<Inst> code;
  bool backward = false;  // a lookbehind body: reads the text right to left
};

struct Compiled {
  std::vector<CharSet> sets;
  std::vector<Program> programs;  // [0] is the pattern, then one per lookaround
  int capture_slots = 0;          // 2 per group, 0 when there is no backreference to serve
  int registers = 0;
  int memo_points = 0;
  bool memo = false;      // no backreferences: a failure depends only on (instruction, position)
  bool anchored = false;  // starts with ^: only position 0 is tried
};

bool nullable(const Node& node) {
  switch (node.kind) {
    case Node::Kind::Set: return false;
    case Node::Kind::Seq:
      for (const auto& child : node.children) {
        if (!nullable(child)) return false;
      }
      return true;
    case Node::Kind::Alt:
      for (const auto& child : node.children) {
        if (nullable(child)) return true;
      }
      return false;
    case Node::Kind::Group: return nullable(node.children.front());
    case Node::Kind::Repeat: return node.min == 0 || nullable(node.children.front());
    default: return true;  // Empty, Assert, Look, Backref
  }
}

/// The capture groups inside `node`: [first, last], or first > last if none.
void groups_inside(const Node& node, int& first, int& last) {
  if (node.kind == Node::Kind::Group && node.group > 0) {
    first = std::min(first, node.group);
    last = std::max(last, node.group);
  }
  for (const auto& child : node.children) groups_inside(child, first, last);
}

class Compiler {
 public:
  explicit Compiler(Syntax& syntax) {
    out_.sets = std::move(syntax.sets);
    out_.capture_slots = syntax.has_backreferences ? 2 * (syntax.groups + 1) : 0;
    out_.memo = !syntax.has_backreferences;
    program(syntax.root, false);
    const auto& main = out_.programs.front().code;
    out_.anchored = main.front().op == Op::Assert && main.front().a == static_cast<int>(AssertKind::Begin);
  }
  Compiled take() { return std::move(out_); }

 private:
  int program(const Node& node, bool backward) {
    const int index = static_cast<int>(out_.programs.size());
    out_.programs.emplace_back();
    std::vector<Inst> code;
    std::swap(code, code_);
    std::swap(backward, backward_);
    emit(node);
    add({Op::Match});
    std::swap(code, code_);
    std::swap(backward, backward_);
    out_.programs[static_cast<std::size_t>(index)].code = std::move(code);
    out_.programs[static_cast<std::size_t>(index)].backward = backward;
    return index;
  }

  int here() const { return static_cast<int>(code_.size()); }
  int add(Inst inst) {
    if (++total_ > kMaxInstructions) throw RegexError("the pattern is too large (over " + std::to_string(kMaxInstructions) + " instructions once its repetition counts are expanded)");
    code_.push_back(inst);
    return here() - 1;
  }
  int split() { return add({Op::Split, 0, 0, out_.memo_points++}); }

  /// The set of `node` if it always matches exactly one code point of a set ([ab], (?:a|b),
  /// an unsaved group of one), else -1: such a node compiles to one Char (or, repeated, a Star).
  int as_set(const Node& node) {
    if (node.kind == Node::Kind::Set) return node.set;
    if (node.kind == Node::Kind::Group && (node.group == 0 || out_.capture_slots == 0)) return as_set(node.children.front());
    if (node.kind != Node::Kind::Alt) return -1;
    if (const auto known = unions_.find(&node); known != unions_.end()) return known->second;
    std::vector<CharSet::Range> ranges;
    for (const auto& child : node.children) {
      const int set = as_set(child);
      if (set < 0) return unions_[&node] = -1;
      const auto& more = out_.sets[static_cast<std::size_t>(set)].ranges();
      ranges.insert(ranges.end(), more.begin(), more.end());
    }
    out_.sets.emplace_back(std::move(ranges));
    return unions_[&node] = static_cast<int>(out_.sets.size() - 1);
  }

  void emit(const Node& node) {
    if (const int set = as_set(node); set >= 0 && node.kind != Node::Kind::Set) {
      add({Op::Char, set});
      return;
    }
    switch (node.kind) {
      case Node::Kind::Empty: return;
      case Node::Kind::Set: add({Op::Char, node.set}); return;
      case Node::Kind::Seq:
        if (backward_) {
          for (auto child = node.children.rbegin(); child != node.children.rend(); ++child) emit(*child);
        } else {
          for (const auto& child : node.children) emit(child);
        }
        return;
      case Node::Kind::Alt: {
        std::vector<int> to_end;
        for (std::size_t i = 0; i < node.children.size(); ++i) {
          if (i + 1 == node.children.size()) {
            emit(node.children[i]);
            break;
          }
          const int choice = split();
          code_[choice].a = here();
          emit(node.children[i]);
          to_end.push_back(add({Op::Jump}));
          code_[choice].b = here();
        }
        for (int jump : to_end) code_[jump].a = here();
        return;
      }
      case Node::Kind::Group: {
        const bool save = node.group > 0 && out_.capture_slots > 0;
        const int open = 2 * node.group + (backward_ ? 1 : 0), close = 2 * node.group + (backward_ ? 0 : 1);
        if (save) add({Op::Save, open});
        emit(node.children.front());
        if (save) add({Op::Save, close});
        return;
      }
      case Node::Kind::Repeat: emit_repeat(node); return;
      case Node::Kind::Assert: add({Op::Assert, static_cast<int>(node.assertion)}); return;
      case Node::Kind::Look: {
        const int body = program(node.children.front(), node.behind);
        add({Op::Look, body, node.negative ? 1 : 0});
        return;
      }
      case Node::Kind::Backref: add({Op::Backref, node.group}); return;
    }
  }

  void emit_repeat(const Node& node) {
    const Node& body = node.children.front();
    for (int i = 0; i < node.min; ++i) emit_iteration(body, false);
    if (node.max < 0) {
      if (const int set = as_set(body); set >= 0 && node.greedy) {
        add({Op::Star, set, out_.memo_points, out_.memo_points + 1});
        out_.memo_points += 2;
        return;
      }
      const int loop = split();
      const int start = here();
      emit_iteration(body, true);
      add({Op::Jump, loop});
      link(loop, start, here(), node.greedy);
      return;
    }
    std::vector<int> skips;
    for (int i = node.min; i < node.max; ++i) {
      const int choice = split();
      skips.push_back(choice);
      code_[choice].a = here();  // provisional: link() below sets the order
      emit_iteration(body, true);
    }
    for (int choice : skips) link(choice, code_[choice].a, here(), node.greedy);
  }

  void link(int choice, int body, int exit, bool greedy) {
    code_[choice].a = greedy ? body : exit;
    code_[choice].b = greedy ? exit : body;
  }

  /// One iteration of a quantified `body`; `optional` ones must not match empty.
  void emit_iteration(const Node& body, bool optional) {
    const bool check = optional && nullable(body);
    const int reg = check ? out_.registers++ : 0;
    if (check) add({Op::Mark, reg});
    int first = 1 << 30, last = 0;
    groups_inside(body, first, last);
    if (out_.capture_slots > 0 && first <= last) add({Op::Clear, 2 * first, 2 * last + 2});
    emit(body);
    if (check) add({Op::Check, reg});
  }

  Compiled out_;
  std::vector<Inst> code_;
  bool backward_ = false;
  std::size_t total_ = 0;
  std::map<const Node*, int> unions_;
};

bool is_word(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

/// One search of a compiled pattern in one text.
class Search {
 public:
  Search(const Compiled& re, const std::u32string& text, Budget& budget)
      : re_(re), text_(text), n_(static_cast<int>(text.size())), budget_(budget),
        state_(static_cast<std::size_t>(re.capture_slots + re.registers), -1) {
    const std::size_t bits = static_cast<std::size_t>(re.memo_points) * static_cast<std::size_t>(n_ + 1);
    if (re.memo && bits > 0 && bits <= kMaxMemoBits) memo_.assign((bits + 63) / 64, 0);
  }

  bool anywhere() {
    const Inst& first = re_.programs.front().code.front();
    const CharSet* first_set = first.op == Op::Char ? &re_.sets[static_cast<std::size_t>(first.a)] : nullptr;
    for (int start = 0; start <= n_; ++start) {
      if (first_set && !re_.anchored) {  // skip to where the first character can match
        const int from = start;
        while (start < n_ && !first_set->contains(static_cast<char32_t>(text_[static_cast<std::size_t>(start)]))) ++start;
        budget_.spend(static_cast<std::uint64_t>((start - from) / kCharsPerStep));
        if (start == n_) return false;
      }
      budget_.spend();
      if (run(0, start)) return true;
      if (re_.anchored) break;
    }
    return false;
  }

 private:
  struct Frame {
    enum class Kind : std::uint8_t { Branch, Restore, Star } kind;
    int pc;   // Branch, Star: where to continue; Restore: the slot of state_
    int pos;  // Branch: the position; Restore: the old value; Star: the next candidate end
    int end;  // Star: the last candidate (where the run began)
  };
  using Stack = std::vector<Frame>;

  /// Runs program `index` from `pos`; true once it reaches Match (captures then hold its values).
  bool run(int index, int pos) {
    const Program& program = re_.programs[static_cast<std::size_t>(index)];
    const std::vector<Inst>& code = program.code;
    const bool back = program.backward;
    const int dir = back ? -1 : 1;
    if (stacks_.size() <= depth_) stacks_.emplace_back();
    Stack& stack = stacks_[depth_];
    stack.clear();
    int pc = 0;
    for (;;) {
      budget_.spend();
      const Inst& in = code[static_cast<std::size_t>(pc)];
      bool ok = true;
      switch (in.op) {
        case Op::Char:
          ok = back ? pos > 0 && has(in.a, text_[static_cast<std::size_t>(pos - 1)])
                    : pos < n_ && has(in.a, text_[static_cast<std::size_t>(pos)]);
          if (ok) pos += dir, ++pc;
          break;
        case Op::Star: {
          const CharSet& set = re_.sets[static_cast<std::size_t>(in.a)];
          // Entered here before: nothing new. Entered one character earlier (or later) in the
          // same run: that entry's ends include all of ours (but this position).
          if (failed_before(in.b, pos) || (continues_run(set, back, pos - dir) && known(in.b, pos - dir))) {
            ok = false;
            break;
          }
          if (continues_run(set, back, pos) && known(in.b, pos + dir)) {
            ok = give_back(stack, code, dir, pc + 1, pos, pos, pc, pos);
            break;
          }
          int end = pos;
          if (back) {
            while (end > 0 && set.contains(text_[static_cast<std::size_t>(end - 1)])) --end;
          } else {
            while (end < n_ && set.contains(text_[static_cast<std::size_t>(end)])) ++end;
          }
          budget_.spend(static_cast<std::uint64_t>((end - pos) * dir / kCharsPerStep));
          ok = give_back(stack, code, dir, pc + 1, end, pos, pc, pos);
          break;
        }
        case Op::Split:
          ok = !failed_before(in.c, pos);
          if (ok) stack.push_back({Frame::Kind::Branch, in.b, pos, 0}), pc = in.a;
          break;
        case Op::Jump: pc = in.a; break;
        case Op::Save:
        case Op::Mark:
          set(stack, in.op == Op::Save ? in.a : re_.capture_slots + in.a, pos);
          ++pc;
          break;
        case Op::Clear:
          for (int slot = in.a; slot < in.b; ++slot) {
            if (state_[static_cast<std::size_t>(slot)] >= 0) set(stack, slot, -1);
          }
          ++pc;
          break;
        case Op::Check:
          ok = state_[static_cast<std::size_t>(re_.capture_slots + in.a)] != pos;
          ++pc;
          break;
        case Op::Assert:
          ok = holds(static_cast<AssertKind>(in.a), pos);
          ++pc;
          break;
        case Op::Look:
          ok = look(stack, in.a, in.b != 0, pos);
          ++pc;
          break;
        case Op::Backref:
          ok = backreference(in.a, back, pos);
          ++pc;
          break;
        case Op::Match: return true;
      }
      if (!ok && !backtrack(stack, code, dir, pc, pos)) return false;
    }
  }

  /// Pops the stack to the next alternative; false when there is none.
  bool backtrack(Stack& stack, const std::vector<Inst>& code, int dir, int& pc, int& pos) {
    while (!stack.empty()) {
      const Frame frame = stack.back();
      stack.pop_back();
      switch (frame.kind) {
        case Frame::Kind::Restore: state_[static_cast<std::size_t>(frame.pc)] = frame.pos; break;
        case Frame::Kind::Branch:
          budget_.spend();
          pc = frame.pc, pos = frame.pos;
          return true;
        case Frame::Kind::Star:
          budget_.spend();
          if (give_back(stack, code, dir, frame.pc, frame.pos, frame.end, pc, pos)) return true;
          break;
      }
    }
    return false;
  }

  /// A greedy Star's continuation at `from`, else at the ends before it down to `last`:
  /// sets pc/pos to the first one not known to fail, leaving the rest on the stack.
  bool give_back(Stack& stack, const std::vector<Inst>& code, int dir, int next, int from, int last, int& pc,
                 int& pos) {
    const int point = code[static_cast<std::size_t>(next - 1)].c;
    // When a Char follows, an end where it cannot match is skipped at the cost of a scan.
    const Inst& after = code[static_cast<std::size_t>(next)];
    const CharSet* needed = after.op == Op::Char ? &re_.sets[static_cast<std::size_t>(after.a)] : nullptr;
    int skipped = 0;
    for (int end = from;; end -= dir) {
      if (needed && !continues_run(*needed, dir < 0, end)) {
        if (end == last) return false;
        if (++skipped == kCharsPerStep) budget_.spend(), skipped = 0;
        continue;
      }
      if (!failed_before(point, end)) {
        if (end != last) stack.push_back({Frame::Kind::Star, next, end - dir, last});
        pc = next, pos = end;
        return true;
      }
      if (end == last) return false;
      budget_.spend();
    }
  }

  /// Whether the character read when stepping from position `from` is in `set` (forward that
  /// is text[from], backward text[from - 1]).
  bool continues_run(const CharSet& set, bool back, int from) const {
    const int at = back ? from - 1 : from;
    return at >= 0 && at < n_ && set.contains(static_cast<char32_t>(text_[static_cast<std::size_t>(at)]));
  }

  /// Whether (point, pos) is marked, without marking it.
  bool known(int point, int pos) const {
    if (memo_.empty() || pos < 0 || pos > n_) return false;
    const std::size_t bit = static_cast<std::size_t>(point) * static_cast<std::size_t>(n_ + 1) + static_cast<std::size_t>(pos);
    return (memo_[bit >> 6] >> (bit & 63)) & 1;
  }

  /// Whether memo point `point` already failed (or is being tried) at `pos`; marks it if not.
  bool failed_before(int point, int pos) {
    if (memo_.empty()) return false;
    const std::size_t bit = static_cast<std::size_t>(point) * static_cast<std::size_t>(n_ + 1) + static_cast<std::size_t>(pos);
    std::uint64_t& word = memo_[bit >> 6];
    const std::uint64_t mask = std::uint64_t{1} << (bit & 63);
    if (word & mask) return true;
    word |= mask;
    if (depth_ > 0) undo_.push_back(bit);
    return false;
  }

  /// A lookaround body run on its own from `pos` (lookarounds are atomic in ECMAScript).
  bool look(Stack& stack, int program, bool negative, int pos) {
    const std::vector<int> saved(state_.begin(), state_.begin() + re_.capture_slots);
    const std::size_t log_start = undo_.size();
    ++depth_;
    const bool found = run(program, pos);
    --depth_;
    // Marks made on the way to a Match are not failures: forget them.
    if (found) {
      for (std::size_t i = log_start; i < undo_.size(); ++i) memo_[undo_[i] >> 6] &= ~(std::uint64_t{1} << (undo_[i] & 63));
    }
    undo_.resize(log_start);
    for (int slot = 0; slot < re_.capture_slots; ++slot) {
      const int old = saved[static_cast<std::size_t>(slot)];
      int& now = state_[static_cast<std::size_t>(slot)];
      if (now == old) continue;
      if (found && !negative) {
        stack.push_back({Frame::Kind::Restore, slot, old, 0});  // keep what a positive lookaround captured
      } else {
        now = old;
      }
    }
    return found != negative;
  }

  bool backreference(int group, bool back, int& pos) {
    const int start = state_[static_cast<std::size_t>(2 * group)], end = state_[static_cast<std::size_t>(2 * group + 1)];
    if (start < 0 || end < 0) return true;  // an unset group matches empty
    const int length = end - start;
    const int from = back ? pos - length : pos;
    if (from < 0 || from + length > n_) return false;
    budget_.spend(static_cast<std::uint64_t>(length / kCharsPerStep));
    if (text_.compare(static_cast<std::size_t>(from), static_cast<std::size_t>(length), text_,
                      static_cast<std::size_t>(start), static_cast<std::size_t>(length)) != 0) {
      return false;
    }
    pos = back ? from : from + length;
    return true;
  }

  bool holds(AssertKind kind, int pos) const {
    switch (kind) {
      case AssertKind::Begin: return pos == 0;
      case AssertKind::End: return pos == n_;
      default: {
        const bool before = pos > 0 && is_word(text_[static_cast<std::size_t>(pos - 1)]);
        const bool after = pos < n_ && is_word(text_[static_cast<std::size_t>(pos)]);
        return (before != after) == (kind == AssertKind::WordBoundary);
      }
    }
  }

  bool has(int set, char32_t c) const { return re_.sets[static_cast<std::size_t>(set)].contains(c); }

  void set(Stack& stack, int slot, int value) {
    int& current = state_[static_cast<std::size_t>(slot)];
    stack.push_back({Frame::Kind::Restore, slot, current, 0});
    current = value;
  }

  const Compiled& re_;
  const std::u32string& text_;
  const int n_;
  Budget& budget_;
  std::vector<int> state_;            // capture slots, then registers; -1 is unset
  std::vector<std::uint64_t> memo_;   // (memo point, position) pairs known to fail
  std::vector<std::size_t> undo_;     // marks made inside lookarounds, in case the body matches
  std::deque<Stack> stacks_;          // one per lookaround depth, reused across start positions
  std::size_t depth_ = 0;
};

/// `utf8` as code points (each byte of an invalid sequence is a U+FFFD), ASCII taken fast.
std::u32string decode(const std::string& utf8) {
  std::u32string text(utf8.size(), U'\0');
  std::size_t count = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte < 0x80) {
      text[count++] = byte;
      ++i;
    } else {
      text[count++] = crux::utf8::next_code_point(utf8, i);
    }
  }
  text.resize(count);
  return text;
}

class OwnRegex : public Regex {
 public:
  explicit OwnRegex(Compiled compiled) : compiled_(std::move(compiled)) {}
  bool search(const std::string& utf8, Budget& budget) const override {
    const std::u32string text = decode(utf8);
    if (text.size() > static_cast<std::size_t>(INT32_MAX / 2)) throw RegexError("the text is too long to match");
    return Search(compiled_, text, budget).anywhere();
  }

 private:
  Compiled compiled_;
};

}  // namespace
}  // namespace regex

std::unique_ptr<Regex> compile_regex(const std::string& source) {
  regex::Syntax syntax = regex::parse(source);
  return std::make_unique<regex::OwnRegex>(regex::Compiler(syntax).take());
}

}  // namespace crux::schema
