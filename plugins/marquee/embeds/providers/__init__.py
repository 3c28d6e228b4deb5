"""One module per service. Each has match(url) -> match or None, and render(match, options, ctx) -> Embed."""

from . import bluesky, mastodon, video_file, vimeo, youtube

PROVIDERS = (youtube, vimeo, video_file, bluesky, mastodon)
