"""Seeing the site here: serve a built folder, preview the production build, live reload."""

from __future__ import annotations

import json
import logging
import os
import shlex
import sys
import webbrowser
from pathlib import Path

from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

from .. import buildstatus
from .project import Project, pelican_run


class SiteRequestHandler(ComplexHTTPRequestHandler):
    def do_GET(self):
        """As Pelican's, but a missing page gets the site's 404 page (Pelican's answers nothing)."""
        if self.get_path_that_exists(self.path.split("?", 1)[0]) is None:
            page = Path(self.base_path) / "404.html"
            body = page.read_bytes() if page.is_file() else b"Not found"
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8" if page.is_file() else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def guess_type(self, path):
        # JSON Feed's own media type (docs/guide/feeds.md says how to set it on a static host).
        if str(path).endswith(".json") and "/feeds/" in str(path).replace(os.sep, "/"):
            return "application/feed+json"
        return super().guess_type(path)


def serve(project: Project, folder: str) -> None:
    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(folder, (project.host, project.port), SiteRequestHandler)
    url = project.url + "/"
    if project.open_browser:
        webbrowser.open(url)
    sys.stderr.write(f"Serving {folder} at {url} (Ctrl-C to stop)\n")
    server.serve_forever()


def preview(project: Project, settings_file: str, output: str) -> None:
    """The production build with its links pointing here, served."""
    local = shlex.quote(json.dumps(project.url))
    pelican_run(f"-s {shlex.quote(settings_file)} -o {shlex.quote(output)} -e SITEURL={local} FEED_DOMAIN={local}")
    serve(project, output)


def live(project: Project, settings_file: str, output: str, extra: dict | None = None) -> None:
    """Serve `output`, rebuilt on every change of the settings, theme or content, with live reload;
    `extra` settings override the file's (as Pelican's -e does)."""
    from livereload import Server

    from .watching import SaveWatcher

    site = project.pelican_settings(settings_file)
    overrides = "".join(f" -e {name}={shlex.quote(json.dumps(value))}" for name, value in (extra or {}).items())

    def cached_build():
        cmd = (
            f"-s {shlex.quote(settings_file)} -o {shlex.quote(output)}"
            f" -e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true MARQUEE_LIVERELOAD=true{overrides}"
        )
        problems, failed = buildstatus.Problems(), False
        # On Pelican's and Marquee's loggers, not the root: a handler on the root would stop
        # Pelican from installing its own terminal one (logging.basicConfig).
        for name in ("pelican", "marquee"):
            logging.getLogger(name).addHandler(problems)
        try:
            pelican_run(cmd)
        except SystemExit as stop:  # a content error: listed in the terminal and over the page; keep serving
            failed = bool(stop.code)
        finally:
            for name in ("pelican", "marquee"):
                logging.getLogger(name).removeHandler(problems)
        # Pelican prints a message only once per process: a save that repeats an error still failed.
        buildstatus.write(
            Path(output), problems.messages or (["The build failed: the terminal says why."] if failed else [])
        )

    class OneLogServer(Server):
        def _setup_logging(self):
            """livereload adds a handler of its own; Pelican's already prints every line (once)."""
            logging.getLogger("livereload").setLevel(logging.INFO)

    cached_build()
    buildstatus.reload_every_change()
    server = OneLogServer(watcher=SaveWatcher())  # told of each save, not walking content/ every 0.8 s
    theme = site["THEME"]
    for glob in (settings_file, f"{theme}/templates/**/*.html", f"{theme}/static/**/*", f"{site['PATH']}/**/*"):
        server.watch(glob, cached_build)
    if project.open_browser:
        webbrowser.open(project.url)
    server.serve(host=project.host, port=project.port, root=output)
