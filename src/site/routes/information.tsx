/**
 * The public pages of information for partners and readers: for corporations, for agencies,
 * the accessibility statement, privacy policy and contact (the last two replaceable by a CMS page).
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { findVisibleContent } from '../../content/store';
import { dbOf } from '../../platform/http/context';
import type { AppEnv } from '../../platform/http/env';
import { measurements } from '../measurements';
import { renderSitePage, siteMessagesOf } from '../render';
import { ItemPage, localised, SectionsPage, StepsPage } from '../views';
import { crumbs, now } from './shared';

/** Where agencies and corporations apply for the はたらく場情報 e-mail (the digest area). */
export const DIGEST_SUBSCRIBE_PATH = '/digest/apply';

export function addInformationPages(app: Hono<AppEnv>, gz: MiddlewareHandler): void {
  app.get('/for-corporations', gz, (c) => {
    const m = siteMessagesOf(c);
    const f = m.forCorporations;
    return renderSitePage(
      c,
      { title: f.title, description: f.description, breadcrumbs: crumbs(c, { label: f.title }) },
      <StepsPage
        title={f.title}
        intro={f.intro}
        stepsTitle={f.stepsTitle}
        steps={f.steps}
        extra={[
          { heading: f.certificationTitle, text: f.certification },
          {
            heading: m.nav.insurance,
            text: f.insurance,
            link: { href: '/insurance', label: m.insurance.title },
          },
          {
            heading: m.forAgencies.subscribeTitle,
            text: f.digest,
            link: { href: DIGEST_SUBSCRIBE_PATH, label: m.forAgencies.subscribeLink },
          },
        ]}
      />,
    );
  });

  app.get('/for-agencies', gz, (c) => {
    const m = siteMessagesOf(c);
    const f = m.forAgencies;
    return renderSitePage(
      c,
      { title: f.title, description: f.description, breadcrumbs: crumbs(c, { label: f.title }) },
      <>
        <h1>{f.title}</h1>
        <p class="lead">{f.intro}</p>
        <section aria-labelledby="list">
          <h2 id="list">{f.listTitle}</h2>
          <ul>
            {f.list.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
          <p>
            <a href="/work-places">{m.workPlaces.title}</a>
          </p>
        </section>
        <section aria-labelledby="subscribe">
          <h2 id="subscribe">{f.subscribeTitle}</h2>
          <p>{f.subscribe}</p>
          <p>
            <a href={DIGEST_SUBSCRIBE_PATH}>{f.subscribeLink}</a>
          </p>
        </section>
        <section aria-labelledby="account">
          <h2 id="account">{f.accountTitle}</h2>
          <p>{f.account}</p>
          <p>
            <a href="/contact">{m.contact.title}</a>
          </p>
        </section>
        <section aria-labelledby="flow">
          <h2 id="flow">{m.flow.title}</h2>
          <p>
            <a href="/flow">{m.flow.description}</a>
          </p>
        </section>
      </>,
    );
  });

  app.get('/accessibility', gz, (c) => {
    const m = siteMessagesOf(c);
    const a = m.accessibility;
    const locale = c.get('locale');
    return renderSitePage(
      c,
      { title: a.title, description: a.description, breadcrumbs: crumbs(c, { label: a.title }) },
      <>
        <h1>{a.title}</h1>
        <section aria-labelledby="policy">
          <h2 id="policy">{a.policyTitle}</h2>
          <p>{a.policy}</p>
        </section>
        <section aria-labelledby="measures">
          <h2 id="measures">{a.measuresTitle}</h2>
          <ul>
            {a.measures.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="results">
          <h2 id="results">{a.resultsTitle}</h2>
          <p>{a.results(measurements.date)}</p>
          <ul>
            <li>{a.axe(measurements.axePages)}</li>
            {measurements.lighthouse.length > 0 ? (
              <li>
                {a.lighthouse}
                <ul>
                  {measurements.lighthouse.map((row) => (
                    <li>{a.lighthouseRow(row.page[locale], row.perf, row.a11y, row.bp, row.seo)}</li>
                  ))}
                </ul>
              </li>
            ) : null}
          </ul>
          <h3>{a.limitsTitle}</h3>
          <p>{a.limits}</p>
          <p>
            {a.feedback} <a href="/contact">{m.contact.title}</a>
          </p>
        </section>
      </>,
    );
  });

  for (const [path, key] of [
    ['/privacy', 'privacy'],
    ['/contact', 'contact'],
  ] as const) {
    app.get(path, gz, async (c) => {
      const m = siteMessagesOf(c);
      const copy = m[key];
      // A published CMS page with the same slug replaces the built-in text (e.g. the
      // secretariat's current phone number and hours on /contact).
      const override = await findVisibleContent(dbOf(c), 'page', key, now());
      if (override) {
        const text = localised(override, c.get('locale'));
        return renderSitePage(
          c,
          {
            title: text.title,
            description: text.summary || copy.description,
            breadcrumbs: crumbs(c, { label: text.title }),
          },
          <ItemPage m={m} item={override} locale={c.get('locale')} photoBase="/site/photos" />,
        );
      }
      return renderSitePage(
        c,
        { title: copy.title, description: copy.description, breadcrumbs: crumbs(c, { label: copy.title }) },
        <>
          <SectionsPage title={copy.title} sections={copy.sections} />
          {key === 'contact' ? (
            <p>
              <a href="/insurance">{m.insurance.title}</a>
            </p>
          ) : null}
        </>,
      );
    });
  }
}
