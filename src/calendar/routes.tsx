/**
 * /calendar: every user's own list of upcoming appointments (見学・面接・体験・三者協議), by day
 * with the Japanese weekday and 和暦, and the same list as an .ics download. The rows are scoped
 * like the referrals the user may see; no participant's name is shown or exported.
 */
import { type Context, Hono } from 'hono';
import { todayInTokyo } from '../participants/japanese-date';
import { actorOf, authorize } from '../platform/auth/guard';
import { currentUser, dbOf } from '../platform/http/context';
import type { AppEnv } from '../platform/http/env';
import { renderPage } from '../platform/http/render';
import { formatDate, formatJapaneseEraDate } from '../platform/i18n/format';
import { personalCalendarIcs } from '../referrals/appointments/ics';
import { type AppointmentMessages, appointmentMessages } from '../referrals/appointments/messages';
import { listUpcomingAppointments } from '../referrals/appointments/service';
import type { CalendarEntry } from '../referrals/appointments/store';

const self = () => ({ kind: 'self' as const });

function messagesOf(c: Context<AppEnv>): AppointmentMessages {
  return appointmentMessages[c.get('locale')];
}

function byDay(entries: readonly CalendarEntry[]): [string, CalendarEntry[]][] {
  const days = new Map<string, CalendarEntry[]>();
  for (const entry of entries) days.set(entry.date, [...(days.get(entry.date) ?? []), entry]);
  return [...days];
}

export function calendarRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/calendar', authorize('calendar.read', self), async (c) => {
    const m = messagesOf(c);
    const locale = c.get('locale');
    const entries = await listUpcomingAppointments(dbOf(c), actorOf(currentUser(c)));
    const today = todayInTokyo();
    return renderPage(
      c,
      {
        title: m.calendar.title,
        breadcrumbs: [{ label: c.get('t').home, href: '/dashboard' }, { label: m.calendar.title }],
      },
      <>
        <h1>{m.calendar.title}</h1>
        <p>{m.calendar.intro}</p>
        <p>
          <a href="/calendar.ics" download="hataraku-calendar.ics">
            {m.calendar.download}
          </a>{' '}
          <span class="hint">{m.calendar.downloadHint}</span>
        </p>
        {entries.length === 0 ? (
          <p>{m.calendar.none}</p>
        ) : (
          byDay(entries).map(([date, list]) => (
            <section aria-labelledby={`day-${date}`}>
              <h2 id={`day-${date}`}>
                {formatDate(date, locale)}
                {locale === 'ja' ? <span class="hint">({formatJapaneseEraDate(date)})</span> : null}
                {date === today ? <span class="tag">{m.calendar.today}</span> : null}
              </h2>
              <div class="table-wrap">
                <table>
                  <caption class="visually-hidden">
                    {formatDate(date, locale)} {m.calendar.countLabel(list.length)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.fields.time}</th>
                      <th scope="col">{m.fields.kind}</th>
                      <th scope="col">{m.calendar.facility}</th>
                      <th scope="col">{m.fields.place}</th>
                      <th scope="col">
                        <span class="visually-hidden">{m.calendar.open}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((e) => (
                      <tr>
                        <th scope="row">
                          {e.startTime}〜{e.endTime}
                        </th>
                        <td>{m.kinds[e.kind]}</td>
                        <td>
                          {e.facilityName}
                          <br />
                          {e.opportunityTitle}
                        </td>
                        <td>{e.place}</td>
                        <td>
                          <a href={`/referrals/${e.referralId}`}>
                            {m.calendar.open}
                            <span class="visually-hidden">
                              ({m.kinds[e.kind]} {e.startTime})
                            </span>
                          </a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))
        )}
      </>,
    );
  });

  app.get('/calendar.ics', authorize('calendar.read', self), async (c) => {
    const m = appointmentMessages.ja;
    const baseUrl = c.get('services').config.baseUrl;
    const entries = await listUpcomingAppointments(dbOf(c), actorOf(currentUser(c)));
    const ics = personalCalendarIcs(
      entries.map((e) => ({
        id: e.id,
        sequence: e.sequence,
        date: e.date,
        startTime: e.startTime,
        endTime: e.endTime,
        summary: m.mail.summary(m.kinds[e.kind], e.facilityName),
        description: m.mail.description(`${baseUrl}/referrals/${e.referralId}`),
        location: e.place,
        url: `${baseUrl}/referrals/${e.referralId}`,
      })),
      { baseUrl, name: m.calendar.calendarName },
    );
    c.header('content-type', 'text/calendar; charset=utf-8');
    c.header('content-disposition', 'attachment; filename="hataraku-calendar.ics"');
    c.header('cache-control', 'no-store');
    return c.body(ics);
  });

  return app;
}
