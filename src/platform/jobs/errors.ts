/** Errors a job handler throws to tell the worker how to treat a failure. */

/**
 * A failure that another attempt cannot fix (a missing row, a malformed payload): the worker
 * marks the job failed at once instead of retrying it.
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
