#include "ai/generation.hpp"

#include <algorithm>
#include <cmath>

#include "ai/offline.hpp"
#include "core/error.hpp"
#include "core/options.hpp"

namespace crux::ai {

namespace {

RetryPolicy generate_retry_defaults() {
  RetryPolicy policy;
  policy.retries = 2;
  policy.initial_ms = 1000;
  policy.factor = 2;
  policy.max_ms = 60 * 1000;
  return policy;
}

std::string model_of(const Json& spec) {
  auto model = spec.find("model");
  if (model == spec.end() || !model->is_string() || model->get_ref<const std::string&>().empty() ||
      model->get_ref<const std::string&>().size() > 256) {
    raise(Code::InvalidArgument, {"model id must be a non-empty string of at most 256 characters"});
  }
  return *model;
}

std::string base_url_of(const Json& spec, const Provider& provider) {
  auto found = spec.find("baseURL");
  if (found == spec.end() || found->is_null()) return provider.default_base_url();
  if (!found->is_string()) raise(Code::InvalidArgument, {"baseURL must be a string"});
  std::string url = *found;
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    raise(Code::InvalidArgument, {"baseURL must start with http:// or https://, got \"", std::string_view(url).substr(0, 100), "\""});
  }
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

Generation::Generation(const Json& spec) {
  if (!spec.is_object()) raise(Code::InvalidArgument, {"generate options must be an object"});
  require_known_keys(spec, {"provider", "model", "baseURL", "prompt", "input", "system", "temperature", "maxTokens",
                           "stream", "retries", "backoff"},
                     "generate");
  const std::string provider = spec.value("provider", std::string());
  if (provider != "offline") provider_ = make_provider(provider);
  settings_.model = model_of(spec);
  if (provider_) settings_.base_url = base_url_of(spec, *provider_);
  if (auto t = spec.find("temperature"); t != spec.end() && !t->is_null()) {
    if (!t->is_number() || !std::isfinite(t->get<double>()) || t->get<double>() < 0 || t->get<double>() > 2) {
      raise(Code::InvalidArgument, {"temperature must be a number from 0 to 2, got ", t->dump()});
    }
    settings_.temperature = t->get<double>();
  }
  if (auto m = spec.find("maxTokens"); m != spec.end() && !m->is_null()) {
    if (!m->is_number_integer() || m->get<int64_t>() < 1 || m->get<int64_t>() > 10'000'000) {
      raise(Code::InvalidArgument, {"maxTokens must be a positive integer, got ", m->dump()});
    }
    settings_.max_tokens = m->get<int64_t>();
  }
  if (auto s = spec.find("stream"); s != spec.end() && !s->is_null()) {
    if (!s->is_boolean()) raise(Code::InvalidArgument, {"stream must be a boolean"});
    settings_.stream = s->get<bool>();
  }
  retry_ = RetryPolicy::from_options(spec, generate_retry_defaults(), "generate", true);
  conversation_ = conversation_from(spec);
}

Completion Generation::offline_reply() const { return ai::offline_reply(conversation_); }

HttpRequest Generation::begin_attempt() {
  if (!provider_) raise(Code::InvalidArgument, {"the offline model sends no request"});
  ++attempt_;
  sse_ = SseParser();
  streamed_ = Completion();
  stream_done_ = false;
  return provider_->request(conversation_, settings_);
}

Completion Generation::read_body(std::string_view body) {
  try {
    return finished(provider_->parse_body(body));
  } catch (const AttemptFailed& failed) {
    fail(failed.failure);
  }
}

std::vector<std::string> Generation::read_chunk(std::string_view bytes) {
  std::vector<std::string> deltas;
  try {
    for (const SseEvent& event : sse_.feed(bytes)) {
      if (stream_done_) break;
      std::string delta;
      stream_done_ = provider_->stream_event(event, streamed_, delta);
      if (delta.empty()) continue;
      streamed_.text += delta;
      delivered_ = true;
      deltas.push_back(std::move(delta));
    }
  } catch (const AttemptFailed& failed) {
    fail(failed.failure);
  }
  return deltas;
}

Completion Generation::end_stream() {
  // OpenAI-compatible servers that omit `data: [DONE]` still send a finish_reason.
  if (!stream_done_ && streamed_.finish_reason.empty()) {
    Failure failure;
    failure.message = "the response stream ended before the reply was complete";
    failure.retryable = true;
    fail(failure);
  }
  return finished(streamed_);
}

Completion Generation::finished(Completion completion) const {
  if (completion.model.empty()) completion.model = settings_.model;  // a server that names no model
  return completion;
}

void Generation::http_error(int status, const Json& headers, std::string_view body, int64_t now_ms) {
  fail(http_failure(status, headers, body, now_ms));
}

void Generation::network_error(std::string_view message) {
  Failure failure;
  failure.message = "the request failed: " + std::string(message.substr(0, 500));
  failure.retryable = true;
  fail(failure);
}

int64_t Generation::retry_delay(double random01) const {
  if (!last_failure_ || !last_failure_->retryable || delivered_ || attempt_ > retry_.retries) return -1;
  if (last_failure_->retry_after_ms) {
    return *last_failure_->retry_after_ms <= retry_.max_ms ? *last_failure_->retry_after_ms : -1;
  }
  const double base = static_cast<double>(retry_.delay_after(attempt_));
  const double spread = std::clamp(random01, 0.0, 1.0);
  return static_cast<int64_t>(base / 2 + base / 2 * spread);
}

void Generation::fail(Failure failure) {
  last_failure_ = failure;
  throw failure.to_error(provider_ ? provider_->name() : "offline", attempt_);
}

}  // namespace crux::ai
