/**
 * はたらく場 over the API (/api/v1), split under ./api/: reading (the caller's scoped list with
 * `changed_since`, one opportunity) and changing (registering one at a facility, PATCH merging
 * into the stored values, the one-call confirmation). Same policy actions and services as the
 * pages; validation errors are a 400 problem with a JSON pointer per field (a time window's at
 * its row).
 */
import type { Api } from '../../platform/http/api';
import { registerSearchApi } from '../search/api';
import { registerOpportunityChangeApi } from './api/changes';
import { registerOpportunityReadApi } from './api/reads';

export function registerOpportunityApi(api: Api): void {
  // Before /opportunities/{id}: the registry search (registry/search/api.ts). The rest in this
  // order, so the OpenAPI document lists the routes as it always has.
  registerSearchApi(api);
  registerOpportunityReadApi(api);
  registerOpportunityChangeApi(api);
}
