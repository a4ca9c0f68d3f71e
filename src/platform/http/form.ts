/**
 * Reads a posted form into a zod schema. On failure returns the typed values (to re-render the
 * form with them kept) and one message per field in the user's language.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Messages } from '../i18n';
import type { FieldErrors, FormValues } from '../ui/form';
import type { AppEnv } from './env';

export type FormResult<T> =
  | { ok: true; data: T; values: FormValues }
  | { ok: false; errors: FieldErrors; values: FormValues };

export async function readForm(c: Context<AppEnv>): Promise<FormValues> {
  const body = await c.req.parseBody();
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    if (typeof value === 'string') values[key] = value;
  }
  return values;
}

export function validateForm<S extends z.ZodType>(
  schema: S,
  values: FormValues,
  t: Messages,
): FormResult<z.output<S>> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    if (!errors[field]) errors[field] = messageForIssue(issue, values[field], t);
  }
  return { ok: false, errors, values };
}

/**
 * Schemas name a catalogue message with `{ message: 'errors.key' }`; otherwise the issue code
 * picks a general message, so English never leaks into the Japanese UI from zod's defaults.
 */
export function messageForIssue(issue: z.core.$ZodIssue, value: string | undefined, t: Messages): string {
  if (issue.message.startsWith('errors.')) {
    const key = issue.message.slice('errors.'.length) as keyof Messages['errors'];
    const entry = t.errors[key];
    if (typeof entry === 'string') return entry;
  }
  if (value === undefined || value.trim() === '') return t.errors.required;
  switch (issue.code) {
    case 'too_small':
      return typeof issue.minimum === 'number' && issue.origin === 'string'
        ? t.errors.tooShort(issue.minimum)
        : t.errors.invalid;
    case 'too_big':
      return typeof issue.maximum === 'number' && issue.origin === 'string'
        ? t.errors.tooLong(issue.maximum)
        : t.errors.invalid;
    case 'invalid_format':
      return issue.format === 'email' ? t.errors.invalidEmail : t.errors.invalid;
    default:
      return t.errors.invalid;
  }
}
