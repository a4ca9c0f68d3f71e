/**
 * Furigana: `<ruby>` readings over the kanji of Japanese text, for readers who want them (the
 * toggle on the public site). Readings come from kuromoji 0.1.2 and its IPADIC dictionary
 * (node_modules/kuromoji/dict); manual corrections kept by council staff (surface → reading) are
 * applied first. The tokenizer is built once, on first use, and shared.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IpadicFeatures, Tokenizer } from 'kuromoji';
import kuromoji from 'kuromoji';

const require = createRequire(import.meta.url);
const dictionaryPath = join(dirname(require.resolve('kuromoji/package.json')), 'dict');

let tokenizer: Promise<Tokenizer<IpadicFeatures>> | undefined;

/** The shared tokenizer; the dictionary loads once (about a second), on first use. */
export function loadTokenizer(): Promise<Tokenizer<IpadicFeatures>> {
  if (!tokenizer) {
    tokenizer = new Promise((resolve, reject) => {
      kuromoji.builder({ dicPath: dictionaryPath }).build((error, built) => {
        if (error) {
          tokenizer = undefined;
          reject(error);
        } else resolve(built);
      });
    });
  }
  return tokenizer;
}

const KANJI = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]/;
const KANA = /[\u3041-\u3096\u30a1-\u30fa\u30fc]/;

export function hasKanji(text: string): boolean {
  return KANJI.test(text);
}

export function toHiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch,
  );
}

function ruby(base: string, reading: string): string {
  return `<ruby>${escapeHtml(base)}<rp>(</rp><rt>${escapeHtml(reading)}</rt><rp>)</rp></ruby>`;
}

/**
 * Ruby for one word: its kana stays as it is and only the kanji runs get readings, found by
 * matching the word's shape against its reading (働き + はたらき → 働(はたら)き). When the shape
 * does not match, the whole word gets the reading.
 */
export function rubyForWord(surface: string, readingKana: string): string {
  const reading = toHiragana(readingKana);
  if (!hasKanji(surface)) return escapeHtml(surface);
  if (!reading || reading === '*' || !KANA.test(reading)) return escapeHtml(surface);
  const parts =
    surface.match(
      /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+|[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+/g,
    ) ?? [];
  const pattern = parts
    .map((part) => (hasKanji(part) ? '(.+?)' : `(${escapeRegExp(toHiragana(part))})`))
    .join('');
  const match = new RegExp(`^${pattern}$`).exec(reading);
  if (!match) return ruby(surface, reading);
  return parts
    .map((part, index) => (hasKanji(part) ? ruby(part, match[index + 1] ?? '') : escapeHtml(part)))
    .join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type Corrections = ReadonlyMap<string, string>;

/** Plain text → HTML with ruby over its kanji; corrections first, then the analyser. */
export async function furiganaText(text: string, corrections: Corrections = new Map()): Promise<string> {
  if (!hasKanji(text)) return escapeHtml(text);
  const surfaces = [...corrections.keys()].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  if (surfaces.length > 0) {
    const splitter = new RegExp(`(${surfaces.map(escapeRegExp).join('|')})`);
    const pieces = text.split(splitter);
    if (pieces.length > 1) {
      const out: string[] = [];
      for (const [index, piece] of pieces.entries()) {
        // split() with one capture group puts the matched surfaces at the odd positions.
        if (index % 2 === 1) out.push(ruby(piece, corrections.get(piece) ?? ''));
        else out.push(await analyse(piece));
      }
      return out.join('');
    }
  }
  return analyse(text);
}

async function analyse(text: string): Promise<string> {
  if (!hasKanji(text)) return escapeHtml(text);
  const tokens = (await loadTokenizer()).tokenize(text);
  if (tokens.map((token) => token.surface_form).join('') !== text) return escapeHtml(text);
  return tokens.map((token) => rubyForWord(token.surface_form, token.reading ?? '')).join('');
}

/** Elements whose text gets no readings: existing ruby, code, and what is not shown as text. */
const SKIP = new Set(['ruby', 'rt', 'rp', 'script', 'style', 'code', 'pre', 'title', 'textarea', 'svg']);

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Adds ruby to the text of an HTML fragment that the app itself produced (rendered pages and
 * sanitised content): tags and attributes are left as they are, only text between tags changes.
 */
export async function furiganaHtml(html: string, corrections: Corrections = new Map()): Promise<string> {
  const parts = html.split(/(<[^>]+>)/);
  const stack: string[] = [];
  const out: string[] = [];
  for (const part of parts) {
    if (part.startsWith('<')) {
      const tag = /^<\/?([a-zA-Z0-9-]+)/.exec(part)?.[1]?.toLowerCase();
      if (tag && SKIP.has(tag) && !part.endsWith('/>')) {
        if (part.startsWith('</')) {
          const at = stack.lastIndexOf(tag);
          if (at >= 0) stack.splice(at, 1);
        } else stack.push(tag);
      }
      out.push(part);
    } else if (stack.length > 0 || !hasKanji(part)) {
      out.push(part);
    } else {
      out.push(await furiganaText(decodeEntities(part), corrections));
    }
  }
  return out.join('');
}
