/**
 * The council's content pages: the list, the editor (with a server-rendered preview, so it works
 * without JavaScript), publishing, the story photo, revisions, and furigana corrections.
 */
import { raw } from 'hono/html';
import type { SiteContentKind } from '../platform/db/schema';
import type { Locale, Messages } from '../platform/i18n';
import { formatDateTime } from '../platform/i18n/format';
import { Textarea } from '../platform/ui/fields';
import { CsrfField, ErrorSummary, type FieldErrors, type FormValues, TextField } from '../platform/ui/form';
import { contentKinds, type EditableField, isVisible, publicPathOf } from './content';
import type { ContentMessages } from './messages';
import { renderMarkdown } from './render';
import type { ContentItem, ContentSummary } from './store';

export function Notice(props: { text?: string }) {
  return props.text ? (
    <div class="notice" role="status">
      <p>{props.text}</p>
    </div>
  ) : null;
}

export function statusLabel(
  cm: ContentMessages,
  item: { status: string; publish_at: string | null },
  locale: Locale,
  now: string,
): string {
  if (item.status !== 'published') return cm.status.draft;
  if (item.publish_at && !isVisible(item, now))
    return cm.status.scheduled(formatDateTime(item.publish_at, locale));
  return cm.status.published;
}

export function ContentListPage(props: {
  cm: ContentMessages;
  locale: Locale;
  items: ContentSummary[];
  kind?: SiteContentKind;
  now: string;
  notice?: string;
}) {
  const { cm, locale } = props;
  return (
    <>
      <h1>{cm.title}</h1>
      <Notice text={props.notice} />
      <ul class="button-row plain-list">
        {contentKinds.map((kind) => (
          <li>
            <a class="button button-secondary" href={`/council/content/new/${kind}`}>
              {cm.newOf(cm.kinds[kind])}
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/council/content/furigana">{cm.furigana.link}</a>
      </p>
      <form method="get" action="/council/content" class="filter-form">
        <div class="field">
          <label for="filter-kind">{cm.filterLabel}</label>
          <select id="filter-kind" name="kind" class="input">
            <option value="">{cm.allKinds}</option>
            {contentKinds.map((kind) => (
              <option value={kind} selected={props.kind === kind}>
                {cm.kinds[kind]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button-secondary">
          {cm.filter}
        </button>
      </form>
      {props.items.length === 0 ? (
        <p>{cm.none}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{cm.title}</caption>
            <thead>
              <tr>
                <th scope="col">{cm.columns.title}</th>
                <th scope="col">{cm.columns.kind}</th>
                <th scope="col">{cm.columns.status}</th>
                <th scope="col">{cm.columns.updated}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((item) => (
                <tr>
                  <th scope="row">
                    <a href={`/council/content/${item.id}`}>{item.title_ja}</a>
                  </th>
                  <td>{cm.kinds[item.kind]}</td>
                  <td>{statusLabel(cm, item, locale, props.now)}</td>
                  <td>{formatDateTime(item.updated_at, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

const fieldsOfKind = (kind: SiteContentKind): EditableField[] => [
  'slug',
  'title_ja',
  'title_en',
  'summary_ja',
  'summary_en',
  'body_ja',
  'body_en',
  ...(kind === 'video' ? (['video_url', 'speakers', 'transcript_ja', 'transcript_en'] as const) : []),
  ...(kind === 'story'
    ? (['photo_alt_ja', 'photo_alt_en', 'consent_person', 'consent_date', 'consent_scope'] as const)
    : []),
];

export function labelsOf(cm: ContentMessages, kind: SiteContentKind): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const field of fieldsOfKind(kind)) labels[field] = cm.fields[field];
  labels.publish_at = cm.fields.publish_at;
  return labels;
}

export function ContentForm(props: {
  t: Messages;
  cm: ContentMessages;
  csrfToken: string;
  kind: SiteContentKind;
  action: string;
  values: FormValues;
  errors: FieldErrors;
  preview?: boolean;
}) {
  const { t, cm, kind, values, errors } = props;
  const text = (name: EditableField, extra: { hint?: string; required?: boolean; type?: 'date' } = {}) => (
    <TextField
      t={t}
      name={name}
      label={cm.fields[name]}
      values={values}
      errors={errors}
      hint={extra.hint}
      required={extra.required}
      type={extra.type}
      width="full"
    />
  );
  const area = (name: EditableField, rows: number, hint?: string) => (
    <Textarea
      t={t}
      name={name}
      label={cm.fields[name]}
      value={values[name] ?? ''}
      errors={errors}
      rows={rows}
      hint={hint}
    />
  );
  return (
    <>
      <ErrorSummary t={t} errors={errors} labels={labelsOf(cm, kind)} />
      {props.preview ? (
        <section class="preview" aria-labelledby="preview-title">
          <h2 id="preview-title">{cm.previewTitle}</h2>
          <h3 lang="ja">{values.title_ja}</h3>
          <div class="prose" lang="ja">
            {raw(renderMarkdown(values.body_ja ?? ''))}
          </div>
          {values.title_en || values.body_en ? (
            <>
              <h3 lang="en">{values.title_en}</h3>
              <div class="prose" lang="en">
                {raw(renderMarkdown(values.body_en ?? ''))}
              </div>
            </>
          ) : null}
        </section>
      ) : null}
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrfToken} />
        {text('slug', { hint: cm.hints.slug, required: true })}
        {text('title_ja', { required: true })}
        {text('title_en', { hint: cm.hints.title_en })}
        {area('summary_ja', 2)}
        {area('summary_en', 2)}
        {area('body_ja', 12, cm.hints.body_ja)}
        {area('body_en', 12)}
        {kind === 'video' ? (
          <fieldset>
            <legend>{cm.videoLegend}</legend>
            {text('video_url', { hint: cm.hints.video_url })}
            {area('speakers', 4)}
            {area('transcript_ja', 10)}
            {area('transcript_en', 10)}
          </fieldset>
        ) : null}
        {kind === 'story' ? (
          <>
            {text('photo_alt_ja')}
            {text('photo_alt_en')}
            <fieldset>
              <legend>{cm.consentLegend}</legend>
              {text('consent_person', { hint: cm.hints.consent_person })}
              {text('consent_date', { type: 'date' })}
              {area('consent_scope', 2, cm.hints.consent_scope)}
            </fieldset>
          </>
        ) : null}
        <div class="button-row">
          <button type="submit" name="_action" value="save" class="button">
            {cm.save}
          </button>
          <button type="submit" name="_action" value="preview" class="button button-secondary">
            {cm.preview}
          </button>
        </div>
      </form>
    </>
  );
}

export function EditExtras(props: {
  cm: ContentMessages;
  csrfToken: string;
  locale: Locale;
  item: ContentItem;
  now: string;
  revisions: { revision: number; note: string; changed_at: string; changed_by_name: string | null }[];
  publishError?: string;
  publishAtValue: string;
  photoError?: string;
}) {
  const { cm, item, locale } = props;
  const path = publicPathOf(item.kind, item.slug);
  const noteOf = (note: string) =>
    note.startsWith('restore:')
      ? cm.revisionNote.restore(note.slice('restore:'.length))
      : (((cm.revisionNote as Record<string, unknown>)[note] as string | undefined) ?? note);
  return (
    <>
      <section aria-labelledby="publish-title">
        <h2 id="publish-title">{cm.publishTitle}</h2>
        <p>
          {cm.columns.status}: <strong>{statusLabel(cm, item, locale, props.now)}</strong>
        </p>
        <p>
          {cm.publicUrl}: <code>{path}</code>
          {isVisible(item, props.now) ? (
            <>
              {' '}
              <a href={path}>{path}</a>
            </>
          ) : null}
        </p>
        <p>
          <a href={`/council/content/${item.id}/preview`}>{cm.previewPage}</a>
        </p>
        <form method="post" action={`/council/content/${item.id}/publish`}>
          <CsrfField token={props.csrfToken} />
          <div class={props.publishError ? 'field field-error' : 'field'}>
            <label for="field-publish_at">{cm.fields.publish_at}</label>
            <p class="hint" id="field-publish_at-hint">
              {cm.hints.publish_at}
            </p>
            {props.publishError ? (
              <p class="error-message" id="field-publish_at-error">
                {props.publishError}
              </p>
            ) : null}
            <input
              id="field-publish_at"
              name="publish_at"
              type="datetime-local"
              class="input input-medium"
              value={props.publishAtValue}
              aria-describedby={`field-publish_at-hint${props.publishError ? ' field-publish_at-error' : ''}`}
              aria-invalid={props.publishError ? 'true' : undefined}
            />
          </div>
          <button type="submit" class="button">
            {cm.publish}
          </button>
        </form>
        {item.status === 'published' ? (
          <form method="post" action={`/council/content/${item.id}/unpublish`}>
            <CsrfField token={props.csrfToken} />
            <button type="submit" class="button button-secondary">
              {cm.unpublish}
            </button>
          </form>
        ) : null}
      </section>
      {item.kind === 'story' ? (
        <section aria-labelledby="photo-title">
          <h2 id="photo-title">{cm.photoTitle}</h2>
          {item.photo_id ? (
            <figure>
              <img
                src={`/council/content/photos/${item.photo_id}`}
                alt={item.photo_alt_ja || cm.photoCurrent}
                width="320"
                height="213"
              />
              <figcaption>{cm.photoCurrent}</figcaption>
            </figure>
          ) : (
            <p>{cm.photoNone}</p>
          )}
          <form method="post" action={`/council/content/${item.id}/photo`} enctype="multipart/form-data">
            <CsrfField token={props.csrfToken} />
            <div class={props.photoError ? 'field field-error' : 'field'}>
              <label for="field-photo">{cm.photoField}</label>
              {props.photoError ? (
                <p class="error-message" id="field-photo-error">
                  {props.photoError}
                </p>
              ) : null}
              <input
                id="field-photo"
                name="photo"
                type="file"
                accept="image/jpeg,image/png,image/webp"
                aria-describedby={props.photoError ? 'field-photo-error' : undefined}
                aria-invalid={props.photoError ? 'true' : undefined}
              />
            </div>
            <button type="submit" class="button button-secondary">
              {cm.photoUpload}
            </button>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="revisions-title">
        <h2 id="revisions-title">{cm.revisionsTitle}</h2>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{cm.revisionsTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{cm.revision}</th>
                <th scope="col">{cm.changedAt}</th>
                <th scope="col">{cm.changedBy}</th>
                <th scope="col">{cm.view}</th>
              </tr>
            </thead>
            <tbody>
              {props.revisions.map((r) => (
                <tr>
                  <th scope="row">
                    {r.revision}({noteOf(r.note)})
                  </th>
                  <td>{formatDateTime(r.changed_at, locale)}</td>
                  <td>{r.changed_by_name ?? '—'}</td>
                  <td>
                    <a href={`/council/content/${item.id}/revisions/${r.revision}`}>
                      {cm.view}
                      <span class="visually-hidden">: {cm.revisionOf(r.revision)}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
