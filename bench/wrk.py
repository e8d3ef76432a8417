"""Runs wrk against one URL and reads its report: requests per second, p50 and p99 latency, errors."""

import re
import shutil
import subprocess
from dataclasses import dataclass

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class Result:
    url: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # socket errors plus responses other than 2xx/3xx

    def ratio(self, reference):
        return self.requests_per_second / reference.requests_per_second if reference.requests_per_second else 0.0


def latency_ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(match.group(1)) * UNITS[match.group(2)]


def parse(url, output):
    def number(pattern, default=0):
        match = re.search(pattern, output)
        return match.group(1) if match else default

    socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", number(r"Socket errors: (.*)", "")))
    return Result(
        url=url,
        requests_per_second=float(number(r"Requests/sec:\s+([\d.]+)")),
        p50_ms=latency_ms(number(r"\n\s+50%\s+(\S+)", "0ms")),
        p99_ms=latency_ms(number(r"\n\s+99%\s+(\S+)", "0ms")),
        requests=int(number(r"(\d+) requests in")),
        errors=socket_errors + int(number(r"Non-2xx or 3xx responses: (\d+)")),
    )


def run(url, *, seconds, connections=32, threads=2, headers=()):
    """One bounded wrk run (loopback only); `headers` are "Name: value" strings."""
    binary = shutil.which("wrk")
    if not binary:
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    if not url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        raise ValueError(f"benchmarks run against loopback addresses only, not {url}")
    args = [binary, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for header in headers:
        args += ["-H", header]
    output = subprocess.run(args + [url], capture_output=True, text=True, timeout=seconds + 30, check=True).stdout
    return parse(url, output)
