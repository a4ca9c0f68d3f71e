/**
 * The participant list and a participant's page: identity, contact, emergency contact and the
 * 支援決定, the assessment that counts (latest), and the support log (newest first) with a
 * form to add to it. Dates show in 西暦 with the 和暦 beside the date of birth.
 */
import type { Child } from 'hono/jsx';
import type { Locale, Messages } from '../../platform/i18n';
import { formatDate, formatDateTime, formatJapaneseEraDate } from '../../platform/i18n/format';
import { Textarea } from '../../platform/ui/fields';
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  SelectField,
  TextField,
} from '../../platform/ui/form';
import { findMunicipality } from '../../reference/municipalities';
import type { OpportunityMessages } from '../../registry/opportunities/messages';
import { hoursOfMinutes } from '../../registry/opportunities/opportunity';
import { kmOfMetres } from '../assessment';
import { consentMessages } from '../consents/messages';
import { ageOn } from '../japanese-date';
import type { ParticipantMessages } from '../messages';
import { rightsMessages } from '../rights/messages';
import type { AssessmentRow, ParticipantRow, ParticipantSummary, SupportLogRow } from '../service';
import { supportLogKinds } from '../service';
import { transferMessages } from '../transfer/messages';

export function municipalityName(code: string | null, m: ParticipantMessages): string {
  if (!code) return m.outsideTokyo;
  return findMunicipality(code)?.name ?? code;
}

export function ParticipantTable(props: {
  m: ParticipantMessages;
  locale: Locale;
  items: ParticipantSummary[];
  today: string;
}) {
  const { m } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{m.listTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{m.fields.name}</th>
            <th scope="col">{m.fields.name_kana}</th>
            <th scope="col">{m.fields.age}</th>
            <th scope="col">{m.fields.case_number}</th>
            <th scope="col">{m.fields.municipality_code}</th>
            <th scope="col">{m.fields.updatedAt}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((p) => (
            <tr>
              <th scope="row">
                <a href={`/participants/${p.id}`}>{p.name}</a>
              </th>
              <td>{p.nameKana}</td>
              <td>{m.age(ageOn(p.birthDate, props.today))}</td>
              <td>{p.caseNumber ?? ''}</td>
              <td>{municipalityName(p.municipalityCode, m)}</td>
              <td>{formatDateTime(p.updatedAt, props.locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Free text with its line breaks kept (no CSS needed). */
function Lines(props: { text: string }) {
  const lines = props.text.split('\n');
  return (
    <>
      {lines.map((line, index) => (
        <>
          {index > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </>
  );
}

function Row(props: { label: string; children: Child }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** The summary of one assessment version, as a description list. */
export function AssessmentSummary(props: {
  m: ParticipantMessages;
  om: OpportunityMessages;
  locale: Locale;
  assessment: AssessmentRow;
}) {
  const { m, om } = props;
  const a = m.assessment;
  const v = props.assessment.values;
  const range = (from: string, to: string, format: (f: string, t: string) => string) =>
    from === '' && to === '' ? m.notSet : format(from || '–', to || '–');
  const travel = [
    v.travel_max_minutes !== null ? a.minutes(v.travel_max_minutes) : null,
    v.travel_max_metres !== null ? a.km(kmOfMetres(v.travel_max_metres)) : null,
    v.travel_modes.length > 0 ? v.travel_modes.map((mode) => a.travelModes[mode]).join('・') : null,
  ].filter(Boolean);
  return (
    <dl class="summary-list">
      <Row label={a.fields.assessed_on}>{formatDate(v.assessed_on, props.locale)}</Row>
      <Row label={a.fields.tasks}>
        {v.tasks.length ? v.tasks.map((t) => om.tasks[t]).join('、') : m.notSet}
      </Row>
      <Row label={a.fields.windows}>
        {v.windows.length
          ? v.windows.map((w) => `${om.weekdays[w.weekday]} ${w.start}〜${w.end}`).join('、')
          : m.notSet}
      </Row>
      <Row label={a.fields.hoursPerDay}>
        {range(hoursOfMinutes(v.min_daily_minutes), hoursOfMinutes(v.max_daily_minutes), a.hours)}
      </Row>
      <Row label={a.fields.daysPerWeek}>
        {range(v.min_days_per_week?.toString() ?? '', v.max_days_per_week?.toString() ?? '', a.days)}
      </Row>
      <Row label={a.fields.travel}>{travel.length ? travel.join(' / ') : m.notSet}</Row>
      <Row label={a.fields.supports}>
        {v.supports.length ? v.supports.map((s) => om.supports[s]).join('、') : m.notSet}
      </Row>
      {(
        [
          ['strengths', v.strengths],
          ['difficulties', v.difficulties],
          ['health_note', v.health_note],
          ['goal_short', v.goal_short],
          ['goal_long', v.goal_long],
          ['notes', v.notes],
        ] as const
      ).map(([field, value]) =>
        value ? (
          <Row label={a.fields[field]}>
            <Lines text={value} />
          </Row>
        ) : null,
      )}
    </dl>
  );
}

export function SupportLogForm(props: {
  t: Messages;
  m: ParticipantMessages;
  csrfToken: string;
  participantId: string;
  values: FormValues;
  errors: FieldErrors;
}) {
  const { t, m, values, errors } = props;
  const common = { t, values, errors };
  return (
    <form method="post" action={`/participants/${props.participantId}/support-log`} novalidate>
      <CsrfField token={props.csrfToken} />
      <div class="field-row">
        <TextField
          {...common}
          name="occurred_on"
          label={m.log.fields.occurred_on}
          hint={m.log.hints.occurred_on}
          required
          width="short"
        />
        <SelectField
          {...common}
          name="kind"
          label={m.log.fields.kind}
          options={supportLogKinds.map((k) => ({ value: k, label: m.log.kinds[k] }))}
          required
          width="short"
        />
      </div>
      <Textarea
        t={t}
        name="body"
        label={m.log.fields.body}
        value={values.body ?? ''}
        errors={errors}
        required
      />
      <div class="button-row">
        <button type="submit" class="button button-secondary">
          {m.log.add}
        </button>
      </div>
    </form>
  );
}

export function ParticipantPage(props: {
  t: Messages;
  m: ParticipantMessages;
  om: OpportunityMessages;
  locale: Locale;
  csrfToken: string;
  participant: ParticipantRow;
  today: string;
  notice?: string;
  latest?: AssessmentRow;
  assessmentCount: number;
  log: SupportLogRow[];
  logForm: { values: FormValues; errors: FieldErrors };
}) {
  const { t, m, participant: p, locale } = props;
  const or = (value: string | null) => value ?? m.notSet;
  const logLabels = {
    occurred_on: m.log.fields.occurred_on,
    kind: m.log.fields.kind,
    body: m.log.fields.body,
  };
  return (
    <>
      <h1>
        {p.name}
        {p.isDemo ? <span class="tag">{m.demoTag}</span> : null}
      </h1>
      {props.notice ? (
        <div class="notice filter-panel" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <p class="hint">{m.auditNote}</p>
      <p>
        <a class="button button-secondary button-small" href={`/participants/${p.id}/edit`}>
          {m.editTitle}
        </a>
      </p>
      <h2>{m.sections.identity}</h2>
      <dl class="summary-list">
        <Row label={m.fields.name_kana}>{p.name_kana}</Row>
        <Row label={m.fields.birth_date}>
          {formatDate(p.birth_date, locale)}({formatJapaneseEraDate(p.birth_date)})
        </Row>
        <Row label={m.fields.age}>{m.age(ageOn(p.birth_date, props.today))}</Row>
        <Row label={m.fields.gender}>{or(p.gender)}</Row>
        <Row label={m.fields.case_number}>{or(p.case_number)}</Row>
        <Row label={m.fields.preferred_language}>{or(p.preferred_language)}</Row>
        <Row label={m.fields.easy_japanese}>{p.easy_japanese ? m.yes : m.no}</Row>
      </dl>
      <h2>{m.sections.contact}</h2>
      <dl class="summary-list">
        <Row label={m.fields.phone}>{or(p.phone)}</Row>
        <Row label={m.fields.email}>{or(p.email)}</Row>
        <Row label={m.fields.postal_code}>
          {p.postal_code ? `〒${p.postal_code.slice(0, 3)}-${p.postal_code.slice(3)}` : m.notSet}
        </Row>
        <Row label={m.fields.municipality_code}>{municipalityName(p.municipality_code, m)}</Row>
        <Row label={m.fields.address}>{or(p.address)}</Row>
        <Row label={m.fields.nearest_station}>{or(p.nearest_station)}</Row>
      </dl>
      <h2>{m.sections.emergency}</h2>
      <dl class="summary-list">
        <Row label={m.fields.emergency_name}>{or(p.emergency_name)}</Row>
        <Row label={m.fields.emergency_relation}>{or(p.emergency_relation)}</Row>
        <Row label={m.fields.emergency_phone}>{or(p.emergency_phone)}</Row>
      </dl>
      <h2>{m.sections.support}</h2>
      <dl class="summary-list">
        <Row label={m.fields.agency}>{p.agencyName}</Row>
        <Row label={m.fields.support_decision_on}>
          {p.support_decision_on
            ? `${formatDate(p.support_decision_on, locale)}(${municipalityName(p.support_decision_municipality_code, m)})`
            : m.notSet}
        </Row>
      </dl>
      <h2>{m.sections.assessment}</h2>
      {props.latest ? (
        <>
          <p>
            {m.assessment.version(props.latest.version)} {m.assessment.counts}
          </p>
          <AssessmentSummary m={m} om={props.om} locale={locale} assessment={props.latest} />
        </>
      ) : (
        <p>{m.assessment.none}</p>
      )}
      <p class="button-row">
        <a class="button button-small" href={`/participants/${p.id}/assessments/new`}>
          {m.assessment.record}
        </a>
        {props.assessmentCount > 0 ? (
          <a href={`/participants/${p.id}/assessments`}>{m.assessment.historyLink}</a>
        ) : null}
      </p>
      <h2 id="consents">{consentMessages[locale].section}</h2>
      <p>{consentMessages[locale].sectionIntro}</p>
      <p class="button-row">
        <a class="button button-small" href={`/participants/${p.id}/consents/new`}>
          {consentMessages[locale].record}
        </a>
        <a href={`/participants/${p.id}/consents`}>{consentMessages[locale].listLink}</a>
      </p>
      <h2 id="rights">{rightsMessages[locale].section}</h2>
      <p>{rightsMessages[locale].sectionIntro}</p>
      {p.status !== 'active' ? <p>{rightsMessages[locale].notActive}</p> : null}
      <p class="button-row">
        <a href={`/participants/${p.id}/export.pdf`}>{rightsMessages[locale].exportPdf}</a>
        <a href={`/participants/${p.id}/export.json`}>{rightsMessages[locale].exportJson}</a>
        {p.status === 'active' ? (
          <a href={`/participants/${p.id}/close`}>{rightsMessages[locale].closeLink}</a>
        ) : null}
        {p.status === 'active' ? (
          <a href={`/participants/${p.id}/transfer`}>{transferMessages[locale].link}</a>
        ) : null}
      </p>
      <h2 id="support-log">{m.log.title}</h2>
      <ErrorSummary t={t} errors={props.logForm.errors} labels={logLabels} />
      <SupportLogForm
        t={t}
        m={m}
        csrfToken={props.csrfToken}
        participantId={p.id}
        values={props.logForm.values}
        errors={props.logForm.errors}
      />
      {props.log.length === 0 ? (
        <p>{m.log.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{m.log.title}</caption>
            <thead>
              <tr>
                <th scope="col">{m.log.fields.occurred_on}</th>
                <th scope="col">{m.log.fields.kind}</th>
                <th scope="col">{m.log.fields.body}</th>
                <th scope="col">{m.log.fields.recordedBy}</th>
              </tr>
            </thead>
            <tbody>
              {props.log.map((entry) => (
                <tr>
                  <th scope="row">{formatDate(entry.occurredOn, locale)}</th>
                  <td>{m.log.kinds[entry.kind]}</td>
                  <td>
                    <Lines text={entry.body} />
                  </td>
                  <td>{entry.recordedByName ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
