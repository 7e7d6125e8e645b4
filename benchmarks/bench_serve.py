"""The dashboard under load, on loopback: cached result JSON and pages, and a run via the API vs the CLI.

Starts ``redline serve``'s app under uvicorn on 127.0.0.1 (a free port), runs one scenario through the
API, then sends a bounded number of GET requests (``--requests``, from ``--clients`` threads, stopping
after ``--seconds`` at most) to the finished run's JSON and page, and prints requests/s and the p50 and
p99 latency against the targets (>= 500 requests/s, p99 < 200 ms). Then times the same run from the
CLI's code path (prepare + execute into a store) and prints the API/CLI ratio (target <= 1.10).

    python benchmarks/bench_serve.py [--draws 2000] [--requests 4000] [--clients 8]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import uvicorn

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _load(base: str, paths: list[str], total: int, clients: int, seconds: float) -> tuple[float, list[float], int]:
    """Send ``total`` GETs round-robin over ``paths``; returns (wall s, latencies s, errors)."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds
    per_client = total // clients

    def worker(k: int) -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=10) as client:
            for i in range(per_client):
                if time.perf_counter() > stop_at:
                    return
                t = time.perf_counter()
                response = client.get(paths[(k + i) % len(paths)])
                dt = time.perf_counter() - t
                with lock:
                    latencies.append(dt)
                    errors += response.status_code != 200

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, range(clients)))
    return time.perf_counter() - t0, latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="nato-2024")
    parser.add_argument("--draws", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    from redline.report import write_report
    from redline.runner import execute, prepare
    from redline.scenario import load_scenario
    from redline.store import Store
    from redline.web import create_app

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        app = create_app(store=tmp / "web.duckdb", data_dir=tmp / "data", scenarios_dir=ROOT / "scenarios")
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=600) as client:
                # warm-up (first-run kernel compilation) outside the timing
                warm = client.post("/api/runs", json={"scenario": args.scenario, "draws": 64}).json()["run_id"]
                while client.get(f"/api/runs/{warm}").json()["status"] not in ("finished", "failed"):
                    time.sleep(0.2)
                t0 = time.perf_counter()
                run_id = client.post("/api/runs", json={"scenario": args.scenario, "draws": args.draws}).json()["run_id"]
                while (status := client.get(f"/api/runs/{run_id}").json()["status"]) not in ("finished", "failed"):
                    time.sleep(0.1)
                api_seconds = time.perf_counter() - t0
                assert status == "finished", status
            paths = [f"/api/runs/{run_id}", f"/runs/{run_id}", "/api/scenarios"]
            wall, latencies, errors = _load(base, paths, args.requests, args.clients, args.seconds)
        finally:
            server.should_exit = True
            thread.join(timeout=10)

        rate = len(latencies) / wall
        p50 = statistics.quantiles(latencies, n=100)[49] * 1000
        p99 = statistics.quantiles(latencies, n=100)[98] * 1000
        print(f"cached reads: {len(latencies)} requests in {wall:.1f} s = {rate:,.0f} requests/s "
              f"(target >= 500: {'met' if rate >= 500 else 'MISSED'}); p50 {p50:.1f} ms, p99 {p99:.1f} ms "
              f"(target < 200 ms: {'met' if p99 < 200 else 'MISSED'}); errors {errors}")

        source = ROOT / "scenarios" / f"{args.scenario}.toml"
        t0 = time.perf_counter()
        plan = prepare(load_scenario(source), draws=args.draws, source=source)
        with Store(tmp / "cli.duckdb") as store:
            result = execute(plan, store)
        write_report(result.summary, tmp / "cli" / "report.html", plan=plan)
        cli_seconds = time.perf_counter() - t0
        ratio = api_seconds / cli_seconds
        print(f"a run of {args.draws} draws with its report: API {api_seconds:.2f} s, CLI path {cli_seconds:.2f} s: ratio {ratio:.2f} (target <= 1.10: {'met' if ratio <= 1.10 else 'MISSED'})")


if __name__ == "__main__":
    main()
