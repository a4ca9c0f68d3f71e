/**
 * はたらく場情報 over the API (/api/v1/digest/…), registered by src/app.ts: subscriptions
 * (api/subscriptions.ts — council staff list, add, change and remove them; anyone signed in
 * reads and sets their own, "mine") and editions (api/editions.ts — council staff list and
 * schedule them, read one's send status, cancel it, and preview it as a subscriber).
 */
import type { Api } from '../platform/http/api';
import { registerEditionApi } from './api/editions';
import { registerSubscriptionApi } from './api/subscriptions';

export function registerDigestApi(api: Api): void {
  registerSubscriptionApi(api);
  registerEditionApi(api);
}
