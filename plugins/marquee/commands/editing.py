"""`invoke edit`: the site with live reload, and the editor at /admin/ working on this folder:
its "Work with Local Repository" opens the project folder in the browser (Chrome or Edge on a
computer) and saves into content/ directly, with no server of its own."""

from __future__ import annotations

from .project import Project
from .serving import live


def edit(project: Project, settings_file: str, output: str) -> None:
    site = project.pelican_settings(settings_file)
    editor = {**(site.get("MARQUEE_EDITOR") or {}), "local": True}
    print(
        f"Editor: {project.url}/admin/ — choose “Work with Local Repository” and pick this folder "
        f"({project.root}); it saves into {site['PATH']}. Site: {project.url}/"
    )
    live(project, settings_file, output, {"MARQUEE_EDITOR": editor})
