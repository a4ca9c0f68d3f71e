import { expect, it } from 'vitest';
import { buildTestApp } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { buildParticipantWorld, otherCounsellorEmail } from '../../participants/test-support';
import {
  addSmallOpportunity,
  buildMeetingWorld,
  daysFromToday,
  emails,
  sendTestReferral,
} from './test-support';

describeEachDatabase('meetings and decisions over the API', (current) => {
  it('schedules, writes the record, agrees and lists the calendar; another agency sees nothing', async () => {
    const people = await buildParticipantWorld(current().db);
    const world = await buildMeetingWorld(current().db);
    const opportunityId = await addSmallOpportunity(current().db, world, 1);
    const referralId = await sendTestReferral(current().db, world, { opportunityId });
    const app = buildTestApp(current());
    const call = (email: string, path: string, init: { method?: string; body?: unknown } = {}) =>
      app.request(`/api/v1${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${people.tokens[email]}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
        ...(init.body ? { body: JSON.stringify(init.body) } : {}),
      });

    const past = await call(emails.coordinator, `/referrals/${referralId}/appointments`, {
      method: 'POST',
      body: { kind: 'visit', date: daysFromToday(-1), startTime: '10:00', endTime: '11:00', place: '相談室' },
    });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain('date');

    await current()
      .db.updateTable('referral')
      .set({ state: 'viewed' })
      .where('id', '=', referralId)
      .execute();
    const meeting = await call(emails.counsellor, `/referrals/${referralId}/appointments`, {
      method: 'POST',
      body: {
        kind: 'meeting',
        date: daysFromToday(0),
        startTime: '23:00',
        endTime: '23:45',
        place: '会議室',
        staffUserIds: [world.actors.coordinator.userId],
        participantAttends: true,
      },
    });
    expect(meeting.status).toBe(201);
    const created = (await meeting.json()) as {
      id: string;
      sequence: number;
      attendees: { party: string }[];
    };
    expect(created.sequence).toBe(0);
    expect(created.attendees.map((a) => a.party)).toEqual(['participant', 'facility']);

    const calendar = await call(emails.coordinator, '/calendar');
    expect(calendar.status).toBe(200);
    const items = ((await calendar.json()) as { items: { id: string }[] }).items;
    expect(items.some((i) => i.id === created.id)).toBe(true);

    const put = await call(emails.coordinator, `/referrals/${referralId}/meeting-record`, {
      method: 'PUT',
      body: {
        heldOn: daysFromToday(0),
        participantAttended: true,
        agencyAttendees: ['相談 支援健太'],
        facilityAttendees: ['受入 担当美咲'],
        workForm: 'b_unpaid',
        startDate: daysFromToday(7),
        schedule: [{ weekday: 1, start: '09:00', end: '11:00' }],
        tasks: ['cleaning'],
      },
    });
    expect(put.status).toBe(200);
    const record = (await put.json()) as { supportDecision: string; outcome: string };
    expect(record).toMatchObject({ outcome: 'draft', supportDecision: 'in_place' });

    for (const [email, party] of [
      [emails.counsellor, 'agency'],
      [emails.counsellor, 'participant'],
      [emails.coordinator, 'facility'],
    ] as const) {
      const r = await call(email, `/referrals/${referralId}/meeting-record/agreements`, {
        method: 'POST',
        body: { party, agreedOn: daysFromToday(0) },
      });
      expect(r.status).toBe(200);
    }
    const final = (await (
      await call(emails.counsellor, `/referrals/${referralId}/meeting-record`)
    ).json()) as {
      outcome: string;
      referralState: string;
      placementId: string | null;
    };
    expect(final).toMatchObject({ outcome: 'agreed', referralState: 'agreed' });
    expect(final.placementId).toBeTruthy();

    // Another agency's counsellor: nothing of the record or the appointments.
    expect((await call(otherCounsellorEmail, `/referrals/${referralId}/meeting-record`)).status).toBe(404);
    expect((await call(otherCounsellorEmail, `/referrals/${referralId}/appointments`)).status).toBe(404);
    const foreignCalendar = await call(otherCounsellorEmail, '/calendar');
    expect(((await foreignCalendar.json()) as { items: unknown[] }).items).toEqual([]);

    const openapi = await app.request('/api/openapi.json');
    const doc = (await openapi.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/referrals/{id}/appointments',
        '/api/v1/referrals/{id}/meeting-record',
        '/api/v1/referrals/{id}/meeting-record/agreements',
        '/api/v1/calendar',
      ]),
    );
  });
});
