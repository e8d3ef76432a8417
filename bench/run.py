"""`make bench`: fill PostgreSQL with fake data, serve it with gunicorn, and measure with wrk against two
references (nginx serving the post page as a static file; Django's /robots.txt). Run under scripts/with-postgres.sh.

Environment: BENCH_POSTS (10000), BENCH_COMMENTS (200000), BENCH_SECONDS (10 a run), BENCH_CONNECTIONS (32),
BENCH_CACHE (redis, or local for the per-process cache), BENCH_TARGET_REPEATS (3: pairs of runs, reference and page,
for each of the issue's targets), BENCH_WRITE (1: write docs/PERFORMANCE.md).
"""

import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import report, wrk  # noqa: E402
from bench.servers import (  # noqa: E402
    PROJECT, PYTHON, Processes, free_port, start_gunicorn, start_nginx, start_redis, worker_memory_mib,
)

POSTS = int(os.environ.get("BENCH_POSTS", 10000))
COMMENTS = int(os.environ.get("BENCH_COMMENTS", 200000))
SECONDS = int(os.environ.get("BENCH_SECONDS", 10))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 32))
FLOOR_SECONDS = 4
SETTLE_SECONDS = 2
TARGET_REPEATS = int(os.environ.get("BENCH_TARGET_REPEATS", 3))
SMALL_POSTS, SMALL_COMMENTS = 100, 2000
SEARCH_WORDS = "permalinks feeds"


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], env=env, cwd=PROJECT, check=True, stdout=subprocess.DEVNULL)


def query(env, code):
    result = subprocess.run([PYTHON, "manage.py", "shell", "-c", code], env=env, cwd=PROJECT, check=True,
                            capture_output=True, text=True)
    return result.stdout.strip().splitlines()[-1]


def fetch(url, headers=None):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
        return response.read(), dict(response.headers)


PICK_TARGETS = """
from django.db.models import Count, Q
from django.db.models.functions import Abs
from blog.models import Post, Tag
post = (Post.objects.live().annotate(n=Count("comments", filter=Q(comments__status="approved")))
        .annotate(off=Abs(Count("comments", filter=Q(comments__status="approved")) - 50)).order_by("off", "-pk").first())
tag = Tag.objects.with_live_counts().order_by("-live_count").first()
print(f"{post.slug} {post.n} {tag.slug} {tag.live_count}")
"""


def pages(targets):
    post_slug, _, tag_slug, _ = targets
    return {
        "home": "/",
        "post (50 comments)": f"/blog/{post_slug}/",
        "tag page": f"/tags/{tag_slug}/",
        "RSS feed": "/rss.xml",
        "sitemap": "/sitemap.xml",
        "search": f"/search/?q={SEARCH_WORDS.replace(' ', '+')}",
        "archive": "/archive/",
        "tags index": "/tags/",
        "comments feed": "/comments.xml",
    }


def single_connection_p50(base, urls):
    """Median time of one request at a time, per page: how the cost grows with the data."""
    return {name: wrk.run(base + path, seconds=3, connections=1, threads=1).p50_ms for name, path in urls.items()}


def main():
    workdir = Path(tempfile.mkdtemp(prefix="quire-bench-"))
    processes = Processes()
    env = {
        **os.environ, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "SITE_URL": "http://127.0.0.1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"), "LOG_LEVEL": "WARNING",
    }
    try:
        if os.environ.get("BENCH_CACHE", "redis") == "redis":
            redis_url = start_redis(processes, workdir)
            if redis_url is None:
                sys.exit("redis-server is not installed (apt-get install redis-server), or set BENCH_CACHE=local.")
            env["REDIS_URL"] = redis_url
        print(f"Preparing the database ({SMALL_POSTS} posts first)...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "generate_fake", "--posts", str(SMALL_POSTS), "--comments", str(SMALL_COMMENTS), "--clear")
        small_targets = query(env, PICK_TARGETS).split()
        cold = start_gunicorn(processes, env, free_port(), workdir / "cold-small.log", PAGE_CACHE_SECONDS=0)
        small = single_connection_p50(cold, pages(small_targets))
        processes.stop_all()
        if "REDIS_URL" in env:
            env["REDIS_URL"] = start_redis(processes, workdir)

        print(f"Filling it to {POSTS} posts and {COMMENTS} comments...", flush=True)
        started = time.monotonic()
        manage(env, "generate_fake", "--posts", str(POSTS), "--comments", str(COMMENTS), "--clear")
        fill_seconds = time.monotonic() - started
        targets = query(env, PICK_TARGETS).split()
        urls = pages(targets)

        instances = {"cold": len(processes.running)}
        cold = start_gunicorn(processes, env, free_port(), workdir / "cold.log", PAGE_CACHE_SECONDS=0)
        bare = start_gunicorn(processes, env, free_port(), workdir / "bare.log", PAGE_CACHE_SECONDS=0,
                              FRAGMENT_CACHE_SECONDS=0)
        warm_port = free_port()
        instances["warm"] = len(processes.running)
        warm = start_gunicorn(processes, env, warm_port, workdir / "warm.log")
        large = single_connection_p50(cold, urls)

        post_path = urls["post (50 comments)"]
        post_html, _ = fetch(warm + post_path)
        static, proxy = start_nginx(processes, workdir, warm_port, {post_path: post_html})
        _, feed_headers = fetch(warm + "/rss.xml")

        def measure(base, path, headers=()):
            wrk.run(base + path, seconds=2, connections=CONNECTIONS, headers=headers)  # warm-up
            result = wrk.run(base + path, seconds=SECONDS, connections=CONNECTIONS, headers=headers)
            print(f"  {base + path}: {result.requests_per_second:,.0f} req/s, p99 {result.p99_ms:.1f} ms", flush=True)
            return result

        floors = []

        def measure_beside_floor(base, path, headers=()):
            """The page, and Django's floor measured just before it: other load on the machine comes and goes
            within seconds, so each ratio compares two runs made under the same conditions."""
            time.sleep(SETTLE_SECONDS)  # gunicorn finishes the requests the last run left queued
            floors.append(wrk.run(cold + "/robots.txt", seconds=FLOOR_SECONDS, connections=CONNECTIONS))
            return measure(base, path, headers), floors[-1]

        load_before = os.getloadavg()[0]
        print("References...", flush=True)
        static_result = measure(static, post_path)
        print("Pages...", flush=True)
        rows = []
        scenarios = [(name, path, ()) for name, path in urls.items() if name not in ("archive", "tags index", "comments feed")]
        scenarios.insert(4, ("RSS feed, conditional (304)", "/rss.xml", (f"If-None-Match: {feed_headers['ETag']}",)))
        for name, path, headers in scenarios:
            for state, base in (("page cache off", cold), ("page cache on", warm)):
                rows.append((name, state, *measure_beside_floor(base, path, headers)))
            if path == post_path:
                rows.append((name, "page cache and parts off", *measure_beside_floor(bare, path, headers)))
        rows.append(("/robots.txt", "page cache on", *measure_beside_floor(warm, "/robots.txt")))
        rows.append(("post (50 comments)", "nginx proxy_cache", *measure_beside_floor(proxy, post_path)))
        def measure_beside_static(path):
            """The page through nginx's proxy_cache, and nginx serving it as a static file just before."""
            static_run = measure(static, path)
            return measure(proxy, path), static_run

        print("The issue's targets again, each as pairs of runs (floor or nginx static, then the page)...", flush=True)
        target_pairs = {
            name: [measure_beside_floor(base, path, headers) for _ in range(TARGET_REPEATS)]
            for name, base, path, headers in (
                ("warm post", warm, post_path, ()),
                ("cold post (50 comments)", cold, post_path, ()),
                ("RSS feed, conditional (304)", cold, "/rss.xml", (f"If-None-Match: {feed_headers['ETag']}",)),
            )
        }
        target_pairs["post behind nginx proxy_cache"] = [measure_beside_static(post_path) for _ in range(TARGET_REPEATS)]
        statics = [static_result, measure(static, post_path)]  # again, just after the last Django run
        references = {"nginx static": max(statics, key=lambda result: result.requests_per_second),
                      "Django floor": report.median(floors)}
        memory = {name: worker_memory_mib(processes.running[index].pid)
                  for name, index in (("page cache off", instances["cold"]), ("page cache on", instances["warm"]))}

        database = query(env, "from django.db import connection; c = connection.cursor(); "
                              "c.execute('SHOW server_version'); print('PostgreSQL', c.fetchone()[0].split()[0])")
        machine = report.machine_description(database)
        command = "make bench" + "".join(
            f" {name}={os.environ[name]}" for name in ("BENCH_POSTS", "BENCH_COMMENTS", "BENCH_SECONDS", "BENCH_CACHE")
            if name in os.environ
        )
        text = report.render(
            references=references, rows=rows, small=small, large=large, machine=machine, command=command,
            target_pairs=target_pairs, memory=memory, floor_runs=len(floors), sizes=(SMALL_POSTS, POSTS),
            requests=sum(page.requests * (state != "nginx proxy_cache") + floor.requests for _, state, page, floor in rows)
            + sum(page.requests + floor.requests for name, pairs in target_pairs.items() for page, floor in pairs
                  if name != "post behind nginx proxy_cache"),  # what reached gunicorn's workers
            data=f"{POSTS:,} posts and {COMMENTS:,} comments (filled in {fill_seconds:.0f} s); "
                 f"post with {targets[1]} approved comments; tag with {targets[3]} posts",
            settings=f"gunicorn.conf.py defaults, cache: {'Redis' if 'REDIS_URL' in env else 'per process'}, "
                     f"wrk -t2 -c{CONNECTIONS} -d{SECONDS}s; load average before the runs {load_before:.1f}, "
                     f"after {os.getloadavg()[0]:.1f} (other processes on the machine lower every figure)",
        )
        print(text)
        if os.environ.get("BENCH_WRITE", "1") == "1":
            report.write_section(PROJECT / "docs" / "PERFORMANCE.md", text)
            print("Written to docs/PERFORMANCE.md (section Throughput).")
    finally:
        processes.stop_all()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    print(f"Quire benchmark on {platform.node()}", flush=True)
    main()
