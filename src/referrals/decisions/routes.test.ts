import { expect, it } from 'vitest';
import { buildTestApp, TestClient } from '../../../test/app';
import { describeEachDatabase } from '../../../test/databases';
import { postFields } from '../../participants/test-support';
import { DEMO_PASSWORD } from '../../seed/demo';
import {
  addSmallOpportunity,
  buildMeetingWorld,
  daysFromToday,
  emails,
  type MeetingWorld,
  sendTestReferral,
} from './test-support';

describeEachDatabase('meeting and decision pages', (current) => {
  let world: MeetingWorld;

  async function signedIn(email: string) {
    const client = new TestClient(buildTestApp(current()));
    const response = await client.postForm('/login', { email, password: DEMO_PASSWORD });
    expect(response.status).toBe(303);
    return client;
  }

  it('schedules a visit and a meeting on the pages, keeping values on a bad date', async () => {
    world = await buildMeetingWorld(current().db);
    const opportunityId = await addSmallOpportunity(current().db, world, 1);
    const referralId = await sendTestReferral(current().db, world, { opportunityId });
    const facility = await signedIn(emails.coordinator);

    const form = await facility.request(`/referrals/${referralId}/appointments/new`);
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('見学');
    expect(formHtml).not.toContain('value="meeting"');

    const bad = await facility.postForm(`/referrals/${referralId}/appointments/new`, {
      kind: 'visit',
      date: daysFromToday(-2),
      start_time: '10:00',
      end_time: '11:00',
      place: '1階 相談室',
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('過去の日付は登録できません');
    expect(badHtml).toContain('value="1階 相談室"');

    const ok = await facility.postForm(`/referrals/${referralId}/appointments/new`, {
      kind: 'visit',
      date: daysFromToday(2),
      start_time: '10:00',
      end_time: '11:00',
      place: '1階 相談室',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/referrals/${referralId}/appointments?saved=1`);
    const list = await (await facility.request(`/referrals/${referralId}/appointments`)).text();
    expect(list).toContain('1階 相談室');
    const editPath = /href="(\/referrals\/[^"]+\/edit)"/.exec(list)?.[1] ?? '';
    expect(editPath).not.toBe('');
    const editForm = await (await facility.request(editPath)).text();
    expect(editForm).toContain('value="1階 相談室"');
    const edited = await facility.postForm(editPath, {
      date: daysFromToday(2),
      start_time: '13:00',
      end_time: '14:00',
      place: '1階 相談室(変更)',
    });
    expect(edited.headers.get('location')).toBe(`/referrals/${referralId}/appointments?updated=1`);

    const meeting = await facility.postForm(`/referrals/${referralId}/appointments/new`, {
      kind: 'meeting',
      date: daysFromToday(0),
      start_time: '23:00',
      end_time: '23:30',
      place: '2階 会議室',
    });
    expect(meeting.status).toBe(303);

    // The calendar of the counsellor lists both; the .ics has two events.
    const counsellor = await signedIn(emails.counsellor);
    const calendar = await counsellor.request('/calendar');
    expect(calendar.status).toBe(200);
    const calendarHtml = await calendar.text();
    expect(calendarHtml).toContain('2階 会議室');
    expect(calendarHtml).toContain('令和');
    const ics = await counsellor.request('/calendar.ics');
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    const icsText = await ics.text();
    expect(icsText).toContain('METHOD:PUBLISH');
    expect(icsText.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThanOrEqual(2);

    // The record: a draft with a start before the meeting is refused with the values kept.
    const recordPath = `/referrals/${referralId}/meeting-record`;
    expect((await facility.request(recordPath)).status).toBe(200);
    const draft: [string, string][] = [
      ['held_on', daysFromToday(0)],
      ['attendee_participant', '1'],
      ['attendee_agency', '相談 支援健太'],
      ['attendee_facility', '受入 担当美咲'],
      ['work_form', 'a_unpaid'],
      ['start_date', daysFromToday(-1)],
      ['schedule_1_start', '9:00'],
      ['schedule_1_end', '11:00'],
      ['tasks', 'cleaning'],
      ['pay_note', 'なし'],
      ['insurance_needed', '1'],
    ];
    const refused = await postFields(facility, recordPath, draft);
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('開始日は協議の日より前にできません');
    expect(refusedHtml).toContain('value="受入 担当美咲"');
    const saved = await postFields(
      facility,
      recordPath,
      draft.map(([k, v]) => [k, k === 'start_date' ? daysFromToday(10) : v]),
    );
    expect(saved.status).toBe(303);

    // Agreements: the counsellor records the person's and the agency's, the facility its own.
    for (const [client, party] of [
      [counsellor, 'participant'],
      [counsellor, 'agency'],
    ] as const) {
      const r = await client.postForm(`${recordPath}/agreements`, { party, agreed_on: daysFromToday(0) });
      expect(r.headers.get('location')).toBe(`${recordPath}?agreement=1`);
    }
    // Meanwhile the only place went (as if another decision took it): told, nothing written.
    await current()
      .db.updateTable('opportunity_window')
      .set({ open_places: 0 } as never)
      .where('opportunity_id', '=', opportunityId)
      .execute();
    const full = await facility.postForm(`${recordPath}/agreements`, {
      party: 'facility',
      agreed_on: daysFromToday(0),
    });
    expect(full.status).toBe(409);
    const fullHtml = await full.text();
    expect(fullHtml).toContain('この時間帯の空きがなくなりました');
    expect(fullHtml).toContain(`href="${recordPath}"`);
    await current()
      .db.updateTable('opportunity_window')
      .set({ open_places: 1 } as never)
      .where('opportunity_id', '=', opportunityId)
      .execute();
    const agreed = await facility.postForm(`${recordPath}/agreements`, {
      party: 'facility',
      agreed_on: daysFromToday(0),
    });
    expect(agreed.headers.get('location')).toBe(`${recordPath}?agreed=1`);
    const done = await (await counsellor.request(`${recordPath}?agreed=1`)).text();
    expect(done).toContain('はたらく場の決定を登録しました');

    const pdf = await facility.request(`${recordPath}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('shows nothing of the record or the appointments to another corporation or agency', async () => {
    const referralId = await sendTestReferral(current().db, world);
    const outsider = await signedIn('corp-admin@demo.hataraku.example');
    // The demo corporation admin is of this corporation: allowed. A council member reads only.
    expect((await outsider.request(`/referrals/${referralId}/meeting-record`)).status).toBe(200);
    const council = await signedIn(emails.councilStaff);
    expect((await council.request(`/referrals/${referralId}/meeting-record`)).status).toBe(200);
    expect((await council.request(`/referrals/${referralId}/appointments/new`)).status).toBe(403);
    // An unknown id is a 404.
    const counsellor = await signedIn(emails.counsellor);
    expect(
      (
        await counsellor.request(
          `/referrals/${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}/meeting-record`,
        )
      ).status,
    ).toBe(404);
  });
  it('records on the page that the parties did not agree, asking for a reason first', async () => {
    const referralId = await sendTestReferral(current().db, world);
    await current()
      .db.updateTable('referral')
      .set({ state: 'meeting_scheduled' })
      .where('id', '=', referralId)
      .execute();
    const counsellor = await signedIn(emails.counsellor);
    const path = `/referrals/${referralId}/meeting-record`;
    const page = await (await counsellor.request(path)).text();
    expect(page).toContain('合意に至らなかったことを記録する');
    const missing = await counsellor.postForm(`${path}/not-agreed`, { reason: '', note: '' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('入力してください。');
    const ok = await counsellor.postForm(`${path}/not-agreed`, {
      reason: 'participant_wish',
      note: '本人が見送りを希望',
    });
    expect(ok.headers.get('location')).toBe(`${path}?not_agreed=1`);
    const after = await (await counsellor.request(`${path}?not_agreed=1`)).text();
    expect(after).toContain('合意に至らなかったことを記録しました。');
    expect(after).not.toContain('合意を記録する</button>');
  });
});
