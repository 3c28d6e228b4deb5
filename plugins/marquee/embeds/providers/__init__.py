"""One module per service. Each has match(url) -> match or None, and render(match, options, ctx) -> Embed.
Social networks' posts are embedded by their own packages (networks/<name>/embed.py)."""

from ...networks import parts
from . import video_file, vimeo, youtube

PROVIDERS = (youtube, vimeo, video_file, *parts("embed").values())
