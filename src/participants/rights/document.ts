/**
 * The record for the person (本人に渡す記録): everything an agency holds about them, in plain
 * Japanese on A4 — their details, each assessment version, the support log and the consents.
 * Pure: routes render it with renderPdf.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { formatJapaneseEraDate } from '../../platform/i18n/format';
import { pageNumberFooter } from '../../platform/pdf/pdf';
import { findMunicipality } from '../../reference/municipalities';
import { opportunityMessages } from '../../registry/opportunities/messages';
import { consentStatusOn } from '../consents/consent';
import { consentMessages } from '../consents/messages';
import { participantMessages } from '../messages';
import { participantFields } from '../participant';
import { rightsMessages } from './messages';
import type { ParticipantExport } from './service';

const band = '#e8eef4';
const muted = '#4a4a4a';

function table(rows: [string, string][]): Content {
  return {
    table: {
      widths: [140, '*'],
      body: rows.map(([label, value]): TableCell[] => [
        { text: label, bold: true, fillColor: band },
        { text: value },
      ]),
    },
    margin: [0, 0, 0, 10],
  };
}

export function personRecordDocument(data: ParticipantExport, today: string): TDocumentDefinitions {
  const m = rightsMessages.ja.pdf;
  const pm = participantMessages.ja;
  const om = opportunityMessages.ja;
  const cm = consentMessages.ja;
  const p = data.participant;
  const none = m.none;
  const municipality = (code: string | null) => (code ? (findMunicipality(code)?.name ?? code) : none);
  const fieldText = (field: (typeof participantFields)[number]): string => {
    const value = p[field];
    if (field === 'easy_japanese') return value ? pm.yes : pm.no;
    if (field === 'birth_date') return `${value}(${formatJapaneseEraDate(String(value))})`;
    if (field === 'municipality_code' || field === 'support_decision_municipality_code') {
      return municipality(value as string | null);
    }
    return value === null || value === '' ? none : String(value);
  };
  const content: Content[] = [
    { text: m.title, fontSize: 18, bold: true, margin: [0, 0, 0, 8] },
    { text: m.intro(p.agencyName, `${today}(${formatJapaneseEraDate(today)})`), margin: [0, 0, 0, 12] },
    { text: m.person, fontSize: 13, bold: true, margin: [0, 0, 0, 4] },
    table(participantFields.map((f) => [pm.fields[f], fieldText(f)])),
    { text: m.assessments, fontSize: 13, bold: true, margin: [0, 6, 0, 4] },
  ];
  if (data.assessments.length === 0) content.push({ text: none, margin: [0, 0, 0, 10] });
  for (const a of data.assessments) {
    const v = a.values;
    const f = pm.assessment.fields;
    content.push({ text: m.version(a.version, v.assessed_on), bold: true, margin: [0, 4, 0, 2] });
    content.push(
      table([
        [f.tasks, v.tasks.map((t) => om.tasks[t]).join('、') || none],
        [
          f.windows,
          v.windows.map((w) => `${om.weekdays[w.weekday]} ${w.start}〜${w.end}`).join('、') || none,
        ],
        [f.travel_modes, v.travel_modes.map((t) => pm.assessment.travelModes[t]).join('、') || none],
        [f.supports, v.supports.map((s) => om.supports[s]).join('、') || none],
        [f.strengths, v.strengths ?? none],
        [f.difficulties, v.difficulties ?? none],
        [f.health_note, v.health_note ?? none],
        [f.goal_short, v.goal_short ?? none],
        [f.goal_long, v.goal_long ?? none],
        [f.notes, v.notes ?? none],
      ]),
    );
  }
  content.push({ text: m.log, fontSize: 13, bold: true, margin: [0, 6, 0, 4] });
  content.push(
    data.supportLog.length === 0
      ? { text: none, margin: [0, 0, 0, 10] }
      : table(data.supportLog.map((e) => [`${e.occurredOn} ${pm.log.kinds[e.kind]}`, e.body])),
  );
  content.push({ text: m.consents, fontSize: 13, bold: true, margin: [0, 6, 0, 4] });
  content.push(
    data.consents.length === 0
      ? { text: none }
      : table(
          data.consents.map((c) => [
            c.recipientKind === 'facility' && c.recipientCorporationName
              ? `${c.recipientCorporationName} ${c.recipientName}`
              : c.recipientName,
            `${c.dataGroups.map((g) => cm.groups[g]).join('、')}\n${c.validFrom} 〜 ${c.validUntil}(${cm.statuses[consentStatusOn(c, today)]})`,
          ]),
        ),
  );
  return {
    info: { title: m.title },
    content,
    footer: pageNumberFooter,
    defaultStyle: { fontSize: 10, color: '#1a1a1a' },
    styles: { muted: { color: muted } },
  };
}
