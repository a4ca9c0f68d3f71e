/** The session cookie and what a request tells about where it comes from. */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hashToken } from '../../platform/auth/tokens';
import type { SessionStage } from '../../platform/db/schema';
import type { AppEnv } from '../../platform/http/env';
import { PENDING_SETUP_MS, PENDING_TWO_FACTOR_MS, SESSION_ABSOLUTE_MS, SESSION_COOKIE } from '../sessions';
import type { RequestMeta } from './service';

const maxAgeMs: Record<SessionStage, number> = {
  full: SESSION_ABSOLUTE_MS,
  two_factor: PENDING_TWO_FACTOR_MS,
  two_factor_setup: PENDING_SETUP_MS,
};

/** Sets the cookie for a session just started (HttpOnly, SameSite=Lax, Secure behind TLS). */
export function setSessionCookie(c: Context<AppEnv>, token: string, stage: SessionStage): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('services').config.secureCookies,
    path: '/',
    maxAge: Math.floor(maxAgeMs[stage] / 1000),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export function sessionTokenOf(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE) || undefined;
}

/** The stored id of the browser's session (any stage), if it sent one. */
export function sessionIdOf(c: Context<AppEnv>): string | null {
  const token = sessionTokenOf(c);
  return token ? hashToken(token) : null;
}

export function requestMeta(c: Context<AppEnv>): RequestMeta {
  return {
    ip: c.get('ip'),
    userAgent: c.req.header('user-agent') ?? null,
    requestId: c.get('requestId'),
  };
}
