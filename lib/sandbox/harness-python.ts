// The Python counterpart of harness.ts. It reads task.json ({ solution,
// tests: [{ name, code }], testTimeoutMs }), runs each test in a fresh module
// namespace holding the solution's definitions, and writes one JSON line per
// result to fd 3. The per-test timeout is an interval timer whose exception
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

def expect_equal(actual, expected):
    # values are compared as JSON sees them: a tuple equals the list it serializes to
    normalized = json.loads(json.dumps(actual, default=repr))
    if normalized != expected:
        raise AssertionError("expected %s, got %s" % (json.dumps(expected)[:300], repr(actual)[:300]))

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

for test in spec["tests"]:
    namespace = {"__name__": "solution", "__builtins__": __builtins__, "expect_equal": expect_equal}
    logs = Logs()
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, spec["testTimeoutMs"] / 1000)
    try:
        with contextlib.redirect_stdout(logs), contextlib.redirect_stderr(logs):
            exec(solution, namespace)
            exec(compile(test["code"], "<test>", "exec"), namespace)
        result = {"passed": True}
    except BaseException as e:
        result = {"passed": False, "message": describe(e, test["code"])}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    lines = logs.getvalue().splitlines()[:50]
    report({"partial": {"name": test["name"], "ms": round((time.monotonic() - started) * 1000), "logs": lines, **result}})

report({"done": True})
sys.stdout.flush()
os._exit(0)
`;
