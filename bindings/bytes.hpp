#pragma once
// Bytes from JavaScript in one copy. Embind turns a Uint8Array passed as std::string into a
// std::string one byte at a time in a JavaScript loop; a store's index is megabytes.
#include <emscripten/val.h>

#include <cstdint>
#include <string>

namespace crux::bindings {

/// The bytes of a Uint8Array, copied into wasm memory by TypedArray.prototype.set.
inline std::string bytes_of(const emscripten::val& array) {
  std::string bytes(array["length"].as<size_t>(), '\0');
  emscripten::val(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<uint8_t*>(bytes.data())))
      .call<void>("set", array);
  return bytes;
}

}  // namespace crux::bindings
