// Video facades: the page loads nothing from the video service until the visitor presses play.
// Without JavaScript the facade is an ordinary link to the video.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-embed-src]");
  if (!link) return;
  event.preventDefault();
  const player = document.createElement("iframe");
  player.src = link.dataset.embedSrc;
  player.title = link.dataset.embedTitle || "Video player";
  player.className = "embed__player";
  player.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
  player.allowFullscreen = true;
  player.referrerPolicy = "strict-origin-when-cross-origin";
  link.replaceWith(player);
  player.focus();
});
