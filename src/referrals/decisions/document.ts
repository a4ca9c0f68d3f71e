/**
 * The printed three-party decision record (三者協議の記録) as a pdfmake definition, for
 * signatures: A4, the title, the meeting date in 和暦 as the program's forms write it, the
 * attendees, what was agreed, the person's weekly schedule as a table, the 支援決定 status for
 * B–D, and a date and signature line for each of the three parties. The person's name is not
 * printed: they sign it. Pure: routes render it.
 */
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { SupportDecisionStatus } from '../../platform/db/schema';
import { formatJapaneseEraDate } from '../../platform/i18n/format';
import { pageNumberFooter } from '../../platform/pdf/pdf';
import { opportunityMessages } from '../../registry/opportunities/messages';
import { needsCertification } from '../../registry/opportunities/opportunity';
import { decisionMessages } from './messages';
import type { MeetingRecordRow } from './store';

export type DecisionDocumentData = {
  record: MeetingRecordRow;
  facts: { opportunityTitle: string; facilityName: string; corporationName: string; agencyName: string };
  supportDecisionInPlace: boolean;
};

const ink = '#1a1a1a';
const muted = '#4a4a4a';
const band = '#e8eef4';

/** 令和8年12月10日 — 和暦, as the program's paper forms write dates. */
export function eraDate(date: string | null): string {
  return date ? formatJapaneseEraDate(date) : '';
}

export function decisionRecordDocument(data: DecisionDocumentData): TDocumentDefinitions {
  const m = decisionMessages.ja;
  const p = m.printed;
  const om = opportunityMessages.ja;
  const r = data.record;
  const label = (text: string): TableCell => ({ text, bold: true, fillColor: band });
  const partyNames = (party: 'agency' | 'facility' | 'council') =>
    r.attendees
      .filter((a) => a.party === party)
      .map((a) => a.name)
      .join('、');
  const attendees = [
    r.attendees.some((a) => a.party === 'participant') ? `${m.parties.participant}` : null,
    partyNames('agency') ? `${m.parties.agency}: ${partyNames('agency')}` : null,
    partyNames('facility') ? `${m.parties.facility}: ${partyNames('facility')}` : null,
    partyNames('council') ? `協議会: ${partyNames('council')}` : null,
  ].filter((x): x is string => x !== null);

  const supportStatus: SupportDecisionStatus | 'unknown' = !r.workForm
    ? 'unknown'
    : !needsCertification(r.workForm)
      ? 'not_needed'
      : data.supportDecisionInPlace
        ? 'in_place'
        : 'pending';

  const agreed: TableCell[][] = [
    [label(m.fields.work_form), r.workForm ? om.workForms[r.workForm] : ''],
    [label(m.fields.start_date), eraDate(r.startDate)],
    [
      label(m.fields.tasks),
      [r.tasks.map((t) => om.tasks[t]).join('、'), r.taskNote ?? ''].filter(Boolean).join('\n') || p.none,
    ],
    [
      label(m.fields.supports),
      [r.supports.map((s) => om.supports[s]).join('、'), r.supportNote ?? ''].filter(Boolean).join('\n') ||
        p.none,
    ],
    [label(m.fields.pay_note), r.payNote ?? p.none],
    [label(m.fields.transport_note), r.transportNote ?? p.none],
    [label(m.fields.first_review_on), eraDate(r.firstReviewOn)],
    [label(m.fields.insurance_needed), r.insuranceNeeded ? m.insurance.yes : m.insurance.no],
    [label(m.sections.supportDecision), m.supportDecision[supportStatus]],
  ];

  const scheduleRows: TableCell[][] = [
    [
      { text: p.weekday, bold: true, fillColor: band },
      { text: p.time, bold: true, fillColor: band },
    ],
    ...(r.schedule.length === 0
      ? [[{ text: p.none, colSpan: 2 }, {}] as TableCell[]]
      : r.schedule.map((s): TableCell[] => [
          om.weekdaysLong[s.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7] ?? String(s.weekday),
          `${s.start}〜${s.end}`,
        ])),
  ];

  const signatureRow = (party: 'participant' | 'agency' | 'facility', org: string): TableCell[] => [
    {
      stack: [
        { text: m.parties[party], bold: true },
        { text: org, fontSize: 8, color: muted },
      ],
      fillColor: band,
    },
    {
      text: r.agreements[party].on ? eraDate(r.agreements[party].on) : p.dateBlank,
      alignment: 'right',
      margin: [0, 10, 4, 0],
    },
    { text: '' },
  ];

  const content: Content[] = [
    { text: p.program, fontSize: 9, color: muted, margin: [0, 0, 0, 4] },
    { text: p.title, fontSize: 20, bold: true, alignment: 'center', margin: [0, 0, 0, 14] },
    {
      table: {
        widths: [110, '*'],
        body: [
          [label(p.heldOn), { text: eraDate(r.heldOn), fontSize: 12 }],
          [
            label(p.opportunity),
            `${data.facts.corporationName} ${data.facts.facilityName}\n${data.facts.opportunityTitle}`,
          ],
          [label(m.fields.agency), data.facts.agencyName],
          [label(p.attendees), attendees.join('\n') || p.none],
        ],
      },
      margin: [0, 0, 0, 12],
    },
    { text: p.agreedItems, fontSize: 13, bold: true, margin: [0, 0, 0, 6] },
    { table: { widths: [110, '*'], body: agreed }, margin: [0, 0, 0, 12] },
    { text: m.sections.schedule, fontSize: 13, bold: true, margin: [0, 0, 0, 6] },
    { table: { headerRows: 1, widths: [110, '*'], body: scheduleRows }, margin: [0, 0, 0, 16] },
    {
      stack: [
        { text: p.signatures, fontSize: 13, bold: true, margin: [0, 0, 0, 4] },
        { text: p.signatureIntro, margin: [0, 0, 0, 6] },
        {
          table: {
            widths: [110, 130, '*'],
            heights: [18, 40, 40, 40],
            body: [
              [
                { text: '', fillColor: band },
                { text: p.date, bold: true, fillColor: band },
                { text: p.signature, bold: true, fillColor: band },
              ],
              signatureRow('participant', ''),
              signatureRow('agency', data.facts.agencyName),
              signatureRow('facility', `${data.facts.corporationName} ${data.facts.facilityName}`),
            ],
          },
        },
      ],
      unbreakable: true,
    },
    { text: `${p.recordId}: ${r.id}`, fontSize: 8, color: muted, margin: [0, 8, 0, 0] },
  ];

  return {
    info: { title: p.title, subject: p.program },
    content,
    footer: pageNumberFooter,
    defaultStyle: { color: ink, fontSize: 10 },
  };
}
