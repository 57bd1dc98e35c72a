"""API load: `corridor serve` under wrk, beside a minimal FastAPI peer.

Seeds a store (the bundled examples ingested and extracted, plus N synthetic
news reports from benchmarks/ingest.py's generator so that pages are realistic),
starts `corridor serve` for real (uvicorn, loopback, a free port) and drives it
from a second process, wrk (Debian's `wrk`, installed with apt-get when missing;
a small asyncio/httpx load generator only when it cannot be, which the output
then says). Every request carries an analyst's API token.

- each read endpoint alone: the claims list (filters and paging), the
  situation of east Aleppo, one document, and an HTML page;
- then reads and authenticated uploads at the same time (two wrk processes).

For each it prints requests/s, p50 and p99 latency and the count of non-2xx
answers, and the same figures for the peer: a minimal FastAPI app on the same
uvicorn settings answering each path with a static JSON body of the same size
(uploads: reading the body, answering 201). Afterwards it verifies the evidence
log and counts the uploads stored against those sent and acknowledged.
Timings only print; nothing asserts on them.

    python benchmarks/api_load.py [--seconds 10] [--connections 16]
        [--backend sqlite|postgresql|both] [--documents 2000] [--fallback]

Take figures on a quiet machine (or under `flock /tmp/bench.lock` where the
machine is shared); only the ratio to the peer in the same run travels.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
sys.path.insert(0, str(BENCHMARKS))
sys.path.insert(1, str(ROOT))  # tests/postgres.py: the throwaway server

import httpx  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from ingest import report  # noqa: E402

from corridor.extract import Extractor  # noqa: E402
from corridor.ingest import batch  # noqa: E402
from corridor.ingest.keys import add_witness_key  # noqa: E402
from corridor.runners import extract_stored  # noqa: E402
from corridor.store import chain, schema  # noqa: E402
from corridor.store.engine import open_store  # noqa: E402
from corridor.web import add_user, create_token  # noqa: E402

EXAMPLES = ROOT / "examples"
CORRIDOR = shutil.which("corridor", path=str(Path(sys.executable).parent))
UPLOAD_PREFIX = "load-"
FALLBACK = "an asyncio/httpx load generator"
AREA = "east Aleppo"

WRK_SCRIPT = r"""
-- Rotates through PATHS (GET) or sends unique multipart uploads (UPLOAD);
-- done() prints one RESULT line of JSON.
local paths = {%(paths)s}
local upload = %(upload)s
local threads = {}
local next_id = 1
sent, ok, non2xx = 0, 0, 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local boundary = "corridorloadboundary"

function request()
  sent = sent + 1
  if not upload then
    return wrk.format(nil, paths[(sent %% #paths) + 1])
  end
  local name = "%(prefix)s" .. id .. "-" .. sent .. ".txt"
  local text = "Load report " .. id .. "-" .. sent .. ": about " ..
    ((sent * 37) %% 900 + 100) .. ",000 people remain trapped in east Aleppo, " ..
    "the UN said. At least " .. (sent %% 90 + 2) ..
    " people were killed in air strikes overnight."
  local body = "--" .. boundary .. "\r\n" ..
    'Content-Disposition: form-data; name="file"; filename="' .. name .. '"\r\n' ..
    "Content-Type: text/plain\r\n\r\n" .. text .. "\r\n--" .. boundary .. "--\r\n"
  local headers = {}
  for key, value in pairs(wrk.headers) do headers[key] = value end
  headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
  return wrk.format("POST", paths[1], headers, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local s, o, n = 0, 0, 0
  for _, t in ipairs(threads) do
    s = s + t:get("sent"); o = o + t:get("ok"); n = n + t:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "seconds": %%f, "p50_ms": %%f, "p99_ms": %%f, ' ..
    '"sent": %%d, "ok": %%d, "non2xx": %%d, "socket_errors": %%d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, s, o, n,
    e.connect + e.read + e.write + e.timeout))
end
"""


# -- the load generators ---------------------------------------------------


@dataclass
class Load:
    """One load generator's target: GET paths in rotation, or uploads."""

    label: str
    paths: list[str]
    upload: bool = False
    connections: int = 16


@dataclass
class Result:
    requests: int = 0
    seconds: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    sent: int = 0
    ok: int = 0
    non2xx: int = 0
    socket_errors: int = 0

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def ensure_wrk() -> str | None:
    """wrk's path, installing Debian's package when missing; None when it cannot."""
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is missing: installing Debian's package (apt-get install wrk)")
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        print("  cannot install it here (not root, or no apt-get)")
        return None
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "wrk"]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
        subprocess.run(install, env=env, capture_output=True)
    return shutil.which("wrk")


class Driver:
    """Starts load generators as separate processes: wrk, or the fallback."""

    def __init__(self, wrk: str | None, token: str, seconds: int, folder: Path):
        self.wrk, self.token, self.seconds, self.folder = wrk, token, seconds, folder

    def start(self, base: str, load: Load) -> subprocess.Popen[str]:
        if self.wrk is None:
            spec = {
                "base": base,
                "paths": load.paths,
                "upload": load.upload,
                "connections": load.connections,
                "seconds": self.seconds,
                "token": self.token,
            }
            command = [sys.executable, __file__, "--drive", json.dumps(spec)]
        else:
            script = self.folder / f"{load.label.replace(' ', '_')}.lua"
            script.write_text(
                WRK_SCRIPT
                % {
                    "paths": ", ".join(json.dumps(p) for p in load.paths),
                    "upload": "true" if load.upload else "false",
                    "prefix": UPLOAD_PREFIX,
                }
            )
            command = [
                self.wrk,
                f"-t{min(2, load.connections)}",
                f"-c{load.connections}",
                f"-d{self.seconds}s",
                "--timeout",
                "30s",
                "-s",
                str(script),
                "-H",
                f"Authorization: Bearer {self.token}",
                base + load.paths[0],
            ]
        return subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    def run(self, server: Server, *loads: Load) -> list[Result]:
        """Run ``loads`` at the same time against ``server``; one result each."""
        settle(server.pid)
        processes = [self.start(server.base, load) for load in loads]
        results = []
        for process in processes:
            out, err = process.communicate(timeout=self.seconds + 120)
            line = next((x for x in out.splitlines() if x.startswith("RESULT ")), None)
            if line is None:
                raise RuntimeError(f"load generator failed: {err or out}")
            results.append(Result(**json.loads(line.removeprefix("RESULT "))))
        return results


def drive(spec: dict[str, Any]) -> None:
    """The fallback load generator (a second process, like wrk): one asyncio task
    per connection, as many requests as it can for ``seconds``."""
    asyncio.run(_drive(spec))


async def _drive(spec: dict[str, Any]) -> None:
    paths = [str(p) for p in spec["paths"]]
    connections = int(spec["connections"])
    seconds = float(spec["seconds"])
    latencies: list[float] = []
    counts = {"sent": 0, "ok": 0, "non2xx": 0, "errors": 0}
    loop = asyncio.get_running_loop()
    start = loop.time()
    deadline = start + seconds

    async def worker(client: httpx.AsyncClient, worker_id: int) -> None:
        while loop.time() < deadline:
            counts["sent"] += 1
            n = counts["sent"]
            began = time.perf_counter()
            try:
                if spec["upload"]:
                    name = f"{UPLOAD_PREFIX}{worker_id}-{n}.txt"
                    text = (
                        f"Load report {worker_id}-{n}: about {(n * 37) % 900 + 100}"
                        ",000 people remain trapped in east Aleppo, the UN said."
                    )
                    answer = await client.post(
                        paths[0], files={"file": (name, text.encode(), "text/plain")}
                    )
                else:
                    answer = await client.get(paths[n % len(paths)])
            except httpx.TransportError:
                counts["errors"] += 1
                continue
            latencies.append((time.perf_counter() - began) * 1000)
            counts["ok" if 200 <= answer.status_code < 300 else "non2xx"] += 1

    async with httpx.AsyncClient(
        base_url=str(spec["base"]),
        headers={"Authorization": f"Bearer {spec['token']}"},
        timeout=30,
        limits=httpx.Limits(max_connections=connections),
    ) as client:
        await asyncio.gather(*(worker(client, i) for i in range(connections)))
    took = loop.time() - start
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    result = {
        "requests": len(latencies),
        "seconds": took,
        "p50_ms": cuts[49],
        "p99_ms": cuts[98],
        "sent": counts["sent"],
        "ok": counts["ok"],
        "non2xx": counts["non2xx"],
        "socket_errors": counts["errors"],
    }
    print("RESULT " + json.dumps(result))


# -- the servers -----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server at {base} exited ({process.returncode})")
        try:
            httpx.get(base + "/", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"the server at {base} did not start")


def _cpu_seconds(pid: int) -> float:
    """CPU time ``pid`` has used (all its threads), from Linux's /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settle(pid: int, limit: float = 180.0) -> None:
    """Wait until the server has finished what the last run left queued (wrk
    hangs up at the end, but sync endpoints already started run to the end):
    until it uses under 2% of a core for half a second."""
    deadline = time.monotonic() + limit
    used = _cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = _cpu_seconds(pid)
        if now - used < 0.01:
            return
        used = now


@dataclass
class Server:
    base: str
    pid: int


@contextmanager
def running(command: list[str], env: dict[str, str], log: Path) -> Iterator[Server]:
    """Run a server on a free loopback port."""
    port = _free_port()
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [*command, "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, process)
            yield Server(base, process.pid)
        finally:
            process.send_signal(signal.SIGINT)  # uvicorn finishes what is in flight
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def serve_peer(port: int, sizes: list[int]) -> None:
    """The peer: FastAPI on uvicorn as `corridor serve` runs it, each path a
    static JSON body of a given size (``GET /body/N``, ``POST /upload/N``)."""
    import uvicorn
    from fastapi import FastAPI, Request, Response

    bodies = {n: _json_of_size(n) for n in sizes}
    app = FastAPI()

    @app.get("/")
    def index() -> Response:
        return Response(b'{"ok":true}', media_type="application/json")

    @app.get("/body/{size}")
    def body(size: int) -> Response:
        return Response(bodies[size], media_type="application/json")

    @app.post("/upload/{size}", status_code=201)
    async def upload(size: int, request: Request) -> Response:
        await request.body()
        return Response(bodies[size], status_code=201, media_type="application/json")

    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        ws="none",
        server_header=False,
        proxy_headers=False,
        log_level="info",
    )


def _json_of_size(size: int) -> bytes:
    head = b'{"ok":true,"pad":"'
    tail = b'"}'
    return head + b"x" * max(0, size - len(head) - len(tail)) + tail


# -- the store -------------------------------------------------------------


@dataclass
class Seeded:
    token: str
    documents: list[str]
    seeded_documents: int = 0
    claims: int = 0


def seed(db: str, documents: int, extractor: Extractor, folder: Path) -> Seeded:
    """The examples and ``documents`` synthetic reports, ingested and extracted;
    an analyst with an API token."""
    synthetic = folder / "synthetic"
    if not synthetic.is_dir():
        synthetic.mkdir()
        rng = random.Random(2016)
        for i in range(documents):
            (synthetic / f"r{i:06d}.md").write_text(report(rng, i), encoding="utf-8")
    store = open_store(db)
    try:
        for key in sorted((EXAMPLES / "keys").glob("*.pub")):
            add_witness_key(store, key.stem, key.read_text().strip())
        examples, _ = batch.collect(
            [str(EXAMPLES / "reports"), str(EXAMPLES / "witness")]
        )
        example_ids: list[str] = []
        for outcome in batch.ingest(store, examples, batch.Options()):
            example_ids.extend(outcome.new)
        others, _ = batch.collect([str(synthetic)])
        ids = list(example_ids)
        for outcome in batch.ingest(store, others, batch.Options()):
            ids.extend(outcome.new)
        claims = sum(done.claims for done in extract_stored(store, extractor, ids))
        add_user(store, "loadtest", "analyst", "a long enough load-test secret")
        token = create_token(store, "loadtest", "api load benchmark")
    finally:
        store.close()
    return Seeded(token, example_ids, len(ids), claims)


@dataclass
class Stored:
    verified: bool
    entries: int
    problem: str | None
    uploads: int
    distinct: int


def check(db: str) -> Stored:
    store = open_store(db)
    try:
        with store.read() as conn:
            result = chain.verify(conn)
            docs = schema.documents
            uploaded = docs.c.source.startswith(UPLOAD_PREFIX)
            count = sa.select(sa.func.count(), sa.func.count(docs.c.source.distinct()))
            total, distinct = conn.execute(count.where(uploaded)).one()
    finally:
        store.close()
    return Stored(result.ok, result.entries, result.problem, total, distinct)


# -- one backend -----------------------------------------------------------


@dataclass
class Row:
    endpoint: str
    connections: int
    corridor: Result
    peer: Result


@dataclass
class Run:
    backend: str
    rows: list[Row] = field(default_factory=list)
    stored: Stored | None = None
    warmup_uploads: int = 0
    seeded: Seeded | None = None


def _sizes(base: str, token: str, paths: list[str]) -> list[int]:
    sizes = []
    with httpx.Client(base_url=base, timeout=120) as client:
        for path in paths:
            answer = client.get(path, headers={"Authorization": f"Bearer {token}"})
            if answer.status_code != 200:
                raise RuntimeError(f"GET {path}: {answer.status_code} {answer.text}")
            sizes.append(len(answer.content))
    return sizes


def bench_backend(
    backend: str, db: str, args: argparse.Namespace, extractor: Extractor, tmp: Path
) -> Run:
    run = Run(backend)
    started = time.perf_counter()
    seeded = seed(db, args.documents, extractor, tmp)
    run.seeded = seeded
    print(
        f"\n== {backend}: seeded {seeded.seeded_documents:,} documents "
        f"({args.documents:,} synthetic), {seeded.claims:,} claims in "
        f"{time.perf_counter() - started:.1f} s"
    )
    area = quote(AREA)
    loads = [
        Load(
            "claims",
            [
                "/api/v1/claims?indicator=people.trapped&limit=50&offset=0",
                "/api/v1/claims?indicator=people.trapped&limit=50&offset=200",
                f"/api/v1/claims?area={area}&limit=100&offset=50",
                "/api/v1/claims?indicator=people.killed&since=2016-09-01&limit=50",
            ],
        ),
        Load("situation", [f"/api/v1/situation?area={area}"]),
        Load("document", [f"/api/v1/documents/{d}" for d in seeded.documents[:8]]),
        Load("page", [f"/documents/{d}" for d in seeded.documents[:8]]),
    ]
    for load in loads:
        load.connections = args.connections
    env = {
        **os.environ,
        "CORRIDOR_DB": db,
        "CORRIDOR_SECRET_KEY": "k" * 40,
        "CORRIDOR_PUBLIC_READ": "0",
    }
    driver = Driver(args.wrk, seeded.token, args.seconds, tmp)
    writers = max(1, args.connections // 4)
    upload_path = "/api/v1/documents"
    assert CORRIDOR is not None
    with running([CORRIDOR, "serve"], env, tmp / f"{backend}-serve.log") as server:
        base = server.base
        with httpx.Client(base_url=base, timeout=120) as client:  # load the extractor
            warm = client.post(
                upload_path,
                headers={"Authorization": f"Bearer {seeded.token}"},
                files={"file": (f"{UPLOAD_PREFIX}warm.txt", b"Warm: 3 killed.")},
            )
            if warm.status_code != 201:
                raise RuntimeError(f"warm-up upload: {warm.status_code} {warm.text}")
            run.warmup_uploads = 1
            upload_size = len(warm.content)
        sizes = {load.label: _sizes(base, seeded.token, load.paths) for load in loads}
        corridor_results = [driver.run(server, load)[0] for load in loads]
        mixed_reads = Load("reads + uploads", [p for load in loads for p in load.paths])
        mixed_reads.connections = args.connections
        uploads = Load("uploads + reads", [upload_path], True, writers)
        mixed = driver.run(server, mixed_reads, uploads)
    run.stored = check(db)

    peer_command = [sys.executable, __file__, "--serve-peer"]
    all_sizes = sorted({n for s in sizes.values() for n in s} | {upload_size})
    peer_env = {**os.environ, "API_LOAD_SIZES": json.dumps(all_sizes)}
    with running(peer_command, peer_env, tmp / f"{backend}-peer.log") as peer:
        peer_loads = [
            Load(f"peer {load.label}", [f"/body/{n}" for n in sizes[load.label]])
            for load in loads
        ]
        for load in peer_loads:
            load.connections = args.connections
        peer_results = [driver.run(peer, load)[0] for load in peer_loads]
        peer_mixed_reads = Load(
            "peer reads", [p for load in peer_loads for p in load.paths]
        )
        peer_mixed_reads.connections = args.connections
        peer_uploads = Load("peer uploads", [f"/upload/{upload_size}"], True, writers)
        peer_mixed = driver.run(peer, peer_mixed_reads, peer_uploads)
    for load, mine, theirs in zip(loads, corridor_results, peer_results, strict=True):
        run.rows.append(Row(load.label, load.connections, mine, theirs))
    run.rows.append(Row("reads + uploads", args.connections, mixed[0], peer_mixed[0]))
    run.rows.append(Row("uploads + reads", writers, mixed[1], peer_mixed[1]))
    return run


def report_run(run: Run, seconds: int, driver: str) -> None:
    print(f"\n{run.backend}: {seconds} s per run, load from {driver}")
    header = (
        f"{'endpoint':<16} {'conns':>5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'non-2xx':>7} {'peer req/s':>10} {'peer p50':>8} {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    for row in run.rows:
        mine, theirs = row.corridor, row.peer
        ratio = mine.rate / theirs.rate if theirs.rate else 0.0
        errors = mine.non2xx + mine.socket_errors
        print(
            f"{row.endpoint:<16} {row.connections:>5} {mine.rate:>8.1f} "
            f"{mine.p50_ms:>8.1f} {mine.p99_ms:>8.1f} {errors:>7} "
            f"{theirs.rate:>10.1f} {theirs.p50_ms:>8.1f} {ratio:>6.3f}"
        )
    uploads = run.rows[-1].corridor
    stored = run.stored
    assert stored is not None
    acknowledged = uploads.ok + run.warmup_uploads
    sent = uploads.sent + run.warmup_uploads
    lost = max(0, acknowledged - stored.uploads)
    print(
        f"uploads: {sent} issued, {acknowledged} answered 201, {stored.uploads} stored "
        f"({stored.distinct} distinct); "
        + ("no write lost" if lost == 0 else f"{lost} LOST")
        + (
            ""
            if stored.uploads <= sent
            else f", {stored.uploads - sent} more stored than sent"
        )
    )
    print(
        f"evidence log: {stored.entries:,} entries, "
        + ("verifies" if stored.verified else f"DOES NOT VERIFY: {stored.problem}")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--backend", choices=["sqlite", "postgresql", "both"], default="both"
    )
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument(
        "--fallback",
        action="store_true",
        help="drive the load with the asyncio/httpx generator even if wrk is there",
    )
    parser.add_argument("--drive", help=argparse.SUPPRESS)
    parser.add_argument("--serve-peer", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        drive(json.loads(args.drive))
        return
    if args.serve_peer:
        serve_peer(args.port, json.loads(os.environ["API_LOAD_SIZES"]))
        return
    if CORRIDOR is None:
        sys.exit("the corridor command is not installed in this environment")
    if args.fallback:
        args.wrk, driver = None, f"{FALLBACK} (--fallback)"
    else:
        args.wrk = ensure_wrk()
        driver = "wrk" if args.wrk else f"{FALLBACK} (wrk could not be installed)"
    if not args.wrk:
        print(f"load from {driver}: its figures are not comparable with wrk's")
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    extractor = Extractor()
    runs = []
    with tempfile.TemporaryDirectory(prefix="corridor-api-load-") as name:
        tmp = Path(name)
        for backend in backends:
            if backend == "sqlite":
                runs.append(
                    bench_backend(backend, str(tmp / "load.db"), args, extractor, tmp)
                )
                continue
            from tests.postgres import PostgresServer

            server = PostgresServer().start()
            try:
                db = server.new_database()
                runs.append(bench_backend(backend, db, args, extractor, tmp))
            finally:
                server.stop()
    for run in runs:
        report_run(run, args.seconds, driver)


if __name__ == "__main__":
    main()
