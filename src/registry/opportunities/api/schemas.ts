/**
 * The OpenAPI schemas of はたらく場: a time window, the editable fields as the API names them,
 * the full opportunity and its list summary, and the path parameter.
 */
import { z } from '@hono/zod-openapi';
import {
  mealOptions,
  opportunityStatuses,
  payTypes,
  physicalLoads,
  supportCodes,
  taskCategories,
  uniformOptions,
  workFormOffers,
  workSettings,
} from '../opportunity';

export const security = [{ bearerAuth: [] }];
export const enumOf = <T extends string>(values: readonly T[]) => z.enum(values as unknown as [T, ...T[]]);

export const Window = z
  .object({
    weekday: z
      .number()
      .int()
      .openapi({ description: 'ISO weekday: 1 月 (Monday) … 7 日 (Sunday)', example: 1 }),
    start: z.string().openapi({ example: '08:30', description: 'HH:MM, Tokyo time' }),
    end: z.string().openapi({ example: '12:00' }),
    capacity: z.number().int().openapi({ description: 'Headcount 0–99', example: 2 }),
  })
  .openapi('OpportunityWindow');

/** The editable fields, as the API names them (all optional here; the domain says what is required). */
export const fields = {
  title: z.string().openapi({ example: '施設内の清掃(午前)' }),
  description: z.string(),
  tasks: z.array(z.string()).openapi({ description: `Task category codes: ${taskCategories.join(', ')}` }),
  setting: z.string().openapi({ description: workSettings.join(' | ') }),
  physicalLoad: z.string().openapi({ description: physicalLoads.join(' | ') }),
  workForms: z.array(z.string()).openapi({
    description: `Work forms offered: ${workFormOffers.join(', ')} (A 短期就労型, B–D 就労訓練; B–D need the facility's valid 認定)`,
  }),
  windows: z.array(Window),
  minHoursPerDay: z.number().nullable().openapi({ description: 'In quarter hours, e.g. 1.5' }),
  maxHoursPerDay: z.number().nullable(),
  minDaysPerWeek: z.number().int().nullable(),
  maxDaysPerWeek: z.number().int().nullable(),
  worksOnHolidays: z.boolean(),
  yearEndClosed: z.boolean(),
  holidayNote: z.string().nullable(),
  earliestStartDate: z.string().nullable().openapi({ example: '2026-04-01' }),
  payType: z.string().openapi({ description: payTypes.join(' | ') }),
  payYen: z.number().int().nullable(),
  transportAllowance: z.boolean(),
  transportCapYen: z.number().int().nullable().openapi({ description: 'Per day' }),
  meals: z.string().openapi({ description: mealOptions.join(' | ') }),
  uniform: z.string().openapi({ description: uniformOptions.join(' | ') }),
  whatToBring: z.string().nullable(),
  healthCheckRequired: z.boolean(),
  documentsRequired: z.string().nullable(),
  supports: z.array(z.string()).openapi({ description: `Support offered: ${supportCodes.join(', ')}` }),
  supportsUnavailable: z.array(z.string()).openapi({ description: 'Support explicitly not available' }),
  supportNote: z.string().nullable(),
  visitPossible: z.boolean(),
  trialPossible: z.boolean(),
  interviewRequired: z.boolean(),
};

export type Body = Partial<{ [K in keyof typeof fields]: z.infer<(typeof fields)[K]> }>;

export const Opportunity = z
  .object({
    id: z.string(),
    facilityId: z.string(),
    facilityName: z.string(),
    corporationId: z.string(),
    corporationName: z.string(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    status: enumOf(opportunityStatuses),
    version: z.number().int(),
    stale: z.boolean().openapi({ description: '情報が古い可能性: not confirmed for 120 days' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    lastConfirmedAt: z.string(),
    ...fields,
    windows: z.array(Window.extend({ openPlaces: z.number().int() })),
    contact: z.object({
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  })
  .openapi('Opportunity');

export const OpportunitySummary = z
  .object({
    id: z.string(),
    facilityId: z.string(),
    facilityName: z.string(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    title: z.string(),
    tasks: z.array(z.string()),
    workForms: z.array(z.string()),
    windows: z.array(Window),
    status: enumOf(opportunityStatuses),
    stale: z.boolean(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    lastConfirmedAt: z.string(),
    change: z.enum(['new', 'changed', 'closed']).nullable().openapi({
      description: 'With changed_since: how it changed since then (null: neither new, changed nor closed)',
    }),
  })
  .openapi('OpportunitySummary');

export const Id = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
