/**
 * The digest's pages for signed-in people, by audience under ./routes/: one's own subscription
 * and the archive (account.tsx), and the council's control pages under /council/digest —
 * editions (council-editions.tsx), previews (council-preview.tsx) and subscribers
 * (council-subscribers.tsx). The public pages (applying, confirming, unsubscribing by link) are
 * in public-routes.tsx.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../platform/http/env';
import { digestAccountRoutes } from './routes/account';
import { digestCouncilEditionRoutes } from './routes/council-editions';
import { digestCouncilPreviewRoutes } from './routes/council-preview';
import { digestCouncilSubscriberRoutes } from './routes/council-subscribers';

export function digestRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .route('/', digestAccountRoutes())
    .route('/', digestCouncilEditionRoutes())
    .route('/', digestCouncilPreviewRoutes())
    .route('/', digestCouncilSubscriberRoutes());
}
