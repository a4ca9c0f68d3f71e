/**
 * The shapes of a はたらく場's values: as stored once valid, as input from a form, the API or
 * the importer, and the errors validation gives back (field → code).
 */
import type {
  MealOption,
  PayType,
  PhysicalLoad,
  SupportCode,
  TaskCategory,
  UniformOption,
  Weekday,
  WorkFormOffer,
  WorkSetting,
} from './codes';

export type TimeWindow = { weekday: Weekday; start: string; end: string; capacity: number };

/** A validated opportunity, as stored (snake_case = column names; windows in their own table). */
export type OpportunityValues = {
  title: string;
  description: string;
  tasks: TaskCategory[];
  setting: WorkSetting;
  physical_load: PhysicalLoad;
  work_forms: WorkFormOffer[];
  min_daily_minutes: number | null;
  max_daily_minutes: number | null;
  min_days_per_week: number | null;
  max_days_per_week: number | null;
  works_on_holidays: number;
  year_end_closed: number;
  holiday_note: string | null;
  earliest_start_date: string | null;
  pay_type: PayType;
  pay_yen: number | null;
  transport_allowance: number;
  transport_cap_yen: number | null;
  meals: MealOption;
  uniform: UniformOption;
  what_to_bring: string | null;
  health_check_required: number;
  documents_required: string | null;
  supports: SupportCode[];
  supports_unavailable: SupportCode[];
  support_note: string | null;
  visit_possible: number;
  trial_possible: number;
  interview_required: number;
  windows: TimeWindow[];
};

export type OpportunityField = Exclude<keyof OpportunityValues, 'windows'> | 'windows';

/** What a field can arrive as: a form string, or a JSON value. */
export type RawValue = string | number | boolean | null | undefined;

/** Input in one shape for forms, the API and the importer: lists as arrays, windows as rows. */
export type OpportunityInput = Partial<
  Record<
    Exclude<OpportunityField, 'tasks' | 'work_forms' | 'windows' | 'supports' | 'supports_unavailable'>,
    RawValue
  >
> & {
  tasks?: readonly RawValue[];
  work_forms?: readonly RawValue[];
  /** Support code → 'yes' | 'no' | '' (unknown). */
  supports?: Readonly<Record<string, RawValue>>;
  windows?: readonly { weekday?: RawValue; start?: RawValue; end?: RawValue; capacity?: RawValue }[];
};

export type OpportunityErrorCode =
  | 'required'
  | 'tooLong'
  | 'invalidChoice'
  | 'unknownTaskCategory'
  | 'unknownWorkForm'
  | 'unknownSupport'
  | 'certificationRequired'
  | 'employedNeedsPay'
  | 'invalidWeekday'
  | 'invalidTime'
  | 'endBeforeStart'
  | 'invalidCapacity'
  | 'windowRequired'
  | 'tooManyWindows'
  | 'invalidHours'
  | 'minAboveMax'
  | 'invalidDays'
  | 'invalidDate'
  | 'invalidYen'
  | 'yenRequired'
  | 'invalidFlag';

/**
 * Errors keyed by field; a time window's are keyed `windows.<row>.<part>` (row from 0, part
 * weekday | start | end | capacity), so a form shows each at the right row.
 */
export type OpportunityErrors = Record<string, OpportunityErrorCode>;

/** What validation needs to know beyond the input: whether the facility holds a valid 認定. */
export type ValidationContext = { hasValidCertification: boolean };
