/* Small helpers for building the finder's elements. Text always goes in as text, never as HTML. */

export function el(tag, attrs, children) {
  const node = document.createElement(tag);
  if (attrs) {
    Object.keys(attrs).forEach((name) => {
      const value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
  }
  (children || []).forEach((child) => { if (child) node.appendChild(child); });
  return node;
}

// Only links a card may carry (the data is checked when it is built; this is defence in depth).
export function safeHref(href) {
  return /^(https?:|tel:|sms:|mailto:)/i.test(href || "") && !/[\u0000-\u001f]/.test(href) ? href : null;
}
