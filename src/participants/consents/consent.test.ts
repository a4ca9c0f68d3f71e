import { describe, expect, it } from 'vitest';
import {
  type ConsentFacts,
  consentStatusOn,
  evaluateConsents,
  oneYearFrom,
  validateConsent,
  validateRevocation,
} from './consent';

const CORP = 'corp-a';
const OTHER_CORP = 'corp-b';
const FACILITY = 'fac-a1';
const OTHER_FACILITY = 'fac-a2';

let n = 0;
function consent(overrides: Partial<ConsentFacts> = {}): ConsentFacts {
  n += 1;
  return {
    id: `c${n}`,
    recipientKind: 'corporation',
    recipientId: CORP,
    dataGroups: ['basic_identity', 'contact', 'assessment_summary'],
    validFrom: '2026-04-01',
    validUntil: '2027-03-31',
    revokedOn: null,
    ...overrides,
  };
}

const on = '2026-11-25';
const toCorp = { corporationId: CORP };
const toFacility = { corporationId: CORP, facilityId: FACILITY };

describe('evaluateConsents — the one rule', () => {
  it('refuses with none when the person has no consent', () => {
    expect(evaluateConsents([], { recipient: toCorp, dataGroups: ['basic_identity'], on })).toEqual({
      ok: false,
      reasons: ['none'],
    });
  });

  it('allows what an active consent to the corporation covers, and names it', () => {
    const c = consent();
    expect(
      evaluateConsents([c], { recipient: toCorp, dataGroups: ['basic_identity', 'contact'], on }),
    ).toEqual({
      ok: true,
      consentIds: [c.id],
    });
  });

  it('counts both ends of the period (inclusive) and nothing outside', () => {
    const c = consent();
    const ask = (day: string) =>
      evaluateConsents([c], { recipient: toCorp, dataGroups: ['contact'], on: day });
    expect(ask('2026-04-01').ok).toBe(true);
    expect(ask('2027-03-31').ok).toBe(true);
    expect(ask('2027-04-01')).toEqual({ ok: false, reasons: ['expired'] });
    // Only a consent that starts later: not given yet.
    expect(ask('2026-03-31')).toEqual({ ok: false, reasons: ['none'] });
  });

  it('refuses a revoked consent from the day of revocation, not before', () => {
    const c = consent({ revokedOn: '2026-10-01' });
    const ask = (day: string) =>
      evaluateConsents([c], { recipient: toCorp, dataGroups: ['contact'], on: day });
    expect(ask('2026-09-30').ok).toBe(true);
    expect(ask('2026-10-01')).toEqual({ ok: false, reasons: ['revoked'] });
  });

  it('refuses a recipient the person did not name', () => {
    const c = consent();
    expect(
      evaluateConsents([c], { recipient: { corporationId: OTHER_CORP }, dataGroups: ['contact'], on }),
    ).toEqual({ ok: false, reasons: ['wrong_recipient'] });
  });

  it('refuses a data group that was not agreed', () => {
    const c = consent();
    expect(
      evaluateConsents([c], { recipient: toCorp, dataGroups: ['contact', 'health_and_support'], on }),
    ).toEqual({ ok: false, reasons: ['missing_groups'] });
  });

  it('a corporation consent covers each of its facilities; a facility consent only that facility', () => {
    const corporationWide = consent();
    expect(
      evaluateConsents([corporationWide], { recipient: toFacility, dataGroups: ['contact'], on }).ok,
    ).toBe(true);
    const oneFacility = consent({ recipientKind: 'facility', recipientId: FACILITY });
    expect(evaluateConsents([oneFacility], { recipient: toFacility, dataGroups: ['contact'], on }).ok).toBe(
      true,
    );
    expect(
      evaluateConsents([oneFacility], {
        recipient: { corporationId: CORP, facilityId: OTHER_FACILITY },
        dataGroups: ['contact'],
        on,
      }),
    ).toEqual({ ok: false, reasons: ['wrong_recipient'] });
    // A facility consent does not cover the corporation as a whole.
    expect(evaluateConsents([oneFacility], { recipient: toCorp, dataGroups: ['contact'], on })).toEqual({
      ok: false,
      reasons: ['wrong_recipient'],
    });
  });

  it('adds groups of several active consents to one recipient', () => {
    const a = consent({ dataGroups: ['basic_identity'] });
    const b = consent({
      recipientKind: 'facility',
      recipientId: FACILITY,
      dataGroups: ['health_and_support'],
    });
    const result = evaluateConsents([a, b], {
      recipient: toFacility,
      dataGroups: ['basic_identity', 'health_and_support'],
      on,
    });
    expect(result).toEqual({ ok: true, consentIds: [a.id, b.id] });
  });

  it('says every reason that applies: an expired one, a revoked one, and an active one that is too narrow', () => {
    const result = evaluateConsents(
      [
        consent({ validFrom: '2025-01-01', validUntil: '2025-12-31', dataGroups: ['health_and_support'] }),
        consent({ revokedOn: '2026-06-01', dataGroups: ['health_and_support'] }),
        consent({ dataGroups: ['contact'] }),
      ],
      { recipient: toCorp, dataGroups: ['health_and_support'], on },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reasons.sort()).toEqual(['expired', 'missing_groups', 'revoked']);
  });

  it('status in words for the list', () => {
    expect(consentStatusOn(consent(), on)).toBe('active');
    expect(consentStatusOn(consent({ validFrom: '2027-01-01' }), on)).toBe('upcoming');
    expect(consentStatusOn(consent({ validUntil: '2026-11-24' }), on)).toBe('expired');
    expect(consentStatusOn(consent({ revokedOn: '2026-11-25' }), on)).toBe('revoked');
  });
});

describe('validateConsent', () => {
  const exists = (kind: string, id: string) => (kind === 'corporation' && id === CORP) || id === FACILITY;
  const input = {
    recipient: `corporation:${CORP}`,
    data_groups: ['basic_identity', 'contact'],
    purpose: 'はたらく場の受け入れ調整のため',
    valid_from: '令和8年11月25日',
    valid_until: '',
  };

  it('defaults the end to one year from the start', () => {
    const result = validateConsent(input, exists);
    expect(result).toEqual({
      ok: true,
      value: {
        recipient_kind: 'corporation',
        recipient_id: CORP,
        data_groups: ['basic_identity', 'contact'],
        purpose: 'はたらく場の受け入れ調整のため',
        valid_from: '2026-11-25',
        valid_until: '2027-11-24',
      },
    });
    expect(oneYearFrom('2028-02-29')).toBe('2029-02-28');
    expect(oneYearFrom('2026-01-01')).toBe('2026-12-31');
  });

  it('refuses an end before the start, an unknown recipient and no data groups, each at its field', () => {
    expect(validateConsent({ ...input, valid_until: '2026-11-24' }, exists)).toEqual({
      ok: false,
      errors: { valid_until: 'endBeforeStart' },
    });
    expect(validateConsent({ ...input, recipient: 'corporation:nope' }, exists)).toEqual({
      ok: false,
      errors: { recipient: 'invalidChoice' },
    });
    expect(
      validateConsent(
        { ...input, recipient: '', data_groups: [], purpose: '', valid_from: 'あした' },
        exists,
      ),
    ).toEqual({
      ok: false,
      errors: {
        recipient: 'required',
        data_groups: 'required',
        purpose: 'required',
        valid_from: 'invalidDate',
      },
    });
    expect(validateConsent({ ...input, data_groups: ['contact', 'bank_account'] }, exists)).toEqual({
      ok: false,
      errors: { data_groups: 'invalidChoice' },
    });
  });

  it('a revocation date cannot be in the future', () => {
    expect(validateRevocation({ revoked_on: '2026-11-26', reason: '' }, on)).toEqual({
      ok: false,
      errors: { revoked_on: 'dateInFuture' },
    });
    expect(validateRevocation({ revoked_on: '2026-11-25', reason: ' 気が変わった ' }, on)).toEqual({
      ok: true,
      value: { revoked_on: '2026-11-25', reason: '気が変わった' },
    });
  });
});
