// Keeps the linear memories of the WebAssembly instances this page creates, so that row 7 can
// count them: neither the JS heap nor CDP's backing-store figure includes wasm memory. Imported
// first by main.js, before any instance exists.
const memories = new Set()

function keepMemories(instance) {
  for (const value of Object.values(instance.exports)) if (value instanceof WebAssembly.Memory) memories.add(value)
}

const instantiate = WebAssembly.instantiate
WebAssembly.instantiate = async function (...args) {
  const made = await instantiate.apply(this, args)
  keepMemories(made instanceof WebAssembly.Instance ? made : made.instance)
  return made
}
const instantiateStreaming = WebAssembly.instantiateStreaming
WebAssembly.instantiateStreaming = async function (...args) {
  const made = await instantiateStreaming.apply(this, args)
  keepMemories(made.instance)
  return made
}
const Memory = WebAssembly.Memory
WebAssembly.Memory = function (...args) {
  const memory = new Memory(...args)
  memories.add(memory)
  return memory
}
WebAssembly.Memory.prototype = Memory.prototype

/** The bytes of every wasm memory of this page. */
export function wasmMemoryBytes() {
  let bytes = 0
  for (const memory of memories) bytes += memory.buffer.byteLength
  return bytes
}
