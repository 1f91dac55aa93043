// libFuzzer target: a body's calls over passes, as the replay rules see them.
// Input: a program of (kind, name) calls, each byte one call: the low bits pick a name from a
// list built to collide under the old "name#2" keys ("a", "a#2", "a#3", "b"...) plus names the
// engine refuses, the high bit a step or a suspend. The program is run as a body would run it,
// pass after pass: a suspend that has no signal parks the pass, the signal is sent, and the next
// pass starts from the top. Invariants: a replayed call returns exactly what was recorded at its
// index the first time (a step its result, a suspend its payload); a refused name fails with
// INVALID_ARGUMENT; the run ends completed within one pass per suspend; a body error of any size
// fails the run with an error that fits the limit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/limits.hpp"
#include "engine/engine.hpp"
#include "expected_error.hpp"
#include "store/memory_directory.hpp"

namespace {

using crux::Json;

const std::vector<std::string> kNames = {"a", "a#2", "a#3", "b", "b#1", "a#", "#2", "a\x1f" "2", "", "w", "w#2", "x"};

struct Call {
  bool suspend;
  std::string name;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 64) return 0;
  std::vector<Call> body;
  for (size_t i = 0; i + 1 < size; ++i) body.push_back({(data[i] & 0x80) != 0, kNames[data[i] % kNames.size()]});
  const bool fails = (data[size - 1] & 1) != 0;
  const size_t error_bytes = static_cast<size_t>(data[size - 1]) * 4096;  // up to ~1 MiB

  crux::store::MemoryDirectory dir;
  crux::Engine engine(dir);
  engine.start_run("f", "r", "", 0);
  std::map<int, std::string> recorded;  // call index -> the step result recorded, or the payload sent
  int64_t now = 1;
  int payloads = 0;
  for (size_t pass_number = 0; pass_number <= body.size() + 1; ++pass_number) {
    const std::optional<crux::PassStart> exec = engine.begin_execution("r", now);
    if (!exec) std::abort();  // the run must be runnable after each signal
    const int64_t pass = exec->exec_id;
    std::string parked_on;
    int parked_at = -1;
    int index = 0;
    for (const Call& call : body) {
      const bool refused_name = call.name.empty() || call.name.find('\x1f') != std::string::npos;
      try {
        std::string value;
        if (call.suspend) {
          const int place = engine.suspend("r", pass, call.name, "", "");
          const crux::WaitAnswer wait = engine.wait("r", pass, place, ++now);
          if (std::holds_alternative<crux::WaitWaiting>(wait)) {
            parked_on = call.name;
            parked_at = index;
            break;
          }
          value = std::get<crux::WaitResolved>(wait).payload_json;  // must be what was sent while the pass waited here
        } else {
          const crux::StepBegin step = engine.step_begin("r", pass, call.name, "", ++now);
          if (auto* replay = std::get_if<crux::StepReplay>(&step)) {
            value = replay->result_json;
          } else {
            if (recorded.count(index)) std::abort();  // recorded at this index, yet run again
            value = Json("step " + std::to_string(index)).dump();
            engine.step_complete("r", pass, std::get<crux::StepRun>(step).key, value, now);
            recorded[index] = value;
          }
        }
        if (refused_name) std::abort();
        auto expected = recorded.find(index);
        if (expected == recorded.end() || expected->second != value) std::abort();  // another call's value
      } catch (const crux::Error& error) {
        if (!refused_name) std::abort();
        check_expected_error(error, crux::Code::InvalidArgument);
      }
      ++index;
    }
    if (parked_on.empty()) {
      const std::string error = Json{{"name", "Error"}, {"message", std::string(error_bytes, 'e')}}.dump();
      const crux::FlowStatus status = fails ? engine.fail("r", pass, error, ++now)
                                            : engine.complete("r", pass, "null", ++now);
      if (status.status != (fails ? crux::journal::Status::Failed : crux::journal::Status::Completed)) std::abort();
      if (fails && (!status.outcome_json || status.outcome_json->size() > crux::limits::kMaxErrorBytes)) std::abort();
      return 0;
    }
    engine.end_execution("r", pass);
    recorded[parked_at] = Json("payload " + std::to_string(++payloads)).dump();
    engine.signal("r", parked_on, recorded[parked_at], ++now);
  }
  std::abort();  // more passes than suspends: a signal did not resume the run
}
