"""A lecture's worth of load: N students open the app at once, each typing a different function.

    python -m diffexplain.load [--sessions 20] [--seconds 240]

Starts the real server (`streamlit run`, headless, on a free loopback port), drives N pages of
Debian's Chromium at once (one browser, one context per student), and reports errors (must be
0) and the p50/p95 time from pressing Enter to the agreement verdict. Bounded in sessions and
time; the server and browser are stopped whatever happens. Needs the dev requirements.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote, quote_plus

from diffexplain.server import BROWSER_ARGS, CHROMIUM, running_app

FUNCTIONS = [
    "sin(x)*exp(x)",
    "x^3 - 2x",
    "log(1 + x^2)",
    "tanh(x)^2",
    "x*y + y^2",
    "sqrt(1 + x^2)",
    "exp(-x^2/2)",
    "atan(x)/x",
    "sigmoid(w*x + b)",
    "x^x",
    "cos(x)^3 sin(x)",
    "erf(x)",
    "(x+1)(x-1)/(x^2+3)",
    "asinh(x)",
    "x^5 - 3x^3 + x",
    "x^2 log(x)",
    "sin(x y) + exp(x - y)",
    "1/(1 + exp(-x))",
    "abs(x) x",
    "relu(x) + x^2",
]


async def _student(browser, url: str, function: str, timeout_ms: float) -> dict:
    """One visitor: open the page, type a function, wait for the verdict."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(timeout_ms)
    try:
        await page.goto(url)
        await page.get_by_text("values agree").first.wait_for()
        box = page.get_by_label("Function", exact=True)
        await box.fill(function)
        started = time.monotonic()
        await box.press("Enter")
        # the page writes the function into the URL as soon as it reads it, then computes
        await page.wait_for_url(
            lambda address: (
                "f=" + quote(function, safe="") in address or "f=" + quote_plus(function) in address
            )
        )
        await page.wait_for_timeout(200)
        await page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached")
        verdict = page.get_by_text("values agree").or_(page.get_by_text("values differ"))
        await verdict.first.wait_for()
        seconds = time.monotonic() - started
        crashed = await page.locator('[data-testid="stException"]').count()
        return {"function": function, "seconds": seconds, "error": "exception" if crashed else ""}
    except Exception as error:  # noqa: BLE001 - every failure is counted, none stops the run
        return {"function": function, "seconds": None, "error": f"{type(error).__name__}: {error}"}
    finally:
        await context.close()


async def _run(url: str, sessions: int, seconds: float) -> list[dict]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            students = [
                _student(browser, url, FUNCTIONS[i % len(FUNCTIONS)], seconds * 1000)
                for i in range(sessions)
            ]
            return await asyncio.wait_for(asyncio.gather(*students), timeout=seconds)
        finally:
            await browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m diffexplain.load")
    parser.add_argument("--sessions", type=int, default=20, help="students at once (max 50)")
    parser.add_argument("--seconds", type=float, default=240, help="time limit for the run")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    args = parser.parse_args(argv)
    sessions = max(1, min(args.sessions, 50))
    with running_app() as url:
        results = asyncio.run(_run(url, sessions, args.seconds))
    times = sorted(r["seconds"] for r in results if r["seconds"] is not None)
    errors = [r for r in results if r["error"]]
    summary = {
        "sessions": sessions,
        "errors": len(errors),
        "p50_seconds": statistics.median(times) if times else None,
        "p95_seconds": times[min(len(times) - 1, int(0.95 * len(times)))] if times else None,
        "results": results,
    }
    print(f"{sessions} sessions, {len(errors)} errors")
    if times:
        print(
            f"time to result: p50 {summary['p50_seconds']:.2f} s, "
            f"p95 {summary['p95_seconds']:.2f} s, max {times[-1]:.2f} s"
        )
    for error in errors:
        print(f"  {error['function']}: {error['error'][:200]}")
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2))
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
