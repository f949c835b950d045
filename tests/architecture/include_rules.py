#!/usr/bin/env python3
"""Checks the dependency rules between sfn-local's parts by reading includes.

usage: include_rules.py [SOURCE_ROOT]     check the tree (default: this checkout)
       include_rules.py --self-test       plant violations in a copy and expect them found

The parts and what each may include (docs/ARCHITECTURE.md):
  core      asl/core         nothing of ours
  jsonata   asl/jsonata      core
  asl       asl/definition, asl/expressions, asl/interpreter   core, jsonata
  mocks     mocks            core
  emulator  emulator         core, jsonata, asl, mocks
  testing   testing          everything but console and cli (the offline test runner's parts)
  console   console          core, jsonata, asl, mocks, emulator (the web console's pages)
  cli       cli              everything (the command line; nothing includes it)
Inside emulator, the records (store, executions, history) stand below the
engine, and the engine below the API:
  emulator/records   no header of emulator/engine or emulator/api, except
                     emulator/api/api_error.h (the error value lookups return)
  emulator/engine    no header of emulator/api
  emulator/persist   (the state file) no header of emulator/engine or emulator/api
Third-party headers stay at the edges: RapidJSON only in asl/core/json.cc,
cpp-httplib only in the HTTP server and the HTTP client, CLI11 only in cli/,
yaml-cpp only in testing/, Graphviz only in console/graph_render.cc.
Exit status 1 lists every violation as `file:line: message`.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PARTS = [  # (part, folder prefix); the longest matching prefix wins
    ("core", "asl/core/"),
    ("jsonata", "asl/jsonata/"),
    ("asl", "asl/definition/"),
    ("asl", "asl/expressions/"),
    ("asl", "asl/interpreter/"),
    ("mocks", "mocks/"),
    ("emulator", "emulator/"),
    ("testing", "testing/"),
    ("console", "console/"),
    ("cli", "cli/"),
]
ALLOWED = {
    "core": {"core"},
    "jsonata": {"core", "jsonata"},
    "asl": {"core", "jsonata", "asl"},
    "mocks": {"core", "mocks"},
    "emulator": {"core", "jsonata", "asl", "mocks", "emulator"},
    "testing": {"core", "jsonata", "asl", "mocks", "emulator", "testing"},
    "console": {"core", "jsonata", "asl", "mocks", "emulator", "console"},
    "cli": {"core", "jsonata", "asl", "mocks", "emulator", "testing", "console", "cli"},
}
# Third-party headers and the only files that may include them.
EDGES = [
    (re.compile(r"^rapidjson/"), {"asl/core/json.cc"}),
    (re.compile(r"^httplib\.h$"), {"emulator/api/server.cc", "emulator/api/pipelining_server.h",
                                    "emulator/api/pipelining_server.cc",
                                    "mocks/http/http_invoker.cc"}),
    (re.compile(r"^(graphviz/|(gvc|cgraph|cdt)\.h$)"), {"console/graph_render.cc"}),
    (re.compile(r"^CLI/"), None),  # the subcommands' own files add their options
    (re.compile(r"^yaml-cpp/"), None),  # None: any file of the folder below
]
# (folder, forbidden header prefix, allowed exceptions) inside one part.
LAYERS = [
    ("emulator/records/", "emulator/engine/", set()),
    ("emulator/records/", "emulator/api/", {"emulator/api/api_error.h"}),
    ("emulator/engine/", "emulator/api/", set()),
    ("emulator/persist/", "emulator/engine/", set()),
    ("emulator/persist/", "emulator/api/", set()),
]
EDGE_FOLDERS = {r"^yaml-cpp/": "testing/", r"^CLI/": "cli/"}
SOURCE_DIRS = ("asl", "mocks", "emulator", "testing", "console", "cli")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')


def part_of(path):
    best = None
    for part, prefix in PARTS:
        if path.startswith(prefix) and (best is None or len(prefix) > len(best[1])):
            best = (part, prefix)
    return best[0] if best else None


def sources(root):
    for top in SOURCE_DIRS:
        for folder, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if name.endswith((".h", ".cc")):
                    yield os.path.relpath(os.path.join(folder, name), root)


def check(root):
    problems = []
    for path in sources(root):
        part = part_of(path)
        if part is None:
            problems.append(f"{path}:1: not inside a part's folder ({', '.join(p for _, p in PARTS)})")
            continue
        with open(os.path.join(root, path), encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                kind, header = m.groups()
                for pattern, owners in EDGES:
                    if not pattern.search(header):
                        continue
                    if owners is None:
                        folder = EDGE_FOLDERS[pattern.pattern]
                        if not path.startswith(folder):
                            problems.append(f"{path}:{number}: <{header}> may be included only "
                                            f"in {folder}")
                    elif path not in owners:
                        problems.append(f"{path}:{number}: <{header}> may be included only by "
                                        f"{', '.join(sorted(owners))}")
                if kind != '"':
                    continue
                for folder, forbidden, allowed in LAYERS:
                    if (path.startswith(folder) and header.startswith(forbidden)
                            and header not in allowed):
                        problems.append(f'{path}:{number}: {folder} may not include "{header}" '
                                        f"({forbidden} stands above it)")
                target = part_of(header)
                if target is None:
                    problems.append(f'{path}:{number}: "{header}" is not a header of any part')
                elif target not in ALLOWED[part]:
                    allowed = ", ".join(sorted(ALLOWED[part] - {part})) or "nothing of ours"
                    problems.append(f'{path}:{number}: part {part} may not include "{header}" '
                                    f"(part {target}); {part} may use {allowed}")
    return problems


def self_test(root):
    """A checker that cannot fail proves nothing: plant one violation of each
    kind in a copy of the tree and require that each is reported."""
    plants = {
        "asl/jsonata/jsonata.h": '#include "asl/interpreter/interpreter.h"\n',
        "asl/core/json.h": '#include "asl/jsonata/value.h"\n',
        "mocks/task_router.cc": '#include "asl/definition/definition.h"\n',
        "asl/expressions/payload.cc": '#include "emulator/engine/engine.h"\n',
        "asl/interpreter/flow.cc": "#include <httplib.h>\n",
        "emulator/engine/timer_queue.cc": '#include "emulator/api/actions.h"\n',
        "emulator/engine/engine.cc": '#include "testing/placeholder.h"\n',
        "emulator/api/actions.cc": '#include "console/console.h"\n',
        "testing/execution_runner.cc": '#include "console/console.h"\n',
        "console/console.cc": "#include <graphviz/gvc.h>\n",
    }
    with tempfile.TemporaryDirectory() as tmp:
        for top in SOURCE_DIRS:
            shutil.copytree(os.path.join(root, top), os.path.join(tmp, top))
        if check(tmp):
            print("self-test: the unmodified tree already has violations")
            return 1
        for path, line in plants.items():
            with open(os.path.join(tmp, path), "a", encoding="utf-8") as f:
                f.write(line)
        found = check(tmp)
        missed = [p for p in plants if not any(f.startswith(p + ":") for f in found)]
        for f in found:
            print("planted and found:", f)
        if missed or len(found) != len(plants):
            print("self-test: not reported:", ", ".join(missed) or "(count differs)")
            return 1
    print("self-test: every planted violation was reported")
    return 0


def main(argv):
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    if argv[1:2] == ["--self-test"]:
        return self_test(root)
    if len(argv) > 1:
        root = argv[1]
    problems = check(root)
    for p in problems:
        print(p)
    count = sum(1 for _ in sources(root))
    print(f"{count} sources checked, {len(problems)} violations")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
