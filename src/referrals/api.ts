/**
 * Referrals over the API (/api/v1), one file per resource under ./api/: the referrals (list,
 * read, create and send, send a draft), their transitions, the shared data (facility), and the
 * message thread. The same policy actions and services as the pages; a referral the caller may
 * not see is a 404.
 */
import type { Api } from '../platform/http/api';
import { registerMessageApi } from './api/messages';
import { registerReferralResourceApi } from './api/referrals';
import { registerSharedDataApi } from './api/shared-data';
import { registerTransitionApi } from './api/transitions';

export function registerReferralApi(api: Api): void {
  // In this order, so the OpenAPI document lists the routes as it always has.
  registerReferralResourceApi(api);
  registerTransitionApi(api);
  registerSharedDataApi(api);
  registerMessageApi(api);
}
