// The hall screen's words, in both languages: loaded with the board's own chunk only (a phone's
// first load carries none of it). Figures stay in Vietnamese format in both (1.081).
import type { Lang } from '../lib/i18n';

const vi = {
  live: 'Trực tiếp',
  reconnecting: 'Đang kết nối lại…',
  residentsToday: 'Người dân được hỗ trợ hôm nay',
  residentsTotal: 'Cả chiến dịch',
  onDuty: 'Tình nguyện viên đang trực',
  checkedInToday: 'Đã điểm danh hôm nay',
  shops: (n: string) => `${n} cửa hàng`,
  sessionsLabel: 'Tuyên truyền, tập huấn',
  attendance: (n: string) => `${n} lượt người dự`,
  targets: 'Tiến độ chỉ tiêu',
  noTargets: 'Chưa đặt chỉ tiêu cho đơn vị này.',
  ofMembers: 'đoàn viên tự sử dụng',
  rate: 'Người dân được hỗ trợ mỗi 10 phút',
  byService: 'Theo dịch vụ',
  leadersByTotal: 'Dẫn đầu · số người được hỗ trợ',
  leadersByProgress: 'Dẫn đầu · % chỉ tiêu',
  noChildren: 'Đơn vị này không có đơn vị trực thuộc.',
  noChildTargets: 'Các đơn vị trực thuộc chưa có chỉ tiêu.',
  noFeed: 'Hoạt động mới sẽ hiện ở đây.',
  milestoneResidents: (n: string) => `${n} người dân đã được hỗ trợ`,
  milestoneTarget: (what: string) => `Đã đạt chỉ tiêu: ${what}`,
  milestoneKicker: 'Cột mốc mới',
};

export type BoardMessages = typeof vi;

const en: BoardMessages = {
  live: 'Live',
  reconnecting: 'Reconnecting…',
  residentsToday: 'Residents helped today',
  residentsTotal: 'Whole campaign',
  onDuty: 'Volunteers on duty',
  checkedInToday: 'Checked in today',
  shops: (n) => `${n} shops`,
  sessionsLabel: 'Outreach and training',
  attendance: (n) => `${n} attending`,
  targets: 'Progress against targets',
  noTargets: 'This unit has no targets yet.',
  ofMembers: 'of members use it themselves',
  rate: 'Residents helped per 10 minutes',
  byService: 'By service',
  leadersByTotal: 'Leading · residents helped',
  leadersByProgress: 'Leading · % of target',
  noChildren: 'This unit has no units below it.',
  noChildTargets: 'The units below have no targets yet.',
  noFeed: 'New activity will appear here.',
  milestoneResidents: (n) => `${n} residents helped`,
  milestoneTarget: (what) => `Target reached: ${what}`,
  milestoneKicker: 'New milestone',
};

export const boardMessages = (lang: Lang): BoardMessages => (lang === 'en' ? en : vi);
