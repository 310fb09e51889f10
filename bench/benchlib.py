# bench/benchlib.py: what the python3 benchmark runners share (imported by bench/run and bench/jit):
# timing a command (best of --repeat runs), translating an RPy program with `clrpy translate --backend=cil`,
# and formatting times and tables. An implementation that cannot produce a time raises Failure.
import os
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class Failure(Exception):
    """An implementation could not produce a time; the message goes into the table as n/a: ..."""


def first_line(text):
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return "no output"


def run_timed(command, repeat, env):
    """The best wall time of `repeat` runs of command (from the repository root) and its stdout."""
    best = None
    stdout = ""
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            raise Failure("exit %d: %s" % (result.returncode, first_line(result.stderr)))
        stdout = result.stdout
        best = elapsed if best is None else min(best, elapsed)
    return best, stdout


def python_env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.join(ROOT, "lib", "python")
    return env


def check_clrpy():
    """Builds the clrpy tool now (its launcher rebuilds it when sources changed), so no timing includes that."""
    subprocess.run([os.path.join(ROOT, "clrpy"), "--version"], stdout=subprocess.DEVNULL, cwd=ROOT, check=True)


def translate(source, target):
    """Translates source (a .py file) into the folder target; returns (command prefix, seconds taken)."""
    name = os.path.splitext(os.path.basename(source))[0]
    start = time.perf_counter()
    result = subprocess.run([os.path.join(ROOT, "clrpy"), "translate", "--backend=cil", source, "-o", target],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise Failure(first_line(result.stderr or result.stdout))
    assembly = os.path.join(target, name + ".dll")
    if not os.path.exists(assembly):
        raise Failure("no " + name + ".dll after translation")
    return ["dotnet", assembly], elapsed


def seconds(value):
    return "%.3fs" % value if value >= 0.1 else "%.4fs" % value


def print_table(header, rows):
    widths = [max(len(row[i]) for row in [header] + rows) for i in range(len(header))]
    for index, row in enumerate([header] + rows):
        print("  ".join(text.ljust(widths[i]) for i, text in enumerate(row)).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))
