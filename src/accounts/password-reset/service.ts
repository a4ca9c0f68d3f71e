/**
 * Use cases of a forgotten password: ask for a one-time link (valid 1 hour) by e-mail, then set a
 * new password with it. Asking never reveals whether an address has an account; setting a new
 * password ends every session of the account and clears its sign-in lockout.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit';
import { hashPassword } from '../../platform/auth/password';
import { hashToken, newToken } from '../../platform/auth/tokens';
import type { Database } from '../../platform/db/schema';
import { newId, nowIso } from '../../platform/db/time';
import { formatDateTime } from '../../platform/i18n/format';
import { queueMail } from '../../platform/mail/outbox';
import { normaliseEmail } from '../../platform/text/normalise';
import type { AuditActor } from '../users/service';
import { deleteSessionsOfUser } from '../users/store';
import {
  countResetsSince,
  findActiveUserByEmail,
  findPasswordResetByTokenHash,
  insertPasswordReset,
  markResetUsed,
  setPasswordHash,
} from './store';

export const PASSWORD_RESET_LIFETIME_MS = 60 * 60 * 1000;
/** At most this many links an hour per account, so the form cannot flood someone's mailbox. */
export const PASSWORD_RESETS_PER_HOUR = 3;

export type ResetState = 'valid' | 'used' | 'expired' | 'unknown';

export class ResetLinkGoneError extends Error {
  constructor(readonly state: Exclude<ResetState, 'valid'>) {
    super(`password reset ${state}`);
  }
}

function resetMail(input: { name: string; link: string; expiresAt: string }) {
  const text = [
    `${input.name} 様`,
    '',
    '「はたらくサポートとうきょう」のパスワード再設定のお申し込みを受け付けました。',
    '次のリンクを開いて、新しいパスワードを設定してください。',
    '',
    input.link,
    '',
    `このリンクは ${formatDateTime(input.expiresAt, 'ja')} まで、1回だけ使えます。`,
    'パスワードを変更すると、ログイン中のすべての画面からログアウトされます。',
    'お申し込みに心当たりのない場合は、このメールを破棄してください。パスワードは変更されません。',
    '',
    `(English) Someone asked to reset your Hataraku password. Open the link above to choose a new one; it works once, until ${formatDateTime(input.expiresAt, 'en')} (Japan time). If it was not you, ignore this e-mail.`,
    '',
    '--',
    '東京都地域公益活動推進協議会 はたらくサポートとうきょう',
    '※このメールは送信専用のアドレスから送信しています。',
  ].join('\n');
  return { subject: '【はたらくサポートとうきょう】パスワード再設定のご案内', text };
}

/**
 * Sends a reset link if the address belongs to an active account (and it has not asked too often
 * this hour); does nothing otherwise. The caller shows the same page either way.
 */
export async function requestPasswordReset(
  db: Kysely<Database>,
  emailInput: string,
  options: { baseUrl: string },
  audit: Pick<AuditActor, 'requestId' | 'ip'>,
  now = new Date(),
): Promise<void> {
  const email = normaliseEmail(emailInput);
  await db.transaction().execute(async (trx) => {
    const user = await findActiveUserByEmail(trx, email);
    if (!user) return;
    const since = nowIso(new Date(now.getTime() - 60 * 60 * 1000));
    if ((await countResetsSince(trx, user.id, since)) >= PASSWORD_RESETS_PER_HOUR) return;
    const token = newToken();
    const id = newId();
    const expiresAt = nowIso(new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS));
    await insertPasswordReset(trx, {
      id,
      token_hash: hashToken(token),
      user_id: user.id,
      created_at: nowIso(now),
      expires_at: expiresAt,
    });
    await queueMail(trx, {
      to: user.email,
      ...resetMail({ name: user.name, link: `${options.baseUrl}/password/reset/${token}`, expiresAt }),
    });
    await recordAudit(trx, {
      action: 'user.password_reset_request',
      subjectType: 'user',
      subjectId: user.id,
      userId: null,
      organisationId: user.organisation_id,
      requestId: audit.requestId,
      ip: audit.ip,
      detail: { resetId: id },
    });
  });
}

function stateOf(row: { expiresAt: string; usedAt: string | null; active: number } | undefined, now: Date) {
  if (row?.active !== 1) return 'unknown' as const;
  if (row.usedAt) return 'used' as const;
  if (row.expiresAt <= nowIso(now)) return 'expired' as const;
  return 'valid' as const;
}

/** The account a link resets and the link's state, for the page that shows the form. */
export async function findPasswordResetForToken(db: Kysely<Database>, token: string, now = new Date()) {
  const row = token.length > 100 ? undefined : await findPasswordResetByTokenHash(db, hashToken(token));
  return { state: stateOf(row, now), email: row?.email ?? '' };
}

/**
 * Sets the new password (already checked against the password policy), uses up the link and any
 * other open link of the account, ends all its sessions and clears the lockout counters.
 */
export async function resetPassword(
  db: Kysely<Database>,
  token: string,
  password: string,
  audit: Pick<AuditActor, 'requestId' | 'ip'>,
  now = new Date(),
): Promise<{ userId: string }> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const row = token.length > 100 ? undefined : await findPasswordResetByTokenHash(trx, hashToken(token));
    const state = stateOf(row, now);
    if (!row || state !== 'valid') throw new ResetLinkGoneError(state === 'valid' ? 'unknown' : state);
    if (!(await markResetUsed(trx, row.id, row.userId, nowIso(now)))) throw new ResetLinkGoneError('used');
    await setPasswordHash(trx, row.userId, passwordHash, nowIso(now));
    const sessionsEnded = await deleteSessionsOfUser(trx, row.userId);
    await recordAudit(trx, {
      action: 'user.password_reset',
      subjectType: 'user',
      subjectId: row.userId,
      userId: row.userId,
      organisationId: row.organisationId,
      requestId: audit.requestId,
      ip: audit.ip,
      detail: { resetId: row.id, sessionsEnded },
    });
    return { userId: row.userId };
  });
}
