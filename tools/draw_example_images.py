"""Draw the example film's artwork with Pillow: key art, production photos, stills.

Every image of the example site is made here, from shapes and a seeded random
generator, so the output is original and the same on every run:

    .venv/bin/python tools/draw_example_images.py
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "content" / "images"
W, H = 1200, 750


def gradient(size, top, bottom):
    """A vertical gradient from colour `top` to colour `bottom`."""
    w, h = size
    column = Image.new("RGB", (1, h))
    for y in range(h):
        t = y / max(h - 1, 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=False)))
    return column.resize((w, h))


def sea(draw, rng, horizon, size, colour, highlight, rows=40):
    """Rows of short wave strokes below the horizon, denser towards the viewer."""
    w, h = size
    draw.rectangle([0, horizon, w, h], fill=colour)
    for i in range(rows):
        y = horizon + (h - horizon) * (i / rows) ** 1.6
        for _ in range(int(6 + i * 1.5)):
            x = rng.uniform(0, w)
            length = 8 + i * 1.8
            draw.line([x, y, x + length, y], fill=highlight, width=1 + i // 14)


def mast(draw, x, base, height, colour, light=None):
    """A lattice radio mast with guy lines and an optional warning light."""
    top = base - height
    half = height / 22
    draw.line([x - half, base, x, top], fill=colour, width=3)
    draw.line([x + half, base, x, top], fill=colour, width=3)
    steps = 14
    for i in range(steps):
        y1 = base - height * i / steps
        y2 = base - height * (i + 1) / steps
        w1 = half * (1 - i / steps)
        w2 = half * (1 - (i + 1) / steps)
        draw.line([x - w1, y1, x + w2, y2], fill=colour, width=1)
        draw.line([x + w1, y1, x - w2, y2], fill=colour, width=1)
    for dx in (-1, 1):
        draw.line([x, top + height * 0.25, x + dx * height * 0.55, base], fill=colour, width=1)
    if light:
        for r, alpha in ((18, 60), (9, 140), (4, 255)):
            glow = tuple(round(c * alpha / 255) for c in light)
            draw.ellipse([x - r, top - r, x + r, top + r], fill=glow)


def hill(draw, rng, base_y, amplitude, colour, size):
    w, h = size
    points = [(0, h)]
    phase = rng.uniform(0, math.tau)
    for x in range(0, w + 20, 20):
        y = base_y - amplitude * (0.6 + 0.4 * math.sin(x / 190 + phase)) * math.sin(math.pi * x / w)
        points.append((x, y))
    points.append((w, h))
    draw.polygon(points, fill=colour)


def boat(draw, x, y, scale, colour):
    hull = [
        (x - 60 * scale, y),
        (x + 60 * scale, y),
        (x + 45 * scale, y + 22 * scale),
        (x - 45 * scale, y + 22 * scale),
    ]
    draw.polygon(hull, fill=colour)
    draw.rectangle([x - 15 * scale, y - 28 * scale, x + 20 * scale, y], fill=colour)
    draw.line(
        [x + 5 * scale, y - 28 * scale, x + 5 * scale, y - 80 * scale], fill=colour, width=max(1, round(3 * scale))
    )


def figure(draw, x, ground, height, colour):
    """A standing person in a long coat, seen from behind."""
    head = height * 0.13
    draw.ellipse([x - head / 2, ground - height, x + head / 2, ground - height + head], fill=colour)
    draw.polygon(
        [
            (x - height * 0.09, ground - height + head * 1.1),
            (x + height * 0.09, ground - height + head * 1.1),
            (x + height * 0.13, ground - height * 0.25),
            (x - height * 0.13, ground - height * 0.25),
        ],
        fill=colour,
    )
    draw.rectangle([x - height * 0.07, ground - height * 0.26, x - height * 0.02, ground], fill=colour)
    draw.rectangle([x + height * 0.02, ground - height * 0.26, x + height * 0.07, ground], fill=colour)


def stars(draw, rng, count, limit_y, size):
    for _ in range(count):
        x, y = rng.uniform(0, size[0]), rng.uniform(0, limit_y)
        shade = rng.randint(150, 235)
        draw.point((x, y), fill=(shade, shade, min(255, shade + 15)))


def key_art():
    """Poster: a woman on the shore below the relay mast, static in the sky."""
    size = (800, 1200)
    rng = random.Random(1)
    img = gradient(size, (10, 18, 38), (38, 74, 96))
    draw = ImageDraw.Draw(img)
    stars(draw, rng, 260, 700, size)
    # Bands of "static": faint horizontal interference across the sky.
    for _ in range(90):
        y = rng.uniform(80, 640)
        x = rng.uniform(-100, size[0])
        draw.line([x, y, x + rng.uniform(40, 260), y], fill=(120, 170, 190), width=1)
    hill(draw, rng, 760, 180, (14, 26, 34), size)
    mast(draw, 540, 690, 420, (8, 12, 18), light=(255, 80, 60))
    sea(draw, rng, 860, size, (22, 46, 62), (88, 132, 150), rows=36)
    figure(draw, 250, 1010, 190, (6, 8, 12))
    draw.rectangle([0, 1010, size[0], 1200], fill=(12, 20, 26))
    img = img.filter(ImageFilter.SMOOTH)
    img.save(OUT / "key-art.jpg", quality=80, optimize=True, progressive=True)


def harbour_night():
    rng = random.Random(2)
    img = gradient((W, H), (8, 14, 30), (30, 44, 70))
    draw = ImageDraw.Draw(img)
    stars(draw, rng, 120, 300, (W, H))
    sea(draw, rng, 430, (W, H), (14, 24, 40), (60, 80, 110))
    draw.rectangle([0, 380, 520, 440], fill=(20, 22, 28))  # quay wall
    for lamp_x in (90, 250, 410):
        draw.line([lamp_x, 380, lamp_x, 250], fill=(30, 30, 36), width=5)
        draw.ellipse([lamp_x - 14, 236, lamp_x + 14, 264], fill=(255, 214, 140))
        for k in range(14):  # reflection
            y = 450 + k * 20
            draw.line(
                [lamp_x - 20 + rng.uniform(-8, 8), y, lamp_x + 20 + rng.uniform(-8, 8), y], fill=(200, 160, 90), width=3
            )
    boat(draw, 760, 430, 1.6, (10, 12, 16))
    boat(draw, 1020, 445, 1.1, (12, 14, 18))
    # A film light on a stand and a crew member beside it.
    draw.polygon([(640, 380), (700, 300), (720, 320)], fill=(255, 244, 214))
    draw.line([660, 380, 705, 310], fill=(40, 40, 40), width=4)
    figure(draw, 600, 385, 90, (18, 18, 22))
    img.filter(ImageFilter.SMOOTH).save(
        OUT / "diary" / "harbour-night.jpg", quality=78, optimize=True, progressive=True
    )


def relay_mast():
    rng = random.Random(3)
    img = gradient((W, H), (244, 164, 120), (120, 96, 140))
    draw = ImageDraw.Draw(img)
    draw.ellipse([820, 380, 940, 500], fill=(255, 214, 160))
    hill(draw, rng, 520, 150, (70, 84, 72), (W, H))
    hill(draw, rng, 640, 60, (48, 60, 52), (W, H))
    mast(draw, 600, 470, 360, (32, 30, 36), light=(255, 60, 50))
    for x in (380, 430, 470):
        figure(draw, x, 600, 70, (30, 34, 30))
    img.filter(ImageFilter.SMOOTH).save(OUT / "diary" / "relay-mast.jpg", quality=78, optimize=True, progressive=True)


def radio_room():
    rng = random.Random(4)
    img = gradient((W, H), (70, 56, 44), (40, 30, 24))
    draw = ImageDraw.Draw(img)
    draw.rectangle([720, 90, 1080, 360], fill=(96, 120, 136))  # window
    draw.line([900, 90, 900, 360], fill=(60, 46, 36), width=10)
    draw.line([720, 225, 1080, 225], fill=(60, 46, 36), width=10)
    draw.rectangle([0, 500, W, H], fill=(86, 60, 40))  # desk
    draw.rectangle([160, 300, 640, 500], fill=(48, 52, 46), outline=(20, 20, 18), width=6)  # radio set
    draw.rectangle([200, 330, 600, 400], fill=(214, 190, 120))  # dial window
    for i in range(21):
        x = 210 + i * 19
        draw.line([x, 340, x, 340 + (20 if i % 5 == 0 else 10)], fill=(60, 50, 30), width=2)
    draw.line([410, 335, 410, 398], fill=(190, 40, 30), width=3)  # needle
    for x in (250, 400, 550):
        draw.ellipse([x - 30, 420, x + 30, 480], fill=(28, 28, 26), outline=(150, 150, 140), width=3)
    draw.rectangle([700, 430, 760, 500], fill=(30, 30, 30))  # microphone base
    draw.line([730, 430, 760, 360], fill=(30, 30, 30), width=8)
    draw.ellipse([740, 320, 800, 380], fill=(60, 60, 60))
    for _ in range(40):  # dust in the window light
        x, y = rng.uniform(700, 1100), rng.uniform(100, 480)
        draw.point((x, y), fill=(230, 220, 190))
    img.filter(ImageFilter.SMOOTH).save(OUT / "diary" / "radio-room.jpg", quality=78, optimize=True, progressive=True)


def ferry():
    rng = random.Random(5)
    img = gradient((W, H), (170, 182, 190), (120, 136, 146))
    draw = ImageDraw.Draw(img)
    for _ in range(12):  # low cloud
        x, y = rng.uniform(-100, W), rng.uniform(20, 260)
        draw.ellipse([x, y, x + rng.uniform(200, 420), y + rng.uniform(40, 90)], fill=(186, 196, 204))
    hill(draw, rng, 380, 60, (92, 108, 110), (W, H))
    sea(draw, rng, 380, (W, H), (70, 92, 104), (150, 170, 180))
    draw.polygon([(420, 420), (880, 420), (840, 480), (450, 480)], fill=(230, 230, 226))
    draw.rectangle([500, 360, 760, 420], fill=(236, 236, 232))
    draw.rectangle([560, 320, 700, 360], fill=(200, 40, 36))
    for x in range(515, 750, 30):
        draw.rectangle([x, 375, x + 16, 390], fill=(60, 70, 80))
    img.filter(ImageFilter.SMOOTH).save(OUT / "diary" / "ferry.jpg", quality=78, optimize=True, progressive=True)


def sound_desk():
    rng = random.Random(6)
    img = gradient((W, H), (24, 26, 34), (12, 12, 16))
    draw = ImageDraw.Draw(img)
    draw.rectangle([120, 60, 1080, 300], fill=(18, 30, 40), outline=(60, 70, 80), width=4)  # screen
    mid = 180
    for x in range(130, 1070, 3):  # a waveform
        amp = 90 * abs(math.sin(x / 37)) * rng.uniform(0.2, 1)
        draw.line([x, mid - amp, x, mid + amp], fill=(80, 200, 190))
    draw.polygon([(0, 420), (W, 420), (W, H), (0, H)], fill=(40, 42, 48))
    for i in range(16):
        x = 80 + i * 66
        draw.line([x, 460, x, 700], fill=(20, 20, 22), width=6)
        y = rng.uniform(480, 680)
        draw.rectangle([x - 18, y - 10, x + 18, y + 10], fill=(200, 200, 196))
    img.filter(ImageFilter.SMOOTH).save(OUT / "diary" / "sound-desk.jpg", quality=78, optimize=True, progressive=True)


def pier_still():
    rng = random.Random(7)
    img = gradient((W, H), (250, 206, 170), (150, 170, 196))
    draw = ImageDraw.Draw(img)
    draw.ellipse([140, 330, 220, 410], fill=(255, 236, 200))
    sea(draw, rng, 400, (W, H), (108, 132, 160), (200, 210, 220))
    draw.polygon([(560, 400), (620, 400), (900, H), (420, H)], fill=(70, 60, 56))  # pier
    for k in range(8):
        y = 420 + k * 45
        draw.line([560 - k * 18, y, 620 + k * 38, y], fill=(50, 42, 40), width=3)
    figure(draw, 596, 405, 70, (30, 26, 28))
    img.filter(ImageFilter.SMOOTH).save(
        OUT / "stills" / "brid-on-the-pier.jpg", quality=78, optimize=True, progressive=True
    )


def storm_still():
    rng = random.Random(8)
    img = gradient((W, H), (46, 52, 60), (84, 96, 104))
    draw = ImageDraw.Draw(img)
    for _ in range(400):  # rain
        x, y = rng.uniform(0, W + 200), rng.uniform(0, H)
        draw.line([x, y, x - 40, y + 90], fill=(140, 150, 160), width=1)
    hill(draw, rng, 460, 140, (30, 36, 38), (W, H))
    mast(draw, 820, 420, 330, (16, 18, 20), light=(255, 70, 50))
    sea(draw, rng, 560, (W, H), (40, 52, 60), (120, 136, 146))
    img.filter(ImageFilter.SMOOTH).save(
        OUT / "stills" / "mast-in-the-storm.jpg", quality=78, optimize=True, progressive=True
    )


def favicon():
    """The mast with its red light on a night-blue square, as favicon.ico."""
    img = Image.new("RGB", (64, 64), (14, 26, 44))
    draw = ImageDraw.Draw(img)
    mast(draw, 32, 58, 44, (226, 232, 240), light=None)
    draw.ellipse([27, 8, 37, 18], fill=(255, 80, 60))
    img.save(OUT.parent / "extra" / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64)])


def wall_media():
    """Avatars and post images for the example social walls (data/walls/media/)."""
    folder = OUT.parent.parent / "data" / "walls" / "media"
    folder.mkdir(parents=True, exist_ok=True)
    people = {
        "avatar-film.jpg": ((14, 26, 44), (255, 80, 60)),
        "avatar-aisling.jpg": ((46, 125, 100), (240, 220, 160)),
        "avatar-ravi.jpg": ((120, 60, 140), (250, 200, 120)),
        "avatar-marguerite.jpg": ((180, 90, 40), (250, 240, 220)),
    }
    for name, (background, mark) in people.items():
        img = Image.new("RGB", (96, 96), background)
        draw = ImageDraw.Draw(img)
        draw.ellipse([28, 18, 68, 58], fill=mark)  # a head
        draw.ellipse([14, 56, 82, 120], fill=mark)  # shoulders
        img.save(folder / name, quality=82)
    for source, name in (
        ("stills/brid-on-the-pier.jpg", "post-pier.jpg"),
        ("diary/harbour-night.jpg", "post-harbour.jpg"),
        ("key-art.jpg", "video-trailer.jpg"),
        ("diary/radio-room.jpg", "video-episode-4.jpg"),
    ):
        with Image.open(OUT / source) as img:
            img = img.convert("RGB")
            img.thumbnail((800, 800))
            img.save(folder / name, quality=80, optimize=True)


def main():
    for folder in (OUT / "diary", OUT / "stills", OUT.parent / "extra"):
        folder.mkdir(parents=True, exist_ok=True)
    for draw_one in (
        key_art,
        harbour_night,
        relay_mast,
        radio_room,
        ferry,
        sound_desk,
        pier_still,
        storm_still,
        favicon,
        wall_media,
    ):
        draw_one()


if __name__ == "__main__":
    main()
