/**
 * The public site's words for its lists: participating corporations, work places, interviews,
 * videos, news and a single item.
 */
export const listingsJa = {
  corporations: {
    title: '参加法人',
    description:
      'はたらくサポートとうきょうに参加している社会福祉法人の一覧と、各事業所が公開しているはたらく場の概要です。',
    intro: 'はたらくサポートとうきょうには、次の社会福祉法人が参加しています。',
    asOf: (label: string) => `${label}現在`,
    count: (n: number) => `${n}法人`,
    opportunitiesOf: (name: string) => `${name}のはたらく場`,
    noOpportunities: '公開中のはたらく場はまだありません。',
    tableCaption: '参加法人と公開中のはたらく場',
    corporation: '法人名',
    workPlaces: '公開中のはたらく場',
    othersTitle: 'はたらく場を公開しているその他の法人',
  },
  workPlaces: {
    title: 'はたらく場の一覧',
    description:
      '参加法人の事業所で受け入れ中のはたらく場を、市区町村と作業の種類でまとめています。連絡先は掲載していません。',
    intro:
      '参加法人の事業所が、いま受け入れているはたらく場です。どんな仕事があるのかを知るための一覧です。利用を考えている方は、お住まいの地域の相談支援機関にご相談ください。',
    filterTitle: '絞り込み',
    municipality: '市区町村',
    task: '作業の種類',
    all: 'すべて',
    apply: '絞り込む',
    clear: '条件をはずす',
    summaryCaption: '市区町村ごとのはたらく場の数',
    places: 'はたらく場の数',
    tasks: '作業の種類',
    count: (n: number) => `${n}件`,
    none: '条件に合うはたらく場はありません。',
    facility: '事業所',
    forms: '働き方',
    noContacts: '事業所の連絡先や受け入れ人数は掲載していません。相談支援機関の相談員が確認します。',
  },
  stories: {
    title: 'インタビュー',
    description:
      'はたらくサポートとうきょうに参加した方や、受け入れている法人・相談支援機関の方へのインタビューです。',
    none: '現在、公開中のインタビューはありません。',
    photoNote: '写真と記事は、ご本人の同意を得て掲載しています。',
  },
  videos: {
    title: '動画',
    description: 'はたらくサポートとうきょうの仕組みの説明や、支援の実践報告の動画です。',
    none: '現在、公開中の動画はありません。',
    speakers: '報告者・出演者',
    transcript: '文字起こし',
    watchOn: (provider: string) => `${provider}で見る`,
    playerTitle: (title: string) => `動画: ${title}`,
  },
  news: {
    title: 'お知らせ',
    description: 'はたらくサポートとうきょうからのお知らせです。',
    none: '現在、お知らせはありません。',
  },
  item: {
    published: '公開日',
    japaneseOnly: 'この記事は日本語のみです。',
    backTo: (label: string) => `${label}の一覧へ戻る`,
  },
};

export const listingsEn: typeof listingsJa = {
  corporations: {
    title: 'Participating corporations',
    description:
      'The social welfare corporations taking part in Hataraku Support Tokyo, with summaries of the work places their facilities publish.',
    intro: 'These social welfare corporations take part in Hataraku Support Tokyo.',
    asOf: (label: string) => `As of ${label}`,
    count: (n: number) => `${n} corporations`,
    opportunitiesOf: (name: string) => `Work places of ${name}`,
    noOpportunities: 'No work places published yet.',
    tableCaption: 'Participating corporations and their published work places',
    corporation: 'Corporation',
    workPlaces: 'Published work places',
    othersTitle: 'Other corporations publishing work places',
  },
  workPlaces: {
    title: 'Work places',
    description:
      'Work places now accepting people at the facilities of participating corporations, by municipality and kind of task. No contact details are shown.',
    intro:
      'These are the work places the facilities of participating corporations are accepting people for now, to show what kinds of work exist. If you are thinking of taking part, please talk to a support agency where you live.',
    filterTitle: 'Filter',
    municipality: 'Municipality',
    task: 'Kind of task',
    all: 'All',
    apply: 'Filter',
    clear: 'Clear filter',
    summaryCaption: 'Work places by municipality',
    places: 'Work places',
    tasks: 'Kinds of task',
    count: (n: number) => `${n}`,
    none: 'No work places match.',
    facility: 'Facility',
    forms: 'Ways of working',
    noContacts:
      "Facilities' contact details and numbers of places are not shown here; a counsellor checks them.",
  },
  stories: {
    title: 'Interviews',
    description:
      'Interviews with people who took part in Hataraku Support Tokyo and with the corporations and agencies involved.',
    none: 'No interviews are published at the moment.',
    photoNote: 'Photos and articles are published with the consent of the people shown.',
  },
  videos: {
    title: 'Videos',
    description: 'Videos explaining how Hataraku Support Tokyo works, and practice reports.',
    none: 'No videos are published at the moment.',
    speakers: 'Speakers',
    transcript: 'Transcript',
    watchOn: (provider: string) => `Watch on ${provider}`,
    playerTitle: (title: string) => `Video: ${title}`,
  },
  news: {
    title: 'News',
    description: 'News from Hataraku Support Tokyo.',
    none: 'There is no news at the moment.',
  },
  item: {
    published: 'Published',
    japaneseOnly: 'This article is available in Japanese only.',
    backTo: (label: string) => `Back to ${label}`,
  },
};
