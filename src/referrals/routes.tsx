/**
 * Referral pages (受け入れ依頼), one file per page group under ./routes/: the work list per
 * party, the new-request form (from a participant's page or a match result), a referral's page
 * with its actions, timeline, thread and shared data, and the council's closing-reason list.
 * Every route names its policy action; the subject is loaded through the scoped store, so a
 * referral of another facility, agency or corporation is a 404.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../platform/http/env';
import { registerCloseReasonPages } from './routes/close-reasons';
import { registerNewReferralPages } from './routes/new-referral';
import { registerReferralPage } from './routes/referral-page';
import { registerWorkListPages } from './routes/work-lists';

export function referralRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // In the order they always had: a path is matched by the first route that fits it.
  registerWorkListPages(app);
  registerNewReferralPages(app);
  registerReferralPage(app);
  registerCloseReasonPages(app);
  return app;
}
