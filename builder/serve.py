"""`python -m builder serve`: a live preview for template editors.

A watcher polls the modification times of `seeds/`, `templates/`, `mkdocs.yml` and the
aliases file; on a change it runs the normal build (cached annotations make it quick) into
`site/`, which a small web server serves. A build that fails leaves `site/` as it was and
shows its error in the browser instead of the page, until the next build succeeds. Pages
served by the preview reload themselves after each build; the files in `site/` are never
touched by the preview.
"""

from __future__ import annotations

import html
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from builder import pipeline
from builder.errors import BuilderError
from builder.settings import Settings

VERSION_PATH = "/__briefings__/version"
RELOAD = (
    "<script>(function(){var v=null;setInterval(function(){fetch('" + VERSION_PATH + "').then(function(r)"
    "{return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){})},1000)})()"
    "</script>"
)
"""Injected into every HTML page the preview serves (not into the files in `site/`)."""

Stamp = dict[str, tuple[int, int]]


def stamp(paths: Iterable[Path]) -> Stamp:
    """Modification time and size of every file under `paths` (files or folders)."""
    found: Stamp = {}
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            try:
                info = file.stat()
            except OSError:
                continue
            if file.is_file():
                found[str(file)] = (info.st_mtime_ns, info.st_size)
    return found


class Preview:
    """The state the server shows: the last build's error (or None) and a version number."""

    def __init__(self, settings: Settings, build: Callable[[], object], report: Callable[[str], None]):
        self.settings = settings
        self.build = build
        self.report = report
        self.error: str | None = None
        self.version = 0
        self.seen: Stamp = {}

    def watched(self) -> list[Path]:
        s = self.settings
        return [s.seeds, s.templates, s.config, s.aliases]

    def changed(self) -> bool:
        now = stamp(self.watched())
        if now == self.seen:
            return False
        self.seen = now
        return True

    def rebuild(self) -> None:
        """Build once; a failure is kept for the browser and reported, never raised."""
        started = time.monotonic()
        try:
            self.build()
        except BuilderError as error:
            self.error = str(error)
        except Exception:  # noqa: BLE001 - a bug in the build must not stop the preview
            self.error = traceback.format_exc()
        else:
            self.error = None
        self.version += 1
        took = f"{time.monotonic() - started:.1f}s"
        self.report(f"build failed ({took}):\n{self.error}" if self.error else f"built in {took}")

    def poll(self) -> bool:
        """Rebuild if a watched file changed since the last look; True if it did."""
        if self.changed():
            self.rebuild()
            return True
        return False


def error_page(message: str) -> str:
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Build failed</title></head>"
        "<body style='font-family:sans-serif;margin:2rem'><h1>The build failed</h1>"
        "<p>The last site that built is still in its folder, unchanged; this page shows the error "
        "in its place. Fix the problem and save: this page reloads.</p>"
        f"<pre style='background:#fee;padding:1rem;white-space:pre-wrap'>{html.escape(message)}</pre>"
        f"{RELOAD}</body></html>"
    )


class Handler(SimpleHTTPRequestHandler):
    preview: Preview

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path = self.path.split("?", 1)[0]
        if path == VERSION_PATH:
            return self.send_text(str(self.preview.version), "text/plain")
        if self.preview.error is not None and (path.endswith((".html", "/")) or "." not in path.rsplit("/", 1)[-1]):
            return self.send_text(error_page(self.preview.error), "text/html", 500)
        target = Path(self.translate_path(path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            page = target.read_text(encoding="utf-8", errors="replace")
            return self.send_text(page.replace("</body>", RELOAD + "</body>", 1), "text/html")
        return super().do_GET()

    def send_text(self, text: str, kind: str, status: int = 200) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass


def server(preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
    """A web server for `preview.settings.site`; port 0 picks a free port."""
    preview.settings.site.mkdir(parents=True, exist_ok=True)
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    return ThreadingHTTPServer((host, port), partial(handler, directory=str(preview.settings.site)))


def serve(settings: Settings, report: Callable[[str], None], host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build, serve `site/`, and rebuild on every change until interrupted."""
    preview = Preview(settings, lambda: pipeline.build(settings, report), report)
    preview.poll()
    httpd = server(preview, host, port)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    report(f"serving {settings.site} at http://{host}:{httpd.server_address[1]}/ (Ctrl-C stops)")
    try:
        while True:
            time.sleep(0.5)
            preview.poll()
    finally:
        httpd.shutdown()
