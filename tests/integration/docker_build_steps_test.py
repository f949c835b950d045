#!/usr/bin/env python3
"""The Dockerfile's build, without a Docker daemon: the build stage's steps
run in a clean copy of the build context, and the image's entry point and
HEALTHCHECK are tried on what they built.

usage: docker_build_steps_test.py

1. The build context is the checkout as `docker build .` sends it: every
   file on disk (tracked or not) except what .dockerignore excludes, so a
   stale build/ folder in the checkout must not reach the copy.
2. The build stage's RUN steps run in the copy (the WORKDIR), with bash.
   When ccache is installed the copy's build uses it (CMake reads
   CMAKE_CXX_COMPILER_LAUNCHER from the environment), so the test costs
   little after `make test`'s own build.
3. The final stage's `COPY --from=build` sources exist, its runtime packages
   are real Debian package names (installed here as the -dev packages'
   dependencies), and the ENTRYPOINT + CMD serve the samples: the
   HEALTHCHECK command succeeds against them.
"""
import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import sfnlocal  # noqa: E402


def instructions(path):
    """(stage index, INSTRUCTION, argument text) with continuation lines joined."""
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"\\\n", " ", text)
    stage, out = -1, []
    for line in text.split("\n"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        word = word.upper()
        if word == "FROM":
            stage += 1
        out.append((stage, word, rest.strip()))
    return out


def ignore_patterns(path):
    patterns = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            patterns.append(line.rstrip("/"))
    return patterns


def ignored(rel, patterns):
    for p in patterns:
        if p.startswith("**/"):
            if any(fnmatch.fnmatch(part, p[3:]) for part in rel.split("/")):
                return True
        elif fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel.split("/")[0], p):
            return True
    return False


def copy_context(dest, patterns):
    copied = 0
    for folder, dirs, files in os.walk(ROOT):
        rel_folder = os.path.relpath(folder, ROOT)
        rel_folder = "" if rel_folder == "." else rel_folder + "/"
        dirs[:] = [d for d in dirs if not ignored(rel_folder + d, patterns)]
        for name in files:
            rel = rel_folder + name
            if ignored(rel, patterns):
                continue
            target = os.path.join(dest, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(os.path.join(ROOT, rel), target, follow_symlinks=False)
            copied += 1
    return copied


def exec_form(text):
    return json.loads(text) if text.startswith("[") else ["sh", "-c", text]


def main():
    steps = instructions(os.path.join(ROOT, "Dockerfile"))
    patterns = ignore_patterns(os.path.join(ROOT, ".dockerignore"))
    for must in ("build", ".git"):
        assert ignored(must, patterns), f".dockerignore must exclude {must}/"
    scratch = tempfile.mkdtemp(prefix="sfn-docker-")
    try:
        context = os.path.join(scratch, "context")
        os.makedirs(context)
        print("context files:", copy_context(context, patterns))
        assert not os.path.exists(os.path.join(context, "build")), "build/ reached the context"
        env = dict(os.environ)
        if shutil.which("ccache"):
            env.update(CMAKE_CXX_COMPILER_LAUNCHER="ccache", CCACHE_BASEDIR=context)
        workdir = context
        for stage, word, arg in steps:
            if stage != 0:
                continue
            if word == "WORKDIR":
                workdir = context  # the context is copied to the WORKDIR (COPY . .)
            elif word == "COPY":
                assert arg == ". .", f"unexpected build-stage COPY {arg}"
            elif word == "RUN":
                print("RUN", arg, flush=True)
                subprocess.run(["bash", "-c", arg], cwd=workdir, env=env, check=True)
        binary = os.path.join(context, "build", "sfn-local")
        final = [(w, a) for s, w, a in steps if s == 1]
        for word, arg in final:
            if word == "COPY" and arg.startswith("--from=build"):
                source = shlex.split(arg)[1]
                assert source.startswith("/src/"), source
                assert os.path.exists(os.path.join(context, source[5:])), f"missing {source}"
            if word == "RUN" and "apt-get install" in arg:
                wanted = [w for w in arg.split("--no-install-recommends", 1)[1].split()
                          if re.match(r"^[a-z0-9][a-z0-9.+-]+$", w) and w not in ("rm", "-rf")]
                wanted = wanted[:wanted.index("&&")] if "&&" in wanted else wanted
                for package in wanted:
                    subprocess.run(["apt-cache", "show", package], check=True,
                                   stdout=subprocess.DEVNULL)
        entry = exec_form(dict(final)["ENTRYPOINT"])
        cmd = exec_form(dict(final)["CMD"])
        health = dict(final)["HEALTHCHECK"]
        health_cmd = exec_form(health.split(" CMD ", 1)[1].strip())
        args = [a.replace("/opt/sfn-local/samples", os.path.join(context, "samples")) for a in cmd]
        served = entry[1:] + args
        assert served[0] == "serve", entry
        served[served.index("--host") + 1] = "127.0.0.1"  # loopback here, not 0.0.0.0
        port_at = served.index("--port")
        del served[port_at:port_at + 2]  # the Emulator serves on a free port
        emu = sfnlocal.Emulator(binary, *served[1:])  # it adds "serve --port 0" itself
        try:
            probe = [a.replace("127.0.0.1:8083", f"127.0.0.1:{emu.port}") for a in health_cmd]
            subprocess.run(probe, check=True, timeout=10)
            status, _, listed = sfnlocal.call(emu.endpoint, "ListStateMachines", {})
            assert status == 200 and len(listed["stateMachines"]) == 6, listed
        finally:
            assert emu.stop()[0] == 0
        print("the build stage's steps built sfn-local; the entry point serves the samples "
              "and passes the HEALTHCHECK")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
