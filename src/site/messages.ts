/**
 * The public site's words, Japanese first, gathered from the files under ./messages/ (one per
 * kind of page). Facts come from the program's public site (../shared/reference) and SPEC.md;
 * every sentence here is our own.
 */
import { defineMessages } from '../platform/i18n';
import { audiencesEn, audiencesJa } from './messages/audiences';
import { layoutEn, layoutJa } from './messages/layout';
import { listingsEn, listingsJa } from './messages/listings';
import { policiesEn, policiesJa } from './messages/policies';
import { programEn, programJa } from './messages/program';

const ja = { ...layoutJa, ...programJa, ...listingsJa, ...audiencesJa, ...policiesJa };

const en: typeof ja = { ...layoutEn, ...programEn, ...listingsEn, ...audiencesEn, ...policiesEn };

export const siteMessages = defineMessages(ja, en);
export type SiteMessages = typeof ja;
