/** Which menu entries each role sees. Areas add their entries here as they arrive. */
import type { Role } from '../db/schema';
import type { Messages } from '../i18n';

export type NavItem = { href: string; label: string };

export function navigationFor(role: Role | undefined, t: Messages): NavItem[] {
  if (!role) return [];
  const home = { href: '/dashboard', label: t.nav.dashboard };
  const facilities = { href: '/facilities', label: t.nav.facilities };
  const users = { href: '/users', label: t.nav.users };
  const opportunities = { href: '/opportunities', label: t.nav.opportunities };
  const search = { href: '/search', label: t.nav.search };
  const referrals = { href: '/referrals', label: t.nav.referrals };
  const placements = { href: '/placements', label: t.nav.placements };
  const calendar = { href: '/calendar', label: t.nav.calendar };
  const siteContent = { href: '/council/content', label: t.nav.siteContent };
  switch (role) {
    case 'council_admin':
      return [
        home,
        search,
        opportunities,
        referrals,
        placements,
        { href: '/organisations', label: t.nav.organisations },
        users,
        { href: '/council/digest', label: t.nav.digest },
        { href: '/council/mail', label: t.nav.mail },
        { href: '/council/audit', label: t.nav.audit },
        siteContent,
      ];
    case 'council_staff':
      return [
        home,
        search,
        opportunities,
        referrals,
        placements,
        { href: '/organisations', label: t.nav.organisations },
        { href: '/council/digest', label: t.nav.digest },
        { href: '/council/mail', label: t.nav.mail },
        siteContent,
      ];
    case 'corporation_admin':
      // /organisations/mine is the caller's own corporation (the layout knows the role only).
      return [
        home,
        { href: '/organisations/mine', label: t.nav.ownCorporation },
        facilities,
        opportunities,
        referrals,
        placements,
        calendar,
        users,
      ];
    case 'facility_coordinator':
      return [home, facilities, opportunities, referrals, placements, calendar];
    case 'counsellor':
      return [
        home,
        { href: '/participants', label: t.nav.participants },
        search,
        opportunities,
        referrals,
        placements,
        calendar,
      ];
  }
}
