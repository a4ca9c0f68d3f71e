/**
 * One edition as one e-mail: the subject, a plain-text part and an HTML part built for mail
 * clients (layout tables, inline styles only, 600 px wide that shrinks on a phone, no images or
 * scripts — Outlook's Word engine and Gmail both read it), and the RFC 8058 headers.
 * Pure; the sender and the preview call it.
 */
import type { Locale } from '../platform/i18n';
import { formatDate } from '../platform/i18n/format';
import { escapeHtml } from '../platform/text/escape-html';
import { type ListingEntry, listingText, tokyoDate, windowLines } from '../registry/listing/listing';
import type { EditionContent } from './edition';
import { type DigestMessages, digestMessages } from './messages';
import type { DigestPreferences } from './preferences';

/** Entries listed in a section of the mail body; the rest are in the attachments. */
export const MAX_SECTION_ENTRIES = 30;

export type DigestMailInput = {
  locale: Locale;
  kind: 'edition' | 'weekly';
  title: string;
  /** When the edition was frozen (ISO). */
  asOf: string;
  recipientName: string;
  preferencesText: string;
  content: EditionContent;
  baseUrl: string;
  unsubscribeUrl: string;
  hasAttachments: boolean;
  test?: boolean;
};

export type DigestMail = { subject: string; text: string; html: string; headers: Record<string, string> };

/** The List-Unsubscribe pair (RFC 2369 + RFC 8058 one-click) and a List-Id. */
export function unsubscribeHeaders(unsubscribeUrl: string, baseUrl: string): Record<string, string> {
  const host = new URL(baseUrl).hostname || 'hataraku.example';
  return {
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `はたらく場情報 <digest.${host}>`,
  };
}

export function describePreferences(
  m: DigestMessages,
  locale: Locale,
  p: DigestPreferences,
  names: (code: string) => string,
) {
  const om = listingText(locale).om;
  const parts: string[] = [];
  const sep = locale === 'ja' ? '、' : ', ';
  if (p.municipalities.length > 0) parts.push(p.municipalities.map(names).join(sep));
  if (p.workForms.length > 0) parts.push(p.workForms.map((w) => m.workForms[w]).join(sep));
  if (p.tasks.length > 0) parts.push(p.tasks.map((task) => om.tasks[task]).join(sep));
  return parts.length > 0 ? parts.join(' / ') : m.anyPreference;
}

function entryUrl(baseUrl: string, entry: ListingEntry) {
  return `${baseUrl}/opportunities/${entry.id}`;
}

function entryLine(locale: Locale, entry: ListingEntry): string {
  const t = listingText(locale);
  const forms = entry.values.work_forms.map((f) => t.om.workForms[f]).join('、');
  const windows = windowLines(t, entry.values.windows).join(' / ');
  return [`${entry.municipalityName} ${entry.facilityName}(${entry.corporationName})`, forms, windows]
    .filter((s) => s !== '')
    .join('\n    ');
}

export function composeDigestMail(input: DigestMailInput): DigestMail {
  const m = digestMessages[input.locale];
  const mm = m.mail;
  const { content } = input;
  const asOf = formatDate(tokyoDate(input.asOf), input.locale);
  const subject = `${input.test ? mm.test : ''}${input.kind === 'weekly' ? mm.weeklySubject(input.title) : mm.subject(input.title)}`;
  const settingsUrl = `${input.baseUrl}/digest/subscription`;
  const sections: { key: 'new' | 'changed' | 'closed'; label: string; entries: ListingEntry[] }[] =
    input.kind === 'weekly'
      ? [{ key: 'new', label: mm.sections.new, entries: content.new }]
      : [
          { key: 'new', label: mm.sections.new, entries: content.new },
          { key: 'changed', label: mm.sections.changed, entries: content.changed },
          { key: 'closed', label: mm.sections.closed, entries: content.closed },
        ];
  const nothing = input.kind === 'weekly' ? content.new.length === 0 : content.open.length === 0;
  const total = content.open.length;

  // ---- text ----
  const text: string[] = [mm.greeting(input.recipientName), ''];
  text.push(input.kind === 'weekly' ? mm.weeklyIntro : mm.intro(asOf));
  text.push(mm.conditions(input.preferencesText), '');
  if (nothing) text.push(mm.nothing, '');
  for (const section of sections) {
    text.push(`■ ${section.label}(${section.entries.length})`);
    if (section.entries.length === 0) text.push(`  ${mm.sectionEmpty}`);
    for (const entry of section.entries.slice(0, MAX_SECTION_ENTRIES)) {
      text.push(`・${entry.values.title}`, `    ${entryLine(input.locale, entry)}`);
      if (section.key !== 'closed') text.push(`    ${entryUrl(input.baseUrl, entry)}`);
    }
    if (section.entries.length > MAX_SECTION_ENTRIES)
      text.push(`  ${mm.more(section.entries.length - MAX_SECTION_ENTRIES)}`);
    text.push('');
  }
  if (input.kind === 'edition') {
    text.push(`■ ${mm.countHeading}(${mm.total(total)})`);
    for (const count of content.counts) text.push(`  ${count.name}: ${count.count}`);
    text.push('');
  }
  if (input.hasAttachments) text.push(mm.attachments, '');
  text.push(
    '――',
    mm.footer,
    `${mm.settings}: ${settingsUrl}`,
    `${mm.unsubscribe}: ${input.unsubscribeUrl}`,
    '',
    mm.sender,
  );

  // ---- html ----
  const e = escapeHtml;
  const font = "font-family:'BIZ UDPGothic','Hiragino Kaku Gothic ProN','Meiryo',sans-serif;";
  const p = (body: string, extra = '') =>
    `<p style="margin:0 0 12px 0;${font}font-size:15px;line-height:1.7;color:#1a1a1a;${extra}">${body}</p>`;
  const rows: string[] = [];
  rows.push(
    `<tr><td style="background:#0b4f8a;padding:16px 20px;${font}font-size:20px;font-weight:bold;color:#ffffff;">${e(input.title)}</td></tr>`,
  );
  const intro = [
    p(e(mm.greeting(input.recipientName))),
    p(e(input.kind === 'weekly' ? mm.weeklyIntro : mm.intro(asOf))),
    p(e(mm.conditions(input.preferencesText)), 'font-size:13px;color:#4a4a4a;'),
    nothing ? p(e(mm.nothing), 'font-weight:bold;') : '',
  ].join('');
  rows.push(`<tr><td style="padding:20px 20px 4px 20px;">${intro}</td></tr>`);
  for (const section of sections) {
    const items = section.entries.slice(0, MAX_SECTION_ENTRIES).map((entry) => {
      const detail = e(entryLine(input.locale, entry)).replace(/\n {4}/g, '<br>');
      const title =
        section.key === 'closed'
          ? e(entry.values.title)
          : `<a href="${e(entryUrl(input.baseUrl, entry))}" style="color:#0b4f8a;text-decoration:underline;">${e(entry.values.title)}</a>`;
      return `<tr><td style="padding:8px 0;border-bottom:1px solid #d0d7de;${font}font-size:14px;line-height:1.6;color:#1a1a1a;"><strong>${title}</strong><br><span style="color:#4a4a4a;">${detail}</span></td></tr>`;
    });
    if (section.entries.length === 0) {
      items.push(
        `<tr><td style="padding:8px 0;${font}font-size:14px;color:#4a4a4a;">${e(mm.sectionEmpty)}</td></tr>`,
      );
    }
    if (section.entries.length > MAX_SECTION_ENTRIES) {
      items.push(
        `<tr><td style="padding:8px 0;${font}font-size:14px;color:#4a4a4a;">${e(mm.more(section.entries.length - MAX_SECTION_ENTRIES))}</td></tr>`,
      );
    }
    rows.push(
      `<tr><td style="padding:12px 20px;"><h2 style="margin:0 0 4px 0;padding:6px 10px;background:#e8eef4;${font}font-size:17px;color:#1a1a1a;">${e(section.label)}(${section.entries.length})</h2><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${items.join('')}</table></td></tr>`,
    );
  }
  if (input.kind === 'edition') {
    const countRows = content.counts
      .map(
        (c) =>
          `<tr><th scope="row" style="text-align:left;padding:4px 8px;border-bottom:1px solid #d0d7de;${font}font-size:14px;font-weight:normal;">${e(c.name)}</th><td style="text-align:right;padding:4px 8px;border-bottom:1px solid #d0d7de;${font}font-size:14px;">${c.count}</td></tr>`,
      )
      .join('');
    rows.push(
      `<tr><td style="padding:12px 20px;"><h2 style="margin:0 0 4px 0;padding:6px 10px;background:#e8eef4;${font}font-size:17px;color:#1a1a1a;">${e(mm.countHeading)}</h2>` +
        `<table width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;"><tr><th scope="col" style="text-align:left;padding:4px 8px;${font}font-size:13px;">${e(m.columns.municipality)}</th><th scope="col" style="text-align:right;padding:4px 8px;${font}font-size:13px;">${e(m.columns.count)}</th></tr>${countRows}` +
        `<tr><th scope="row" style="text-align:left;padding:4px 8px;${font}font-size:14px;">${e(mm.total(total))}</th><td></td></tr></table></td></tr>`,
    );
  }
  const footer = [
    input.hasAttachments ? p(e(mm.attachments)) : '',
    p(e(mm.footer), 'font-size:12px;color:#4a4a4a;'),
    p(
      `<a href="${e(settingsUrl)}" style="color:#0b4f8a;">${e(mm.settings)}</a> ・ <a href="${e(input.unsubscribeUrl)}" style="color:#0b4f8a;">${e(mm.unsubscribe)}</a>`,
      'font-size:13px;',
    ),
    p(e(mm.sender), 'font-size:12px;color:#4a4a4a;'),
  ].join('');
  rows.push(`<tr><td style="padding:16px 20px;border-top:2px solid #0b4f8a;">${footer}</td></tr>`);

  const html = `<!DOCTYPE html><html lang="${input.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(subject)}</title></head><body style="margin:0;padding:0;background:#f3f5f7;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f5f7;"><tr><td align="center" style="padding:12px 8px;"><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border:1px solid #d0d7de;">${rows.join('')}</table></td></tr></table></body></html>`;

  return {
    subject,
    text: `${text.join('\n')}\n`,
    html,
    headers: unsubscribeHeaders(input.unsubscribeUrl, input.baseUrl),
  };
}
