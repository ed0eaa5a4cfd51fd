import { MembershipRoles, TeamKinds } from '@xk/contract';
import { foldDiacritics } from '@xk/domain';

/** Values as unions write them, folded (no case, no diacritics) → the hub's value. */
const levels: Record<string, string> = {
  tinh: 'province', 'thanh pho': 'province', 'tinh doan': 'province', 'thanh doan': 'province', 'cap tinh': 'province',
  huyen: 'district', quan: 'district', 'thi xa': 'district', 'huyen doan': 'district', 'quan doan': 'district', 'cap huyen': 'district',
  xa: 'commune', phuong: 'commune', 'thi tran': 'commune', 'xa/phuong': 'commune', 'xa, phuong': 'commune', 'co so': 'commune', 'doan co so': 'commune', 'cap xa': 'commune',
  'chi doan': 'branch', 'chi doan co so': 'branch',
};
const teamKinds: Record<string, string> = {
  'to cong nghe so cong dong': 'community_digital', 'cong nghe so cong dong': 'community_digital', 'to cong nghe so': 'community_digital', 'cong nghe so': 'community_digital',
  'it xanh': 'it_xanh', 'doi hinh it xanh': 'it_xanh', 'doi it xanh': 'it_xanh',
  'thanh nien xung kich': 'xung_kich', 'xung kich': 'xung_kich', 'doi thanh nien xung kich': 'xung_kich', 'doi hinh thanh nien xung kich': 'xung_kich',
  khac: 'other',
};
const roles: Record<string, string> = {
  'tinh nguyen vien': 'volunteer', tnv: 'volunteer',
  'doan vien': 'member', 'thanh vien': 'member',
  'can bo': 'cadre', 'can bo doan': 'cadre',
  'dieu phoi': 'coordinator', 'dieu phoi vien': 'coordinator',
  'bi thu': 'secretary', 'pho bi thu': 'secretary',
};

const lookup = (table: Record<string, string>, allowed: readonly string[], text: string) => {
  const key = foldDiacritics(text);
  return table[key] ?? (allowed.includes(key.replace(/[ -]/g, '_')) ? key.replace(/[ -]/g, '_') : undefined);
};

/** A unit's level: a known word maps to the hub's ('Phường' → commune); anything else is kept as written (levels are free-form). */
export const unitLevelOf = (text: string): string => lookup(levels, ['province', 'district', 'commune', 'branch', 'unit'], text) ?? text;
/** null: not a team kind. */
export const teamKindOf = (text: string): string | null => lookup(teamKinds, TeamKinds, text) ?? null;
/** null: not a membership role. */
export const membershipRoleOf = (text: string): string | null => lookup(roles, MembershipRoles, text) ?? null;
