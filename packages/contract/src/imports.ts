import { type Static, Type } from 'typebox';
import { IdSchema } from './common';

/** What a sheet holds: the unit tree (with member headcounts), teams, or people (volunteers, members). */
export const ImportKinds = ['units', 'teams', 'people'] as const;
export const ImportKindSchema = Type.Enum(ImportKinds);
export type ImportKind = Static<typeof ImportKindSchema>;

export const ImportQuerySchema = Type.Object(
  {
    /** The campaign people's teams are placed in (needed when a people sheet has a "Tổ" column). */
    campaignId: Type.Optional(IdSchema),
    /** For a CSV file: what it holds, when its headers do not tell. */
    kind: Type.Optional(ImportKindSchema),
    /** Apply only: the preview's `planHash`; a different plan (the data changed since) answers 409 with the new preview. */
    expect: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
  },
  { additionalProperties: false },
);
export type ImportQuery = Static<typeof ImportQuerySchema>;

/** One problem with one row (or with a whole sheet: `row` is its header row). Reasons in Vietnamese, and English. */
export const ImportIssueSchema = Type.Object({
  sheet: Type.String(),
  /** The row number as the spreadsheet shows it (1 = the first line of the file). */
  row: Type.Integer(),
  /** The column's header as written in the file; null for the whole row. */
  column: Type.Union([Type.String(), Type.Null()]),
  value: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  reason: Type.String(),
  reasonEn: Type.String(),
});
export type ImportIssue = Static<typeof ImportIssueSchema>;

/** What one row will do. `changes` names what an update changes ("name", "memberCount", "parent", "membership", "team"…). */
export const ImportChangeSchema = Type.Object({
  sheet: Type.String(),
  row: Type.Integer(),
  kind: ImportKindSchema,
  action: Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('unchanged')]),
  /** The unit's or team's code, or the person's normalised phone. */
  key: Type.String(),
  label: Type.String(),
  changes: Type.Array(Type.String()),
});
export type ImportChange = Static<typeof ImportChangeSchema>;

export const ImportSheetSchema = Type.Object({
  name: Type.String(),
  /** null: no columns of any kind were recognised (an instructions sheet); the sheet is left alone. */
  kind: Type.Union([ImportKindSchema, Type.Null()]),
  headerRow: Type.Integer(),
  rows: Type.Integer(),
  create: Type.Integer(),
  update: Type.Integer(),
  unchanged: Type.Integer(),
  errors: Type.Integer(),
  /** Headers of columns the import does not read ("Ghi chú"): shown, so a misspelt header is noticed. */
  ignoredColumns: Type.Array(Type.String()),
});

const Counts = Type.Object({ create: Type.Integer(), update: Type.Integer(), unchanged: Type.Integer(), errors: Type.Integer() });

/** The dry run: nothing is written. `changes` lists rows that create or update (at most 5,000; `totals` counts all). */
export const ImportPreviewSchema = Type.Object({
  /** SHA-256 of what applying would do: apply with `expect=planHash` writes exactly this plan or nothing. */
  planHash: Type.String(),
  file: Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]), sha256: Type.String(), bytes: Type.Integer() }),
  sheets: Type.Array(ImportSheetSchema),
  totals: Counts,
  changes: Type.Array(ImportChangeSchema),
  errors: Type.Array(ImportIssueSchema),
  /** Rows that import, with something the importer should know (a name kept as it was). */
  warnings: Type.Array(ImportIssueSchema),
  /** True when `changes` or `errors` were cut at 5,000 entries. */
  truncated: Type.Boolean(),
});
export type ImportPreview = Static<typeof ImportPreviewSchema>;

export const ImportResultSchema = Type.Object({
  planHash: Type.String(),
  totals: Counts,
  created: Type.Object({ units: Type.Integer(), teams: Type.Integer(), people: Type.Integer(), memberships: Type.Integer(), placements: Type.Integer() }),
  updated: Type.Object({ units: Type.Integer(), teams: Type.Integer(), people: Type.Integer(), memberships: Type.Integer(), placements: Type.Integer() }),
  /** People the file names as volunteers (created or not): whom to send invites to. */
  volunteerIds: Type.Array(IdSchema),
});
export type ImportResult = Static<typeof ImportResultSchema>;

export const TemplateQuerySchema = Type.Object(
  { kind: Type.Optional(ImportKindSchema) },
  { additionalProperties: false },
);

/** Invites for people already in the hub (imported volunteers): a personal one-time link each. */
export const PeopleInvitesCreateSchema = Type.Object(
  {
    personIds: Type.Array(IdSchema, { minItems: 1, maxItems: 5000, uniqueItems: true }),
    /** How long each link stays valid (default 7 days). */
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
    /** Also send each link by the code transport (SMS/Zalo where configured). Default true. */
    send: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const PeopleInvitesSchema = Type.Object({
  invites: Type.Array(
    Type.Object({ personId: IdSchema, name: Type.String(), phone: Type.String(), url: Type.String(), expiresAt: Type.String(), sent: Type.Boolean() }),
  ),
  /** People who already have a way to sign in (a PIN, a password) or hold a staff role: no link for them. */
  skipped: Type.Array(Type.Object({ personId: IdSchema, name: Type.String(), reason: Type.String() })),
});
export type PeopleInvites = Static<typeof PeopleInvitesSchema>;

/** An apply that wrote nothing: 422 (rows with errors) or 409 (the plan changed since `expect`), with the preview that says why. */
export const ImportRefusedSchema = Type.Object({
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  preview: ImportPreviewSchema,
});
