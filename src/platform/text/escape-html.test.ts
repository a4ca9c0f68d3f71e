import fc from 'fast-check';
import { html } from 'hono/html';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html';

describe('escapeHtml', () => {
  it('writes the five special characters as entities and leaves the rest', () => {
    expect(escapeHtml(`<a href="x">'&'</a> 清掃`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; 清掃',
    );
    expect(escapeHtml('施設内の清掃(午前)')).toBe('施設内の清掃(午前)');
  });

  it('escapes exactly as hono does, so a page built either way is the same', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '&', '<', '>', '"', "'", '清', ' ', ';') }),
        (text) => {
          expect(escapeHtml(text)).toBe(html`${text}`.toString());
        },
      ),
    );
  });
});
