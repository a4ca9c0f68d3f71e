/** Which menu entries each role sees. Areas add their entries here as they arrive. */
import type { Role } from '../db/schema';
import type { Messages } from '../i18n';

export type NavItem = { href: string; label: string };

export function navigationFor(role: Role | undefined, t: Messages): NavItem[] {
  if (!role) return [];
  const home = { href: '/dashboard', label: t.nav.dashboard };
  switch (role) {
    case 'council_admin':
    case 'council_staff':
      return [home, { href: '/council/mail', label: t.nav.mail }];
    case 'corporation_admin':
    case 'facility_coordinator':
    case 'counsellor':
      return [home];
  }
}
