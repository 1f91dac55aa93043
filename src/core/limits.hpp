#pragma once
// Every limit Crux puts on what it is given, in one place. The engine enforces each one and
// reports it with what it counts; JS reads them from the module (bindings/) and refuses at the
// door what would cross them, so that no limit has two owners.
#include <cstddef>
#include <cstdint>

namespace crux::limits {

/// Flow, step, wait, signal names and flow ids: Unicode code points.
inline constexpr std::size_t kMaxNameChars = 256;
/// Inputs, step results, signal payloads, schemas, plans, flow results: bytes of JSON text.
inline constexpr std::size_t kMaxPayloadBytes = 4 * 1024 * 1024;
/// Arrays and objects inside one another, in any JSON value Crux is given.
inline constexpr std::size_t kMaxJsonDepth = 512;
/// An error a run or step records, in bytes of JSON text: larger ones are cut to fit.
inline constexpr std::size_t kMaxErrorBytes = 64 * 1024;
/// A cancel reason, in bytes of UTF-8.
inline constexpr std::size_t kMaxReasonBytes = 16 * 1024;
/// A timeout, sleep or backoff: 100 years of 365.25 days, in milliseconds. A deadline
/// further away would be no deadline, and past 2^53 ms not even a JavaScript number.
inline constexpr std::int64_t kMaxDurationMs = std::int64_t{36525} * 24 * 60 * 60 * 1000;

}  // namespace crux::limits
