"""What Marquee knows about each social network that more than one feature needs (walls, embeds,
backfeed, syndication): its public addresses and how its URLs are built and read."""
