import type { Service, TargetKind } from '@xk/contract';
import { type Accessor, createContext, createEffect, createSignal, useContext } from 'solid-js';
import { authVi } from './i18n-auth';
import { phoneVi } from './i18n-phone';
import { pinVi } from './i18n-pin';

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
  officeTabs: { live: 'Trực tiếp', ops: 'Điều phối', setup: 'Thiết lập', reports: 'Báo cáo', import: 'Nhập dữ liệu' },
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

/** English, once its chunk has come (loadLang). Vietnamese is always here. */
let english: Messages | undefined;
let englishLoading: Promise<void> | undefined;

/** Makes a language's messages available; resolves at once for Vietnamese or when already loaded. */
export function loadLang(lang: Lang): Promise<void> {
  if (lang === 'vi' || english) return Promise.resolve();
  englishLoading ??= import('./i18n-en').then(
    (m) => {
      english = m.en;
    },
    (error: unknown) => {
      englishLoading = undefined; // offline with no cached chunk: the next switch tries again
      throw error;
    },
  );
  return englishLoading;
}

/** A language's messages: Vietnamese, or English once loaded (Vietnamese until then). */
export const messagesOf = (lang: Lang): Messages => (lang === 'en' && english ? english : vi);

export function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage blocked (private mode, embedded browser): Vietnamese first
  }
}

export interface Locale {
  lang: Accessor<Lang>;
  /** Switches once the language's messages are here (English is a chunk of its own). */
  setLang: (lang: Lang) => Promise<void>;
  /** The messages of the current language; read inside JSX so it follows the switch. */
  t: Accessor<Messages>;
}

/**
 * Vietnamese unless English was chosen on this device (main.tsx loads it before the first render);
 * keeps `<html lang>` in step.
 */
export function createLocale(): Locale {
  const stored = readStoredLang();
  const [lang, setLangSignal] = createSignal<Lang>(stored === 'en' && !english ? 'vi' : stored);
  createEffect(() => {
    document.documentElement.lang = lang();
  });
  const setLang = async (next: Lang) => {
    try {
      await loadLang(next);
    } catch {
      return; // English could not be fetched (offline, not cached): stay in Vietnamese
    }
    setLangSignal(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the switch still works for this visit
    }
  };
  return { lang, setLang, t: () => messagesOf(lang()) };
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
