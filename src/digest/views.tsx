/** Page pieces shared by the digest's public, account and council pages. */
import type { Messages } from '../platform/i18n';
import { CheckboxGrid, Flag } from '../platform/ui/fields';
import { CheckboxesField, type FieldErrors } from '../platform/ui/form';
import { listMunicipalities } from '../reference/municipalities';
import { opportunityMessages } from '../registry/opportunities/messages';
import { taskCategories } from '../registry/opportunities/opportunity';
import type { EditionContent } from './edition';
import type { DigestMessages } from './messages';
import { cleanPreferences, type DigestPreferences, digestWorkForms } from './preferences';

export type SettingsValues = DigestPreferences & { weekly: boolean; skipEmpty: boolean };

/** Reads the preference checkboxes of a posted form (parseBody({ all: true })). */
export function settingsFromBody(body: Record<string, unknown>): SettingsValues {
  const list = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : typeof value === 'string'
        ? [value]
        : [];
  return {
    ...cleanPreferences({
      municipalities: list(body.municipalities),
      workForms: list(body.workForms),
      tasks: list(body.tasks),
    }),
    weekly: body.weekly === '1',
    skipEmpty: body.skipEmpty === '1',
  };
}

export function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

export function PreferenceFields(props: {
  t: Messages;
  m: DigestMessages;
  locale: 'ja' | 'en';
  values: SettingsValues;
  errors: FieldErrors;
}) {
  const { t, m, values, errors } = props;
  const om = opportunityMessages[props.locale];
  return (
    <>
      <CheckboxGrid
        t={t}
        name="municipalities"
        legend={m.labels.municipalities}
        hint={m.hints.municipalities}
        options={listMunicipalities().map((mu) => ({ value: mu.code, label: mu.name }))}
        checked={values.municipalities}
        errors={errors}
      />
      <CheckboxesField
        t={t}
        name="workForms"
        legend={m.labels.workForms}
        hint={m.hints.workForms}
        options={digestWorkForms.map((w) => ({ value: w, label: m.workForms[w] }))}
        checked={values.workForms}
        errors={errors}
      />
      <CheckboxGrid
        t={t}
        name="tasks"
        legend={m.labels.tasks}
        hint={m.hints.tasks}
        options={taskCategories.map((task) => ({ value: task, label: om.tasks[task] }))}
        checked={values.tasks}
        errors={errors}
      />
      <Flag name="weekly" label={m.labels.weekly} checked={values.weekly} errors={errors} />
      <Flag name="skipEmpty" label={m.labels.skipEmpty} checked={values.skipEmpty} errors={errors} />
    </>
  );
}

export function Notice(props: { text?: string }) {
  if (!props.text) return null;
  return (
    <div class="notice" role="status">
      <p>{props.text}</p>
    </div>
  );
}

/** The sections of an edition (as a subscriber with `content` reads it), for the archive and previews. */
export function EditionSections(props: {
  m: DigestMessages;
  content: EditionContent;
  kind: 'edition' | 'weekly';
  headingLevel?: 2 | 3;
}) {
  const { m, content } = props;
  const sections =
    props.kind === 'weekly'
      ? [{ label: m.mail.sections.new, entries: content.new }]
      : [
          { label: m.mail.sections.new, entries: content.new },
          { label: m.mail.sections.changed, entries: content.changed },
          { label: m.mail.sections.closed, entries: content.closed },
        ];
  return (
    <>
      {sections.map((section) => (
        <section>
          <h2>
            {section.label}({section.entries.length})
          </h2>
          {section.entries.length === 0 ? (
            <p>{m.mail.sectionEmpty}</p>
          ) : (
            <ul class="item-list">
              {section.entries.map((entry) => (
                <li>
                  <strong>{entry.values.title}</strong> — {entry.municipalityName} {entry.facilityName}(
                  {entry.corporationName})
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {props.kind === 'edition' ? (
        <section>
          <h2>{m.mail.countHeading}</h2>
          <div class="table-wrap">
            <table>
              <caption>{m.mail.total(content.open.length)}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.columns.municipality}</th>
                  <th scope="col">{m.columns.count}</th>
                </tr>
              </thead>
              <tbody>
                {content.counts.map((row) => (
                  <tr>
                    <th scope="row">{row.name}</th>
                    <td>{row.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
