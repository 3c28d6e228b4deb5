"""Small text faults a reader notices, on fixture films: a caption that says its service twice, a
contest page that says "Open" three times, an email address that is not a link, a footer dated by
the film's release instead of the year."""

from __future__ import annotations

import re

from helpers import build_film, write_film

CONTEST = "Title: Win tickets\nDate: 2026-11-01 10:00\nOpens: 2026-11-01 10:00\nCloses: 2026-12-20 23:59\nPrize: Two tickets\n\nTell us why.\n"


def test_each_fact_is_said_once_and_emails_are_links(tmp_path):
    write_film(
        tmp_path,
        {
            "contests/win.md": CONTEST,
            "diary/a.md": (
                "Title: A day\nDate: 2026-11-02 10:00\nPhase: production\n\nWrite to press@lowseason.example, "
                "or see <https://www.youtube.com/watch?v=aaaaaaaaaaa>\n\nhttps://www.youtube.com/watch?v=aaaaaaaaaaa\n"
            ),
        },
    )
    out = build_film(tmp_path, MARQUEE_OFFLINE=True, MARQUEE_FILM={"title": "Low Season", "release_year": 2028})
    contest = (out / "contests" / "win" / "index.html").read_text(encoding="utf-8")
    main = contest.split("<main", 1)[1].split("</main>", 1)[0]
    assert len(re.findall(r"\bOpen\b", main)) == 1, re.findall(
        r".{40}\bOpen\b.{40}", main
    )  # the banner; "Opens" in the facts
    diary = (out / "diary" / "a" / "index.html").read_text(encoding="utf-8")
    assert '<a href="mailto:press@lowseason.example">press@lowseason.example</a>' in diary
    caption = re.search(r'<figcaption class="embed__caption">(.*?)</figcaption>', diary, re.S)[1]
    assert caption.count("YouTube") == 2 and "on YouTube ·" not in caption and "Video on YouTube" not in caption, (
        caption
    )
    assert "&copy; 2026 " in diary  # the year of the build (2026-11-23), not the film's 2028


def test_an_episode_that_plays_its_clip_shows_its_picture_once_with_the_player_first(site):
    page = (site / "interviews" / "off-the-call-sheet-01-maeve-lacey" / "index.html").read_text(encoding="utf-8")
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'class="post__image"' not in main
    assert re.findall(r'<figure class="([^"]+)"', main)[0] == "embed embed--video"


def test_the_home_page_shows_each_post_once(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    main = page.split("<main", 1)[1].split("</main>", 1)[0].split('aria-labelledby="social-now"')
    cards = re.findall(r'<a class="u-url p-name" href="([^"]+)"', main[0] + main[-1].split("</section>", 1)[-1])
    assert len(cards) == len(set(cards)) > 3, cards


def test_a_new_diary_entry_is_on_top_whatever_its_shoot_day(tmp_path):
    entry = "Title: {t}\nDate: {d}\nPhase: production\nShoot-Day: {n}\n\n{t}.\n"
    write_film(
        tmp_path,
        {
            "diary/a.md": entry.format(t="Day 10", d="2026-10-10 10:00", n=10),
            "diary/b.md": entry.format(t="Day 12", d="2026-10-12 10:00", n=12),
            "diary/c.md": entry.format(t="Pick-ups", d="2026-10-20 10:00", n=11),
        },
    )  # a pre-filled day, higher than it should be
    out = build_film(tmp_path)
    page = (out / "diary" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'class="u-url p-name" href="[^"]*">([^<]+)<', page) == ["Pick-ups", "Day 12", "Day 10"]
