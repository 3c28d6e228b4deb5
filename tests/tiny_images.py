"""Real image bytes for loopback servers, made with Pillow."""

import io

from PIL import Image


def jpeg(width: int, height: int, colour=(30, 60, 90)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()
