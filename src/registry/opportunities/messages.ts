/**
 * Strings of the はたらく場 area, split by concern under ./messages/: the pages, the form's field
 * names and hints, the words for the controlled lists' codes, how values read, the reminder
 * mail, and the form's errors. This file joins them into one catalogue per locale and keeps
 * the import path that the other areas use.
 */
import type { Locale } from '../../platform/i18n';
import { codeMessages } from './messages/codes';
import { errorMessages } from './messages/errors';
import { formFieldMessages } from './messages/form-fields';
import { pageMessages } from './messages/pages';
import { reminderMessages } from './messages/reminder';
import { valueMessages } from './messages/values';

export { opportunityFieldMessages } from './messages/errors';

function catalogue(locale: Locale) {
  return {
    ...pageMessages[locale],
    ...formFieldMessages[locale],
    ...codeMessages[locale],
    ...valueMessages[locale],
    ...reminderMessages[locale],
    ...errorMessages[locale],
  };
}

export const opportunityMessages: Record<Locale, ReturnType<typeof catalogue>> = {
  ja: catalogue('ja'),
  en: catalogue('en'),
};

export type OpportunityMessages = (typeof opportunityMessages)['ja'];
