/**
 * Content management for council staff under /council/content: list, write (Markdown with a
 * server-rendered preview), save as draft, publish now or at a set time, withdraw, story photo,
 * revisions with restore, and furigana corrections. Every route needs 'content.manage'.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { auditActor } from '../platform/audit/audit';
import { authorize } from '../platform/auth/guard';
import type { SiteContentKind } from '../platform/db/schema';
import { dbOf, ID_PARAM } from '../platform/http/context';
import type { AppEnv } from '../platform/http/env';
import { readForm } from '../platform/http/form';
import { renderPage } from '../platform/http/render';
import { formatDateTime } from '../platform/i18n/format';
import { CsrfField, ErrorSummary, type FieldErrors, type FormValues, TextField } from '../platform/ui/form';
import { renderSitePage, siteMessagesOf } from '../site/render';
import { ItemPage } from '../site/views';
import {
  type ContentErrors,
  contentKinds,
  editableFields,
  isoToTokyoLocal,
  tokyoLocalToIso,
} from './content';
import { type ContentMessages, contentMessages } from './messages';
import {
  createContent,
  deleteFuriganaCorrection,
  publishContent,
  restoreRevision,
  saveFuriganaCorrection,
  unpublishContent,
  updateContent,
  uploadStoryPhoto,
} from './service';
import {
  type ContentItem,
  findContent,
  findPhoto,
  findRevision,
  listAllContent,
  listCorrections,
  listRevisions,
} from './store';
import { ContentForm, ContentListPage, EditExtras, Notice } from './views';

const manage = authorize('content.manage', () => ({ kind: 'council' }));
const cmOf = (c: Context<AppEnv>): ContentMessages => contentMessages[c.get('locale')];
const isKind = (value: string | undefined): value is SiteContentKind =>
  (contentKinds as readonly string[]).includes(value ?? '');

function errorMessages(cm: ContentMessages, errors: ContentErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, code] of Object.entries(errors)) {
    if (code) out[field] = cm.errors[code];
  }
  return out;
}

function valuesOf(item: ContentItem): FormValues {
  const values: FormValues = {};
  for (const field of editableFields) values[field] = (item[field] as string | null) ?? '';
  return values;
}

const notices = (cm: ContentMessages, key: string | undefined, at?: string): string | undefined => {
  switch (key) {
    case 'saved':
      return cm.saved;
    case 'published':
      return cm.published;
    case 'scheduled':
      return cm.scheduled(at ?? '');
    case 'unpublished':
      return cm.unpublished;
    case 'photo':
      return cm.photoUploaded;
    case 'furigana':
      return cm.furigana.saved;
    case 'furigana-removed':
      return cm.furigana.removed;
    default:
      return key?.startsWith('restored-') ? cm.restored(Number(key.slice('restored-'.length))) : undefined;
  }
};

const crumbs = (c: Context<AppEnv>, cm: ContentMessages, label?: string) => [
  { label: c.get('t').nav.dashboard, href: '/dashboard' },
  { label: cm.title, href: '/council/content' },
  ...(label ? [{ label }] : []),
];

export function contentRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/council/content', manage, async (c) => {
    const cm = cmOf(c);
    const kind = c.req.query('kind');
    const items = await listAllContent(dbOf(c), isKind(kind) ? kind : undefined);
    return renderPage(
      c,
      { title: cm.title, breadcrumbs: crumbs(c, cm) },
      <ContentListPage
        cm={cm}
        locale={c.get('locale')}
        items={items}
        kind={isKind(kind) ? kind : undefined}
        now={new Date().toISOString()}
        notice={notices(cm, c.req.query('done'))}
      />,
    );
  });

  const editor = async (
    c: Context<AppEnv>,
    options: {
      kind: SiteContentKind;
      action: string;
      values: FormValues;
      errors: FieldErrors;
      preview?: boolean;
      item?: ContentItem;
      status?: 200 | 400;
      publishError?: string;
      photoError?: string;
    },
  ) => {
    const cm = cmOf(c);
    const title = options.item ? cm.editOf(cm.kinds[options.kind]) : cm.newOf(cm.kinds[options.kind]);
    const revisions = options.item ? await listRevisions(dbOf(c), options.item.id) : [];
    return renderPage(
      c,
      { title, breadcrumbs: crumbs(c, cm, title), status: options.status },
      <>
        <h1>{title}</h1>
        <Notice text={notices(cm, c.req.query('done'), c.req.query('at'))} />
        <ContentForm
          t={c.get('t')}
          cm={cm}
          csrfToken={c.get('csrfToken')}
          kind={options.kind}
          action={options.action}
          values={options.values}
          errors={options.errors}
          preview={options.preview}
        />
        {options.item ? (
          <EditExtras
            cm={cm}
            csrfToken={c.get('csrfToken')}
            locale={c.get('locale')}
            item={options.item}
            now={new Date().toISOString()}
            revisions={revisions}
            publishError={options.publishError}
            publishAtValue={
              options.item.publish_at && options.item.publish_at > new Date().toISOString()
                ? isoToTokyoLocal(options.item.publish_at)
                : ''
            }
            photoError={options.photoError}
          />
        ) : null}
      </>,
    );
  };

  app.get('/council/content/new/:kind{page|news|story|video}', manage, (c) => {
    const kind = c.req.param('kind') as SiteContentKind;
    return editor(c, { kind, action: `/council/content/new/${kind}`, values: {}, errors: {} });
  });

  app.post('/council/content/new/:kind{page|news|story|video}', manage, async (c) => {
    const cm = cmOf(c);
    const kind = c.req.param('kind') as SiteContentKind;
    const values = await readForm(c);
    const action = `/council/content/new/${kind}`;
    if (values._action === 'preview') return editor(c, { kind, action, values, errors: {}, preview: true });
    const outcome = await createContent(dbOf(c), kind, values, auditActor(c));
    if (outcome.status === 'invalid')
      return editor(c, { kind, action, values, errors: errorMessages(cm, outcome.errors), status: 400 });
    return c.redirect(`/council/content/${outcome.id}?done=saved`, 303);
  });

  const loadItem = async (c: Context<AppEnv>) => findContent(dbOf(c), c.req.param('id') ?? '');

  app.get(`/council/content/${ID_PARAM}`, manage, async (c) => {
    const item = await loadItem(c);
    if (!item) return c.notFound();
    return editor(c, {
      kind: item.kind,
      action: `/council/content/${item.id}`,
      values: valuesOf(item),
      errors: {},
      item,
    });
  });

  app.post(`/council/content/${ID_PARAM}`, manage, async (c) => {
    const cm = cmOf(c);
    const item = await loadItem(c);
    if (!item) return c.notFound();
    const values = await readForm(c);
    const action = `/council/content/${item.id}`;
    if (values._action === 'preview')
      return editor(c, { kind: item.kind, action, values, errors: {}, preview: true, item });
    const outcome = await updateContent(dbOf(c), item.id, values, auditActor(c));
    if (outcome.status === 'not_found') return c.notFound();
    if (outcome.status === 'invalid')
      return editor(c, {
        kind: item.kind,
        action,
        values,
        errors: errorMessages(cm, outcome.errors),
        item,
        status: 400,
      });
    return c.redirect(`/council/content/${item.id}?done=saved`, 303);
  });

  app.get(`/council/content/${ID_PARAM}/preview`, manage, async (c) => {
    const item = await loadItem(c);
    if (!item) return c.notFound();
    const cm = cmOf(c);
    const m = siteMessagesOf(c);
    return renderSitePage(
      c,
      {
        title: item.title_ja,
        description: item.summary_ja,
        noindex: true,
        breadcrumbs: crumbs(c, cm, cm.previewPage),
      },
      <>
        <div class="notice" role="note">
          <p>
            {cm.previewNotice} <a href={`/council/content/${item.id}`}>{cm.editOf(cm.kinds[item.kind])}</a>
          </p>
        </div>
        <ItemPage m={m} item={item} locale={c.get('locale')} photoBase="/council/content/photos" />
      </>,
    );
  });

  app.post(`/council/content/${ID_PARAM}/publish`, manage, async (c) => {
    const cm = cmOf(c);
    const item = await loadItem(c);
    if (!item) return c.notFound();
    const values = await readForm(c);
    const typed = (values.publish_at ?? '').trim();
    const publishAt = typed ? tokyoLocalToIso(typed) : undefined;
    if (typed && !publishAt)
      return editor(c, {
        kind: item.kind,
        action: `/council/content/${item.id}`,
        values: valuesOf(item),
        errors: {},
        item,
        status: 400,
        publishError: cm.errors.publish_at,
      });
    const outcome = await publishContent(dbOf(c), item.id, auditActor(c), { publishAt });
    if (outcome.status === 'not_found') return c.notFound();
    if (outcome.status === 'refused')
      return editor(c, {
        kind: item.kind,
        action: `/council/content/${item.id}`,
        values: valuesOf(item),
        errors: { _form: outcome.refusals.map((r) => cm.refusals[r]).join(' ') },
        item,
        status: 400,
        publishError: outcome.refusals.map((r) => cm.refusals[r]).join(' '),
      });
    const scheduled = outcome.publishAt > new Date().toISOString();
    return c.redirect(
      scheduled
        ? `/council/content/${item.id}?done=scheduled&at=${encodeURIComponent(formatDateTime(outcome.publishAt, c.get('locale')))}`
        : `/council/content/${item.id}?done=published`,
      303,
    );
  });

  app.post(`/council/content/${ID_PARAM}/unpublish`, manage, async (c) => {
    const outcome = await unpublishContent(dbOf(c), c.req.param('id'), auditActor(c));
    if (outcome.status === 'not_found') return c.notFound();
    return c.redirect(`/council/content/${c.req.param('id')}?done=unpublished`, 303);
  });

  app.post(`/council/content/${ID_PARAM}/photo`, manage, async (c) => {
    const cm = cmOf(c);
    const item = await loadItem(c);
    if (item?.kind !== 'story') return c.notFound();
    const body = await c.req.parseBody();
    const file = body.photo;
    const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
    const outcome = await uploadStoryPhoto(dbOf(c), item.id, bytes, auditActor(c));
    if (outcome.status === 'not_found') return c.notFound();
    if (outcome.status === 'invalid')
      return editor(c, {
        kind: item.kind,
        action: `/council/content/${item.id}`,
        values: valuesOf(item),
        errors: {},
        item,
        status: 400,
        photoError: cm.photoErrors[outcome.reason],
      });
    return c.redirect(`/council/content/${item.id}?done=photo`, 303);
  });

  app.get('/council/content/photos/:photoId{[0-9a-f-]{36}}', manage, async (c) => {
    const photo = await findPhoto(dbOf(c), c.req.param('photoId'));
    if (!photo) return c.notFound();
    return c.body(Buffer.from(photo.data, 'base64'), 200, {
      'Content-Type': photo.media_type,
      'Cache-Control': 'private, no-store',
    });
  });

  app.get(`/council/content/${ID_PARAM}/revisions/:revision{[0-9]+}`, manage, async (c) => {
    const cm = cmOf(c);
    const item = await loadItem(c);
    const number = Number(c.req.param('revision'));
    const revision = item ? await findRevision(dbOf(c), item.id, number) : undefined;
    if (!item || !revision) return c.notFound();
    const title = cm.revisionOf(number);
    const shown = editableFields.filter((f) => (revision.fields[f] ?? '') !== '');
    return renderPage(
      c,
      {
        title,
        breadcrumbs: [
          ...crumbs(c, cm),
          { label: item.title_ja, href: `/council/content/${item.id}` },
          { label: title },
        ],
      },
      <>
        <h1>{title}</h1>
        <p>{formatDateTime(revision.changed_at, c.get('locale'))}</p>
        <dl class="summary-list">
          {shown.map((field) => (
            <div>
              <dt>{cm.fields[field]}</dt>
              <dd>
                <pre class="mail-body">{revision.fields[field]}</pre>
              </dd>
            </div>
          ))}
        </dl>
        <form method="post" action={`/council/content/${item.id}/revisions/${number}/restore`}>
          <input type="hidden" name="_csrf" value={c.get('csrfToken')} />
          <button type="submit" class="button">
            {cm.restore}
          </button>
        </form>
      </>,
    );
  });

  app.post(`/council/content/${ID_PARAM}/revisions/:revision{[0-9]+}/restore`, manage, async (c) => {
    const cm = cmOf(c);
    const item = await loadItem(c);
    if (!item) return c.notFound();
    const number = Number(c.req.param('revision'));
    const outcome = await restoreRevision(dbOf(c), item.id, number, auditActor(c));
    if (outcome.status === 'not_found') return c.notFound();
    if (outcome.status === 'invalid')
      return editor(c, {
        kind: item.kind,
        action: `/council/content/${item.id}`,
        values: valuesOf(item),
        errors: errorMessages(cm, outcome.errors),
        item,
        status: 400,
      });
    return c.redirect(`/council/content/${item.id}?done=restored-${number}`, 303);
  });

  const furiganaPage = async (
    c: Context<AppEnv>,
    values: FormValues = {},
    errors: FieldErrors = {},
    status: 200 | 400 = 200,
  ) => {
    const cm = cmOf(c);
    const t = c.get('t');
    const rows = await listCorrections(dbOf(c));
    return renderPage(
      c,
      { title: cm.furigana.title, breadcrumbs: crumbs(c, cm, cm.furigana.title), status },
      <>
        <h1>{cm.furigana.title}</h1>
        <Notice text={notices(cm, c.req.query('done'))} />
        <p>{cm.furigana.intro}</p>
        <ErrorSummary
          t={t}
          errors={errors}
          labels={{ surface: cm.furigana.surface, reading: cm.furigana.reading }}
        />
        <form method="post" action="/council/content/furigana" novalidate>
          <CsrfField token={c.get('csrfToken')} />
          <TextField
            t={t}
            name="surface"
            label={cm.furigana.surface}
            values={values}
            errors={errors}
            required
          />
          <TextField
            t={t}
            name="reading"
            label={cm.furigana.reading}
            values={values}
            errors={errors}
            required
          />
          <button type="submit" class="button">
            {cm.furigana.add}
          </button>
        </form>
        {rows.length === 0 ? (
          <p>{cm.furigana.none}</p>
        ) : (
          <table>
            <caption>{cm.furigana.listCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{cm.furigana.surface}</th>
                <th scope="col">{cm.furigana.reading}</th>
                <th scope="col">{cm.furigana.remove}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <th scope="row">{row.surface}</th>
                  <td>{row.reading}</td>
                  <td>
                    <form method="post" action="/council/content/furigana/delete">
                      <CsrfField token={c.get('csrfToken')} />
                      <input type="hidden" name="surface" value={row.surface} />
                      <button
                        type="submit"
                        class="button button-secondary button-small"
                        aria-label={cm.furigana.removeLabel(row.surface)}
                      >
                        {cm.furigana.remove}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
    );
  };

  app.get('/council/content/furigana', manage, (c) => furiganaPage(c));

  app.post('/council/content/furigana', manage, async (c) => {
    const cm = cmOf(c);
    const values = await readForm(c);
    const outcome = await saveFuriganaCorrection(
      dbOf(c),
      { surface: values.surface ?? '', reading: values.reading ?? '' },
      auditActor(c),
    );
    if (outcome.status === 'invalid') {
      const errors: FieldErrors = {};
      for (const [field, code] of Object.entries(outcome.errors))
        errors[field] = (cm.errors as Record<string, string>)[code ?? ''] ?? cm.errors.required;
      return furiganaPage(c, values, errors, 400);
    }
    return c.redirect('/council/content/furigana?done=furigana', 303);
  });

  app.post('/council/content/furigana/delete', manage, async (c) => {
    const values = await readForm(c);
    await deleteFuriganaCorrection(dbOf(c), values.surface ?? '', auditActor(c));
    return c.redirect('/council/content/furigana?done=furigana-removed', 303);
  });

  return app;
}
