// Video facades: the page loads nothing from the video service until the visitor presses play.
// Without JavaScript the facade is an ordinary link to the video.
const PLAYERS = ["https://www.youtube-nocookie.com/", "https://player.vimeo.com/"];

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-embed-src]");
  if (!link) return;
  const source = link.dataset.embedSrc || "";
  if (!PLAYERS.some((host) => source.startsWith(host))) return; // only the two privacy-mode players
  event.preventDefault();
  const player = document.createElement("iframe");
  player.src = source;
  player.title = link.dataset.embedTitle || "Video player";
  player.className = "embed__player";
  player.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
  player.allowFullscreen = true;
  player.referrerPolicy = "strict-origin-when-cross-origin";
  link.replaceWith(player);
  player.focus();
});
