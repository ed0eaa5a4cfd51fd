/**
 * The services a volunteer helps residents with. A campaign starts from this default list and
 * may edit it; `code` is the stable key stored with every count, so it never changes once used.
 */
export interface CatalogueService {
  /** snake_case ASCII, stable across renames. */
  code: string;
  nameVi: string;
  nameEn: string;
  /** Gaps of 10 so a campaign can slot a service in between without renumbering. */
  sortOrder: number;
}

const services: ReadonlyArray<Omit<CatalogueService, 'sortOrder'>> = [
  { code: 'vneid_level2', nameVi: 'Kích hoạt định danh điện tử VNeID mức 2', nameEn: 'VNeID level-2 electronic ID activation' },
  { code: 'public_service_account', nameVi: 'Tài khoản Cổng Dịch vụ công quốc gia', nameEn: 'National Public Service Portal account' },
  { code: 'online_filing', nameVi: 'Nộp hồ sơ dịch vụ công trực tuyến', nameEn: 'Online public-service filing' },
  { code: 'cashless_payment', nameVi: 'Thanh toán không dùng tiền mặt / Mobile Money', nameEn: 'Cashless payment / Mobile Money' },
  { code: 'citizen_app', nameVi: 'Ứng dụng công dân số của tỉnh', nameEn: "Province's digital citizen app" },
  { code: 'vssid', nameVi: 'Bảo hiểm xã hội số VssID', nameEn: 'VssID digital social insurance' },
  { code: 'ehealth_book', nameVi: 'Sổ sức khỏe điện tử', nameEn: 'Electronic health book' },
  { code: 'ecommerce_listing', nameVi: 'Đưa sản phẩm lên sàn thương mại điện tử (Voso, Postmart)', nameEn: 'E-commerce listing (Voso, Postmart)' },
  { code: 'safe_social_media', nameVi: 'Hướng dẫn sử dụng mạng xã hội an toàn', nameEn: 'Safe social-media guidance' },
  { code: 'chip_id_card', nameVi: 'Đăng ký cấp căn cước gắn chip', nameEn: 'Chip ID card application' },
];

/** Frozen: it is shared module state, and a caller mutating it would change every campaign's default. */
export const defaultServiceCatalogue: readonly CatalogueService[] = Object.freeze(
  services.map((service, i) => Object.freeze({ ...service, sortOrder: (i + 1) * 10 })),
);
