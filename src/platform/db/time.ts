/** Timestamps as the data rules want them: ISO-8601 UTC text made by the app. */
import { uuidv7 } from 'uuidv7';

export function nowIso(date: Date = new Date()): string {
  return date.toISOString();
}

export function newId(): string {
  return uuidv7();
}
