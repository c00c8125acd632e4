"""`make screenshots`: pictures of the main pages, for README and docs/screenshots/.

It builds a fresh SQLite demo database (`seed_demo`) in a temporary folder, serves the app on a
free port with `manage.py runserver`, drives Debian's Chromium with Playwright (which cannot
download a browser here) and writes PNGs of the first screen or two of each page. The printed
referral brief is printed to PDF and its first page turned into a PNG with `pdftoppm` (poppler-
utils); without it, the brief is drawn as the browser prints it. PNGs go through `pngquant` or
`optipng` when either is installed.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--only home,office]
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "demo-password-2026"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    viewport: dict
    who: str | None = None  # the demo account to sign in as
    height: int = 1200  # how much of the page to keep, in CSS pixels
    printed: bool = False  # the page as it prints (PDF, first page)


SHOTS = [
    Shot("home", "/", DESKTOP),
    Shot("directory", "/groups/?q=women", DESKTOP, height=1400),
    Shot("group-phone", "/groups/riverside-womens-aa/", PHONE, height=1480),
    Shot("portal", "/portal/", DESKTOP, who="leader@groups.example", height=900),
    Shot("office", "/office/", DESKTOP, who="liaison@riverside.example", height=1100),
    Shot("dashboard", "/dashboard/", DESKTOP, who="director@riverside.example", height=1100),
    Shot(
        "referral-brief",
        "/groups/riverside-womens-aa/brief/",
        DESKTOP,
        who="liaison@riverside.example",
        printed=True,
    ),
    Shot("style-guide", "/office/style/", DESKTOP, who="liaison@riverside.example", height=1800),
]


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"The app did not answer at {url}.")
        time.sleep(0.5)


def sign_in(page, env, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/accounts/mfa/verify/" in page.url:
        # Practitioners and the superuser give a code; the demo prints the current one.
        code = re.search(r"\d{6}", manage(env, "demo_code", capture=True)).group(0)
        page.locator("input[name=code]").fill(code)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()


def optimise(png: Path) -> None:
    if shutil.which("pngquant"):
        subprocess.run(
            ["pngquant", "--force", "--skip-if-larger", "--strip", "--output", png, png],
            check=False,
        )
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o2", "-strip", "all", png], check=False)


def printed(page, target: Path, work: Path) -> None:
    """The first printed page, as a PNG: through a PDF when pdftoppm is installed."""
    if shutil.which("pdftoppm"):
        pdf = work / f"{target.stem}.pdf"
        page.pdf(path=str(pdf), format="Letter", print_background=True)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "90",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                pdf,
                target.with_suffix(""),
            ],
            check=True,
        )
    else:
        page.emulate_media(media="print")
        page.screenshot(path=str(target), full_page=True)


def take(browser, base_url: str, env, shot: Shot, out: Path, work: Path) -> Path:
    context = browser.new_context(
        base_url=base_url, viewport=shot.viewport, locale="en-US", device_scale_factor=1
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    try:
        if shot.who:
            sign_in(page, env, shot.who)
        response = page.goto(shot.path)
        if response is None or response.status != 200:
            raise SystemExit(f"{shot.path} answered {response and response.status}")
        page.wait_for_load_state("networkidle")
        target = out / f"{shot.name}.png"
        if shot.printed:
            printed(page, target, work)
        else:
            height = page.evaluate("document.documentElement.scrollHeight")
            clip = {
                "x": 0,
                "y": 0,
                "width": shot.viewport["width"],
                "height": min(height, shot.height),
            }
            page.screenshot(path=str(target), full_page=True, clip=clip)
        optimise(target)
        return target
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", default="", help="names of the shots to take, comma-separated")
    options = parser.parse_args()
    wanted = {name for name in options.only.split(",") if name}
    shots = [shot for shot in SHOTS if not wanted or shot.name in wanted]
    if not os.path.exists(CHROMIUM):
        raise SystemExit(f"No Chromium at {CHROMIUM} (apt-get install -y chromium).")
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="liaison-screenshots-") as folder:
        work = Path(folder)
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{work / 'demo.sqlite3'}",
            "DEBUG": "true",
            # No map tiles from the network: the map draws its markers alone.
            "MAP_TILE_URL": "",
            "TASK_QUEUE": "immediate",
        }
        env.pop("DATABASE_REPLICA_URL", None)
        env.pop("REDIS_URL", None)
        print("Building a fresh demo database…")
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "seed_demo", "--quiet")
        port = free_port()
        server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_for(f"{base_url}/")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
                )
                try:
                    for shot in shots:
                        target = take(browser, base_url, env, shot, out, work)
                        print(f"  {target}  {target.stat().st_size // 1024} KB")
                finally:
                    browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
