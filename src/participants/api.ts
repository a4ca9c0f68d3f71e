/**
 * Participants over the API (/api/v1), split under ./api/: the participants themselves (the
 * agency's list, one participant, registering with the duplicate check: 409 with the agency's
 * possible duplicates unless `confirmDistinct`, and PATCH merging into the stored values) and
 * their assessment versions. The same policy actions and services as the pages; every read
 * writes its audit row.
 */
import type { Api } from '../platform/http/api';
import { registerAssessmentApi } from './api/assessments';
import { registerParticipantResourceApi } from './api/participants';

export function registerParticipantApi(api: Api): void {
  // In this order, so the OpenAPI document lists the routes as it always has.
  registerParticipantResourceApi(api);
  registerAssessmentApi(api);
}
