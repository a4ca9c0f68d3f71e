/** Test data for the opportunity tests: a valid input a test overrides only where it matters. */
import type { OpportunityInput } from './opportunity';

export function opportunityInput(overrides: OpportunityInput = {}): OpportunityInput {
  return {
    title: '施設内の清掃(午前)',
    description: '共用部分の清掃です。',
    tasks: ['cleaning'],
    setting: 'indoor',
    physical_load: 'light',
    work_forms: ['a_unpaid'],
    windows: [
      { weekday: 1, start: '08:30', end: '12:00', capacity: 2 },
      { weekday: 3, start: '08:30', end: '12:00', capacity: 2 },
    ],
    ...overrides,
  };
}
