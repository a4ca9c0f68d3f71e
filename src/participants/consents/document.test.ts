/** The printed consent form's document definition. */
import { describe, expect, it } from 'vitest';

describe('consent form document', () => {
  it('is built without furigana fields when not wanted', async () => {
    const { consentFormDocument } = await import('./document');
    const doc = consentFormDocument({
      participant: {
        name: '架空 太郎',
        nameKana: 'カクウ タロウ',
        furigana: false,
        agencyName: '架空相談センター',
      },
      consent: {
        id: 'x',
        recipientName: '法人',
        recipientCorporationName: '法人',
        recipientKind: 'corporation',
        dataGroups: ['contact'],
        purpose: 'p',
        validFrom: '2026-11-25',
        validUntil: '2027-11-24',
        revokedOn: null,
        recordedByName: '相談員',
      },
    });
    expect(JSON.stringify(doc.content)).not.toContain('かくう たろう');
  });
});
