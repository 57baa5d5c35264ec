/* Quick exit: the button in the header, or Escape pressed twice, replaces this page with a neutral site so
   Back does not return to it. */

const DOUBLE_PRESS_MS = 800;

function quickExit(event) {
  const link = document.querySelector("[data-kd-quick-exit]");
  const target = link ? link.getAttribute("href") : "https://www.bbc.co.uk/weather";
  if (event) event.preventDefault();
  document.title = "";
  document.body.innerHTML = "";
  window.location.replace(target);
}

export function listenForQuickExit() {
  let lastEscape = 0;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const now = Date.now();
    if (now - lastEscape < DOUBLE_PRESS_MS) quickExit(event);
    lastEscape = now;
  });
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("[data-kd-quick-exit]");
    if (link) quickExit(event);
  });
}
