/**
 * The public pages' bodies. Plain semantic HTML: one h1, sections with headings, ordered lists
 * for steps, tables with th scope; no scripts.
 */
import { raw } from 'hono/html';
import { renderMarkdown } from '../content/render';
import type { ContentItem, ContentSummary } from '../content/store';
import { parseVideoSource } from '../content/video';
import type { Locale } from '../platform/i18n';
import { formatDate } from '../platform/i18n/format';
import { HowItWorksDiagram } from './diagram';
import type { EasyPage } from './easy';
import type { SiteMessages } from './messages';

/** The Tokyo calendar date of an ISO UTC moment. */
export function tokyoDate(iso: string): string {
  return new Date(Date.parse(iso) + 9 * 3600_000).toISOString().slice(0, 10);
}

export function SampleTag(props: { m: SiteMessages; show: boolean }) {
  return props.show ? <span class="tag tag-sample">{props.m.demoSample}</span> : null;
}

/** The title, summary and body of an item in the reader's language; Japanese when no English. */
export function localised(
  item: Pick<ContentItem, 'title_ja' | 'title_en' | 'summary_ja' | 'summary_en'> &
    Partial<Pick<ContentItem, 'body_ja' | 'body_en'>>,
  locale: Locale,
) {
  const english = locale === 'en' && item.title_en.trim() !== '';
  return {
    lang: (english ? 'en' : 'ja') as Locale,
    title: english ? item.title_en : item.title_ja,
    summary: english ? item.summary_en || item.summary_ja : item.summary_ja,
    body: english ? (item.body_en ?? '') || (item.body_ja ?? '') : (item.body_ja ?? ''),
    bodyLang: (english && (item.body_en ?? '') !== '' ? 'en' : 'ja') as Locale,
  };
}

export function TopPage(props: {
  m: SiteMessages;
  news: ContentSummary[];
  stories: ContentSummary[];
  locale: Locale;
  /** Where staff of the council, corporations and agencies sign in (or their home when signed in). */
  staff: { title: string; text: string; href: string; label: string };
}) {
  const { m } = props;
  const cards = [
    { href: '/how-it-works', label: m.nav.howItWorks, text: m.howItWorks.description },
    { href: '/flow', label: m.nav.flow, text: m.flow.description },
    { href: '/insurance', label: m.nav.insurance, text: m.insurance.description },
    { href: '/corporations', label: m.nav.corporations, text: m.corporations.description },
    { href: '/work-places', label: m.nav.workPlaces, text: m.workPlaces.description },
    { href: '/videos', label: m.nav.videos, text: m.videos.description },
  ];
  return (
    <>
      <h1>{m.top.title}</h1>
      <p class="lead">{m.top.lead}</p>
      <section aria-labelledby="who">
        <h2 id="who">{m.top.whoTitle}</h2>
        {m.top.who.map((p) => (
          <p>{p}</p>
        ))}
      </section>
      <section aria-labelledby="forms">
        <h2 id="forms">{m.top.formsTitle}</h2>
        <dl class="definition-list">
          {m.top.forms.map((form) => (
            <>
              <dt>{form.name}</dt>
              <dd>{form.text}</dd>
            </>
          ))}
        </dl>
      </section>
      <section aria-labelledby="explore">
        <h2 id="explore">{m.top.exploreTitle}</h2>
        <ul class="card-list">
          {cards.map((card) => (
            <li class="card">
              <h3>
                <a href={card.href}>{card.label}</a>
              </h3>
              <p>{card.text}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="latest-news">
        <h2 id="latest-news">{m.top.latestNews}</h2>
        <ItemList m={m} items={props.news} base="/news" locale={props.locale} empty={m.top.noNews} />
        <p>
          <a href="/news">{m.news.title}</a>
        </p>
      </section>
      {props.stories.length > 0 ? (
        <section aria-labelledby="latest-stories">
          <h2 id="latest-stories">{m.top.latestStories}</h2>
          <ItemList m={m} items={props.stories} base="/stories" locale={props.locale} empty="" />
        </section>
      ) : null}
      <section aria-labelledby="for-you">
        <h2 id="for-you">{m.top.forYouTitle}</h2>
        <ul>
          <li>
            <a href="/for-corporations">{m.nav.forCorporations}</a>
          </li>
          <li>
            <a href="/for-agencies">{m.nav.forAgencies}</a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="by">
        <h2 id="by">{m.top.byTitle}</h2>
        <p>{m.top.by}</p>
      </section>
      <section aria-labelledby="for-staff">
        <h2 id="for-staff">{props.staff.title}</h2>
        <p>{props.staff.text}</p>
        <p>
          <a class="button" href={props.staff.href}>
            {props.staff.label}
          </a>
        </p>
      </section>
    </>
  );
}

export function HowItWorksPage(props: { m: SiteMessages }) {
  const h = props.m.howItWorks;
  return (
    <>
      <h1>{h.title}</h1>
      <p class="lead">{h.intro}</p>
      <figure class="diagram-figure" aria-labelledby="diagram-caption">
        <HowItWorksDiagram m={props.m} />
        <figcaption id="diagram-caption">{h.diagramTitle}</figcaption>
      </figure>
      <section aria-labelledby="roles">
        <h2 id="roles">{h.diagramTextTitle}</h2>
        <dl class="definition-list">
          {h.roles.map((role) => (
            <>
              <dt>{role.who}</dt>
              <dd>{role.what}</dd>
            </>
          ))}
        </dl>
      </section>
      <section aria-labelledby="forms">
        <h2 id="forms">{h.formsTitle}</h2>
        <p>{h.training}</p>
        <p>{h.shortTerm}</p>
      </section>
    </>
  );
}

export function FlowPage(props: { m: SiteMessages }) {
  const f = props.m.flow;
  return (
    <>
      <h1>{f.title}</h1>
      <p class="lead">{f.intro}</p>
      <ol class="steps">
        {f.steps.map((step) => (
          <li>
            <h2>{step.name}</h2>
            <p>{step.text}</p>
          </li>
        ))}
      </ol>
      <p>{f.after}</p>
    </>
  );
}

export function InsurancePage(props: { m: SiteMessages }) {
  const i = props.m.insurance;
  return (
    <>
      <h1>{i.title}</h1>
      <p class="lead">{i.intro}</p>
      <section aria-labelledby="covers">
        <h2 id="covers">{i.coversTitle}</h2>
        <ul>
          {i.covers.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
        <p>{i.rules}</p>
      </section>
      <section aria-labelledby="ask">
        <h2 id="ask">{i.askTitle}</h2>
        <p>{i.ask}</p>
        <dl class="definition-list">
          <dt>{i.agentLabel}</dt>
          <dd>{i.agent}</dd>
          <dt>{i.holderLabel}</dt>
          <dd>{i.holder}</dd>
        </dl>
      </section>
    </>
  );
}

export function StepsPage(props: {
  title: string;
  intro: string;
  stepsTitle: string;
  steps: { name: string; text: string }[];
  extra: { heading: string; text: string; link?: { href: string; label: string } }[];
}) {
  return (
    <>
      <h1>{props.title}</h1>
      <p class="lead">{props.intro}</p>
      <section aria-labelledby="steps">
        <h2 id="steps">{props.stepsTitle}</h2>
        <ol class="steps">
          {props.steps.map((step) => (
            <li>
              <h3>{step.name}</h3>
              <p>{step.text}</p>
            </li>
          ))}
        </ol>
      </section>
      {props.extra.map((section, index) => (
        <section aria-labelledby={`extra-${index}`}>
          <h2 id={`extra-${index}`}>{section.heading}</h2>
          <p>{section.text}</p>
          {section.link ? (
            <p>
              <a href={section.link.href}>{section.link.label}</a>
            </p>
          ) : null}
        </section>
      ))}
    </>
  );
}

export function SectionsPage(props: {
  title: string;
  lead?: string;
  sections: { heading: string; text: string }[];
}) {
  return (
    <>
      <h1>{props.title}</h1>
      {props.lead ? <p class="lead">{props.lead}</p> : null}
      {props.sections.map((section, index) => (
        <section aria-labelledby={`section-${index}`}>
          <h2 id={`section-${index}`}>{section.heading}</h2>
          <p>{section.text}</p>
        </section>
      ))}
    </>
  );
}

export function EasyPageView(props: {
  page: EasyPage;
  m: SiteMessages;
  standardHref: string;
  locale: Locale;
}) {
  return (
    <div lang="ja" class="easy">
      {props.locale === 'en' ? <p lang="en">{props.m.easy.inJapanese}</p> : null}
      <h1>{props.page.title}</h1>
      {props.page.sections.map((section, index) => (
        <section aria-labelledby={`easy-${index}`}>
          <h2 id={`easy-${index}`}>{section.heading}</h2>
          {section.lines.map((line) => (
            <p>{line}</p>
          ))}
        </section>
      ))}
      <p>
        <a href={props.standardHref} lang={props.locale}>
          {props.m.easy.standard}
        </a>
      </p>
    </div>
  );
}

export function ItemList(props: {
  m: SiteMessages;
  items: ContentSummary[];
  base: string;
  locale: Locale;
  empty: string;
  photos?: boolean;
}) {
  if (props.items.length === 0) return props.empty ? <p>{props.empty}</p> : null;
  return (
    <ul class="item-list">
      {props.items.map((item) => {
        const text = localised(item, props.locale);
        return (
          <li lang={text.lang === props.locale ? undefined : text.lang}>
            <h3>
              <a href={`${props.base}/${item.slug}`}>{text.title}</a>{' '}
              <SampleTag m={props.m} show={item.is_demo === 1} />
            </h3>
            {item.publish_at ? (
              <p class="meta">
                <time datetime={tokyoDate(item.publish_at)}>
                  {formatDate(tokyoDate(item.publish_at), props.locale)}
                </time>
              </p>
            ) : null}
            {text.summary ? <p>{text.summary}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}

export function ListPage(props: {
  m: SiteMessages;
  title: string;
  items: ContentSummary[];
  base: string;
  locale: Locale;
  empty: string;
  note?: string;
}) {
  return (
    <>
      <h1>{props.title}</h1>
      {props.note ? <p>{props.note}</p> : null}
      <ItemList m={props.m} items={props.items} base={props.base} locale={props.locale} empty={props.empty} />
    </>
  );
}

/** One item: story, news, video or page. `photoBase` is the path photos are served from. */
export function ItemPage(props: {
  m: SiteMessages;
  item: ContentItem;
  locale: Locale;
  photoBase: string;
  back?: { href: string; label: string };
}) {
  const { m, item, locale } = props;
  const text = localised(item, locale);
  const video = item.kind === 'video' && item.video_url ? parseVideoSource(item.video_url) : undefined;
  const transcript = locale === 'en' && item.transcript_en ? item.transcript_en : item.transcript_ja;
  const transcriptLang = locale === 'en' && item.transcript_en ? 'en' : 'ja';
  const alt = locale === 'en' && item.photo_alt_en ? item.photo_alt_en : item.photo_alt_ja;
  return (
    <article lang={text.lang === locale ? undefined : text.lang}>
      <h1>
        {text.title} <SampleTag m={m} show={item.is_demo === 1} />
      </h1>
      {item.publish_at && item.kind !== 'page' ? (
        <p class="meta">
          {m.item.published}:{' '}
          <time datetime={tokyoDate(item.publish_at)}>{formatDate(tokyoDate(item.publish_at), locale)}</time>
        </p>
      ) : null}
      {locale === 'en' && text.bodyLang === 'ja' ? <p lang="en">{m.item.japaneseOnly}</p> : null}
      {item.kind === 'story' && item.photo_id ? (
        <figure class="story-photo">
          <img
            src={`${props.photoBase}/${item.photo_id}`}
            alt={alt}
            width="640"
            height="427"
            loading="lazy"
            decoding="async"
          />
        </figure>
      ) : null}
      {video?.ok ? (
        <div class="video">
          <iframe
            src={video.embedUrl}
            title={m.videos.playerTitle(text.title)}
            loading="lazy"
            allowfullscreen
            width="640"
            height="360"
          />
          <p>
            <a href={video.url}>{m.videos.watchOn(video.provider === 'youtube' ? 'YouTube' : 'Vimeo')}</a>
          </p>
        </div>
      ) : null}
      {item.kind === 'video' && item.speakers ? (
        <section aria-labelledby="speakers">
          <h2 id="speakers">{m.videos.speakers}</h2>
          <ul>
            {item.speakers
              .split('\n')
              .filter((s) => s.trim())
              .map((speaker) => (
                <li>{speaker}</li>
              ))}
          </ul>
        </section>
      ) : null}
      <div class="prose" lang={text.bodyLang === text.lang ? undefined : text.bodyLang}>
        {raw(renderMarkdown(text.body))}
      </div>
      {item.kind === 'video' && transcript ? (
        <section
          aria-labelledby="transcript"
          lang={transcriptLang === text.lang ? undefined : transcriptLang}
        >
          <h2 id="transcript">{m.videos.transcript}</h2>
          <div class="prose">{raw(renderMarkdown(transcript))}</div>
        </section>
      ) : null}
      {item.kind === 'story' ? <p class="meta">{m.stories.photoNote}</p> : null}
      {props.back ? (
        <p>
          <a href={props.back.href}>{props.back.label}</a>
        </p>
      ) : null}
    </article>
  );
}
