import type { ImportIssue } from '@xk/contract';
import { namePath, type UnitNode } from './unit-directory';

/** Where an issue is: the sheet, the row as the spreadsheet numbers it, the column's header as written. */
export interface IssueAt {
  sheet: string;
  row: number;
  column: string | null;
  value: string | null;
}

const quote = (s: string) => `«${s}»`;
const list = (nodes: UnitNode[]) =>
  nodes
    .slice(0, 4)
    .map((n) => `${n.code} (${namePath(n)})`)
    .join('; ') + (nodes.length > 4 ? ` … (+${nodes.length - 4})` : '');

/**
 * Every reason a row can fail, worded for the union officer who will fix the sheet (Vietnamese)
 * and in English. `code` is stable for programs and tests.
 */
export const issues = {
  missingColumns: (at: IssueAt, headers: string[]) => ({ code: 'missing_columns', reason: `Thiếu cột bắt buộc: ${headers.join(', ')}`, reasonEn: `Missing required columns: ${headers.join(', ')}`, at }),
  noRows: (at: IssueAt) => ({ code: 'no_rows', reason: 'Trang tính không có dòng dữ liệu nào dưới dòng tiêu đề', reasonEn: 'The sheet has no data rows under its header row', at }),
  noSheet: (at: IssueAt) => ({ code: 'no_sheet', reason: 'Không nhận ra trang tính nào: cần dòng tiêu đề có «Mã đơn vị», «Mã tổ/đội» hoặc «Số điện thoại» (tải mẫu để xem)', reasonEn: 'No sheet was recognised: a header row needs «Mã đơn vị», «Mã tổ/đội» or «Số điện thoại» (download the template)', at }),
  required: (at: IssueAt) => ({ code: 'required', reason: `Cột ${quote(at.column ?? '')} không được để trống`, reasonEn: `${quote(at.column ?? '')} must not be blank`, at }),
  requiredForNew: (at: IssueAt) => ({ code: 'required', reason: `Cột ${quote(at.column ?? '')} bắt buộc khi tạo mới`, reasonEn: `${quote(at.column ?? '')} is required to create a new one`, at }),
  badCode: (at: IssueAt) => ({ code: 'bad_code', reason: 'Mã chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới (tối đa 64 ký tự)', reasonEn: 'A code has only letters A–Z, digits, dots, dashes and underscores (at most 64)', at }),
  tooLong: (at: IssueAt, max: number) => ({ code: 'too_long', reason: `Dài quá ${max} ký tự`, reasonEn: `Longer than ${max} characters`, at }),
  badPhone: (at: IssueAt, why: string) => ({ code: 'bad_phone', reason: `Số điện thoại không hợp lệ (${phoneWhyVi(why)})`, reasonEn: `Invalid phone number (${why})`, at }),
  badEmail: (at: IssueAt) => ({ code: 'bad_email', reason: 'Email không hợp lệ', reasonEn: 'Invalid email address', at }),
  badCount: (at: IssueAt) => ({ code: 'bad_number', reason: 'Cần một số nguyên không âm (VD: 120)', reasonEn: 'Needs a whole number, 0 or more (e.g. 120)', at }),
  badChoice: (at: IssueAt, allowed: string[]) => ({ code: 'bad_choice', reason: `Giá trị không hợp lệ; chọn một trong: ${allowed.join(', ')}`, reasonEn: `Not a valid value; one of: ${allowed.join(', ')}`, at }),
  unit: (at: IssueAt, code: 'unit_unknown' | 'unit_ambiguous' | 'unit_merged' | 'unit_outside', candidates: UnitNode[]) => {
    const v = quote(at.value ?? '');
    if (code === 'unit_ambiguous') return { code, reason: `Tên đơn vị ${v} trùng với nhiều đơn vị: ${list(candidates)}. Ghi mã đơn vị hoặc đường dẫn đầy đủ`, reasonEn: `${v} names several units: ${list(candidates)}. Write the unit's code or its full path`, at };
    if (code === 'unit_merged') return { code, reason: `Đơn vị ${v} đã sáp nhập vào đơn vị khác: dùng đơn vị mới`, reasonEn: `Unit ${v} was merged into another: use the new unit`, at };
    if (code === 'unit_outside') return { code, reason: `Đơn vị ${v} nằm ngoài phạm vi bạn quản lý`, reasonEn: `Unit ${v} is outside your units`, at };
    return { code, reason: `Không tìm thấy đơn vị ${v}`, reasonEn: `No unit ${v} was found`, at };
  },
  team: (at: IssueAt, code: 'team_unknown' | 'team_ambiguous' | 'team_outside') => {
    const v = quote(at.value ?? '');
    if (code === 'team_ambiguous') return { code, reason: `Tên tổ ${v} trùng với nhiều tổ của đơn vị: ghi mã tổ`, reasonEn: `${v} names several teams of the unit: write the team's code`, at };
    if (code === 'team_outside') return { code, reason: `Tổ ${v} không thuộc phạm vi chiến dịch hoặc phạm vi bạn quản lý`, reasonEn: `Team ${v} is outside the campaign or your units`, at };
    return { code, reason: `Không tìm thấy tổ ${v} (mã tổ, hoặc tên tổ của đơn vị trên dòng)`, reasonEn: `No team ${v} (a team code, or the name of a team of the row's unit)`, at };
  },
  teamNeedsCampaign: (at: IssueAt) => ({ code: 'campaign_required', reason: 'Có cột «Tổ»: chọn chiến dịch để xếp người vào tổ', reasonEn: 'The sheet has a «Tổ» column: choose the campaign people are placed in', at }),
  duplicate: (at: IssueAt, firstRow: number) => ({ code: 'duplicate', reason: `Trùng với dòng ${firstRow}`, reasonEn: `Repeats row ${firstRow}`, at }),
  phoneNameClash: (at: IssueAt, firstRow: number, name: string) => ({ code: 'phone_name_clash', reason: `Số điện thoại này đã có ở dòng ${firstRow} với tên khác (${quote(name)})`, reasonEn: `This phone number is on row ${firstRow} under another name (${quote(name)})`, at }),
  teamClash: (at: IssueAt, firstRow: number) => ({ code: 'team_clash', reason: `Người này đã được xếp vào tổ khác ở dòng ${firstRow}`, reasonEn: `This person is placed in another team on row ${firstRow}`, at }),
  codeOutside: (at: IssueAt) => ({ code: 'code_outside', reason: 'Mã này đã dùng cho một đơn vị/tổ ngoài phạm vi bạn quản lý', reasonEn: 'This code belongs to a unit or team outside your units', at }),
  needsOrganizer: (at: IssueAt, where: string) => ({ code: 'forbidden', reason: `Cần quyền Tổ chức (organizer) tại ${where} để tạo hoặc sửa đơn vị, tổ`, reasonEn: `Creating or changing units and teams needs the organizer role over ${where}`, at }),
  needsCoordinator: (at: IssueAt, where: string) => ({ code: 'forbidden', reason: `Cần quyền Điều phối tại ${where}`, reasonEn: `Needs the coordinator role over ${where}`, at }),
  cycle: (at: IssueAt) => ({ code: 'cycle', reason: 'Đơn vị không thể nằm dưới chính nó hoặc đơn vị cấp dưới của nó', reasonEn: 'A unit cannot sit under itself or one of its own descendants', at }),
  rootNotAllowed: (at: IssueAt) => ({ code: 'root', reason: 'Đơn vị mới cần «Đơn vị cấp trên» (đơn vị gốc chỉ quản trị viên tạo trong hệ thống)', reasonEn: 'A new unit needs «Đơn vị cấp trên» (root units are created by an admin in the hub)', at }),
  mergedUnit: (at: IssueAt) => ({ code: 'unit_merged', reason: 'Đơn vị này đã sáp nhập: không sửa được nữa', reasonEn: 'This unit was merged: it can no longer change', at }),
  nameKept: (at: IssueAt, kept: string) => ({ code: 'name_kept', reason: `Người này đã có trong hệ thống với tên ${quote(kept)} (ngoài phạm vi của bạn): giữ tên cũ`, reasonEn: `This person is already in the hub as ${quote(kept)} (outside your units): the name is kept`, at }),
};

function phoneWhyVi(why: string): string {
  const map: Record<string, string> = {
    empty: 'để trống',
    'no digits': 'không có chữ số',
    'too short': 'thiếu số',
    'too long': 'thừa số',
    'not a Vietnamese phone number': 'không phải số Việt Nam',
    'old 11-digit mobile number (01x), renumbered in 2018': 'số 11 chữ số cũ (01x) đã đổi từ 2018',
  };
  return map[why] ?? 'có ký tự không phải chữ số';
}

type Made = { code: string; reason: string; reasonEn: string; at: IssueAt };
export const toIssue = (m: Made): ImportIssue => ({ ...m.at, code: m.code, reason: m.reason, reasonEn: m.reasonEn });
