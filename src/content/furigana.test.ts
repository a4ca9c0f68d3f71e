import { describe, expect, it } from 'vitest';
import { furiganaHtml, furiganaText, rubyForWord } from './furigana';

describe('furigana', () => {
  it('puts readings over the kanji only, keeping the kana of a word as it is', () => {
    expect(rubyForWord('働き', 'ハタラキ')).toBe('<ruby>働<rp>(</rp><rt>はたら</rt><rp>)</rp></ruby>き');
    expect(rubyForWord('ください', 'クダサイ')).toBe('ください');
  });

  it('reads a sentence with kuromoji', async () => {
    const html = await furiganaText('保険の流れ');
    expect(html).toContain('<ruby>保険<rp>(</rp><rt>ほけん</rt><rp>)</rp></ruby>');
    expect(html).toContain('<ruby>流<rp>(</rp><rt>なが</rt><rp>)</rp></ruby>れ');
  }, 20_000);

  it('applies manual corrections first', async () => {
    const html = await furiganaText('村山苑で働く', new Map([['村山苑', 'むらやまえん']]));
    expect(html.startsWith('<ruby>村山苑<rp>(</rp><rt>むらやまえん</rt><rp>)</rp></ruby>で')).toBe(true);
  }, 20_000);

  it('changes only text in HTML, never tags, attributes or code', async () => {
    const html = await furiganaHtml('<a href="/x" title="漢字">支援</a><code>漢字</code> &amp; 東京');
    expect(html).toContain('<a href="/x" title="漢字"><ruby>支援');
    expect(html).toContain('<code>漢字</code>');
    expect(html).toContain('&amp;');
    expect(html).toContain('<ruby>東京<rp>(</rp><rt>とうきょう</rt>');
  }, 20_000);
});
