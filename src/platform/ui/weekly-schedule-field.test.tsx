import { describe, expect, it } from 'vitest';
import { ScheduleFieldset, ScheduleInput, WeeklyScheduleTable } from './weekly-schedule-field';

const render = async (node: unknown) =>
  String(await (node as { toString(): Promise<string> | string }).toString());

const columns = [
  { part: 'start', label: '開始' },
  { part: 'end', label: '終了' },
];

describe('WeeklyScheduleTable', () => {
  it('posts each row under its own names and keys errors and ids as the form says', async () => {
    const html = await render(
      <WeeklyScheduleTable
        caption="希望の曜日と時間"
        rowHeader="曜日"
        columns={columns}
        rows={[
          {
            label: '月曜日',
            name: (part) => `window_0_${part}`,
            errorKey: (part) => `windows.0.${part}`,
            values: { start: '13:00', end: '12:00' },
            hidden: { name: 'window_0_weekday', value: '1' },
          },
          { label: '火曜日', name: (part) => `window_1_${part}`, values: {} },
        ]}
        errors={{ 'windows.0.end': '終了は開始より後にしてください' }}
      />,
    );
    expect(html).toContain('<caption class="visually-hidden">希望の曜日と時間</caption>');
    expect(html).toContain('<input type="hidden" name="window_0_weekday" value="1"/>');
    expect(html).toContain('<label for="field-windows.0.start" class="visually-hidden">月曜日 開始</label>');
    expect(html).toContain('name="window_0_start" type="text" value="13:00"');
    expect(html).toContain('<td class="field-error">');
    expect(html).toContain(
      '<p class="error-message" id="field-windows.0.end-error">終了は開始より後にしてください</p>',
    );
    expect(html).toContain('aria-invalid="true" aria-describedby="field-windows.0.end-error"');
    // Without errorKey the id follows the posted name; an empty row keeps empty values.
    expect(html).toContain('id="field-window_1_end" name="window_1_end" type="text" value=""');
  });

  it('leaves the messages to the caller when asked, still marking the input invalid', async () => {
    const html = await render(
      <WeeklyScheduleTable
        rowHeader="曜日"
        columns={columns}
        rows={[{ label: '月曜日', name: (part) => `schedule_1_${part}`, values: { start: 'x' } }]}
        errors={{ schedule_1_start: '時刻の形が違います' }}
        inputmode="numeric"
        errorsShown={false}
      />,
    );
    expect(html).not.toContain('<caption');
    expect(html).not.toContain('時刻の形が違います');
    expect(html).not.toContain('aria-describedby');
    expect(html).toContain('inputmode="numeric" value="x" class="input input-short" aria-invalid="true"');
  });
});

describe('ScheduleInput', () => {
  it('in a field box shows its label and error with the field-error class', async () => {
    const html = await render(
      <ScheduleInput
        in="field"
        errorKey="windows.1.capacity"
        name="window_1_capacity"
        label="定員"
        value="120"
        errors={{ 'windows.1.capacity': '多すぎます' }}
        inputmode="numeric"
      />,
    );
    expect(html).toMatch(
      /^<div class="field field-error"><label for="field-windows.1.capacity">定員<\/label>/,
    );
    expect(html).toContain('id="field-windows.1.capacity-error"');
  });
});

describe('ScheduleFieldset', () => {
  it('describes the group by its hint and shows the whole-schedule error where the summary links', async () => {
    const html = await render(
      <ScheduleFieldset
        name="schedule"
        legend="希望の曜日と時間"
        hint="分かる範囲で"
        errors={{ schedule: '1日以上' }}
      >
        <p>rows</p>
      </ScheduleFieldset>,
    );
    expect(html).toBe(
      '<fieldset class="fieldset" aria-describedby="field-schedule-hint"><legend>希望の曜日と時間</legend>' +
        '<p class="hint" id="field-schedule-hint">分かる範囲で</p>' +
        '<p class="error-message" id="field-schedule">1日以上</p><p>rows</p></fieldset>',
    );
  });
});
