// The Python counterpart of harness.ts. It reads task.json ({ solution,
// tests: [{ name, code } | { name, value }], testTimeoutMs }), runs each test
// in a fresh module namespace holding the solution's definitions, and writes
// one JSON line per test to fd 3: a value test's value as it is ({ json }
// when JSON holds it, tuples as lists, else { unlike: its repr }); the
// expected value never enters the sandbox, the host compares. The per-test timeout is an interval timer whose exception
// derives from BaseException, so a solution's `except Exception` cannot
// swallow it. The process, not this harness, is the security boundary.
export const PYTHON_HARNESS_SOURCE = String.raw`
import contextlib, io, json, os, signal, sys, time, traceback

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "task.json"), encoding="utf-8") as f:
    spec = json.load(f)

def report(obj):
    os.write(3, (json.dumps(obj) + "\n").encode("utf-8"))

try:
    solution = compile(spec["solution"], "solution.py", "exec")
except SyntaxError as e:
    report({"error": "Python could not be compiled: %s (line %s)" % (e.msg, e.lineno)})
    sys.exit(0)

class TestTimeout(BaseException):
    pass

def on_alarm(signum, frame):
    raise TestTimeout("test timed out after %d ms" % spec["testTimeoutMs"])

signal.signal(signal.SIGALRM, on_alarm)

def describe_value(v):
    try:
        return {"json": json.dumps(v, allow_nan=False)}
    except (TypeError, ValueError, RecursionError):
        return {"unlike": repr(v)[:1000]}

def describe(e, source):
    text = "".join(traceback.format_exception_only(type(e), e)).strip()
    if isinstance(e, AssertionError) and not str(e):
        frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == "<test>"]
        if frames and frames[-1].lineno:
            lines = source.splitlines()
            if frames[-1].lineno <= len(lines):
                text += ": " + lines[frames[-1].lineno - 1].strip()
    return text[:1000]

class Logs(io.StringIO):
    def write(self, s):
        return super().write(s) if self.tell() < 20000 else len(s)

for index, test in enumerate(spec["tests"]):
    namespace = {"__name__": "solution", "__builtins__": __builtins__}
    logs = Logs()
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, spec["testTimeoutMs"] / 1000)
    try:
        with contextlib.redirect_stdout(logs), contextlib.redirect_stderr(logs):
            exec(solution, namespace)
            if "value" in test:
                result = {"value": describe_value(eval(compile(test["value"], "<test>", "eval"), namespace))}
            else:
                exec(compile(test["code"], "<test>", "exec"), namespace)
                result = {"passed": True}
    except BaseException as e:
        result = {"passed": False, "message": describe(e, test.get("code", ""))}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    lines = logs.getvalue().splitlines()[:50]
    report({"index": index, "ms": round((time.monotonic() - started) * 1000), "logs": lines, **result})

report({"done": True})
sys.stdout.flush()
os._exit(0)
`;
