import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/databases';
import {
  buildMeetingWorld,
  daysFromToday,
  emails,
  type MeetingWorld,
  sendTestReferral,
  testAudit,
} from '../decisions/test-support';
import { validateAppointment } from './appointment';
import { appointmentUid, invitationIcs } from './ics';
import { cancelAppointment, listAppointments, scheduleAppointment, updateAppointment } from './service';
import { listCalendarEntries } from './store';

const settings = { baseUrl: 'http://localhost:3000', mailFrom: 'no-reply@hataraku.example' };

/** Unfolds an iCalendar text into [name(with params), value] lines (RFC 5545 §3.1). */
function parseIcs(text: string): { name: string; params: string; value: string }[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split(/\r\n/)
    .filter(Boolean)
    .map((line) => {
      const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
      const head = line.slice(0, colon);
      const [name = '', ...params] = head.split(';');
      return { name, params: params.join(';'), value: line.slice(colon + 1) };
    });
}

/** A property of the VEVENT (or, for METHOD and TZID, of the calendar). */
function field(lines: ReturnType<typeof parseIcs>, name: string) {
  const start = lines.findIndex((l) => l.name === 'BEGIN' && l.value === 'VEVENT');
  const scope = ['METHOD', 'TZID'].includes(name) ? lines : lines.slice(start);
  return scope.find((l) => l.name === name);
}

describe('validateAppointment', () => {
  const context = { today: '2026-11-25', proposedStartDate: '2026-12-20' };
  const base = { kind: 'visit', date: '2026-12-01', start_time: '10:00', end_time: '11:00', place: '相談室' };

  it('accepts a visit and normalises times', () => {
    const result = validateAppointment({ ...base, start_time: '9:30', end_time: '１１：００' }, context);
    expect(result.ok && result.value.startTime).toBe('09:30');
    expect(result.ok && result.value.endTime).toBe('11:00');
  });

  it('refuses a date in the past, an end before the start and a missing place', () => {
    const result = validateAppointment(
      { ...base, date: '2026-11-24', end_time: '09:00', place: ' ' },
      context,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual({ date: 'date_past', end_time: 'end_before_start', place: 'required' });
  });

  it('refuses a meeting after the proposed start, but not a visit', () => {
    const meeting = validateAppointment({ ...base, kind: 'meeting', date: '2026-12-21' }, context);
    expect(!meeting.ok && meeting.errors.date).toBe('after_proposed_start');
    expect(validateAppointment({ ...base, date: '2026-12-21' }, context).ok).toBe(true);
    expect(validateAppointment({ ...base, kind: 'meeting', date: '2026-12-20' }, context).ok).toBe(true);
  });

  it('reads council attendees from the other-attendees lines', () => {
    const result = validateAppointment({ ...base, others: '協議会: 山田\n\n見学同行 佐藤' }, context);
    expect(result.ok && result.value.others).toEqual([
      { name: '山田', party: 'council' },
      { name: '見学同行 佐藤', party: 'other' },
    ]);
  });
});

describe('invitationIcs', () => {
  it('writes a REQUEST in Asia/Tokyo with a stable UID, and a CANCEL with the next SEQUENCE', () => {
    const event = {
      id: '0190a1b2-0000-7000-8000-000000000001',
      sequence: 0,
      date: '2026-12-01',
      startTime: '10:00',
      endTime: '11:30',
      summary: '見学(みどりの杜)',
      description: 'https://hataraku.example/referrals/x',
      location: '1階 相談室',
      url: 'https://hataraku.example/referrals/x',
      attendees: [{ name: '受入 担当美咲', email: 'coordinator@demo.hataraku.example' }],
    };
    const options = {
      baseUrl: 'https://hataraku.example',
      organizer: { name: 'はたらく', email: 'no-reply@hataraku.example' },
    };
    const request = parseIcs(invitationIcs(event, options));
    expect(field(request, 'METHOD')?.value).toBe('REQUEST');
    expect(field(request, 'TZID')?.value).toBe('Asia/Tokyo');
    expect(field(request, 'UID')?.value).toBe(appointmentUid(event.id, options.baseUrl));
    expect(field(request, 'SEQUENCE')?.value).toBe('0');
    expect(field(request, 'DTSTART')).toMatchObject({ params: 'TZID=Asia/Tokyo', value: '20261201T100000' });
    expect(field(request, 'DTEND')).toMatchObject({ params: 'TZID=Asia/Tokyo', value: '20261201T113000' });
    expect(field(request, 'LOCATION')?.value).toBe('1階 相談室');
    expect(field(request, 'ATTENDEE')?.value.toLowerCase()).toBe('mailto:coordinator@demo.hataraku.example');

    const cancel = parseIcs(invitationIcs({ ...event, sequence: 1, cancelled: true }, options));
    expect(field(cancel, 'METHOD')?.value).toBe('CANCEL');
    expect(field(cancel, 'STATUS')?.value).toBe('CANCELLED');
    expect(field(cancel, 'SEQUENCE')?.value).toBe('1');
    expect(field(cancel, 'UID')?.value).toBe(field(request, 'UID')?.value);
  });
});

describeEachDatabase('appointments', (current) => {
  let world: MeetingWorld;

  async function mailsTo(address: string, since: string) {
    return current()
      .db.selectFrom('mail_message')
      .select(['to_address', 'subject', 'text_body', 'attachments', 'created_at'])
      .where('to_address', '=', address)
      .where('created_at', '>=', since)
      .orderBy('created_at')
      .execute();
  }

  it('schedules a visit by the facility in one transaction with the transition, and invites by .ics', async () => {
    world = await buildMeetingWorld(current().db);
    const referralId = await sendTestReferral(current().db, world);
    const since = new Date().toISOString();
    const date = daysFromToday(7);
    const outcome = await scheduleAppointment(
      current().db,
      world.actors.coordinator,
      referralId,
      {
        kind: 'visit',
        date,
        start_time: '10:00',
        end_time: '11:00',
        place: 'みどりの杜 ケアセンター 1階 相談室',
        staff: [world.actors.coordinator.userId],
        participant: true,
        others: '協議会: 事務局 山田',
      },
      testAudit,
      settings,
    );
    expect(outcome.status).toBe('ok');
    const referral = await current()
      .db.selectFrom('referral')
      .select('state')
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow();
    expect(referral.state).toBe('visit_scheduled');

    const mails = await mailsTo(emails.counsellor, since);
    const invitation = mails.find((m) => m.subject.includes('見学'));
    expect(invitation).toBeDefined();
    // The body has the date, the place and a link, never the person's name.
    expect(invitation?.text_body).toContain('1階 相談室');
    expect(invitation?.text_body).toContain(`${settings.baseUrl}/referrals/${referralId}`);
    expect(invitation?.text_body).not.toContain('架空 一郎');
    const [attachment] = JSON.parse(invitation?.attachments ?? '[]') as {
      contentType: string;
      contentBase64: string;
    }[];
    expect(attachment?.contentType).toContain('method=REQUEST');
    const ics = Buffer.from(attachment?.contentBase64 ?? '', 'base64').toString('utf8');
    expect(ics).not.toContain('架空 一郎');
    const lines = parseIcs(ics);
    expect(field(lines, 'METHOD')?.value).toBe('REQUEST');
    expect(field(lines, 'DTSTART')?.value).toBe(`${date.replaceAll('-', '')}T100000`);
    expect(field(lines, 'SUMMARY')?.value).toContain('見学');
    expect((await mailsTo(emails.coordinator, since)).length).toBeGreaterThan(0);

    const listed = await listAppointments(current().db, world.actors.counsellor, referralId);
    expect(listed?.map((a) => a.kind)).toEqual(['visit']);
    expect(listed?.[0]?.attendees.map((a) => a.party)).toEqual(['participant', 'facility', 'council']);

    // The calendar of each side shows it; another agency's counsellor would not (scoped by agency).
    const calendar = await listCalendarEntries(current().db, world.actors.counsellor, {
      fromDate: date,
      limit: 50,
    });
    expect(calendar.some((e) => e.referralId === referralId)).toBe(true);
    const foreign = await listCalendarEntries(
      current().db,
      { ...world.actors.counsellor, organisationId: world.corporation },
      { fromDate: date, limit: 50 },
    );
    expect(foreign.some((e) => e.referralId === referralId)).toBe(false);

    // Changing it sends METHOD:REQUEST with the same UID and SEQUENCE 1.
    const id = listed?.[0]?.id ?? '';
    const changeSince = new Date().toISOString();
    const changed = await updateAppointment(
      current().db,
      world.actors.coordinator,
      referralId,
      id,
      {
        date,
        start_time: '13:00',
        end_time: '14:00',
        place: '2階 会議室',
        staff: [world.actors.coordinator.userId],
      },
      testAudit,
      settings,
    );
    expect(changed.status).toBe('ok');
    const changeMail = (await mailsTo(emails.counsellor, changeSince)).find((m) =>
      m.subject.includes('変更'),
    );
    const changeLines = parseIcs(
      Buffer.from(
        (JSON.parse(changeMail?.attachments ?? '[]') as { contentBase64: string }[])[0]?.contentBase64 ?? '',
        'base64',
      ).toString('utf8'),
    );
    expect(field(changeLines, 'METHOD')?.value).toBe('REQUEST');
    expect(field(changeLines, 'SEQUENCE')?.value).toBe('1');
    expect(field(changeLines, 'UID')?.value).toBe(field(lines, 'UID')?.value);
    expect(field(changeLines, 'DTSTART')?.value).toBe(`${date.replaceAll('-', '')}T130000`);
    expect(changeMail?.text_body).toContain('変更されました');
    const refused = await updateAppointment(
      current().db,
      world.actors.coordinator,
      referralId,
      id,
      { date: daysFromToday(-3), start_time: '13:00', end_time: '14:00', place: '2階 会議室' },
      testAudit,
      settings,
    );
    expect(refused).toEqual({ status: 'invalid', errors: { date: 'date_past' } });

    // Cancelling sends METHOD:CANCEL with the same UID and SEQUENCE 2.
    const cancelSince = new Date().toISOString();
    expect(
      (await cancelAppointment(current().db, world.actors.coordinator, referralId, id, testAudit, settings))
        .status,
    ).toBe('ok');
    const cancelMail = (await mailsTo(emails.counsellor, cancelSince)).find((m) =>
      m.subject.includes('取り消し'),
    );
    const cancelIcs = Buffer.from(
      (JSON.parse(cancelMail?.attachments ?? '[]') as { contentBase64: string }[])[0]?.contentBase64 ?? '',
      'base64',
    ).toString('utf8');
    const cancelLines = parseIcs(cancelIcs);
    expect(field(cancelLines, 'METHOD')?.value).toBe('CANCEL');
    expect(field(cancelLines, 'SEQUENCE')?.value).toBe('2');
    expect(field(cancelLines, 'UID')?.value).toBe(field(lines, 'UID')?.value);
    expect(
      (await cancelAppointment(current().db, world.actors.coordinator, referralId, id, testAudit, settings))
        .status,
    ).toBe('already_cancelled');
  });

  it('refuses a past date with nothing written, and a visit by the agency (the facility schedules it)', async () => {
    const referralId = await sendTestReferral(current().db, world);
    const before = await current().db.selectFrom('appointment').select('id').execute();
    const past = await scheduleAppointment(
      current().db,
      world.actors.coordinator,
      referralId,
      { kind: 'visit', date: daysFromToday(-1), start_time: '10:00', end_time: '11:00', place: '相談室' },
      testAudit,
      settings,
    );
    expect(past).toEqual({ status: 'invalid', errors: { date: 'date_past' } });
    const byAgency = await scheduleAppointment(
      current().db,
      world.actors.counsellor,
      referralId,
      { kind: 'visit', date: daysFromToday(3), start_time: '10:00', end_time: '11:00', place: '相談室' },
      testAudit,
      settings,
    );
    expect(byAgency.status).toBe('wrong_party');
    expect((await current().db.selectFrom('appointment').select('id').execute()).length).toBe(before.length);
    const state = await current()
      .db.selectFrom('referral')
      .select('state')
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow();
    expect(state.state).toBe('sent');
  });

  it('refuses a meeting after the proposed start; a second meeting is a reschedule without a transition', async () => {
    const start = daysFromToday(20);
    const referralId = await sendTestReferral(current().db, world, { proposedStartDate: start });
    const late = await scheduleAppointment(
      current().db,
      world.actors.coordinator,
      referralId,
      { kind: 'meeting', date: daysFromToday(21), start_time: '10:00', end_time: '11:00', place: '相談室' },
      testAudit,
      settings,
    );
    expect(late).toEqual({ status: 'invalid', errors: { date: 'after_proposed_start' } });
    // 'sent' → meeting needs the facility to have viewed it first.
    await current()
      .db.updateTable('referral')
      .set({ state: 'viewed' })
      .where('id', '=', referralId)
      .execute();
    for (const day of [10, 12]) {
      const ok = await scheduleAppointment(
        current().db,
        world.actors.counsellor,
        referralId,
        {
          kind: 'meeting',
          date: daysFromToday(day),
          start_time: '10:00',
          end_time: '11:00',
          place: '相談室',
        },
        testAudit,
        settings,
      );
      expect(ok.status).toBe('ok');
    }
    const events = await current()
      .db.selectFrom('referral_event')
      .select('event')
      .where('referral_id', '=', referralId)
      .where('event', '=', 'schedule_meeting')
      .execute();
    expect(events.length).toBe(1);
  });

  it('hides a referral from another corporation’s staff (not found)', async () => {
    const referralId = await sendTestReferral(current().db, world);
    const outsider = { ...world.actors.corpAdmin, organisationId: world.agency };
    const outcome = await scheduleAppointment(
      current().db,
      { ...outsider, role: 'corporation_admin' },
      referralId,
      { kind: 'visit', date: daysFromToday(3), start_time: '10:00', end_time: '11:00', place: '相談室' },
      testAudit,
      settings,
    );
    expect(outcome.status).toBe('not_found');
  });

  it('refuses a visit or a trial day the opportunity does not offer, with nothing written', async () => {
    const referralId = await sendTestReferral(current().db, world);
    const opportunity = await current()
      .db.selectFrom('referral')
      .select('opportunity_id')
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow();
    const setOffers = (visit: number, trial: number) =>
      current()
        .db.updateTable('opportunity')
        .set({ visit_possible: visit, trial_possible: trial })
        .where('id', '=', opportunity.opportunity_id)
        .execute();
    await setOffers(0, 0);
    try {
      const before = (await current().db.selectFrom('appointment').select('id').execute()).length;
      const slot = { date: daysFromToday(5), start_time: '10:00', end_time: '11:00', place: '相談室' };
      const visit = await scheduleAppointment(
        current().db,
        world.actors.coordinator,
        referralId,
        { kind: 'visit', ...slot },
        testAudit,
        settings,
      );
      expect(visit).toEqual({ status: 'invalid', errors: { kind: 'visit_not_offered' } });
      const trial = await scheduleAppointment(
        current().db,
        world.actors.coordinator,
        referralId,
        { kind: 'trial', ...slot },
        testAudit,
        settings,
      );
      expect(trial).toEqual({ status: 'invalid', errors: { kind: 'trial_not_offered' } });
      expect((await current().db.selectFrom('appointment').select('id').execute()).length).toBe(before);
      const state = await current()
        .db.selectFrom('referral')
        .select('state')
        .where('id', '=', referralId)
        .executeTakeFirstOrThrow();
      expect(state.state).toBe('sent');
      // An interview (面接) stays possible.
      const interview = await scheduleAppointment(
        current().db,
        world.actors.coordinator,
        referralId,
        { kind: 'interview', ...slot },
        testAudit,
        settings,
      );
      expect(interview.status).toBe('ok');
    } finally {
      await setOffers(1, 1);
    }
  });
});
