/** Builds the HTTP application: platform middleware, then each area's pages and API routes. */
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { accountPageRoutes } from './accounts/account/routes';
import { registerAccountApi } from './accounts/api-tokens/api';
import { apiTokenRoutes } from './accounts/api-tokens/routes';
import { invitationRoutes } from './accounts/invitations/routes';
import { registerOrganisationApi } from './accounts/organisations/api';
import { organisationRoutes } from './accounts/organisations/routes';
import { passwordResetRoutes } from './accounts/password-reset/routes';
import { accountRoutes } from './accounts/routes';
import { signInRoutes } from './accounts/sign-in/routes';
import { userRoutes } from './accounts/users/routes';
import { calendarRoutes } from './calendar/routes';
import { contentRoutes } from './content/routes';
import { registerDigestApi } from './digest/api';
import { digestPublicRoutes, digestUnsubscribeRoutes } from './digest/public-routes';
import { digestRoutes } from './digest/routes';
import { registerMatchingApi } from './matching/api';
import { matchingRoutes } from './matching/routes';
import { registerNotificationApi } from './notifications/api';
import { configureNotifications } from './notifications/notify';
import { notificationRoutes } from './notifications/routes';
import { registerParticipantApi } from './participants/api';
import { registerConsentApi } from './participants/consents/api';
import { consentRoutes } from './participants/consents/routes';
import { rightsRoutes } from './participants/rights/routes';
import { participantRoutes } from './participants/routes';
import { transferRoutes } from './participants/transfer/routes';
import { registerPlacementApi } from './placements/api';
import { placementRoutes } from './placements/routes';
import { auditRoutes } from './platform/audit/routes';
import { createApi, openApiDocument, requireJsonBody } from './platform/http/api';
import { apiAuthentication } from './platform/http/api-auth';
import { mountAssets } from './platform/http/assets';
import { requestBodyLimit } from './platform/http/body-limit';
import type { AppEnv, Services } from './platform/http/env';
import { healthRoutes, type Readiness } from './platform/http/health';
import { csrfProtection, pageContext, requestContext } from './platform/http/middleware';
import { problem } from './platform/http/problem';
import { mailRoutes } from './platform/mail/routes';
import { renderErrorPage } from './platform/ui/error-page';
import { registerReferenceApi } from './reference/api';
import { registerReferralApi } from './referrals/api';
import { registerAppointmentApi } from './referrals/appointments/api';
import { appointmentRoutes } from './referrals/appointments/routes';
import { registerDecisionApi } from './referrals/decisions/api';
import { decisionRoutes } from './referrals/decisions/routes';
import { referralRoutes } from './referrals/routes';
import { certificationRoutes } from './registry/certifications/routes';
import { registerFacilityApi } from './registry/facilities/api';
import { facilityRoutes } from './registry/facilities/routes';
import { hsdsRoutes } from './registry/hsds/routes';
import { importRoutes } from './registry/import/routes';
import { listingRoutes } from './registry/listing/routes';
import { registerOpportunityApi } from './registry/opportunities/api';
import { opportunityRoutes, publicOpportunityRoutes } from './registry/opportunities/routes';
import { searchRoutes } from './registry/search/routes';
import { siteRoutes } from './site/routes';

export function createApp(
  services: Services,
  readiness: Readiness = { migrated: true, shuttingDown: false },
) {
  const app = new Hono<AppEnv>();
  // Links in notification mails are absolute, on BASE_URL (src/notifications/notify.ts).
  configureNotifications({ baseUrl: services.config.baseUrl });
  app.use(requestContext(services));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        fontSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // Video players on the public site (src/content/video.ts: EMBED_HOSTS).
        frameSrc: ["'self'", 'https://www.youtube-nocookie.com', 'https://player.vimeo.com'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      strictTransportSecurity: services.config.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
      referrerPolicy: 'same-origin',
      permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    }),
  );

  app.route('/', healthRoutes(readiness));
  // Stylesheets (the design tokens are 200 KB) go compressed; fonts are compressed already.
  app.use('/assets/*', compress());
  mountAssets(app);

  const api = createApi();
  // Bounded before anything reads a body (JSON parsing, CSRF's form parsing, uploads).
  api.use(
    requestBodyLimit({
      maxSize: 2 * 1024 * 1024,
      onError: (c) =>
        problem(c, {
          title: 'Payload too large',
          status: 413,
          detail: 'The request body is larger than 2 MB.',
        }),
    }),
  );
  api.use(requireJsonBody());
  api.use(apiAuthentication());
  registerReferenceApi(api);
  registerDigestApi(api);
  registerMatchingApi(api);
  registerOrganisationApi(api);
  registerFacilityApi(api);
  registerOpportunityApi(api);
  registerAccountApi(api);
  registerParticipantApi(api);
  registerConsentApi(api);
  registerReferralApi(api);
  registerAppointmentApi(api);
  registerDecisionApi(api);
  registerPlacementApi(api);
  registerNotificationApi(api);
  app.get('/api/openapi.json', (c) => c.json(openApiDocument(api, services.config.baseUrl)));
  app.route('/', api);
  app.route('/', hsdsRoutes());

  const pages = new Hono<AppEnv>();
  pages.use(
    requestBodyLimit({
      maxSize: 12 * 1024 * 1024,
      onError: (c) => c.text('Request too large (over 12 MB)', 413),
    }),
  );
  pages.use(pageContext());
  pages.use(csrfProtection());
  pages.route('/', siteRoutes());
  pages.route('/', contentRoutes());
  pages.route('/', accountRoutes());
  pages.route('/', mailRoutes());
  pages.route('/', organisationRoutes());
  pages.route('/', facilityRoutes());
  pages.route('/', opportunityRoutes());
  pages.route('/', publicOpportunityRoutes());
  pages.route('/', certificationRoutes());
  pages.route('/', placementRoutes());
  pages.route('/', auditRoutes());
  pages.route('/', signInRoutes());
  pages.route('/', accountPageRoutes());
  pages.route('/', invitationRoutes());
  pages.route('/', userRoutes());
  pages.route('/', passwordResetRoutes());
  pages.route('/', apiTokenRoutes());
  pages.route('/', importRoutes());
  pages.route('/', participantRoutes());
  pages.route('/', consentRoutes());
  pages.route('/', rightsRoutes());
  pages.route('/', transferRoutes());
  pages.route('/', searchRoutes());
  pages.route('/', listingRoutes());
  pages.route('/', matchingRoutes());
  pages.route('/', digestPublicRoutes());
  pages.route('/', digestRoutes());
  pages.route('/', referralRoutes());
  pages.route('/', appointmentRoutes());
  pages.route('/', decisionRoutes());
  pages.route('/', calendarRoutes());
  pages.route('/', notificationRoutes());
  // RFC 8058 one-click unsubscribe: mounted before the pages so their CSRF check does not apply.
  app.route('/', digestUnsubscribeRoutes());
  app.route('/', pages);

  app.notFound(async (c) => {
    if (c.req.path.startsWith('/api/')) {
      return problem(c, { title: 'Not found', status: 404, detail: `No resource at ${c.req.path}` });
    }
    return renderErrorPage(c, 404);
  });

  app.onError(async (error, c) => {
    const isApi = c.req.path.startsWith('/api/');
    if (error instanceof HTTPException && error.status < 500) {
      if (isApi) return problem(c, { title: 'Bad request', status: error.status, detail: error.message });
      return renderErrorPage(c, error.status === 403 ? 403 : 404);
    }
    (c.get('logger') ?? services.logger).error({ err: error }, 'unhandled error');
    if (isApi) {
      return problem(c, {
        title: 'Internal server error',
        status: 500,
        detail: `Reference: ${c.get('requestId')}`,
      });
    }
    try {
      return await renderErrorPage(c, 500);
    } catch {
      return c.text('Internal Server Error', 500);
    }
  });

  return app;
}
