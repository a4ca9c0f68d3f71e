/**
 * Text for HTML content or a quoted attribute value: & < > " ' as entities (the five hono's JSX
 * and html helpers escape, with the same entities). Most Japanese text has none of them, so the
 * common case is one scan and no copy.
 */
const special = /[&<>"']/;
const specials = /[&<>"']/g;
const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return special.test(text) ? text.replace(specials, (ch) => entities[ch] ?? ch) : text;
}
