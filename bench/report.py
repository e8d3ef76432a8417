"""The benchmark's Markdown report, and its place in docs/PERFORMANCE.md (the "Throughput" section only)."""

import os
import platform
import re
import subprocess
from datetime import date

START, END = "<!-- throughput:start -->", "<!-- throughput:end -->"
SECTION_TITLE = "## Throughput"


def version(args):
    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=10)
    except OSError:
        return "?"
    text = (result.stdout or result.stderr).strip().splitlines()
    return text[0] if text else "?"


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def machine_description(database):
    import django
    import gunicorn

    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu_model()}), {memory_gib:.0f} GiB, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Django {django.get_version()}, gunicorn {gunicorn.__version__}, "
        f"{database}, {version(['nginx', '-v'])}, {version(['wrk', '--version']).split(' [')[0]}"
    )


def median(results):
    """The run with the median requests per second."""
    return sorted(results, key=lambda result: result.requests_per_second)[len(results) // 2]


def render(*, references, rows, small, large, machine, command, data, settings, target_pairs, memory, requests,
           floor_runs, sizes):
    static, floor = references["nginx static"], references["Django floor"]
    lines = [
        SECTION_TITLE,
        "",
        START,
        f"Measured {date.today():%Y-%m-%d} with `{command}` on {machine}.",
        f"Data: {data}. Load: {settings}; every server on loopback, wrk on the same 2 cores.",
        "",
        "| reference | req/s | p50 | p99 | errors |",
        "|---|---:|---:|---:|---:|",
        f"| nginx serving the post page as a static file (the better of two runs, first and last) | "
        f"{static.requests_per_second:,.0f} | {static.p50_ms:.2f} ms | "
        f"{static.p99_ms:.2f} ms | {static.errors} |",
        f"| Django floor: /robots.txt, page cache off (median of {floor_runs} runs, one before each page run) | "
        f"{floor.requests_per_second:,.0f} | {floor.p50_ms:.2f} ms | {floor.p99_ms:.2f} ms | {floor.errors} |",
        "",
        "| page | caches | req/s | p50 | p99 | errors | × nginx static | floor beside it | × that floor |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, state, result, beside in rows:
        lines.append(
            f"| {name} | {state} | {result.requests_per_second:,.0f} | {result.p50_ms:.2f} ms | {result.p99_ms:.2f} ms | "
            f"{result.errors} | {result.ratio(static):.3f} | {beside.requests_per_second:,.0f} | "
            f"{result.ratio(beside):.2f} |"
        )
    lines += targets_table(target_pairs, static, rows, small, large, sizes)
    lines += [
        "",
        f"Worker memory (resident, MiB) after the runs above, about {requests:,} requests to gunicorn without a worker "
        "restart: "
        + "; ".join(f"{name}: {', '.join(f'{size:.0f}' for size in sizes)}" for name, sizes in memory.items()) + ".",
    ]
    lines += [
        "",
        "Cost against the size of the data: median time of one request at a time, page cache off (parts and "
        "aggregates cached, as after a change elsewhere on the site).",
        "",
        f"| page | {sizes[0]:,} posts | {sizes[1]:,} posts | ratio |",
        "|---|---:|---:|---:|",
    ]
    for name, small_ms in small.items():
        large_ms = large.get(name, 0.0)
        lines.append(f"| {name} | {small_ms:.2f} ms | {large_ms:.2f} ms | {large_ms / small_ms if small_ms else 0:.2f} |")
    lines.append(END)
    return "\n".join(lines)


# The targets: (page, reference, least ratio). The reference is the first run of each pair ("floor": Django's
# floor, "static beside": nginx static just before), or "nginx static", the better of the two reference runs.
TARGETS = {
    "warm post ≥ 0.8 × floor": ("warm post", "floor", 0.8),
    "warm post ≥ 0.06 × nginx static": ("warm post", "nginx static", 0.06),
    "cold post (50 comments) ≥ 0.35 × floor": ("cold post (50 comments)", "floor", 0.35),
    "304 feed ≥ 0.8 × floor": ("RSS feed, conditional (304)", "floor", 0.8),
    "post behind nginx proxy_cache ≥ 0.8 × nginx static": ("post behind nginx proxy_cache", "static beside", 0.8),
}


def targets_table(target_pairs, static, rows, small, large, sizes):
    """Each target's ratio in every pair of runs (the page beside the reference run just before it) in the order they
    ran, and their median; then errors over every run, and the cost against the size of the data."""
    lines = [
        "",
        "The issue's targets, measured again at the end as pairs of runs (Django's floor, or nginx serving the "
        "page as a static file for proxy_cache, then the page):",
        "",
        "| target | each pair, in order | median | p99 of each page run | met? |",
        "|---|---|---:|---|---|",
    ]
    for target, (page, reference, least) in TARGETS.items():
        pairs = target_pairs[page]
        ratios = [result.ratio(static if reference == "nginx static" else beside) for result, beside in pairs]
        middle = sorted(ratios)[len(ratios) // 2]
        lines.append(
            f"| {target} | {', '.join(f'{ratio:.3f}' for ratio in ratios)} | {middle:.3f} | "
            f"{', '.join(f'{result.p99_ms:.1f} ms' for result, _ in pairs)} | {'yes' if middle >= least else 'no'} |"
        )
    p99s = [result.p99_ms for result, _ in target_pairs["warm post"]]
    middle_p99 = sorted(p99s)[len(p99s) // 2]
    lines.append(f"| warm post p99 < 50 ms at 32 connections | {', '.join(f'{p99:.1f} ms' for p99 in p99s)} | "
                 f"{middle_p99:.1f} ms | | {'yes' if middle_p99 < 50 else 'no'} |")
    runs = [static, *(result for *_, result, floor in rows), *(floor for *_, floor in rows),
            *(result for pairs in target_pairs.values() for pair in pairs for result in pair)]
    errors = sum(result.errors for result in runs)
    lines.append(f"| zero errors and non-2xx/3xx responses | {errors} in {len(runs)} runs | | | "
                 f"{'yes' if errors == 0 else 'no'} |")
    growth = max(large.get(name, 0.0) / small_ms for name, small_ms in small.items() if small_ms)
    lines.append(f"| every page with {sizes[1]:,} posts within 2 × its time with {sizes[0]:,} | at most {growth:.2f} × "
                 f"(table below) | | | {'yes' if growth <= 2 else 'no'} |")
    return lines


def write_section(path, text):
    """Replace the Throughput section between its markers (or append it); the rest of the file is kept."""
    body = path.read_text() if path.exists() else "# Performance\n"
    pattern = re.compile(rf"{re.escape(SECTION_TITLE)}\n\n{re.escape(START)}.*?{re.escape(END)}", re.S)
    if pattern.search(body):
        body = pattern.sub(lambda _: text, body)
    else:
        body = body.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(body)
