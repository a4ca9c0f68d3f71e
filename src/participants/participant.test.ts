import { describe, expect, it } from 'vitest';
import { validateAssessment } from './assessment';
import { fillParticipantAddress, kanaKey, validateParticipant } from './participant';

const today = '2026-11-25';

const valid = {
  name: '架空 太郎',
  name_kana: 'カクウ タロウ',
  birth_date: '1996-04-01',
};

describe('validateParticipant', () => {
  it('accepts the few required fields and stores the rest as null', () => {
    const result = validateParticipant(valid, today);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ ...valid, phone: null, municipality_code: null, easy_japanese: 0 });
  });

  it.each([
    ['ｶｸｳ ﾀﾛｳ', 'カクウ タロウ'],
    ['かくう　たろう', 'カクウ タロウ'],
    ['カクウ  タロウ', 'カクウ タロウ'],
  ])('normalises the reading %s to %s', (kana, stored) => {
    const result = validateParticipant({ ...valid, name_kana: kana }, today);
    expect(result.ok && result.value.name_kana).toBe(stored);
  });

  it('reads a date of birth in 和暦', () => {
    const result = validateParticipant({ ...valid, birth_date: '平成8年4月1日' }, today);
    expect(result.ok && result.value.birth_date).toBe('1996-04-01');
  });

  it.each([
    ['birth_date', '2027-01-01', 'birthDateInFuture'],
    ['birth_date', '2012-01-01', 'tooYoung'],
    ['birth_date', '2011-11-26', 'tooYoung'],
    ['birth_date', '平成31年5月1日', 'invalidDate'],
    ['birth_date', '', 'required'],
    ['name_kana', '山田', 'invalidKana'],
    ['name', '', 'required'],
    ['email', 'taro@', 'invalidEmail'],
    ['phone', '12345', 'invalidPhone'],
    ['emergency_phone', '03-12-34', 'invalidPhone'],
    ['postal_code', '999-9999', 'unknownPostalCode'],
    ['municipality_code', '999999', 'unknownMunicipality'],
    ['support_decision_on', '2026-02-30', 'invalidDate'],
  ])('refuses %s = %s with %s', (field, value, code) => {
    const result = validateParticipant({ ...valid, [field]: value }, today);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[field as keyof typeof result.errors]).toBe(code);
  });

  it('takes a 15-year-old on their birthday', () => {
    expect(validateParticipant({ ...valid, birth_date: '2011-11-25' }, today).ok).toBe(true);
  });

  it('accepts a postal code outside Tokyo with no municipality, not with a Tokyo one', () => {
    expect(
      validateParticipant({ ...valid, postal_code: '330-0063', address: '埼玉県さいたま市浦和区' }, today).ok,
    ).toBe(true);
    const mismatch = validateParticipant(
      { ...valid, postal_code: '330-0063', municipality_code: '131041' },
      today,
    );
    expect(!mismatch.ok && mismatch.errors.postal_code).toBe('postalCodeMunicipalityMismatch');
    expect(
      validateParticipant({ ...valid, postal_code: '160-0023', municipality_code: '131041' }, today).ok,
    ).toBe(true);
  });

  it('needs both the date and the municipality of a 支援決定', () => {
    const onlyDate = validateParticipant({ ...valid, support_decision_on: '2026-04-01' }, today);
    expect(!onlyDate.ok && onlyDate.errors.support_decision_municipality_code).toBe('required');
    const onlyPlace = validateParticipant({ ...valid, support_decision_municipality_code: '131041' }, today);
    expect(!onlyPlace.ok && onlyPlace.errors.support_decision_on).toBe('required');
    const both = validateParticipant(
      { ...valid, support_decision_on: '令和8年4月1日', support_decision_municipality_code: '131041' },
      today,
    );
    expect(both.ok && both.value.support_decision_on).toBe('2026-04-01');
  });
});

describe('kanaKey', () => {
  it('folds width, kana and spaces', () => {
    expect(kanaKey('ヤマダ タロウ')).toBe('やまだたろう');
    expect(kanaKey('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe('やまだたろう');
    expect(kanaKey('やまだ　たろう')).toBe('やまだたろう');
  });
});

describe('fillParticipantAddress', () => {
  it('fills a Tokyo municipality and town', () => {
    const { values, filled } = fillParticipantAddress({
      postal_code: '1600023',
      municipality_code: '',
      address: '',
    });
    expect(filled).toBe(true);
    expect(values).toMatchObject({ postal_code: '160-0023', municipality_code: '131041', address: '西新宿' });
  });

  it('fills the whole address outside Tokyo, with no municipality', () => {
    const { values, filled } = fillParticipantAddress({
      postal_code: '330-0063',
      municipality_code: '',
      address: '',
    });
    expect(filled).toBe(true);
    expect(values.municipality_code).toBe('');
    expect(values.address).toMatch(/^埼玉県さいたま市浦和区/);
  });

  it('leaves a typed address alone', () => {
    expect(fillParticipantAddress({ postal_code: '1600023', address: '西新宿2-8-1' }).filled).toBe(false);
  });
});

describe('validateAssessment', () => {
  it('needs only the date', () => {
    const result = validateAssessment({ assessed_on: '2026-11-01' }, today);
    expect(result.ok).toBe(true);
  });

  it('stores windows sorted, hours in minutes and km in metres', () => {
    const result = validateAssessment(
      {
        assessed_on: '令和8年11月1日',
        tasks: ['laundry', 'cleaning'],
        windows: [
          { weekday: '3', start: '9:00', end: '12:00' },
          { weekday: '1', start: '13:00', end: '15:30' },
          { weekday: '2', start: '', end: '' },
        ],
        min_daily_minutes: '1.5',
        max_daily_minutes: '3',
        travel_max_km: '2.5',
        travel_modes: ['train', 'walk'],
        supports: ['rest_breaks'],
      },
      today,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.windows).toEqual([
      { weekday: 1, start: '13:00', end: '15:30' },
      { weekday: 3, start: '09:00', end: '12:00' },
    ]);
    expect(result.value.tasks).toEqual(['cleaning', 'laundry']);
    expect(result.value.travel_modes).toEqual(['walk', 'train']);
    expect(result.value.min_daily_minutes).toBe(90);
    expect(result.value.travel_max_metres).toBe(2500);
  });

  it.each([
    [{ windows: [{ weekday: '1', start: '13:00', end: '12:00' }] }, 'windows.0.end', 'endBeforeStart'],
    [{ windows: [{ weekday: '1', start: '9:00', end: '' }] }, 'windows.0.end', 'required'],
    [{ windows: [{ weekday: '9', start: '9:00', end: '10:00' }] }, 'windows.0.weekday', 'invalidWeekday'],
    [{ windows: [{ weekday: '1', start: '25:00', end: '26:00' }] }, 'windows.0.start', 'invalidTime'],
    [{ assessed_on: '2026-12-01' }, 'assessed_on', 'dateInFuture'],
    [{ assessed_on: '' }, 'assessed_on', 'required'],
    [{ min_daily_minutes: '4', max_daily_minutes: '2' }, 'min_daily_minutes', 'minAboveMax'],
    [{ min_days_per_week: '8' }, 'min_days_per_week', 'invalidDays'],
    [{ travel_max_minutes: '0' }, 'travel_max_minutes', 'invalidMinutes'],
    [{ travel_max_km: '2.55' }, 'travel_max_km', 'invalidKm'],
    [{ tasks: ['juggling'] }, 'tasks', 'unknownTaskCategory'],
    [{ supports: ['flying'] }, 'supports', 'unknownSupport'],
    [{ travel_modes: ['car'] }, 'travel_modes', 'unknownTravelMode'],
  ])('refuses %j at %s (%s)', (input, field, code) => {
    const result = validateAssessment({ assessed_on: '2026-11-01', ...input }, today);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[field]).toBe(code);
  });
});
