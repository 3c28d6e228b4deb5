"""Real image bytes for loopback servers, made with Pillow."""

import io

from PIL import Image


def jpeg(width: int, height: int, colour=(30, 60, 90)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def png(width: int, height: int, colour=(240, 220, 180, 255)) -> bytes:
    """A transparent PNG with a filled band: the shape of a title treatment."""
    buffer = io.BytesIO()
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    image.paste(colour, (0, height // 4, width, 3 * height // 4))
    image.save(buffer, "PNG")
    return buffer.getvalue()


GPS_IFD, MAKE, MODEL, ORIENTATION = 0x8825, 0x010F, 0x0110, 0x0112


def phone_photo(width: int = 4032, height: int = 3024, orientation: int = 6, kind: str = "JPEG") -> bytes:
    """A photo as a phone saves it: landscape pixels, an EXIF orientation that turns it upright,
    the shoot's GPS position, the phone's make and model, XMP and a comment."""
    img = Image.new("RGB", (width, height), (200, 120, 40))
    img.paste((20, 40, 160), (0, 0, width // 2, height // 4))  # a mark: the top-left corner, before turning
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE], exif[MODEL] = "Phonemaker", "Pocket 15 Pro"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (53.0, 58.0, 55.56), 3: "W", 4: (10.0, 6.0, 48.24)})
    buffer = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description>Secret location</rdf:Description></rdf:RDF></x:xmpmeta>'
    if kind == "HEIF":
        img.save(buffer, "HEIF", exif=exif.tobytes(), quality=60)
    else:
        img.save(buffer, kind, exif=exif.tobytes(), xmp=xmp, comment=b"shot on location", quality=85)
    return buffer.getvalue()
