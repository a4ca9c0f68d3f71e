/**
 * The one ordered list of schema migrations, the same for SQLite and PostgreSQL.
 * Append only: a migration that has run anywhere is never edited.
 */
import type { Migration } from 'kysely';
import * as foundation from './001-foundation';
import * as accounts from './002-accounts';
import * as organisations from './003-organisations';
import * as twoFactorReplay from './004-two-factor-replay';
import * as opportunities from './005-opportunities';
import * as participants from './007-participants';
import * as consentOverride from './008-consent-override';
import * as matchingCandidates from './009-matching-candidates';
import * as searchIndexes from './010-search-indexes';
import * as referrals from './011-referrals';
import * as notifications from './012-notifications';
import * as placements from './013-placements';
import * as meetings from './014-meetings';
import * as digest from './015-digest';
import * as content from './016-content';
import * as searchSpeed from './017-search-speed';

export const migrations: Record<string, Migration> = {
  '001-foundation': foundation,
  '002-accounts': accounts,
  '003-organisations': organisations,
  '004-two-factor-replay': twoFactorReplay,
  '005-opportunities': opportunities,
  '007-participants': participants,
  '008-consent-override': consentOverride,
  '009-matching-candidates': matchingCandidates,
  '010-search-indexes': searchIndexes,
  '011-referrals': referrals,
  '012-notifications': notifications,
  '013-placements': placements,
  '014-meetings': meetings,
  '015-digest': digest,
  '016-content': content,
  '017-search-speed': searchSpeed,
};
