#!/usr/bin/env python3
"""The README's examples, run as written against the built binary.

usage: readme_test.py PATH/TO/sfn-local [README.md]

Every fenced block of README.md marked `console` is a terminal session:
lines starting with `$ ` are commands (`> ` continues one, as bash's PS2
prompt shows it), and the lines after a command are its expected output
(standard output and standard error together). The commands run in order in
one bash session, with Debian's AWS CLI v2 (/usr/bin/aws) and the sfn-local
under test first on PATH, in
a scratch folder where `samples/` is the checkout's samples folder.
`python` and `js` blocks that mention the endpoint run too: with
/usr/bin/python3 (boto3) and node (the SDK installed in tests/integration).

The server is started as `make run` starts it (`--config
samples/routes.json`), on a free port; `127.0.0.1:8083` in the README
stands for its address. Expected output matches when equal, except that
`...` stands for any text (also across lines) and ISO 8601 timestamps
match any timestamp.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import sfnlocal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
README_ADDRESS = "127.0.0.1:8083"
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)")
DONE = "__readme_command_done__"
COMMAND_TIMEOUT = 60


def blocks(text):
    """(language, first line number, lines) of each fenced block."""
    found, lang, start, lines = [], None, 0, []
    for number, line in enumerate(text.split("\n"), 1):
        fence = re.match(r"^```(\S*)\s*$", line)
        if fence and lang is None:
            lang, start, lines = fence.group(1) or "text", number + 1, []
        elif fence:
            found.append((lang, start, lines))
            lang = None
        elif lang is not None:
            lines.append(line)
    return found


def session_steps(start, lines):
    """(line number, command, expected output) of each command of a console block."""
    steps = []
    for offset, line in enumerate(lines):
        if line.startswith("$ "):
            steps.append([start + offset, line[2:], []])
        elif line.startswith("> ") or line == ">":
            if not steps or steps[-1][2]:
                raise ValueError(f"line {start + offset}: '> ' continues no command")
            steps[-1][1] += "\n" + line[2:]
        elif not steps:
            raise ValueError(f"line {start + offset}: a console block starts with '$ '")
        else:
            steps[-1][2].append(line)
    return [(n, cmd, "\n".join(out)) for n, cmd, out in steps]


def matches(expected, actual):
    def norm(s):
        s = TIMESTAMP.sub("<timestamp>", s)
        return "\n".join(l.rstrip() for l in s.strip("\n").split("\n"))
    pattern = re.escape(norm(expected)).replace(re.escape("..."), ".*?")
    return re.fullmatch(pattern, norm(actual), re.DOTALL) is not None


class Shell:
    """One bash process; each command's output ends at a marker line."""

    def __init__(self, cwd, env):
        self.proc = subprocess.Popen(["bash", "--norc", "--noprofile"], cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, bufsize=1)

    def run(self, command):
        self.proc.stdin.write("{\n%s\n} 2>&1 </dev/null; echo; echo %s\n" % (command, DONE))
        self.proc.stdin.flush()
        out = []
        while True:
            line = self.proc.stdout.readline()
            if line == "":
                raise RuntimeError("the shell ended")
            if line.rstrip("\n") == DONE:
                return "".join(out)
            out.append(line)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def environment(scratch, endpoint, binary):
    bin_dir = os.path.join(scratch, ".bin")
    os.makedirs(bin_dir)
    os.symlink(os.path.abspath(binary), os.path.join(bin_dir, "sfn-local"))
    os.symlink("/usr/bin/aws", os.path.join(bin_dir, "aws"))
    os.symlink("/usr/bin/python3", os.path.join(bin_dir, "python3"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "HTTP", "NO_PROXY"))}
    empty = os.path.join(scratch, ".aws-config")  # no profile of the user's leaks in
    open(empty, "w").close()
    env.update(PATH=bin_dir + ":/usr/bin:/bin", HOME=scratch, AWS_CONFIG_FILE=empty,
               AWS_SHARED_CREDENTIALS_FILE=empty, NO_PROXY="",
               NODE_PATH=os.path.join(HERE, "node_modules"), SFN_LOCAL_ENDPOINT=endpoint)
    return env


def run_console(shell, start, lines, address, failures):
    for number, command, expected in session_steps(start, lines):
        actual = shell.run(command.replace(README_ADDRESS, address))
        if not matches(expected, actual):
            failures.append(f"README.md:{number}: $ {command}\n--- expected\n{expected}\n"
                            f"--- got\n{actual}")


def run_program(lang, start, lines, address, scratch, env, failures):
    source = "\n".join(lines).replace(README_ADDRESS, address)
    path = os.path.join(scratch, "example." + ("py" if lang == "python" else "cjs"))
    with open(path, "w") as f:
        f.write(source)
    runner = ["/usr/bin/python3", path] if lang == "python" else ["node", path]
    proc = subprocess.run(runner, cwd=scratch, env=env, capture_output=True, text=True,
                          timeout=COMMAND_TIMEOUT)
    if proc.returncode != 0:
        failures.append(f"README.md:{start}: the {lang} example exited {proc.returncode}\n"
                        f"{proc.stdout}{proc.stderr}")


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    binary = sys.argv[1]
    readme = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "README.md")
    with open(readme, encoding="utf-8") as f:
        found = blocks(f.read())
    consoles = [b for b in found if b[0] == "console"]
    programs = [b for b in found if b[0] in ("python", "js") and README_ADDRESS in "\n".join(b[2])]
    if not consoles:
        print("README.md has no console blocks")
        return 1
    failures = []
    scratch = tempfile.mkdtemp(prefix="sfn-readme-")
    os.symlink(os.path.join(ROOT, "samples"), os.path.join(scratch, "samples"))
    emu = sfnlocal.Emulator(binary, "--config", os.path.join(ROOT, "samples", "routes.json"))
    address = f"{emu.host}:{emu.port}"
    env = environment(scratch, emu.endpoint, binary)
    shell = Shell(scratch, env)
    try:
        for _, start, lines in consoles:
            run_console(shell, start, lines, address, failures)
        for lang, start, lines in programs:
            run_program(lang, start, lines, address, scratch, env, failures)
    finally:
        shell.close()
        code, _ = emu.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    steps = sum(len(session_steps(s, l)) for _, s, l in consoles)
    for failure in failures:
        print(failure, end="\n\n")
    print(f"{steps} console commands in {len(consoles)} blocks, {len(programs)} programs; "
          f"{len(failures)} differ")
    if code != 0:
        print(f"sfn-local exited {code} on SIGTERM")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
