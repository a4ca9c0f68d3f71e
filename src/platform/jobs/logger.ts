/**
 * The logger shape the jobs and mail modules accept: pino's `(details, message)` call form, so a
 * pino logger can be passed as is, without this module depending on pino.
 */
export type Logger = {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
};

export const silentLogger: Logger = {
  info() {},
  warn() {},
  error() {},
};
