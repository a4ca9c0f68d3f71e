/** Strings of appointments (見学・面接・体験・三者協議), their invitations and the calendar page. */
import { defineMessages } from '../../platform/i18n';
import type { AppointmentErrorCode } from './appointment';

export const appointmentMessages = defineMessages(
  {
    section: '日程(見学・面接・体験・三者協議)',
    none: 'まだ日程はありません。',
    newTitle: '日程を登録',
    newIntro:
      '日時と場所を登録すると、参加する職員と相談員・受入担当に招待メール(カレンダーに取り込める .ics ファイル付き)が送られます。',
    add: '日程を登録する',
    addLink: '日程を登録',
    listLink: '日程の一覧・登録',
    editTitle: '日程の変更',
    editIntro: '変更すると、招待した人に変更の案内(同じ予定を更新する .ics ファイル付き)が送られます。',
    edit: '変更する',
    editLink: '変更',
    updated: '日程を変更し、変更の案内を送りました。',
    alreadyCancelled: 'この日程は取り消されています。',
    cancel: '戻る',
    cancelAppointment: 'この日程を取り消す',
    cancelTitle: '日程の取り消し',
    cancelIntro: '取り消すと、招待した人に取り消しのメールが送られます。',
    cancelled: '取り消し済み',
    saved: '日程を登録し、招待メールを送りました。',
    cancelledNotice: '日程を取り消し、取り消しのメールを送りました。',
    notAllowed: 'いまの依頼の状態では、この種類の日程は登録できません。',
    wrongParty: 'この種類の日程は、相手方が登録します。',
    kinds: { visit: '見学', interview: '面接', trial: '体験', meeting: '三者協議' },
    parties: {
      participant: 'ご本人',
      agency: '相談支援機関',
      facility: '事業所',
      council: '協議会',
      other: 'その他',
    },
    participantName: 'ご本人',
    fields: {
      kind: '種類',
      date: '日付',
      start_time: '開始時刻',
      end_time: '終了時刻',
      place: '場所',
      staff: '参加する職員(招待メールが届きます)',
      participant: 'ご本人が参加する',
      others: 'そのほかの参加者',
      note: '連絡事項',
      time: '時間',
      attendees: '参加者',
      status: '状態',
    },
    hints: {
      date: '例: 2026-12-01',
      start_time: '例: 10:00',
      end_time: '例: 11:00',
      place: '例: みどりの杜 ケアセンター 1階 相談室',
      others: '1行に1人。協議会の職員は「協議会: 氏名」と書いてください。',
      note: '持ち物など。ご本人の個人情報は書かないでください(メールには載りません)。',
    },
    errors: {
      required: '入力してください。',
      invalid_kind: '種類を選んでください。',
      invalid_date: '日付を 2026-12-01 の形で入力してください。',
      date_past: '過去の日付は登録できません。今日以降の日付を入力してください。',
      after_proposed_start: '三者協議の日は、依頼の就労開始予定日より前(同じ日まで)にしてください。',
      invalid_time: '時刻を 10:00 の形で入力してください。',
      end_before_start: '終了時刻は開始時刻より後にしてください。',
      too_long: '長すぎます。短くしてください。',
      too_many: '参加者が多すぎます(20人まで)。',
      visit_not_offered:
        'このはたらく場は見学を受け付けていません(登録情報で「見学不可」です)。面接か三者協議を選ぶか、メッセージで事業所にご相談ください。',
      trial_not_offered:
        'このはたらく場は体験を受け付けていません(登録情報で「体験不可」です)。見学・面接か三者協議を選ぶか、メッセージで事業所にご相談ください。',
    } satisfies Record<AppointmentErrorCode, string>,
    mail: {
      subject: (kind: string) => `【はたらくサポートとうきょう】${kind}の日程のご案内`,
      cancelSubject: (kind: string) => `【はたらくサポートとうきょう】${kind}の日程の取り消し`,
      changedSubject: (kind: string) => `【はたらくサポートとうきょう】${kind}の日程の変更`,
      body: (p: {
        kind: string;
        when: string;
        place: string;
        facility: string;
        link: string;
        changed?: boolean;
      }) =>
        [
          `受け入れ依頼の${p.kind}の日程が${p.changed ? '変更' : '登録'}されました。`,
          '',
          `日時: ${p.when}`,
          `場所: ${p.place}`,
          `事業所: ${p.facility}`,
          '',
          '詳しくは、サインインしてご確認ください。',
          p.link,
          '',
          '添付のカレンダーファイル(.ics)を開くと、予定に追加できます。',
          '※ このメールは送信専用です。',
        ].join('\n'),
      cancelBody: (p: { kind: string; when: string; place: string; facility: string; link: string }) =>
        [
          `受け入れ依頼の${p.kind}の日程が取り消されました。`,
          '',
          `日時: ${p.when}`,
          `場所: ${p.place}`,
          `事業所: ${p.facility}`,
          '',
          p.link,
          '',
          '添付のカレンダーファイル(.ics)を開くと、予定から削除できます。',
          '※ このメールは送信専用です。',
        ].join('\n'),
      summary: (kind: string, facility: string) => `${kind}(${facility})`,
      description: (link: string) =>
        `受け入れ依頼の日程です。詳しくはサインインしてご確認ください。\n${link}`,
      organizer: 'はたらくサポートとうきょう',
    },
    calendar: {
      title: '予定表',
      intro: '見学・面接・体験・三者協議のこれからの予定です。',
      none: 'これからの予定はありません。',
      download: '予定表をダウンロード(.ics)',
      downloadHint: 'カレンダーのアプリに取り込めます。',
      calendarName: 'はたらくサポートとうきょう 予定表',
      facility: '事業所・はたらく場',
      open: '依頼を開く',
      today: '今日',
      countLabel: (n: number) => `${n}件`,
    },
  },
  {
    section: 'Appointments (visits, interviews, trial days, meetings)',
    none: 'No appointments yet.',
    newTitle: 'Schedule an appointment',
    newIntro:
      'Staff attending, the counsellor and the facility coordinators get an invitation e-mail with an .ics file for their calendar.',
    add: 'Schedule',
    addLink: 'Schedule an appointment',
    listLink: 'Appointments',
    editTitle: 'Change the appointment',
    editIntro: 'Everyone invited gets the change, with an .ics that updates the same event.',
    edit: 'Save the change',
    editLink: 'Change',
    updated: 'The appointment was changed and everyone invited was told.',
    alreadyCancelled: 'This appointment was cancelled.',
    cancel: 'Back',
    cancelAppointment: 'Cancel this appointment',
    cancelTitle: 'Cancel the appointment',
    cancelIntro: 'Everyone invited gets a cancellation e-mail.',
    cancelled: 'Cancelled',
    saved: 'The appointment is scheduled and the invitations were sent.',
    cancelledNotice: 'The appointment is cancelled and the cancellations were sent.',
    notAllowed: 'This kind of appointment cannot be scheduled in the referral’s current state.',
    wrongParty: 'The other party schedules this kind of appointment.',
    kinds: { visit: 'Visit', interview: 'Interview', trial: 'Trial day', meeting: 'Three-party meeting' },
    parties: {
      participant: 'The person',
      agency: 'Agency',
      facility: 'Facility',
      council: 'Council',
      other: 'Other',
    },
    participantName: 'The person',
    fields: {
      kind: 'Kind',
      date: 'Date',
      start_time: 'Start',
      end_time: 'End',
      place: 'Place',
      staff: 'Staff attending (they get an invitation)',
      participant: 'The person attends',
      others: 'Other attendees',
      note: 'Note',
      time: 'Time',
      attendees: 'Attendees',
      status: 'Status',
    },
    hints: {
      date: 'e.g. 2026-12-01',
      start_time: 'e.g. 10:00',
      end_time: 'e.g. 11:00',
      place: 'e.g. meeting room, ground floor',
      others: 'One per line. Council staff as “協議会: name”.',
      note: 'What to bring etc. No personal details of the person (they are not mailed).',
    },
    errors: {
      required: 'Enter a value.',
      invalid_kind: 'Choose a kind.',
      invalid_date: 'Enter the date as 2026-12-01.',
      date_past: 'The date is in the past. Enter today or a later date.',
      after_proposed_start: 'The meeting must be on or before the proposed start date of the referral.',
      invalid_time: 'Enter the time as 10:00.',
      end_before_start: 'The end must be after the start.',
      too_long: 'Too long.',
      too_many: 'Too many attendees (20 at most).',
      visit_not_offered:
        'This opportunity does not offer visits (its listing says no visits). Choose an interview or the meeting, or ask the facility in a message.',
      trial_not_offered:
        'This opportunity does not offer trial days (its listing says no trial). Choose a visit, an interview or the meeting, or ask the facility in a message.',
    },
    mail: {
      subject: (kind: string) => `[Hataraku] ${kind}: appointment`,
      cancelSubject: (kind: string) => `[Hataraku] ${kind}: appointment cancelled`,
      changedSubject: (kind: string) => `[Hataraku] ${kind}: appointment changed`,
      body: (p: {
        kind: string;
        when: string;
        place: string;
        facility: string;
        link: string;
        changed?: boolean;
      }) =>
        [
          `A ${p.kind} was ${p.changed ? 'changed' : 'scheduled'} on a referral.`,
          '',
          `When: ${p.when}`,
          `Where: ${p.place}`,
          `Facility: ${p.facility}`,
          '',
          p.link,
        ].join('\n'),
      cancelBody: (p: { kind: string; when: string; place: string; facility: string; link: string }) =>
        [`A ${p.kind} was cancelled.`, '', `When: ${p.when}`, `Where: ${p.place}`, '', p.link].join('\n'),
      summary: (kind: string, facility: string) => `${kind} (${facility})`,
      description: (link: string) => `An appointment on a referral. Sign in for details.\n${link}`,
      organizer: 'Hataraku',
    },
    calendar: {
      title: 'Calendar',
      intro: 'Upcoming visits, interviews, trial days and meetings.',
      none: 'No upcoming appointments.',
      download: 'Download the calendar (.ics)',
      downloadHint: 'Import it into your calendar app.',
      calendarName: 'Hataraku calendar',
      facility: 'Facility and work',
      open: 'Open the referral',
      today: 'Today',
      countLabel: (n: number) => `${n}`,
    },
  },
);

export type AppointmentMessages = (typeof appointmentMessages)['ja'];

/** 2026年12月1日(火) 10:00〜11:00 — the date with its Japanese weekday, and the times. */
export function whenText(date: string, start: string, end: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const jsDay = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
  return `${y}年${m}月${d}日(${'日月火水木金土'[jsDay]}) ${start}〜${end}`;
}
