/**
 * The OpenAPI schemas of participants: the editable fields as the API names them, the full
 * participant and its list summary, an assessment version with its availability windows, and
 * the path parameter.
 */
import { z } from '@hono/zod-openapi';
import { supportCodes, taskCategories } from '../../registry/opportunities/opportunity';
import { travelModes } from '../assessment';

export const security = [{ bearerAuth: [] }];
export const tags = ['Participants'];

const text = () => z.string().nullable();
export const fields = {
  name: z.string().openapi({ example: '山田 太郎(架空)' }),
  nameKana: z
    .string()
    .openapi({ example: 'ヤマダ タロウ', description: 'Katakana; hiragana and half-width accepted' }),
  birthDate: z.string().openapi({
    example: '1996-04-01',
    description: 'YYYY-MM-DD, or 和暦 such as 平成8年4月1日; the person must be 15 or older',
  }),
  gender: text().openapi({ description: 'Free text, optional' }),
  phone: text(),
  email: text(),
  postalCode: text().openapi({ example: '160-0023' }),
  municipalityCode: text().openapi({
    description: "One of Tokyo's 62 municipality codes; null outside Tokyo",
  }),
  address: text(),
  nearestStation: text(),
  emergencyName: text(),
  emergencyRelation: text(),
  emergencyPhone: text(),
  caseNumber: text().openapi({ description: "The agency's own case number" }),
  preferredLanguage: text(),
  easyJapanese: z.boolean().openapi({ description: 'Wants easy Japanese / furigana' }),
  supportDecisionOn: text().openapi({ description: "The municipality's 支援決定 (needed for forms B–D)" }),
  supportDecisionMunicipalityCode: text(),
};
export type Body = Partial<{ [K in keyof typeof fields]: z.infer<(typeof fields)[K]> }>;

export const Participant = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    agencyName: z.string(),
    ...fields,
    birthDateJapaneseEra: z.string().openapi({ example: '平成8年4月1日' }),
    age: z.number().int(),
    status: z.enum(['active', 'closed', 'anonymised']),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Participant');

export const ParticipantSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    nameKana: z.string(),
    birthDate: z.string(),
    caseNumber: z.string().nullable(),
    municipalityCode: z.string().nullable(),
    status: z.enum(['active', 'closed', 'anonymised']),
    updatedAt: z.string(),
  })
  .openapi('ParticipantSummary');

const Window = z
  .object({
    weekday: z.number().int().openapi({ description: 'ISO weekday: 1 月 … 7 日' }),
    start: z.string().openapi({ example: '09:00' }),
    end: z.string().openapi({ example: '12:00' }),
  })
  .openapi('AvailabilityWindow');

export const assessmentFields = {
  assessedOn: z
    .string()
    .openapi({ example: '2026-11-25', description: 'YYYY-MM-DD or 和暦; not in the future' }),
  tasks: z.array(z.string()).openapi({ description: `Task category codes: ${taskCategories.join(', ')}` }),
  windows: z.array(Window),
  minHoursPerDay: z.number().nullable().openapi({ description: 'In quarter hours, e.g. 1.5' }),
  maxHoursPerDay: z.number().nullable(),
  minDaysPerWeek: z.number().int().nullable(),
  maxDaysPerWeek: z.number().int().nullable(),
  travelMaxMinutes: z.number().int().nullable(),
  travelMaxKm: z.number().nullable(),
  travelModes: z.array(z.string()).openapi({ description: travelModes.join(' | ') }),
  strengths: z.string().nullable(),
  difficulties: z.string().nullable(),
  supports: z.array(z.string()).openapi({ description: `Support needed: ${supportCodes.join(', ')}` }),
  healthNote: z.string().nullable(),
  goalShort: z.string().nullable(),
  goalLong: z.string().nullable(),
  notes: z.string().nullable(),
};

export const Assessment = z
  .object({
    id: z.string(),
    version: z.number().int(),
    counts: z
      .boolean()
      .openapi({ description: 'The latest assessment (by assessedOn, then version): the one that counts' }),
    recordedAt: z.string(),
    recordedBy: z.string().nullable(),
    ...assessmentFields,
  })
  .openapi('Assessment');

export const Id = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
