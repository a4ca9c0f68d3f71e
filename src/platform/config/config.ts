/** Reads the process environment once, at start, into a typed configuration. */
import { z } from 'zod';

export class ConfigError extends Error {}

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().default('./data/hataraku.db'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('はたらくサポートとうきょう <noreply@hataraku.example>'),
  BASE_URL: z.union([z.literal(''), z.string().url()]).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  JOB_WORKER: z.enum(['on', 'off']).default('on'),
  /** HTTP processes on this host sharing the port (decision 034); 1 = this process serves. */
  WEB_PROCESSES: z.coerce.number().int().min(1).max(32).default(1),
  COOKIE_SECURE: z.enum(['auto', 'on', 'off']).default('auto'),
  TRUST_PROXY: z.enum(['on', 'off']).default('off'),
  // はたらく場情報 (src/digest): edition and weekly schedules (cron, Asia/Tokyo), send rate
  // (messages a second per instance, 0 = no limit), and the key that signs unsubscribe links
  // (left out: one is generated and kept in the database, shared by every instance).
  DIGEST_CRON: z.string().default('0 9 10 1,3,5,7,9,11 *'),
  DIGEST_WEEKLY_CRON: z.string().default('0 9 * * 1'),
  DIGEST_SEND_RATE: z.coerce.number().min(0).max(10_000).default(10),
  DIGEST_TOKEN_SECRET: z.string().min(32).optional(),
  /** Referrals (受け入れ依頼): business days without a facility answer before a reminder / expiry. */
  REFERRAL_REMINDER_BUSINESS_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  REFERRAL_EXPIRY_BUSINESS_DAYS: z.coerce.number().int().min(1).max(120).default(10),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  baseUrl: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  demoData: boolean;
  jobWorker: boolean;
  webProcesses: number;
  secureCookies: boolean;
  /** Behind a reverse proxy, the client address is the first X-Forwarded-For entry. */
  trustProxy: boolean;
  digest: { cron: string; weeklyCron: string; sendRate: number; tokenSecret: string | undefined };
  /** Business days an unanswered referral waits before the facility is reminded, and before it expires. */
  referralPeriods: { reminderBusinessDays: number; expiryBusinessDays: number };
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid setting ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  const baseUrl = (e.BASE_URL || `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    baseUrl,
    logLevel: e.LOG_LEVEL,
    demoData: e.DEMO_DATA === 'auto',
    jobWorker: e.JOB_WORKER === 'on',
    webProcesses: e.WEB_PROCESSES,
    // Secure cookies are only sent over TLS, so they follow BASE_URL unless forced.
    trustProxy: e.TRUST_PROXY === 'on',
    digest: {
      cron: e.DIGEST_CRON,
      weeklyCron: e.DIGEST_WEEKLY_CRON,
      sendRate: e.DIGEST_SEND_RATE,
      tokenSecret: e.DIGEST_TOKEN_SECRET,
    },
    referralPeriods: {
      reminderBusinessDays: e.REFERRAL_REMINDER_BUSINESS_DAYS,
      expiryBusinessDays: Math.max(e.REFERRAL_EXPIRY_BUSINESS_DAYS, e.REFERRAL_REMINDER_BUSINESS_DAYS + 1),
    },
    secureCookies: e.COOKIE_SECURE === 'on' || (e.COOKIE_SECURE === 'auto' && baseUrl.startsWith('https:')),
  };
}
