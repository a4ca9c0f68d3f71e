/** What every request handler can reach: the services of this app instance and the caller. */
import type { Logger } from 'pino';
import type { Config } from '../config/config';
import type { Db } from '../db/connection';
import type { OrganisationKind, Role } from '../db/schema';
import type { Locale, Messages } from '../i18n';

export type CurrentUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  organisationKind: OrganisationKind;
  /** Facilities a facility coordinator is assigned to; empty for other roles. */
  facilityIds: string[];
  /** The session behind a page request; null when the caller used an API token. */
  sessionId: string | null;
};

export type Services = {
  config: Config;
  database: Db;
  logger: Logger;
  /** True once demo data has been loaded into this database (shows the banner). */
  isDemo(): Promise<boolean>;
};

export type AppEnv = {
  Variables: {
    services: Services;
    requestId: string;
    /** The client's address, for rate limits and the audit trail. */
    ip: string;
    locale: Locale;
    t: Messages;
    user: CurrentUser | null;
    csrfToken: string;
    demo: boolean;
    logger: Logger;
  };
};
