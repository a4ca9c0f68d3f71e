/**
 * Who may use the digest's signed-in pages and API, as guards by the policy's actions
 * (platform/auth/policy.ts): council staff manage subscribers and editions; anyone signed in
 * subscribes their own address and reads the archive.
 */
import { authorize } from '../platform/auth/guard';

export const manageDigest = authorize('digest.manage', () => ({ kind: 'council' }));
export const subscribeToDigest = authorize('digest.subscribe', () => ({ kind: 'self' }));
export const readDigest = authorize('digest.read', () => ({ kind: 'self' }));
