"""Marquee: a film-promotion microsite generator built on Pelican.

Each capability is a subpackage that is also a Pelican plugin (``marquee.content``, ...).
"""

__version__ = "0.1.0"
