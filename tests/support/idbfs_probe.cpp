// An empty program linked with Emscripten's file system and IDBFS (CMakeLists.txt: idbfs_probe),
// for tests/node/storage-backends.test.mjs to mount a store Crux wrote the way IDBFS itself would.
int main() { return 0; }
