#include "ai/offline.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

namespace crux::ai {

namespace {

struct StepIdea {
  const char* title;
  const char* detail;
};

constexpr std::array<StepIdea, 8> kSteps = {{
    {"Clarify the scope", "Write down what \"{}\" must achieve, who it is for, and what is out of scope."},
    {"Gather what exists", "Collect the notes, prior work and constraints that bear on \"{}\"."},
    {"Outline the approach", "Sketch the main parts and the order to do them in; flag anything uncertain."},
    {"Draft the first version", "Produce a rough version of \"{}\" that covers every part, without polishing."},
    {"Review with a stakeholder", "Walk one person who cares through the draft and note every objection."},
    {"Revise", "Address the review notes and cut whatever does not serve the goal."},
    {"Prepare the release", "Check names, dates and links; decide who is told, and when."},
    {"Measure the outcome", "Pick the signal that shows \"{}\" worked and check it a week later."},
}};

constexpr std::array<const char*, 4> kRisks = {
    "The scope grows while the work is under way: keep a list of later ideas instead.",
    "A reviewer is unavailable at the moment their input is needed: book the time early.",
    "The first draft takes longer than planned: time-box it and ship the rough version to review.",
    "Details go stale before release: re-check facts on the day.",
};

uint64_t fnv1a(std::string_view text, uint64_t hash = 1469598103934665603ULL) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  const char* space = " \t\r\n*#-:\"'`";
  const size_t begin = text.find_first_not_of(space);
  if (begin == std::string_view::npos) return {};
  const size_t end = text.find_last_not_of(std::string_view(space).substr(0, 4));
  return text.substr(begin, end - begin + 1);
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return lines;
}

/// The value of the first line that starts with one of `labels` ("Brief:"), or empty.
std::string_view labelled(const std::vector<std::string_view>& lines, std::initializer_list<const char*> labels) {
  for (std::string_view line : lines) {
    const std::string head = lower(trim(line).substr(0, 24));
    for (const char* label : labels) {
      const std::string_view wanted(label);
      if (head.compare(0, wanted.size(), wanted) == 0) return trim(trim(line).substr(wanted.size()));
    }
  }
  return {};
}

/// At most `limit` bytes of `text`, cut at a space, never inside a UTF-8 character.
std::string shorten(std::string_view text, size_t limit) {
  if (text.size() <= limit) return std::string(text);
  size_t cut = text.rfind(' ', limit);
  if (cut == std::string_view::npos || cut < limit / 2) {
    cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  return std::string(trim(text.substr(0, cut))) + "…";
}

std::string fill(const char* pattern, std::string_view subject) {
  std::string out(pattern);
  const size_t at = out.find("{}");
  if (at != std::string::npos) out.replace(at, 2, subject);
  return out;
}

/// What the conversation is about: a labelled brief or title, else its last non-empty line.
std::string subject_of(const std::vector<std::string_view>& lines) {
  std::string_view subject = labelled(lines, {"brief:", "title:", "goal:", "task:", "plan:"});
  if (subject.empty()) {
    for (auto it = lines.rbegin(); it != lines.rend() && subject.empty(); ++it) subject = trim(*it);
    // "Write a plan for this brief: announce v1" is about "announce v1".
    const size_t colon = subject.rfind(": ");
    if (colon != std::string_view::npos && colon + 2 < subject.size()) subject = trim(subject.substr(colon + 2));
  }
  if (subject.empty()) subject = "the task";
  return shorten(subject, 90);
}

std::string write_plan(const std::string& subject, uint64_t seed) {
  std::string text = "# Plan: " + subject + "\n\n";
  text += "**Goal.** Deliver \"" + subject + "\" in small, reviewable steps, with a clear point where a person decides.\n\n";
  text += "## Steps\n";
  // Five to seven of the eight ideas, in their natural order.
  const size_t drop_count = 1 + seed % 3;
  std::array<bool, kSteps.size()> dropped{};
  for (size_t i = 0; i < drop_count; ++i) dropped[1 + (seed >> (8 * (i + 1))) % (kSteps.size() - 2)] = true;
  int number = 0;
  for (size_t i = 0; i < kSteps.size(); ++i) {
    if (dropped[i]) continue;
    text += std::to_string(++number) + ". **" + kSteps[i].title + "** — " + fill(kSteps[i].detail, subject) + "\n";
  }
  text += "\n## Risks\n";
  // Two different risks: the second is 1 to 3 places after the first, never the first again.
  const size_t first_risk = seed % kRisks.size();
  const size_t second_risk = (first_risk + 1 + (seed / 7) % (kRisks.size() - 1)) % kRisks.size();
  text += std::string("- ") + kRisks[first_risk] + "\n";
  text += std::string("- ") + kRisks[second_risk] + "\n";
  text += "\n## Done when\n- Every step above is checked off and the outcome has been measured.\n";
  return text;
}

std::string write_report(const std::vector<std::string_view>& lines, const std::string& subject) {
  std::vector<std::string> steps;
  for (std::string_view line : lines) {
    std::string_view rest = trim(line);
    size_t digits = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
    if (digits == 0 || digits > 3 || digits + 1 >= rest.size() || rest[digits] != '.') continue;
    std::string_view step = trim(rest.substr(digits + 1));
    const size_t dash = step.find(" — ");
    std::string_view title = trim(step.substr(0, dash));
    while (!title.empty() && title.back() == '*') title.remove_suffix(1);
    steps.push_back(shorten(title, 80));
  }
  if (steps.empty()) steps = {"Prepare", "Do the work", "Check the result"};
  std::string text = "# Execution report: " + subject + "\n\n";
  text += "Carried out " + std::to_string(steps.size()) + " step" + (steps.size() == 1 ? "" : "s") + ".\n\n";
  for (size_t i = 0; i < steps.size(); ++i) {
    text += std::to_string(i + 1) + ". ✓ **" + steps[i] + "** — done";
    text += i + 1 == steps.size() ? "; the result is ready for review.\n" : ".\n";
  }
  std::string_view revisions = labelled(lines, {"revisions:", "revision:", "changes requested:"});
  if (!revisions.empty() && lower(revisions) != "none" && revisions != "(none)") {
    text += "\n**Revisions applied.** " + shorten(revisions, 400) + "\n";
  }
  text += "\n**Outcome.** \"" + subject + "\" is complete; nothing is left open.\n";
  return text;
}

}  // namespace

Completion offline_reply(const Conversation& conversation) {
  std::string all = conversation.system;
  for (const Message& message : conversation.messages) all += "\n" + message.content;
  std::string_view last_user = all;
  for (auto it = conversation.messages.rbegin(); it != conversation.messages.rend(); ++it) {
    if (it->role == "user") {
      last_user = it->content;
      break;
    }
  }
  const std::vector<std::string_view> lines = lines_of(last_user);
  const std::string asked = lower(last_user);
  const bool execute = asked.find("execute") != std::string::npos || asked.find("carry out") != std::string::npos;
  const std::string subject = subject_of(lines);

  Completion completion;
  completion.text = execute ? write_report(lines, subject) : write_plan(subject, fnv1a(all));
  completion.usage.input = static_cast<int64_t>(offline_tokens(all).size());
  completion.usage.output = static_cast<int64_t>(offline_tokens(completion.text).size());
  completion.finish_reason = "stop";
  completion.model = "offline";
  return completion;
}

std::vector<std::string> offline_tokens(std::string_view text) {
  std::vector<std::string> tokens;
  size_t at = 0;
  const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  while (at < text.size()) {
    size_t end = at;
    while (end < text.size() && space(text[end])) ++end;
    while (end < text.size() && !space(text[end])) ++end;
    tokens.emplace_back(text.substr(at, end - at));
    at = end;
  }
  return tokens;
}

}  // namespace crux::ai
