/** Small pieces every referral view shares: the state tag, the schedule text, a summary row. */
import type { Child } from 'hono/jsx';
import type { Locale } from '../../platform/i18n';
import { opportunityMessages } from '../../registry/opportunities/messages';
import type { ReferralMessages } from '../messages';
import type { ReferralState } from '../state-machine';
import type { ScheduleEntry } from '../store';

export function Row(props: { label: string; children: Child }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** The state as words in a tag (never colour alone). */
export function StateTag(props: { m: ReferralMessages; state: ReferralState }) {
  return (
    <span class={`tag referral-state referral-state-${props.state}`}>{props.m.states[props.state]}</span>
  );
}

/** 月 09:00–11:00、水 09:00–11:00 */
export function scheduleText(schedule: readonly ScheduleEntry[], locale: Locale): string {
  const days = opportunityMessages[locale].weekdays as Record<number, string>;
  return schedule
    .map((s) => `${days[s.weekday] ?? s.weekday} ${s.start}–${s.end}`)
    .join(locale === 'ja' ? '、' : ', ');
}
