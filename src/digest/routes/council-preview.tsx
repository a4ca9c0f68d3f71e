/**
 * The council's preview of an edition as one subscriber gets it (or with every preference):
 * the mail's conditions, subject and text on a page, and the same mail to download as HTML or
 * as an .eml file to open in a mail client.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import MailComposer from 'nodemailer/lib/mail-composer';
import { notFound } from '../../platform/auth/guard';
import { currentUser, dbOf, ID_PARAM } from '../../platform/http/context';
import type { AppEnv } from '../../platform/http/env';
import { renderPage } from '../../platform/http/render';
import { manageDigest } from '../access';
import { describePreferences } from '../mail';
import { municipalityName } from '../preferences';
import { idParam, messagesOf, secretOf } from '../request';
import { getEdition, getSubscriber, previewEdition, previewRecipientOf } from '../service';

export function digestCouncilPreviewRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function previewFor(c: Context<AppEnv>) {
    const db = dbOf(c);
    const edition = await getEdition(db, idParam(c));
    if (!edition) return undefined;
    const subscriberId = c.req.query('subscriber') ?? '';
    const subscriber = subscriberId ? await getSubscriber(db, subscriberId) : undefined;
    const recipient = previewRecipientOf(subscriber, currentUser(c));
    const { config } = c.get('services');
    const preview = await previewEdition(db, edition, recipient, {
      baseUrl: config.baseUrl,
      secret: await secretOf(c),
    });
    return { edition, recipient, subscriber, ...preview };
  }

  app.get(`/council/digest/editions/${ID_PARAM}/preview`, manageDigest, async (c) => {
    const m = messagesOf(c);
    const t = c.get('t');
    const preview = await previewFor(c);
    if (!preview) return notFound(c);
    const { edition, recipient } = preview;
    const query = new URLSearchParams({ subscriber: c.req.query('subscriber') ?? '' });
    return renderPage(
      c,
      {
        title: m.previewTitle(recipient.name),
        breadcrumbs: [
          { label: t.home, href: '/dashboard' },
          { label: m.councilTitle, href: '/council/digest' },
          { label: edition.title, href: `/council/digest/editions/${edition.id}` },
          { label: m.previewSubmit },
        ],
      },
      <>
        <h1>{m.previewTitle(recipient.name)}</h1>
        <p>
          {m.mail.conditions(
            describePreferences(m, c.get('locale'), recipient.preferences, municipalityName),
          )}
        </p>
        <p>
          <strong>{preview.mail.subject}</strong>
        </p>
        <p>
          <a href={`/council/digest/editions/${edition.id}/preview/download?${query}&format=html`}>
            {m.downloadHtml}
          </a>{' '}
          /{' '}
          <a href={`/council/digest/editions/${edition.id}/preview/download?${query}&format=eml`}>
            {m.downloadEml}
          </a>
        </p>
        <pre class="preview" tabindex={0}>
          {preview.mail.text}
        </pre>
      </>,
    );
  });

  app.get(`/council/digest/editions/${ID_PARAM}/preview/download`, manageDigest, async (c) => {
    const preview = await previewFor(c);
    if (!preview) return notFound(c);
    const { mail } = preview;
    if (c.req.query('format') === 'eml') {
      const { config } = c.get('services');
      const eml = await new MailComposer({
        from: config.mailFrom,
        to: preview.subscriber?.email ?? currentUser(c).email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
      })
        .compile()
        .build();
      c.header('Content-Type', 'message/rfc822');
      c.header('Content-Disposition', 'attachment; filename="preview.eml"');
      return c.body(new Uint8Array(eml));
    }
    c.header('Content-Type', 'text/html; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="preview.html"');
    return c.body(mail.html);
  });

  return app;
}
