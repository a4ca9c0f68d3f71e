/**
 * Turns a content item's Markdown into safe HTML: markdown-it with raw HTML disabled, then
 * sanitize-html with an allow-list of tags, attributes and iframe hosts. Whatever arrives here
 * (typed Markdown, a pasted snippet, a restored revision) leaves without scripts, event handlers,
 * styles or frames from hosts not on the video allow-list. An h1 in the text becomes an h2, so
 * the page title stays the only h1.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { EMBED_HOSTS } from './video';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });

const shiftHeading =
  (to: string): sanitizeHtml.Transformer =>
  (_tag, attribs) => ({ tagName: to, attribs });

export const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'h5',
    'ul',
    'ol',
    'li',
    'a',
    'strong',
    'em',
    'blockquote',
    'code',
    'pre',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'ruby',
    'rt',
    'rp',
    'iframe',
  ],
  allowedAttributes: {
    a: ['href', 'lang'],
    th: ['scope'],
    iframe: ['src', 'title', 'allowfullscreen', 'loading'],
    '*': ['lang'],
  },
  allowedSchemes: ['https', 'http', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  allowedIframeHostnames: [...EMBED_HOSTS],
  allowIframeRelativeUrls: false,
  transformTags: {
    h1: shiftHeading('h2'),
    h6: shiftHeading('h5'),
  },
  // The text of dropped elements such as <script> goes with them.
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript'],
};

/** Sanitises HTML from any source with the site's allow-list. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, sanitizeOptions);
}

/** Markdown → sanitised HTML. */
export function renderMarkdown(source: string): string {
  return sanitize(markdown.render(source));
}

/** Plain text of Markdown, for meta descriptions. */
export function plainText(source: string, max = 160): string {
  const text = sanitizeHtml(markdown.render(source), { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
