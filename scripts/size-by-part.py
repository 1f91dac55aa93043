#!/usr/bin/env python3
"""What a WebAssembly module's code is made of: each function's body, grouped by the engine's parts
(src/schema, nlohmann/json, src/store, ...) by its demangled name, with the group's bytes raw and
gzipped alone (gzip -9), plus the data section. Names need a build that keeps them:

  emcmake cmake -S . -B build/wasm-prof -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXE_LINKER_FLAGS=--profiling-funcs
  cmake --build build/wasm-prof --target crux_wasm
  python3 scripts/size-by-part.py build/wasm-prof/crux.wasm [part [count]]   # part: list its largest functions
  python3 scripts/size-by-part.py --against OTHER.wasm build/wasm-prof/crux.wasm [count]
      # the functions that are larger than in OTHER (another build with names, e.g. one made with
      # -DCMAKE_CXX_FLAGS=-fignore-exceptions, to see where exception cleanup paths sit)

Inlined code counts toward the function it was inlined into: the groups say where bytes sit,
not which source wrote them.
"""
import collections
import gzip
import re
import subprocess
import sys

PARTS = [
    ('embind', r'emscripten::|_embind_|EmscriptenBindingInitializer|Binding\b|crux::bindings'),
    ('ai', r'crux::ai::'),
    ('schema', r'crux::schema::'),
    ('nlohmann', r'nlohmann::'),
    ('store', r'crux::store::'),
    ('plans', r'crux::plans::'),
    ('journal', r'crux::journal::'),
    ('replay', r'crux::replay::'),
    ('engine', r'crux::Engine|crux::engine|crux::(Ledger|Deadline)|crux::door'),
    ('core', r'crux::'),
    ('libc++', r'std::|__cxa|__cxxabiv1|operator new|operator delete'),
]


def leb(data, at):
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7f) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def sections(data):
    at = 8
    while at < len(data):
        kind = data[at]
        size, at = leb(data, at + 1)
        yield kind, data[at:at + size]
        at += size


def imported_functions(body):
    count, at = leb(body, 0)
    functions = 0
    for _ in range(count):
        for _ in range(2):  # module and field names
            length, at = leb(body, at)
            at += length
        kind = body[at]
        at += 1
        if kind == 0:
            _, at = leb(body, at)
            functions += 1
        elif kind == 1:  # table: element type, limits
            flags = body[at + 1]
            _, at = leb(body, at + 2)
            if flags & 1:
                _, at = leb(body, at)
        elif kind == 2:  # memory: limits
            flags = body[at]
            _, at = leb(body, at + 1)
            if flags & 1:
                _, at = leb(body, at)
        elif kind == 3:  # global: type, mutability
            at += 2
        elif kind == 4:  # tag: attribute, type
            _, at = leb(body, at + 1)
    return functions


def read_module(path):
    """The module's function bodies with their demangled names, and its data section."""
    data = open(path, 'rb').read()
    imports, bodies, names, data_section = 0, [], {}, b''
    for kind, body in sections(data):
        if kind == 2:
            imports = imported_functions(body)
        elif kind == 10:
            count, at = leb(body, 0)
            for _ in range(count):
                size, at = leb(body, at)
                bodies.append(body[at:at + size])
                at += size
        elif kind == 11:
            data_section = body
        elif kind == 0:
            length, at = leb(body, 0)
            if body[at:at + length] == b'name':
                at += length
                while at < len(body):
                    sub = body[at]
                    size, at = leb(body, at + 1)
                    if sub == 1:
                        count, k = leb(body, at)
                        for _ in range(count):
                            index, k = leb(body, k)
                            length, k = leb(body, k)
                            names[index] = body[k:k + length].decode('utf8', 'replace')
                            k += length
                    at += size
    mangled = [names.get(imports + i, '?') for i in range(len(bodies))]
    demangled = subprocess.run(['c++filt'], input='\n'.join(mangled), capture_output=True, text=True).stdout.split('\n')
    return list(zip(demangled, bodies)), data_section


def compare(other_path, path, count):
    def sizes(module):
        total = collections.Counter()
        for name, body in read_module(module)[0]:
            total[name] += len(body)
        return total
    mine, other = sizes(path), sizes(other_path)
    print(f'code: {sum(mine.values()) / 1024:.1f} KiB against {sum(other.values()) / 1024:.1f} KiB')
    for name, size in sorted(mine.items(), key=lambda item: other.get(item[0], 0) - item[1])[:count]:
        print(f'{size - other.get(name, 0):+7d} {size:7d} {other.get(name, 0):7d} {name[:160]}')


def main():
    if sys.argv[1] == '--against':
        return compare(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 30)
    functions, data_section = read_module(sys.argv[1])
    rules = [(part, re.compile(pattern)) for part, pattern in PARTS]
    groups = collections.defaultdict(list)
    for name, body in functions:
        part = next((part for part, rule in rules if rule.search(name)), 'libc, runtime')
        groups[part].append((name, body))
    gz = lambda blob: len(gzip.compress(blob, 9)) / 1024
    bodies = [body for _, body in functions]
    print(f'code: {len(bodies)} functions, {sum(map(len, bodies)) / 1024:.1f} KiB, {gz(b"".join(bodies)):.1f} KiB gzipped')
    for part, items in sorted(groups.items(), key=lambda kv: -gz(b''.join(b for _, b in kv[1]))):
        blob = b''.join(b for _, b in items)
        print(f'  {part:14s} {len(items):5d} functions {len(blob) / 1024:7.1f} KiB {gz(blob):6.1f} KiB gzipped alone')
    print(f'data: {len(data_section) / 1024:.1f} KiB, {gz(data_section):.1f} KiB gzipped alone')
    if len(sys.argv) > 2:
        count = int(sys.argv[3]) if len(sys.argv) > 3 else 30
        for name, body in sorted(groups[sys.argv[2]], key=lambda item: -len(item[1]))[:count]:
            print(len(body), name[:200])


if __name__ == '__main__':
    main()
