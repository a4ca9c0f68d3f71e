/**
 * iCalendar for appointments, built with ical-generator (never by hand): an invitation
 * (METHOD:REQUEST) or its cancellation (METHOD:CANCEL) attached to the e-mail, and a person's
 * own calendar (METHOD:PUBLISH) for download. Times are wall-clock times in Asia/Tokyo
 * (TZID=Asia/Tokyo with a fixed +09:00 VTIMEZONE: Japan has no daylight saving time).
 *
 * The UID is stable per appointment, and SEQUENCE goes up with every change, so calendar
 * programs update or remove the same event. Summaries and descriptions never carry the
 * participant's name or personal details: only the kind, the facility and a link.
 */
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  type ICalCalendar,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';

export const ICS_TIMEZONE = 'Asia/Tokyo';

/** A fixed-offset VTIMEZONE for Asia/Tokyo (JST, +09:00 all year since 1951). */
function tokyoTimezone(tz: string): string {
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${tz}`,
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    'TZOFFSETFROM:+0900',
    'TZOFFSETTO:+0900',
    'TZNAME:JST',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');
}

export type IcsEvent = {
  /** The appointment id; the UID is `<id>@<host>`. */
  id: string;
  sequence: number;
  /** 'YYYY-MM-DD' and 'HH:MM' in Tokyo. */
  date: string;
  startTime: string;
  endTime: string;
  summary: string;
  description: string;
  location: string;
  url: string;
  cancelled?: boolean;
  attendees?: { name: string; email: string }[];
};

export function appointmentUid(id: string, baseUrl: string): string {
  let host = 'hataraku.example';
  try {
    host = new URL(baseUrl).hostname || host;
  } catch {
    // keep the default host
  }
  return `appointment-${id}@${host}`;
}

function calendar(method: ICalCalendarMethod, name: string): ICalCalendar {
  const cal = ical({
    prodId: { company: 'Hataraku', product: 'はたらくサポートとうきょう', language: 'JA' },
    method,
    name,
  });
  cal.timezone({ name: ICS_TIMEZONE, generator: tokyoTimezone });
  return cal;
}

function addEvent(
  cal: ICalCalendar,
  event: IcsEvent,
  baseUrl: string,
  organizer?: { name: string; email: string },
): void {
  cal.createEvent({
    id: appointmentUid(event.id, baseUrl),
    sequence: event.sequence,
    // Local wall-clock strings: with a time zone set, ical-generator writes them as given.
    start: `${event.date}T${event.startTime}:00`,
    end: `${event.date}T${event.endTime}:00`,
    timezone: ICS_TIMEZONE,
    stamp: new Date(),
    summary: event.summary,
    description: event.description,
    location: event.location,
    url: event.url,
    status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer,
    attendees: (event.attendees ?? []).map((a) => ({
      name: a.name,
      email: a.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: false,
    })),
  });
}

/** The invitation (or, when cancelled, the cancellation) for one appointment. */
export function invitationIcs(
  event: IcsEvent,
  options: { baseUrl: string; organizer: { name: string; email: string } },
): string {
  const cal = calendar(
    event.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    event.summary,
  );
  addEvent(cal, event, options.baseUrl, options.organizer);
  return cal.toString();
}

/** A person's own list of appointments, to download or import once (METHOD:PUBLISH). */
export function personalCalendarIcs(
  events: readonly IcsEvent[],
  options: { baseUrl: string; name: string },
): string {
  const cal = calendar(ICalCalendarMethod.PUBLISH, options.name);
  for (const event of events) addEvent(cal, { ...event, attendees: [] }, options.baseUrl);
  return cal.toString();
}
