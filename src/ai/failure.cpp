#include "ai/failure.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace crux::ai {

namespace {

/// The body's error message, type and code, whichever of the usual shapes it has.
void read_error_body(std::string_view body, Failure& failure) {
  Json parsed = parse_json_or_discarded(body);
  if (parsed.is_discarded() || !parsed.is_object()) {
    std::string text(body.substr(0, 500));
    failure.provider_message = text;
    return;
  }
  auto error = parsed.find("error");
  if (error == parsed.end()) {
    auto message = parsed.find("message");
    if (message != parsed.end() && message->is_string()) failure.provider_message = *message;
    return;
  }
  if (error->is_string()) {
    failure.provider_message = *error;
    return;
  }
  if (!error->is_object()) return;
  auto field = [&](const char* name) {
    auto it = error->find(name);
    if (it == error->end() || it->is_null()) return std::string();
    return it->is_string() ? it->get<std::string>() : it->dump();
  };
  failure.provider_message = field("message");
  failure.provider_type = field("type");
  failure.provider_code = field("code");
}

bool busy_type(const std::string& type) {
  return type == "rate_limit_error" || type == "overloaded_error" || type == "api_error" ||
         type == "server_error" || type == "timeout_error";
}

/// A non-negative decimal number ("2", "1.5") times `scale`, rounded up.
std::optional<int64_t> scaled_number(std::string_view text, double scale_to) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty() || text.size() > 15) return std::nullopt;
  double value = 0;
  bool seen_dot = false;
  double scale = 1;
  for (char c : text) {
    if (c == '.' && !seen_dot) {
      seen_dot = true;
    } else if (c >= '0' && c <= '9') {
      if (seen_dot) {
        scale /= 10;
        value += (c - '0') * scale;
      } else {
        value = value * 10 + (c - '0');
      }
    } else {
      return std::nullopt;
    }
  }
  return static_cast<int64_t>(std::ceil(value * scale_to));
}

std::string header(const Json& headers, const char* name) {
  if (!headers.is_object()) return {};
  auto it = headers.find(name);
  return it != headers.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

Error Failure::to_error(std::string_view provider, int attempt) const {
  Json details = {{"provider", std::string(provider)}, {"retryable", retryable}, {"attempt", attempt}};
  if (status) details["status"] = *status;
  if (retry_after_ms) details["retryAfterMs"] = *retry_after_ms;
  if (!provider_message.empty()) details["providerMessage"] = provider_message;
  if (!provider_type.empty()) details["type"] = provider_type;
  if (!provider_code.empty()) details["code"] = provider_code;
  return Error(Code::GenerateFailed, std::string(provider) + ": " + message,
               details.dump(-1, ' ', false, Json::error_handler_t::replace));
}

Failure http_failure(int status, const Json& headers, std::string_view body, int64_t now_ms) {
  Failure failure;
  failure.status = status;
  read_error_body(body, failure);
  failure.retryable = status == 408 || status == 409 || status == 429 || status >= 500;
  if (auto ms = scaled_number(header(headers, "retry-after-ms"), 1)) {
    failure.retry_after_ms = *ms;
  } else if (std::string after = header(headers, "retry-after"); !after.empty()) {
    failure.retry_after_ms = scaled_number(after, 1000);
    if (!failure.retry_after_ms) failure.retry_after_ms = ms_until_http_date(after, now_ms);
  }
  failure.message = "HTTP " + std::to_string(status);
  if (!failure.provider_message.empty()) failure.message += ": " + failure.provider_message;
  return failure;
}

Failure stream_failure(const Json& error) {
  Failure failure;
  if (error.is_string()) {
    failure.provider_message = error;
  } else if (error.is_object()) {
    auto message = error.find("message");
    if (message != error.end() && message->is_string()) failure.provider_message = *message;
    auto type = error.find("type");
    if (type != error.end() && type->is_string()) failure.provider_type = *type;
  }
  failure.retryable = busy_type(failure.provider_type);
  failure.message = "error in the response stream";
  if (!failure.provider_type.empty()) failure.message += " (" + failure.provider_type + ")";
  if (!failure.provider_message.empty()) failure.message += ": " + failure.provider_message;
  return failure;
}

std::optional<int64_t> ms_until_http_date(std::string_view text, int64_t now_ms) {
  // IMF-fixdate, RFC 9110 5.6.7: "Sun, 06 Nov 1994 08:49:37 GMT"
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (text.size() != 29 || text[3] != ',' || text.substr(25) != " GMT") return std::nullopt;
  auto digits = [&](size_t at, size_t count) -> std::optional<int> {
    int value = 0;
    for (size_t i = at; i < at + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  auto day = digits(5, 2), year = digits(12, 4), hour = digits(17, 2), minute = digits(20, 2), second = digits(23, 2);
  auto month = std::find(kMonths.begin(), kMonths.end(), text.substr(8, 3));
  if (!day || !year || !hour || !minute || !second || month == kMonths.end()) return std::nullopt;
  const int64_t days = days_from_civil(*year, static_cast<unsigned>(month - kMonths.begin() + 1), static_cast<unsigned>(*day));
  const int64_t at_ms = ((days * 24 + *hour) * 60 + *minute) * 60000 + *second * 1000LL;
  return std::max<int64_t>(0, at_ms - now_ms);
}

}  // namespace crux::ai
