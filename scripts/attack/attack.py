#!/usr/bin/env python3
"""Attacks on a trawl server, one per process: scripts/attack/run drives this file (see README.md).

  attack.py --list                      every attack with its wall-clock bound in seconds
  attack.py --one NAME --bin PATH --workdir DIR
                                        runs one attack; prints exactly one line, `held   NAME  detail` or
                                        `broke  NAME  detail`; diagnostics go to stderr

An attack starts its own trawl server(s) (fresh store in DIR) and, when it needs one, a hostile origin
(hostile_origin.py); while it runs, a prober GETs /healthz every 100 ms and a bystander tenant lists /v1/jobs.
It holds only if its own check passed, every probe answered 200 within 100 ms, every bystander list succeeded
and no server died.
"""
import argparse
import ctypes
import http.client
import json
import os
import random
import resource
import select
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE_INTERVAL = 0.100
PROBE_LIMIT_MS = 100.0
BYSTANDER_INTERVAL = 0.250
RSS_LIMIT_KB = 1 << 20  # 1 GiB
SECRET = "secret-operator-key"
IN_NETNS = os.environ.get("TRAWL_ATTACK_NETNS_READY") == "1"

ATTACKS = {}


def attack(name, bound):
    def register(function):
        ATTACKS[name] = (function, bound)
        return function
    return register


def log(*parts):
    print("[%7.2f]" % (time.monotonic() - START), *parts, file=sys.stderr, flush=True)


START = time.monotonic()


class HarnessError(Exception):
    pass


def _die_with_parent():
    # Children die with this process even if it is SIGKILLed (PR_SET_PDEATHSIG = 1).
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)
    except Exception:
        pass


def http_request(port, method, path, body=None, headers=None, timeout=10.0, host="127.0.0.1"):
    """One request on a fresh connection, the path sent exactly as given. Returns (status, headers, bytes)."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        hdrs = {"Host": "%s:%d" % (host, port)}
        hdrs.update(headers or {})
        if body is not None and not isinstance(body, bytes):
            body = json.dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        if body is not None or method in ("POST", "PUT"):
            hdrs.setdefault("Content-Length", str(len(body or b"")))
        for key, value in hdrs.items():
            if value is not None:
                conn.putheader(key, value)
        conn.endheaders(body)
        response = conn.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data
    finally:
        conn.close()


def status_of(port, method, path, body=None, headers=None, timeout=5.0):
    """The status code, or the name of the exception that stood in for one."""
    try:
        return http_request(port, method, path, body, headers, timeout)[0]
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__


def parse_json(data):
    try:
        return json.loads(data)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------------------------
# Processes: the server under attack and the hostile origin


class Server:
    def __init__(self, cx, name, private=False, keys=(), env=None, max_runs=8, settings=None):
        self.cx, self.name = cx, name
        self.port = free_port()
        self.db = os.path.join(cx.workdir, name + ".db")
        self.log_path = os.path.join(cx.workdir, name + ".log")
        self.keys = list(keys)
        self.bystander_key = None
        if self.keys:
            self.bystander_key = "bystander-key"
            self.keys.append("bystander-key:bystander")
        args = [cx.binary, "serve", "--db", self.db, "--host", "127.0.0.1", "--port", str(self.port),
                "--max-concurrent-runs", str(max_runs)]
        if private:
            args.append("--allow-private-networks")
        for key in self.keys:
            args += ["--api-key", key]
        if settings:
            # A server.yaml of its own (JSON is YAML): settings with no flag, such as tenant_limits.
            config_path = os.path.join(cx.workdir, name + "-server.yaml")
            with open(config_path, "w") as f:
                json.dump(settings, f)
            args += ["--config", config_path]
        environment = {k: v for k, v in os.environ.items() if not k.startswith("TRAWL_") and k != "OPENAI_API_KEY"}
        environment.update(env or {})
        self.log_file = open(self.log_path, "wb")
        cx.phase = "starting server %s" % name
        self.proc = subprocess.Popen(args, stdout=self.log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     cwd=cx.workdir, env=environment, preexec_fn=_die_with_parent)
        self.stopped = False
        self.watch = None
        cx.servers.append(self)
        deadline = time.monotonic() + 30
        while True:
            if self.proc.poll() is not None:
                raise HarnessError("server %s exited at start (rc %s): %s" % (name, self.proc.returncode, self.tail()))
            try:
                if http_request(self.port, "GET", "/healthz", timeout=1)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise HarnessError("server %s never answered /healthz" % name)
            time.sleep(0.1)
        log("server", name, "pid", self.proc.pid, "port", self.port, "private" if private else "public")

    def tail(self, n=3):
        try:
            with open(self.log_path, "rb") as f:
                lines = f.read()[-4000:].decode("utf-8", "replace").strip().splitlines()
            return " | ".join(lines[-n:])
        except OSError:
            return ""

    def auth(self, tenant, key=None):
        headers = {"X-Tenant-Id": tenant} if tenant else {}
        if key:
            headers["Authorization"] = "Bearer " + key
        return headers

    def call(self, method, path, body=None, tenant="attacker", key=None, headers=None, timeout=10.0):
        """(status, parsed JSON or None, raw bytes); (None, None, error text) when the request failed."""
        hdrs = self.auth(tenant, key)
        hdrs.update(headers or {})
        timeout = max(0.5, min(timeout, self.cx.deadline + 3 - time.monotonic()))  # never past the bound
        try:
            status, _, data = http_request(self.port, method, path, body, hdrs, timeout)
        except (OSError, http.client.HTTPException) as error:
            return None, None, ("%s: %s" % (type(error).__name__, error)).encode()
        return status, parse_json(data), data

    def alive(self):
        return self.proc.poll() is None

    def memory_kb(self, field="VmHWM"):
        try:
            with open("/proc/%d/status" % self.proc.pid) as f:
                for line in f:
                    if line.startswith(field + ":"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def stop(self):
        if self.stopped:
            return
        if self.watch:
            self.watch.finish()  # a server stopped on purpose is not a failed probe
        self.stopped = True
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.log_file.close()


class Origin:
    def __init__(self, cx, also=(), v6=False):
        self.record_path = os.path.join(cx.workdir, "origin-requests.jsonl")
        self.marker = "TRAWL-ATTACK-PROVIDER-BODY-%08x" % random.getrandbits(32)
        args = [sys.executable, os.path.join(HERE, "hostile_origin.py"), "--record", self.record_path,
                "--marker", self.marker]
        for spec in also:
            args += ["--also", spec]
        if v6:
            args.append("--v6")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                     stderr=open(os.path.join(cx.workdir, "origin.log"), "wb"),
                                     preexec_fn=_die_with_parent)
        cx.origins.append(self)
        ready, _, _ = select.select([self.proc.stdout], [], [], 15)
        if not ready:
            raise HarnessError("the hostile origin did not start")
        self.info = json.loads(self.proc.stdout.readline())
        self.port = self.info["main"]
        self.base = "http://127.0.0.1:%d" % self.port
        log("origin", self.info)

    def records(self, events=False):
        """Requests the origin received (with events=True, also its `streamed` events)."""
        try:
            with open(self.record_path) as f:
                entries = [json.loads(line) for line in f if line.strip()]
        except OSError:
            return []
        return [e for e in entries if events or "event" not in e]

    def streamed(self, path):
        """'origin sent X MB all|cut' for each time `path` was streamed."""
        out = []
        for e in self.records(events=True):
            if e.get("event") == "streamed" and e["path"].split("?")[0] == path:
                out.append("%.1f MB %s" % (e["bytes"] / 1e6, "all" if e["complete"] else "cut"))
        return "origin sent %s" % (", ".join(out) or "nothing")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------------------------------------------------------
# The prober and the bystander


class Watch:
    """While an attack runs: /healthz every 100 ms, and a bystander tenant listing its jobs every 250 ms."""

    def __init__(self, server):
        self.server = server
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.probes = self.slow = self.probe_failures = 0
        self.max_ms = 0.0
        self.first_failure = None
        self.lists = self.list_failures = 0
        self.list_max_ms = 0.0
        self.first_list_failure = None
        self.began = time.monotonic()
        self.threads = [threading.Thread(target=self.probe_loop, daemon=True),
                        threading.Thread(target=self.bystander_loop, daemon=True)]
        for thread in self.threads:
            thread.start()

    def probe_loop(self):
        next_at = time.monotonic()
        while not self.stop_event.is_set():
            began = time.monotonic()
            failure = None
            try:
                status, _, _ = http_request(self.server.port, "GET", "/healthz", timeout=2.0)
                if status != 200:
                    failure = "status %d" % status
            except (OSError, http.client.HTTPException) as error:
                failure = type(error).__name__
            elapsed = (time.monotonic() - began) * 1000
            with self.lock:
                self.probes += 1
                self.max_ms = max(self.max_ms, elapsed)
                if failure or elapsed > PROBE_LIMIT_MS:
                    self.slow += 1
                if failure:
                    self.probe_failures += 1
                    self.first_failure = self.first_failure or failure
            next_at = max(next_at + PROBE_INTERVAL, time.monotonic())
            self.stop_event.wait(max(0.0, next_at - time.monotonic()))

    def bystander_loop(self):
        while not self.stop_event.is_set():
            began = time.monotonic()
            status, body, raw = self.server.call("GET", "/v1/jobs?per_page=5", tenant="bystander",
                                                 key=self.server.bystander_key, timeout=5.0)
            elapsed = (time.monotonic() - began) * 1000
            with self.lock:
                self.lists += 1
                self.list_max_ms = max(self.list_max_ms, elapsed)
                if status != 200 or not isinstance(body, dict) or "data" not in body:
                    self.list_failures += 1
                    self.first_list_failure = self.first_list_failure or (
                        "status %s %s" % (status, raw[:80].decode("utf-8", "replace")))
            self.stop_event.wait(BYSTANDER_INTERVAL)

    def finish(self):
        # At least a second of probing, even for an attack that is over sooner.
        while self.probes < 10 and time.monotonic() - self.began < 1.5 and self.server.alive():
            time.sleep(0.05)
        self.stop_event.set()
        for thread in self.threads:
            thread.join(2.5)

    def clean(self):
        return self.probes > 0 and self.slow == 0 and self.list_failures == 0 and self.lists > 0

    def summary(self):
        text = "healthz n=%d max=%.0fms slow=%d" % (self.probes, self.max_ms, self.slow)
        if self.probe_failures:
            text += " failed=%d (%s)" % (self.probe_failures, self.first_failure)
        text += "; bystander %d/%d ok" % (self.lists - self.list_failures, self.lists)
        if self.list_failures:
            text += " (%s)" % self.first_list_failure
        return text


# ---------------------------------------------------------------------------------------------------------------
# Context handed to every attack


class Context:
    def __init__(self, binary, workdir, bound):
        self.binary = binary
        self.workdir = workdir
        self.started = time.monotonic()
        self.deadline = self.started + bound - 4  # leaves time to stop everything before the hard kill
        self.servers, self.origins, self.watches = [], [], []
        self.phase = "starting"

    def left(self):
        return self.deadline - time.monotonic()

    def server(self, name="trawl", **kwargs):
        return Server(self, name, **kwargs)

    def origin(self, **kwargs):
        return Origin(self, **kwargs)

    def watch(self, server):
        watch = Watch(server)
        server.watch = watch
        self.watches.append(watch)
        return watch

    def cleanup(self):
        for watch in self.watches:
            watch.stop_event.set()
        for server in self.servers:
            try:
                server.stop()
            except Exception as error:
                log("stop server:", error)
        for origin in self.origins:
            try:
                origin.stop()
            except Exception as error:
                log("stop origin:", error)


# ---------------------------------------------------------------------------------------------------------------
# Job and run helpers

FAST_SPEED = {"kind": "fixed", "params": {"concurrency": 8, "per_host_concurrency": 4, "delay": "0s",
                                          "delay_factor": 0, "max_delay": "1s"}}
STOP_SOON = [{"kind": "max_urls", "params": {"max_urls": 40}},
             {"kind": "max_empty_evaluations", "params": {"max_empty_evaluations": 3}}]
TEXT_PIPELINE = [{"kind": "markdown"}, {"kind": "chunk"}]


def static_seeds(*urls):
    return [{"kind": "static_list", "params": {"urls": list(urls)}}]


def crawl_config(seeds, **extra):
    config = {"seeds": seeds, "stopping_criteria": STOP_SOON, "speed": FAST_SPEED, "pipelines": TEXT_PIPELINE}
    config.update(extra)
    return config


def create_job(server, config, name="attack", tenant="attacker", key=None, create_run=True):
    path = "/v1/jobs?create_run=true" if create_run else "/v1/jobs"
    server.cx.phase = "creating a job"
    return server.call("POST", path, {"name": name, "config": config}, tenant=tenant, key=key)


def describe_error(status, body, raw):
    if isinstance(status, int) and 200 <= status < 300:
        return "%s (accepted)" % status
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        error = body["error"]
        fields = [f.get("field", "") + ": " + f.get("message", "") for f in error.get("fields") or []]
        return "%s %s" % (status, "; ".join(fields) or error.get("message", ""))
    return "%s %s" % (status, raw[:120].decode("utf-8", "replace"))


SETTLED_STEPS = {"succeeded", "failed", "skipped"}


def run_settled(run):
    return (run.get("status") == "finished"
            and all(step.get("status") in SETTLED_STEPS for step in run.get("steps") or []))


def wait_runs(server, run_ids, until, tenant="attacker", key=None):
    """Polls the runs until each is finished with every pipeline step settled, or `until` passes.

    Returns ({id: last run object or None}, {id: seconds to settle or None})."""
    server.cx.phase = "waiting for %d run(s) to settle" % len(run_ids)
    last = {rid: None for rid in run_ids}
    settled_after = {rid: None for rid in run_ids}
    began = time.monotonic()
    while time.monotonic() < until:
        pending = [rid for rid in run_ids if settled_after[rid] is None]
        if not pending:
            break
        for rid in pending:
            status, body, _ = server.call("GET", "/v1/runs/%s" % rid, tenant=tenant, key=key, timeout=5)
            if status == 200 and isinstance(body, dict):
                last[rid] = body
                if run_settled(body):
                    settled_after[rid] = time.monotonic() - began
        if not server.alive():
            break
        time.sleep(0.5)
    return last, settled_after


def wait_run(server, run_id, until, tenant="attacker", key=None):
    last, settled = wait_runs(server, [run_id], until, tenant, key)
    return last[run_id], settled[run_id]


def run_logs(server, run_id, tenant="attacker", key=None, pages=20):
    server.cx.phase = "reading run logs"
    entries, path = [], "/v1/runs/%s/logs?per_page=100" % run_id
    for _ in range(pages):
        if server.cx.left() < 0:
            break
        status, body, _ = server.call("GET", path, tenant=tenant, key=key)
        if status != 200 or not isinstance(body, dict):
            break
        entries += body.get("data") or []
        cursor = body.get("next_page")
        if not cursor:
            break
        path = "/v1/runs/%s/logs?per_page=100&page=%s" % (run_id, cursor)
    return entries


def url_outcomes(entries, suffix):
    """'step:status[:reason]' for every log entry of URLs ending in `suffix`."""
    out = []
    for entry in entries:
        if entry.get("url", "").split("?")[0].endswith(suffix) and entry.get("step") != "schedule":
            text = "%s:%s" % (entry.get("step"), entry.get("status"))
            if entry.get("error_reason"):
                text += ":" + entry["error_reason"]
            if entry.get("http_status"):
                text += ":%s" % entry["http_status"]
            out.append(text)
    return out


def run_brief(run, settled):
    if run is None:
        return "run never readable"
    if settled is None:
        steps = ",".join("%s=%s" % (s.get("name"), s.get("status")) for s in run.get("steps") or [])
        return "run not settled in time (status %s, %s)" % (run.get("status"), steps)
    text = "run settled in %.1fs (stop %s)" % (settled, run.get("stop_reason"))
    if run.get("error"):
        text += " error=%s" % json.dumps(run["error"])[:100]
    return text


def mb(kb):
    return "?" if kb is None else "%d MB" % (kb // 1024)


# ---------------------------------------------------------------------------------------------------------------
# 1. path spelling


@attack("path-spelling", 20)
def path_spelling(cx):
    server = cx.server(keys=["keyA:tenantA"])
    cx.watch(server)
    problems, codes = [], {}
    status, _, _ = server.call("GET", "/v1/jobs", tenant="tenantA", key="keyA")
    if status != 200:
        return False, "control GET /v1/jobs with keyA answered %s" % status
    must_401 = ["//v1/jobs", "///v1/jobs", "/v1//jobs"]
    # Other spellings: any non-2xx answer is fine (404 included), a 2xx means the guard was walked around.
    must_not_2xx = ["/v1/jobs/", "//v1/jobs/", "/./v1/jobs", "/v1/./jobs", "/v1/%6Aobs", "/%2Fv1/jobs", "/v1%2Fjobs",
                    "//v1/runs", "//v1//runs", "//v1/triggers", "//v1/search?q=a", "/v1/jobs?", "/V1/jobs",
                    "/v1/jobs;x", "/v1/jobs/../jobs", "//v1/runs/00000000-0000-0000-0000-000000000000/logs"]
    for path in must_401 + must_not_2xx:
        for tenant in ("tenantA", None):
            headers = {"X-Tenant-Id": tenant} if tenant else {}
            code = status_of(server.port, "GET", path, headers=headers)
            codes[code] = codes.get(code, 0) + 1
            bad = code != 401 if path in must_401 else (isinstance(code, int) and 200 <= code < 300)
            if bad:
                problems.append("GET %s%s->%s" % (path, "" if tenant else "(no tenant)", code))
    rows_before = count_jobs(server.db)
    body = {"name": "sneak", "config": {"seeds": static_seeds("http://127.0.0.1:9/")}}
    for path in ["//v1/jobs?create_run=true", "/v1//jobs?create_run=true", "///v1/jobs?create_run=true"]:
        for tenant in ("tenantA", None):
            headers = {"X-Tenant-Id": tenant} if tenant else {}
            code = status_of(server.port, "POST", path, body, headers)
            codes[code] = codes.get(code, 0) + 1
            if code != 401:
                problems.append("POST %s%s->%s" % (path, "" if tenant else "(no tenant)", code))
    rows_after = count_jobs(server.db)
    if rows_after != rows_before:
        problems.append("unauthenticated POSTs created %s job row(s)" % (rows_after - rows_before))
    checked = (len(must_401) + len(must_not_2xx)) * 2 + 6
    answers = " ".join("%s x%d" % (code, n) for code, n in sorted(codes.items(), key=str))
    if problems:
        return False, "%d/%d requests got through: %s (answers %s)" % (
            len(problems), checked, ", ".join(problems[:6]), answers)
    return True, "%d unauthenticated requests refused (answers %s; the 3 named paths 401), no job row written" % (
        checked, answers)


def count_jobs(db):
    try:
        conn = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=5)
        try:
            return conn.execute("SELECT COUNT(*) FROM jobs").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as error:
        return "sqlite error: %s" % error


# ---------------------------------------------------------------------------------------------------------------
# 2, 3. parse bomb and attribute flood


def bomb_page(cx, path):
    origin = cx.origin()
    server = cx.server(private=True)
    cx.watch(server)
    status, body, raw = create_job(server, crawl_config(static_seeds(origin.base + "/control", origin.base + path)))
    if status != 201:
        return False, "job refused: %s" % describe_error(status, body, raw)
    run, settled = wait_run(server, body["run"]["id"], cx.deadline - 2)
    entries = run_logs(server, body["run"]["id"])
    outcomes = url_outcomes(entries, path)
    control = url_outcomes(entries, "/control")
    ok = settled is not None and any("parse_budget" in o for o in outcomes) and "fetch:ok:200" in control
    docs = documents_brief(server, body["run"]["id"], path)
    detail = "%s; %s: %s; control %s; %s; HWM %s" % (
        run_brief(run, settled), path, ",".join(outcomes) or "no log entry", "ok" if "fetch:ok:200" in control
        else "not fetched", docs, mb(server.memory_kb()))
    return ok, detail


def documents_brief(server, run_id, suffix):
    status, body, _ = server.call("GET", "/v1/runs/%s/documents?per_page=100" % run_id)
    if status != 200 or not isinstance(body, dict):
        return "documents: %s" % status
    for doc in body.get("data") or []:
        if doc.get("url", "").endswith(suffix):
            return "document %s%s" % (doc.get("status"), " (%s)" % doc["error"][:60] if doc.get("error") else "")
    return "no document"


@attack("parse-bomb", 45)
def parse_bomb(cx):
    return bomb_page(cx, "/parse-bomb")


@attack("attr-flood", 45)
def attr_flood(cx):
    return bomb_page(cx, "/attr-flood")


# ---------------------------------------------------------------------------------------------------------------
# 4. ReDoS


@attack("redos", 35)
def redos(cx):
    origin = cx.origin()
    server = cx.server(private=True)
    cx.watch(server)
    ok, notes = True, []
    seed = origin.base + "/" + "a" * 300 + "!"
    config = crawl_config(static_seeds(seed), pipelines=[],
                          filters=[{"kind": "regex_patterns", "params": {"deny": ["(.*a){12}$"]}}])
    began = time.monotonic()
    status, body, raw = create_job(server, config)
    took = time.monotonic() - began
    if status == 422:
        notes.append("(.*a){12}$ refused 422 in %.2fs" % took)
    elif status == 201:
        run, settled = wait_run(server, body["run"]["id"], min(cx.deadline - 6, time.monotonic() + 20))
        ok = settled is not None and took < 5
        notes.append("(.*a){12}$ accepted in %.2fs, %s" % (took, run_brief(run, settled)))
    else:
        ok = False
        notes.append("(.*a){12}$ -> %s" % describe_error(status, body, raw))
    config = crawl_config(static_seeds(origin.base + "/"), pipelines=[],
                          filters=[{"kind": "regex_patterns", "params": {"deny": ["(a)\\1"]}}])
    status, body, raw = create_job(server, config, create_run=False)
    fields = [f.get("field") for f in ((body or {}).get("error") or {}).get("fields") or []] \
        if isinstance(body, dict) else []
    wanted = "config.filters[0].params.deny[0]"
    if status == 422 and (wanted in fields or wanted.encode() in raw):
        notes.append("(a)\\1 refused 422 at %s" % wanted)
    else:
        ok = False
        notes.append("(a)\\1 -> %s (wanted 422 naming %s)" % (describe_error(status, body, raw), wanted))
    return ok, "; ".join(notes)


# ---------------------------------------------------------------------------------------------------------------
# 5. slowloris


@attack("slowloris", 50)
def slowloris(cx):
    server = cx.server()
    cx.watch(server)
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = max(0, min(3000, soft - 300))
    hold_until = cx.started + 42
    socks, refused, consecutive = [], 0, 0
    open_until = time.monotonic() + 12
    while len(socks) < target and time.monotonic() < open_until and consecutive < 50:
        s = socket.socket()
        s.settimeout(1.0)
        try:
            s.connect(("127.0.0.1", server.port))
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow")
            s.setblocking(False)
            socks.append(s)
            consecutive = 0
        except OSError:
            s.close()
            refused += 1
            consecutive += 1
        if len(socks) % 100 == 0:
            time.sleep(0.01)  # lets the prober thread run
    opened = len(socks)
    log("slowloris: opened", opened, "refused", refused)
    closed_by_server, answered = set(), set()
    while time.monotonic() < hold_until:
        time.sleep(min(5.0, max(0.0, hold_until - time.monotonic())))
        for index, s in enumerate(socks):
            if index in closed_by_server:
                continue
            try:
                data = s.recv(4096)
                if data:
                    answered.add(index)
                else:
                    closed_by_server.add(index)
                    continue
            except BlockingIOError:
                pass
            except OSError:
                closed_by_server.add(index)
                continue
            try:
                s.send(b"x")  # one more byte of the header line, never its end
            except BlockingIOError:
                pass
            except OSError:
                closed_by_server.add(index)
    for s in socks:
        s.close()
    alive = server.alive()
    detail = "%d/%d half-open connections held %.0fs (refused %d), server closed %d, answered %d early" % (
        opened, target, hold_until - cx.started, refused, len(closed_by_server), len(answered))
    return alive, detail


# ---------------------------------------------------------------------------------------------------------------
# 6. big body


@attack("big-body", 55)
def big_body(cx):
    origin = cx.origin()
    server = cx.server(private=True)
    cx.watch(server)
    notes, ok = [], True
    seeds = static_seeds(origin.base + "/big-body")

    def with_limit(limit):
        fetcher = {"kind": "http", "params": {"max_body_bytes": limit, "max_retries": 0}}
        return crawl_config(seeds, fetcher=fetcher)
    # The documented maximum is 128 MiB: everything above it is refused at validation.
    for above in ("2GiB", "1GiB", "129MiB"):
        status, body, raw = create_job(server, with_limit(above), create_run=False)
        if status != 422:
            ok = False
            notes.append("max_body_bytes %s -> %s (above the documented 128MiB maximum)"
                         % (above, describe_error(status, body, raw)))
        else:
            notes.append("%s refused 422" % above)
    used = None
    for limit in ("128MiB", None):
        config = with_limit(limit) if limit else crawl_config(seeds)
        status, body, raw = create_job(server, config)
        if status == 201:
            used = limit or "default"
            break
        notes.append("%s -> %s" % (limit, describe_error(status, body, raw)))
    if used is None:
        return False, "; ".join(notes + ["no job could be created"])
    notes.append("crawled 200 MB with max_body_bytes %s" % used)
    run, settled = wait_run(server, body["run"]["id"], cx.deadline - 2)
    hwm = server.memory_kb()
    entries = run_logs(server, body["run"]["id"])
    notes.append(run_brief(run, settled))
    notes.append("/big-body %s" % (",".join(url_outcomes(entries, "/big-body")) or "no log entry"))
    if run:
        notes.append("downloaded %s MB" % ((run.get("progress") or {}).get("bytes_downloaded", 0) >> 20))
    notes.append(origin.streamed("/big-body"))
    notes.append("HWM %s" % mb(hwm))
    ok = ok and server.alive() and settled is not None and hwm is not None and hwm < RSS_LIMIT_KB
    return ok, "; ".join(notes)


# ---------------------------------------------------------------------------------------------------------------
# 7. embedding provider redirect


@attack("embedder-redirect", 50)
def embedder_redirect(cx):
    origin = cx.origin()
    notes, ok, texts = [], True, []
    pipelines = [{"kind": "openai", "params": {"base_url": origin.base + "/v1", "model": "m",
                                               "api_key_env": "OPENAI_API_KEY"}}]
    seen = 0
    for phase, private in (("public", False), ("private-nets", True)):
        server = cx.server(name=phase, private=private, env={"OPENAI_API_KEY": SECRET})
        cx.watch(server)
        config = crawl_config(static_seeds(origin.base + "/control"), pipelines=pipelines)
        status, body, raw = create_job(server, config)
        texts.append(("creation", raw))
        if status == 422:
            notes.append("%s: refused 422" % phase)
        else:
            ok = False
            notes.append("%s: %s, not refused" % (phase, describe_error(status, body, raw)[:60]))
            if status == 201:
                run_id, job_id = body["run"]["id"], body["id"]
                until = min(cx.deadline - 3, time.monotonic() + (10 if not private else 20))
                run, settled = wait_run(server, run_id, until)
                for where, path in (("run", "/v1/runs/%s" % run_id),
                                    ("documents", "/v1/runs/%s/documents?per_page=100" % run_id),
                                    ("logs", "/v1/runs/%s/logs?per_page=100" % run_id),
                                    ("semantic search", "/v1/search?q=hello&mode=semantic&job_ids=%s" % job_id),
                                    ("hybrid search", "/v1/search?q=hello&mode=hybrid&job_ids=%s" % job_id)):
                    texts.append((where, server.call("GET", path, timeout=10)[2]))
        server.stop()
        records = origin.records()
        new, seen = records[seen:], len(records)
        provider = [r for r in new if r["listener"] == "main" and r["path"].startswith("/v1/embeddings")]
        recorded = [r for r in new if r["listener"] == "recorder"]
        leaked = [r for r in recorded if any(SECRET in value for _, value in r["headers"])]
        marker_seen = [where for where, text in texts if origin.marker.encode() in text]
        texts = []
        if leaked or marker_seen:
            ok = False
        notes[-1] += ", provider hit %d, redirect target hit %d, key leaked to it: %s, provider body in %s" % (
            len(provider), len(recorded), "YES" if leaked else "no", ",".join(marker_seen) or "no API text")
    return ok, "; ".join(notes)


# ---------------------------------------------------------------------------------------------------------------
# 8. CSRF and DNS rebinding (no API keys)


@attack("csrf", 20)
def csrf(cx):
    server = cx.server()
    cx.watch(server)
    # A forged form cannot send X-Tenant-Id: the job it targets lives in the default tenant.
    status, body, raw = create_job(server, {"seeds": static_seeds("http://127.0.0.1:9/")}, tenant=None,
                                   create_run=False)
    if status != 201:
        return False, "control job refused: %s" % describe_error(status, body, raw)
    job = body["id"]
    problems, notes = [], []
    runs_path = "/v1/jobs/%s/runs" % job
    cases = [
        ("no body, no type", b"", None),
        ("form-urlencoded", b"a=b", "application/x-www-form-urlencoded"),
        ("text/plain JSON", b"{}", "text/plain"),
        ("multipart", b"--x\r\n\r\n--x--\r\n", "multipart/form-data; boundary=x"),
    ]
    for label, payload, ctype in cases:
        headers = {"Origin": "http://evil.example", "Content-Type": ctype, "Content-Length": str(len(payload)),
                   "X-Tenant-Id": None}
        code = status_of(server.port, "POST", runs_path, payload, headers)
        if code not in (400, 415):
            problems.append("POST runs (%s)->%s" % (label, code))
    for method, path, payload in (("GET", "/v1/jobs", None), ("POST", "/v1/jobs?create_run=true",
                                  {"name": "rebind", "config": {"seeds": static_seeds("http://127.0.0.1:9/")}}),
                                  ("GET", "/v1/runs", None)):
        code = status_of(server.port, method, path, payload, {"Host": "evil.example"})
        if code not in (400, 403, 421):
            problems.append("%s %s Host: evil.example->%s" % (method, path.split("?")[0], code))
    code = status_of(server.port, "GET", "/v1/jobs", headers={"Host": "localhost:%d" % server.port})
    notes.append("Host localhost:%d->%s" % (server.port, code))
    status, body, _ = server.call("GET", runs_path, tenant=None)
    made = len(body.get("data") or []) if isinstance(body, dict) else "?"
    notes.append("runs created by the forged POSTs: %s" % made)
    if problems:
        return False, "accepted: %s; %s" % (", ".join(problems), "; ".join(notes))
    return True, "forms refused 400/415, foreign Host refused; %s" % "; ".join(notes)


# ---------------------------------------------------------------------------------------------------------------
# 9. hostile origins


def origin_crawl(cx, paths, config_extra=None, seeds=None, port_key="main", notes_from_origin=None,
                 notes_from_logs=None):
    origin = cx.origin()
    server = cx.server(private=True)
    cx.watch(server)
    base = "http://127.0.0.1:%d" % origin.info[port_key]
    seeds = seeds(base) if seeds else static_seeds(*[base + p for p in paths])
    status, body, raw = create_job(server, crawl_config(seeds, **(config_extra or {})))
    if status != 201:
        return False, "job refused: %s" % describe_error(status, body, raw)
    run, settled = wait_run(server, body["run"]["id"], cx.deadline - 2)
    hwm = server.memory_kb()
    entries = run_logs(server, body["run"]["id"])
    notes = [run_brief(run, settled)]
    for path in paths:
        notes.append("%s %s" % (path[:24], ",".join(sorted(set(url_outcomes(entries, path))))[:120] or "no log entry"))
    if notes_from_origin:
        notes.append(notes_from_origin(origin))
    if notes_from_logs:
        notes.append(notes_from_logs(entries))
    notes.append("HWM %s" % mb(hwm))
    ok = server.alive() and settled is not None and hwm is not None and hwm < RSS_LIMIT_KB
    return ok, "; ".join(notes)


@attack("gzip-bomb", 40)
def gzip_bomb(cx):
    return origin_crawl(cx, ["/gzip-bomb", "/control"], notes_from_origin=lambda o: o.streamed("/gzip-bomb"))


@attack("sitemap-bomb", 45)
def sitemap_bomb(cx):
    def seeds(base):
        return [{"kind": "sitemap", "params": {"urls": [base + "/sitemap-bomb"]}}] + static_seeds(base + "/control")

    def sitemap_hits(origin):
        hits = [r for r in origin.records() if r["path"].startswith("/sitemap-bomb")]
        return "origin served %d sitemap requests; gzip urlset: %s" % (
            len(hits), origin.streamed("/sitemap-bomb/big.xml.gz"))
    return origin_crawl(cx, ["/sitemap-bomb", "/control"], seeds=seeds, notes_from_origin=sitemap_hits)


@attack("huge-robots", 40)
def huge_robots(cx):
    def robots_hits(origin):
        return "robots.txt served %d time(s)" % len([r for r in origin.records() if r["path"] == "/robots.txt"])
    return origin_crawl(cx, ["/" + "a" * 2000, "/control"], port_key="robots", notes_from_origin=robots_hits)


@attack("redirect-loop", 35)
def redirect_loop(cx):
    def hops(origin):
        return "origin answered %d redirect hops" % len(
            [r for r in origin.records() if r["path"].startswith("/redirect-loop")])

    def chain_end(entries):
        ends = sorted({"%s:%s" % (e.get("step"), e.get("error_reason")) for e in entries
                       if "/redirect-loop" in e.get("url", "") and e.get("error_reason")})
        return "chain ended by %s" % (",".join(ends) or "nothing logged")
    return origin_crawl(cx, ["/redirect-loop", "/redirect-loop/self", "/control"], notes_from_origin=hops,
                        notes_from_logs=chain_end)


@attack("header-flood", 35)
def header_flood(cx):
    return origin_crawl(cx, ["/header-flood", "/control"])


@attack("slow-drip", 40)
def slow_drip(cx):
    fetcher = {"kind": "http", "params": {"timeout": "8s", "connect_timeout": "2s", "max_retries": 1}}
    return origin_crawl(cx, ["/slow-drip", "/slow-drip/headers", "/control"], config_extra={"fetcher": fetcher})


# ---------------------------------------------------------------------------------------------------------------
# 9b. one tenant filling the server


@attack("tenant-flood", 45)
def tenant_flood(cx):
    """Concurrent creations against tenant_limits: exactly the limit gets in, the rest is 429 quota_exceeded."""
    origin = cx.origin()
    limits = {"jobs": 30, "triggers": 10, "active_runs": 5}
    server = cx.server(private=True, keys=["attacker-key:attacker"], max_runs=1, settings={"tenant_limits": limits})
    cx.watch(server)
    problems = []

    def burst(count, make):
        answers = []
        lock = threading.Lock()

        def one(index):
            status, body, raw = make(index)
            code = body.get("error", {}).get("code") if isinstance(body, dict) and status != 201 else None
            with lock:
                answers.append((status, code, body))

        threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(max(1.0, cx.left()))
        return answers

    def tally(what, answers, limit):
        created = sum(1 for status, _, _ in answers if status == 201)
        refused = sum(1 for status, code, _ in answers if status == 429 and code == "quota_exceeded")
        other = [status for status, code, _ in answers if status != 201 and (status, code) != (429, "quota_exceeded")]
        if created != limit or other:
            problems.append("%s: %d created of %d allowed, other answers %s" % (what, created, limit, other[:5]))
        return "%s %d/%d (%d refused 429)" % (what, created, len(answers), refused)

    # One slot: the slow job's first run crawls a page that drips for minutes, the others wait as pending; all count
    # as active runs. Created first, it takes one of the 30 jobs.
    slow = crawl_config(static_seeds(origin.base + "/slow-drip"))
    status, body, raw = create_job(server, slow, name="slow", key="attacker-key", create_run=False)
    if status != 201:
        return False, "could not create the slow job: %s" % describe_error(status, body, raw)
    slow_id = body["id"]
    idle = {"seeds": static_seeds("http://127.0.0.1:9/")}
    jobs = tally("jobs", burst(48, lambda i: create_job(server, idle, name="flood-%d" % i, key="attacker-key",
                                                        create_run=False)), limits["jobs"] - 1)
    listed = server.call("GET", "/v1/jobs?per_page=100", key="attacker-key")[1] or {}
    first_job = (listed.get("data") or [{}])[0].get("id")
    if len(listed.get("data") or []) != limits["jobs"]:
        problems.append("the jobs list holds %d jobs" % len(listed.get("data") or []))
    trigger = {"name": "t", "condition": {"kind": "schedule", "params": {"expression": "@yearly"}}}
    triggers = tally("triggers", burst(16, lambda i: server.call("POST", "/v1/jobs/%s/triggers" % first_job, trigger,
                                                                key="attacker-key")), limits["triggers"])
    runs = tally("active runs", burst(9, lambda i: server.call("POST", "/v1/jobs/%s/runs" % slow_id, key="attacker-key")),
                 limits["active_runs"])
    if problems:
        return False, "; ".join(problems)
    return True, "%s; %s; %s" % (jobs, triggers, runs)


# ---------------------------------------------------------------------------------------------------------------
# 10. SSRF


@attack("ssrf", 45)
def ssrf(cx):
    also = ["0.0.0.0:80"] if IN_NETNS else []
    origin = cx.origin(also=also, v6=True)
    server = cx.server(max_runs=32)
    cx.watch(server)
    p = origin.port
    seeds = ["http://2130706433:%d/" % p, "http://0x7f.1:%d/" % p, "http://0x7f000001:%d/" % p,
             "http://0177.0.0.1:%d/" % p, "http://127.1:%d/" % p, "http://[::ffff:127.0.0.1]:%d/" % p,
             "http://[::ffff:7f00:1]:%d/" % p, "http://0:%d/" % p, "http://0.0.0.0:%d/" % p,
             "http://localhost:%d/" % p, "http://127.0.0.1:%d/" % p, "http://127.0.0.1.:%d/" % p]
    if "v6" in origin.info:
        seeds.append("http://[::1]:%d/" % p)
    port80 = "0.0.0.0:80" in origin.info.get("also", [])
    if port80:
        seeds += ["http://2130706433/", "http://0x7f.1/", "http://0/", "http://[::ffff:127.0.0.1]/",
                  "http://169.254.169.254/latest/meta-data/", "http://[::ffff:a9fe:a9fe]/latest/meta-data/"]
    notes = []
    # Outside a private network namespace 169.254.169.254 is a real link-local address: only its creation is
    # checked, no run is started, so that a broken guard sends nothing off this machine.
    metadata_only_created = []
    if not port80:
        for url in ("http://169.254.169.254/latest/meta-data/", "http://[::ffff:a9fe:a9fe]/latest/meta-data/"):
            status, body, raw = create_job(server, crawl_config(static_seeds(url), pipelines=[]), create_run=False)
            if status != 422:
                metadata_only_created.append(url)
        notes.append("metadata URLs checked at creation only (no private netns)")
    refused, runs = [], {}
    for url in seeds:
        status, body, raw = create_job(server, crawl_config(static_seeds(url), pipelines=[]), name="ssrf")
        if status == 422:
            refused.append(url)
        elif status == 201:
            runs[body["run"]["id"]] = url
        else:
            notes.append("%s -> %s" % (url, describe_error(status, body, raw)[:60]))
    last, settled = wait_runs(server, list(runs), cx.deadline - 3)
    time.sleep(0.5)
    fetched_ok, reasons, unsettled = [], set(), []
    for rid, url in runs.items():
        if settled[rid] is None:
            unsettled.append(url)
        for entry in run_logs(server, rid, pages=3):
            if entry.get("step") == "fetch":
                if entry.get("status") == "ok":
                    fetched_ok.append(url)
                elif entry.get("error_reason"):
                    reasons.add(entry["error_reason"])
    arrived = origin.records()
    hosts = sorted({dict((k.lower(), v) for k, v in r["headers"]).get("host", "?") for r in arrived})
    ok = not arrived and not fetched_ok and not metadata_only_created
    detail = "%d seeds: %d refused at creation, %d runs (%d settled), fetch errors %s; origin saw %d request(s)%s" % (
        len(seeds), len(refused), len(runs), len(runs) - len(unsettled), ",".join(sorted(reasons)) or "none",
        len(arrived), (" for Host " + " ".join(hosts)[:160]) if arrived else "")
    if fetched_ok:
        detail += "; fetched OK: %s" % " ".join(fetched_ok)[:200]
    if metadata_only_created:
        detail += "; accepted at creation: %s" % " ".join(metadata_only_created)
    if notes:
        detail += "; " + "; ".join(notes)
    return ok, detail


# ---------------------------------------------------------------------------------------------------------------


class Terminated(BaseException):
    pass


def run_one(name, binary, workdir):
    function, bound = ATTACKS[name]
    os.makedirs(workdir, exist_ok=True)
    cx = Context(binary, workdir, bound)
    terminated = False

    def on_term(*_):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Terminated()
    signal.signal(signal.SIGTERM, on_term)
    try:
        try:
            ok, detail = function(cx)
        except HarnessError as error:
            ok, detail = False, "harness: %s" % error
        except Terminated:
            terminated = True
            ok, detail = False, "no verdict within the %ds bound (was %s)" % (bound, cx.phase)
        except Exception as error:  # a crash of the attack itself is reported, never hidden
            import traceback
            traceback.print_exc()
            ok, detail = False, "attack error %s: %s" % (type(error).__name__, error)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # from here on, only the verdict and the clean-up
        for watch in cx.watches:
            if terminated:
                watch.stop_event.set()
            else:
                watch.finish()
        died = [s for s in cx.servers if not s.stopped and not s.alive()]
        for server in died:
            ok = False
            detail += "; SERVER %s DIED rc=%s (%s)" % (server.name, server.proc.returncode, server.tail(2)[:200])
        if not cx.watches:
            ok = False
            detail += "; no prober ran"
        for watch in cx.watches:
            if not watch.clean():
                ok = False
        detail += "; " + " | ".join(w.summary() for w in cx.watches)
        detail += "; %.1fs" % (time.monotonic() - cx.started)
        line = "%-6s %s  %s" % ("held" if ok else "broke", name, detail.replace("\n", " "))
        print(line, flush=True)
    finally:
        cx.cleanup()
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description="attacks on a trawl server")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--one")
    parser.add_argument("--bin")
    parser.add_argument("--workdir")
    args = parser.parse_args()
    if args.list:
        for name, (_, bound) in ATTACKS.items():
            print(name, bound)
        return 0
    if not args.one or args.one not in ATTACKS or not args.bin or not args.workdir:
        parser.error("--one NAME (one of %s), --bin and --workdir are required" % ", ".join(ATTACKS))
    return run_one(args.one, args.bin, args.workdir)


if __name__ == "__main__":
    sys.exit(main())
