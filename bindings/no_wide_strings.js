// An Emscripten JS library linked into each module (CMakeLists.txt). Embind registers
// std::wstring whether or not a binding uses it, and its JavaScript converter brings the UTF-16
// and UTF-32 string codecs into the glue (0.5 KiB gzipped). No door of Crux takes or returns a
// wide string, so the registration is a no-op; one that did would fail to bind, not misread.
mergeInto(LibraryManager.library, {
  _embind_register_std_wstring__deps: [],
  _embind_register_std_wstring: function () {},
})
