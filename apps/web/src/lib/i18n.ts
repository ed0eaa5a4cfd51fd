import type { Service, TargetKind } from '@xk/contract';
import { type Accessor, createContext, createEffect, createSignal, useContext } from 'solid-js';
import { authEn, authVi } from './i18n-auth';
import { phoneEn, phoneVi } from './i18n-phone';
import { pinEn, pinVi } from './i18n-pin';

export type Lang = 'vi' | 'en';

const STORAGE_KEY = 'xk.lang';

const vi = {
  appName: 'Xung Kích',
  tagline: 'Trung tâm điều hành trực tiếp cho lực lượng xung kích chuyển đổi số của Đoàn Thanh niên.',
  /** The switch shows the language it switches to, in that language. */
  otherLang: { lang: 'en' as Lang, label: 'English' },
  campaign: 'Chiến dịch',
  loading: 'Đang tải số liệu…',
  unreachableTitle: 'Không kết nối được tới máy chủ',
  unreachableBody: 'Máy chủ Xung Kích chưa chạy hoặc mạng đang gián đoạn. Trang tự kết nối lại khi máy chủ trở lại.',
  errorTitle: 'Máy chủ báo lỗi',
  noCampaignTitle: 'Chưa có chiến dịch nào',
  noCampaignBody: 'Khi ban tổ chức tạo chiến dịch, số liệu trực tiếp sẽ hiện ở đây.',
  updatedAt: (time: string) => `cập nhật lúc ${time}`,
  reconnecting: 'đang kết nối lại…',
  residents: 'Người dân được hỗ trợ',
  shops: 'Cửa hàng được hỗ trợ',
  today: 'Hôm nay',
  onDuty: 'Tình nguyện viên đang trực',
  checkedInToday: 'Đã điểm danh hôm nay',
  sessions: 'Buổi tuyên truyền, tập huấn',
  attendance: 'Lượt người tham dự',
  targets: 'Tiến độ chỉ tiêu',
  noTargets: 'Chiến dịch chưa đặt chỉ tiêu.',
  allServices: 'mọi dịch vụ',
  targetKinds: {
    residents: 'Người dân được hỗ trợ',
    shops: 'Cửa hàng được hỗ trợ',
    adoption_share: 'Đoàn viên tự sử dụng',
    sessions: 'Buổi tuyên truyền, tập huấn',
    attendance: 'Lượt người tham dự',
  } satisfies Record<TargetKind, string>,
  units: 'Đơn vị trực thuộc',
  noUnits: 'Chưa có đơn vị trực thuộc.',
  unit: 'Đơn vị',
  unitResidents: 'Người dân',
  unitShops: 'Cửa hàng',
  feed: 'Hoạt động gần đây',
  noFeed: 'Chưa có hoạt động nào.',
  feedLine: {
    assistance: (quantity: string, service: string, isShop: boolean) => `+${quantity} ${service}${isShop ? ' (cửa hàng)' : ''}`,
    adoption: (service: string) => `tự sử dụng ${service}`,
    session: (isTraining: boolean, attendance: string) => `${isTraining ? 'buổi tập huấn' : 'buổi tuyên truyền'}, ${attendance} người dự`,
    check_in: 'điểm danh vào ca',
    check_out: 'kết thúc ca',
    reassignment: 'được điều chuyển',
  },
  apiDocs: 'Tài liệu API',
  board: {
    opening: 'Đang mở màn hình trình chiếu…',
    /** Said on a hall screen, in both languages at once: nobody there can press the language switch. */
    revoked: 'Liên kết màn hình này đã bị thu hồi. Xin liên hệ ban tổ chức để nhận liên kết mới.',
    invalid: 'Liên kết màn hình này không dùng được (không đúng hoặc đã bị thu hồi). Xin liên hệ ban tổ chức để nhận liên kết mới.',
    retrying: 'Trang tự thử lại sau vài giây.',
    leave: 'Đây không phải màn hình trình chiếu? Đăng nhập',
    unitView: 'Số liệu của đơn vị mà màn hình này theo dõi',
  },
  auth: authVi,
  pin: pinVi,
  phone: phoneVi,
};

export type Messages = typeof vi;

const en: Messages = {
  appName: 'Xung Kích',
  tagline: "The live operations hub for the Youth Union's digital-transformation vanguard.",
  otherLang: { lang: 'vi', label: 'Tiếng Việt' },
  campaign: 'Campaign',
  loading: 'Loading figures…',
  unreachableTitle: 'Cannot reach the server',
  unreachableBody: 'The Xung Kích server is not running or the network is down. This page reconnects once the server is back.',
  errorTitle: 'The server reported an error',
  noCampaignTitle: 'No campaign yet',
  noCampaignBody: 'Live figures will appear here once the organisers create a campaign.',
  updatedAt: (time) => `updated at ${time}`,
  reconnecting: 'reconnecting…',
  residents: 'Residents helped',
  shops: 'Shops helped',
  today: 'Today',
  onDuty: 'Volunteers on duty',
  checkedInToday: 'Checked in today',
  sessions: 'Outreach and training sessions',
  attendance: 'Attendance',
  targets: 'Progress against targets',
  noTargets: 'This campaign has no targets yet.',
  allServices: 'all services',
  targetKinds: {
    residents: 'Residents helped',
    shops: 'Shops helped',
    adoption_share: 'Members using it themselves',
    sessions: 'Outreach and training sessions',
    attendance: 'Attendance',
  },
  units: 'Units',
  noUnits: 'No units below this one yet.',
  unit: 'Unit',
  unitResidents: 'Residents',
  unitShops: 'Shops',
  feed: 'Recent activity',
  noFeed: 'No activity yet.',
  feedLine: {
    assistance: (quantity, service, isShop) => `+${quantity} ${service}${isShop ? ' (shop)' : ''}`,
    adoption: (service) => `now uses ${service} themselves`,
    session: (isTraining, attendance) => `${isTraining ? 'training session' : 'outreach session'}, ${attendance} attending`,
    check_in: 'checked in',
    check_out: 'checked out',
    reassignment: 'reassigned',
  },
  apiDocs: 'API docs',
  board: {
    opening: 'Opening the hall screen…',
    revoked: 'This screen’s link has been revoked. Please contact the organisers for a new link.',
    invalid: 'This screen’s link cannot be used (wrong or revoked). Please contact the organisers for a new link.',
    retrying: 'This page tries again by itself in a few seconds.',
    leave: 'Not a hall screen? Sign in',
    unitView: 'Figures of the unit this screen follows',
  },
  auth: authEn,
  pin: pinEn,
  phone: phoneEn,
};

const messages: Record<Lang, Messages> = { vi, en };

/** Both languages' messages, for what must be read in both at once (a hall screen's last word). */
export const messagesOf = (lang: Lang): Messages => messages[lang];

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage blocked (private mode, embedded browser): Vietnamese first
  }
}

export interface Locale {
  lang: Accessor<Lang>;
  setLang: (lang: Lang) => void;
  /** The messages of the current language; read inside JSX so it follows the switch. */
  t: Accessor<Messages>;
}

/** Vietnamese unless English was chosen on this device; keeps `<html lang>` and the title in step. */
export function createLocale(): Locale {
  const [lang, setLangSignal] = createSignal<Lang>(readStoredLang());
  createEffect(() => {
    document.documentElement.lang = lang();
  });
  const setLang = (next: Lang) => {
    setLangSignal(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the switch still works for this visit
    }
  };
  return { lang, setLang, t: () => messages[lang()] };
}

export const LocaleContext = createContext<Locale>();

export function useLocale(): Locale {
  const locale = useContext(LocaleContext);
  if (!locale) throw new Error('useLocale needs a LocaleContext.Provider above it');
  return locale;
}

/** A service's name in the current language, or its code when the catalogue lacks it. */
export function serviceName(services: readonly Service[], code: string, lang: Lang): string {
  const service = services.find((s) => s.code === code);
  if (!service) return code;
  return lang === 'vi' ? service.nameVi : service.nameEn;
}
