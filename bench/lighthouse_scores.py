"""Write Lighthouse JSON reports into the "Lighthouse" section of docs/PERFORMANCE.md (other sections are kept).

Usage: python bench/lighthouse_scores.py docs/PERFORMANCE.md REPORT.json... (files named <page>-<device>.run<N>.json;
of several runs of one page and device, the one with the median performance score is reported).
"""

import json
import re
import sys
from datetime import date
from pathlib import Path

CATEGORIES = [("performance", "Performance"), ("accessibility", "Accessibility"), ("best-practices", "Best practices"), ("seo", "SEO")]
METRICS = [
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
]


def code_weight(report):
    """Kilobytes of HTML, CSS and JavaScript the page loaded, uncompressed (images and fonts left out)."""
    requests = report["audits"]["network-requests"]["details"]["items"]
    total = sum(item.get("resourceSize", 0) for item in requests if item.get("resourceType") in ("Document", "Stylesheet", "Script"))
    return f"{total / 1024:.1f} KB"


def shortfalls(report):
    """Audits that lost points in any category: (category, title, display value)."""
    audits = report["audits"]
    found = []
    for key, label in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] > 0 and audit.get("score") is not None and audit["score"] < 1:
                found.append((label, audit["title"], audit.get("displayValue", "")))
    return found


def section(reports):
    first = next(iter(reports.values()))
    lines = [
        "## Lighthouse",
        "",
        f"Measured {date.today():%d %B %Y} by `bench/lighthouse.sh`: Lighthouse {first['lighthouseVersion']} with Debian's "
        f"Chromium ({first['environment']['hostUserAgent'].split('Chrome/')[-1].split(' ')[0]}), against the demo site "
        "served as in production (DEBUG off, collectstatic, gunicorn and whitenoise on this machine). Mobile is "
        "Lighthouse's default (a mid-range phone on a throttled 4G connection, simulated); desktop is `--preset=desktop`. "
        "Each is the median of several runs (by performance score).",
        "",
        "| page | device | " + " | ".join(label for _, label in CATEGORIES) + " | " + " | ".join(label for _, label in METRICS)
        + " | HTML + CSS + JS |",
        "|---|---|" + "---:|" * (len(CATEGORIES) + len(METRICS) + 1),
    ]
    for name, report in reports.items():
        page, device = name.split("-", 1)
        scores = [str(round(report["categories"][key]["score"] * 100)) for key, _ in CATEGORIES]
        metrics = [report["audits"][key].get("displayValue", "") for key, _ in METRICS]
        lines.append(f"| {page} | {device} | " + " | ".join([*scores, *metrics, code_weight(report)]) + " |")
    lines += ["", "HTML + CSS + JS: what the page loaded without images, uncompressed (the budget for a post is 40 KB)."]
    lost = sorted({item for report in reports.values() for item in shortfalls(report)})
    lines += ["", "Audits below full marks (a category shows 100 from 99.5 up):" if lost else "Every audit has full marks."]
    lines += [f"- {category}: {title}" + (f" ({value})" if value else "") for category, title, value in lost]
    return "\n".join(lines) + "\n"


def write_section(document, text):
    current = document.read_text(encoding="utf-8") if document.exists() else "# Performance\n"
    pattern = re.compile(r"^## Lighthouse\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text + "\n", current, count=1).rstrip("\n") + "\n"
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    document.write_text(updated, encoding="utf-8")


def median_runs(paths):
    """{"<page>-<device>": the report of the median run}, in the order the pages and devices first appear."""
    runs = {}
    for path in paths:
        runs.setdefault(Path(path).name.split(".")[0], []).append(json.loads(Path(path).read_text(encoding="utf-8")))
    chosen = {}
    for name, reports in runs.items():
        reports.sort(key=lambda report: report["categories"]["performance"]["score"])
        chosen[name] = reports[(len(reports) - 1) // 2]
    return chosen


def main(document, *paths):
    reports = median_runs(paths)
    text = section(reports)
    write_section(Path(document), text)
    print(text)


if __name__ == "__main__":
    main(*sys.argv[1:])
