/* "Copy a link to these results": the only way the finder's state leaves the page, and only when asked. The
   link holds the words and filters (url_state.js: stateToSearch); opening it shows the same results. Without a
   clipboard (an older browser, a page not served securely), the link is shown in a field to copy by hand. */
import { t } from "../i18n.js";
import { el } from "./dom.js";
import { stateToSearch } from "./url_state.js";

export function shareLink(finder) {
  return new URL(finder.path + stateToSearch(finder.state, finder.data && finder.data.facets), location.href).href;
}

export function buildShare(finder) {
  const button = el("button", { type: "button", className: "md-button kd-finder__share-button",
                                text: t("Copy a link to these results") });
  const status = el("p", { className: "kd-finder__share-status", "aria-live": "polite" });
  const fallback = el("p", { className: "kd-finder__share-fallback", hidden: true });
  const box = el("div", { className: "kd-finder__share" }, [button, status, fallback]);

  function showFallback(link) {
    while (fallback.firstChild) fallback.removeChild(fallback.firstChild);
    const field = el("input", { type: "text", id: "kd-finder-share-link", readonly: true, value: link,
                                className: "kd-finder__share-field" });
    fallback.appendChild(el("label", { for: "kd-finder-share-link",
                                       text: t("Copy this link (it holds your words and filters):") }));
    fallback.appendChild(field);
    fallback.hidden = false;
    status.textContent = "";
    field.value = link;
    field.focus();
    field.select();
  }

  button.addEventListener("click", () => {
    const link = shareLink(finder);
    fallback.hidden = true;
    const clipboard = navigator.clipboard;
    if (!clipboard || typeof clipboard.writeText !== "function") { showFallback(link); return; }
    clipboard.writeText(link).then(() => {
      status.textContent = t("Link copied. It holds your words and filters: anyone who opens it sees these results.");
    }, () => showFallback(link));
  });
  return { box, button, status, fallback };
}
