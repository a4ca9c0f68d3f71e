/**
 * The public site's words explaining the program: the top page, how it works, the support flow and
 * the insurance.
 */
export const programJa = {
  top: {
    title: 'はたらくサポートとうきょう',
    description:
      '働きたいのに働きにくさを抱える方に、社会福祉法人の事業所が「はたらく場」を用意し、相談支援機関とともに支える東京都内の中間的就労の取り組みです。',
    lead: '働きたい気持ちはあるけれど、いきなり一般の職場で働くのは不安。そんな方一人ひとりに合う働き方を一緒に考え、社会福祉法人の事業所で実際に働ける場を用意し、ともに働く取り組みです。',
    whoTitle: 'どんな方のための取り組みですか',
    who: [
      '長いあいだ仕事から離れていた方、体調や生活の事情で短い時間から始めたい方など、働くことに難しさを感じているすべての方が対象です。',
      'ご利用の相談は、お住まいの地域の相談支援機関(自立相談支援機関など)が窓口になります。相談員がお話を伺い、合いそうな「はたらく場」を一緒に探します。',
    ],
    formsTitle: '二つの働き方',
    forms: [
      {
        name: '就労訓練',
        text: '生活困窮者自立支援法にもとづく就労訓練事業です。事業所が「就労訓練事業所」として、その方の状況に合わせた柔軟な働き方で受け入れます。',
      },
      {
        name: '短期就労型',
        text: '社会参加の最初の一歩として、より気軽に参加できる形です。',
      },
    ],
    byTitle: '運営',
    by: '東京都地域公益活動推進協議会(事務局:東京都社会福祉協議会)が、都内の社会福祉法人と相談支援機関と力を合わせて進めています。',
    exploreTitle: 'このサイトでわかること',
    latestNews: '新しいお知らせ',
    latestStories: 'インタビュー',
    noNews: '現在、お知らせはありません。',
    forYouTitle: '関係機関の方へ',
  },
  howItWorks: {
    title: '仕組み',
    description:
      '社会福祉法人の事業所、相談支援機関、協議会がそれぞれ何を担うのか、はたらくサポートとうきょうの仕組みを図と文章で説明します。',
    intro: 'はたらくサポートとうきょうは、三つの立場が役割を分けて、働きたい方を支える仕組みです。',
    diagramTitle: 'はたらくサポートとうきょうの仕組み図',
    diagramDesc:
      '中央に働きたい方。左に相談支援機関、右に社会福祉法人の事業所、上に協議会。相談支援機関は相談・アセスメント・継続した支援を、事業所ははたらく場の提供とともに働くことを担い、協議会は両者を仕組みづくりや研修、保険、はたらく場情報で支えます。',
    diagramTextTitle: '図の内容(文章)',
    labels: {
      person: '働きたい方',
      agency: '相談支援機関',
      corporation: '社会福祉法人の事業所',
      council: '協議会(事務局)',
      agencyRole: '相談・アセスメント・継続支援',
      corporationRole: 'はたらく場・ともに働く',
      councilRole: 'しくみづくり・研修・保険・はたらく場情報',
    },
    roles: [
      {
        who: '社会福祉法人の事業所',
        what: '施設や事業所で「はたらく場」を用意し、働く方を受け入れて、職員とともに働きながら支えます。生活困窮者自立支援法にもとづく「就労訓練事業所」として取り組む事業所もあります。',
      },
      {
        who: '相談支援機関',
        what: '自立相談支援機関などの相談員が、働きたい方のアセスメントを行い、はたらく場を一緒に探し、働き始めてからも継続して支援します。',
      },
      {
        who: '協議会(東京都地域公益活動推進協議会)',
        what: '仕組みづくり、研修、行事保険の運用、はたらく場情報の配信などを通じて、法人と相談支援機関の取り組みを広域で後押しします。',
      },
    ],
    formsTitle: '就労訓練と短期就労型',
    training:
      '就労訓練事業(生活困窮者自立支援法)の対象は、自立相談支援機関のアセスメントで、将来は一般就労ができると見込まれるものの、まずは本人の状況に合わせた柔軟な働き方が必要とされ、福祉事務所を設置する自治体から支援の決定を受けた方です。',
    shortTerm: '短期就労型は、社会参加の最初の一歩として、より気軽に参加できる形です。',
  },
  flow: {
    title: '支援の流れ',
    description:
      'アセスメントから、はたらく場の決定まで。相談支援機関・事業所・ご本人の三者で進める4つのステップです。',
    intro: 'はたらく場が決まるまでは、次の4つのステップで進みます。',
    steps: [
      {
        name: 'アセスメント',
        text: '相談支援機関の相談員が、働きたい方のお話を伺います。希望、得意なこと、体調や生活の状況などを一緒に整理します。',
      },
      {
        name: 'はたらく場情報の確認',
        text: '相談員が「はたらく場情報」(事業所と仕事の一覧)の中から、その方に合いそうな事業所や仕事を探します。',
      },
      {
        name: '受け入れ依頼',
        text: '相談員から事業所へ、受け入れをお願いします。必要に応じて見学や面談を行います。',
      },
      {
        name: 'はたらく場の決定',
        text: 'ご本人の希望、相談支援機関の支援方針、事業所が受け入れられるかどうかをふまえて、三者で話し合って決めます。',
      },
    ],
    after: '働き始めたあとも、相談員と事業所が連絡を取り合いながら支えます。',
  },
  insurance: {
    title: '保険(行事保険)',
    description:
      'はたらくサポートとうきょうに参加する方のけがと、事業を行う側の賠償責任は、東京都社会福祉協議会の行事保険制度で補償されます。',
    intro:
      '参加する方が安心して働けるよう、東京都社会福祉協議会の「行事保険制度」を受け皿にした補償を用意しています。',
    coversTitle: '補償されること',
    covers: [
      '参加する方が、はたらく場での活動中にけがをしたときの補償(傷害補償)',
      '事業を行う側が、活動にともなって損害を与え、賠償の責任を負ったときの補償(賠償責任補償)',
    ],
    rules:
      '補償の内容は行事保険の規定にならいますが、はたらくサポートとうきょうのための独自の取り決めも一部あります。',
    askTitle: '保険についてのお問い合わせ先',
    ask: '補償の範囲や手続きなど、くわしい内容は次の窓口にお問い合わせください。',
    agentLabel: '東京都社会福祉協議会 指定保険代理店',
    agent: '有限会社 東京福祉企画',
    holderLabel: '団体契約者',
    holder: '社会福祉法人 東京都社会福祉協議会 福祉部 経営支援担当',
  },
};

export const programEn: typeof programJa = {
  top: {
    title: 'Hataraku Support Tokyo',
    description:
      'An intermediate employment programme in Tokyo: social welfare corporations offer places to work, and support agencies stand by people who want to work but find it hard.',
    lead: 'You want to work, but an ordinary job feels like too big a step for now. This programme works out with each person a way of working that suits them, offers a real place to work at a social welfare corporation, and works alongside them.',
    whoTitle: 'Who is it for?',
    who: [
      'Anyone who finds working difficult: people who have been away from work for a long time, or who need to start with short hours because of their health or circumstances.',
      'To take part, talk to a support agency where you live (for example a self-reliance support centre). A counsellor listens and looks for a suitable place to work with you.',
    ],
    formsTitle: 'Two ways of working',
    forms: [
      {
        name: 'Work training',
        text: 'Work training under the Act on Self-Reliance Support for Needy Persons: the facility accepts the person as a certified work-training provider, with flexible hours that fit their situation.',
      },
      {
        name: 'Short-term work',
        text: 'A lighter first step into social participation, easier to join.',
      },
    ],
    byTitle: 'Who runs it',
    by: 'The Tokyo Council for the Promotion of Community Public-Interest Activities (secretariat: Tokyo Council of Social Welfare), together with social welfare corporations and support agencies across Tokyo.',
    exploreTitle: 'On this site',
    latestNews: 'Latest news',
    latestStories: 'Interviews',
    noNews: 'There is no news at the moment.',
    forYouTitle: 'For partner organisations',
  },
  howItWorks: {
    title: 'How it works',
    description:
      'What the facilities of social welfare corporations, support agencies and the council each do in Hataraku Support Tokyo, as a diagram and in words.',
    intro: 'Three parties share the work of supporting a person who wants to work.',
    diagramTitle: 'Diagram: how Hataraku Support Tokyo works',
    diagramDesc:
      'The person who wants to work is in the centre. A support agency on the left gives consultation, assessment and continuing support; a facility of a social welfare corporation on the right offers a place to work and works alongside the person; the council above backs both with the scheme, training, insurance and the work-place list.',
    diagramTextTitle: 'The diagram in words',
    labels: {
      person: 'Person who wants to work',
      agency: 'Support agency',
      corporation: 'Corporation facility',
      council: 'Council (secretariat)',
      agencyRole: 'Consultation, assessment, support',
      corporationRole: 'Place to work, working together',
      councilRole: 'Scheme, training, insurance, work-place list',
    },
    roles: [
      {
        who: 'Facilities of social welfare corporations',
        what: 'Offer a place to work at their facilities, accept people and support them by working alongside them. Some act as certified work-training providers under the Act on Self-Reliance Support for Needy Persons.',
      },
      {
        who: 'Support agencies',
        what: 'Counsellors, for example at self-reliance support centres, assess the person, look for a place to work together and keep supporting them after they start.',
      },
      {
        who: 'The council',
        what: 'Backs corporations and agencies across Tokyo: it builds the scheme, trains, runs the event insurance and sends out the work-place list.',
      },
    ],
    formsTitle: 'Work training and short-term work',
    training:
      'Work training under the Act is for people whom the self-reliance support agency has assessed as likely to manage ordinary work in future but who first need a flexible way of working that fits their situation, and who have a support decision from a municipality with a welfare office.',
    shortTerm: 'Short-term work is a lighter way to take a first step into social participation.',
  },
  flow: {
    title: 'Support flow',
    description:
      'From assessment to the decision on a place to work: four steps taken by the person, the agency and the facility together.',
    intro: 'A place to work is found in four steps.',
    steps: [
      {
        name: 'Assessment',
        text: 'A counsellor at a support agency listens to the person and sorts out together their wishes, strengths, health and circumstances.',
      },
      {
        name: 'Checking the work-place list',
        text: 'The counsellor looks through the work-place list (facilities and the work they offer) for places that may suit the person.',
      },
      {
        name: 'Acceptance request',
        text: 'The counsellor asks the facility to accept the person. A visit or an interview may come first.',
      },
      {
        name: 'Placement decided',
        text: "The three parties talk it through and decide, weighing the person's wishes, the agency's support plan and whether the facility can accept.",
      },
    ],
    after: 'After the person starts, the counsellor and the facility stay in touch and keep supporting them.',
  },
  insurance: {
    title: 'Insurance (event insurance)',
    description:
      "Injuries of participants and the operator's liability are covered through the event insurance scheme of the Tokyo Council of Social Welfare.",
    intro:
      'So that participants can work with peace of mind, cover is provided through the event insurance scheme (行事保険) of the Tokyo Council of Social Welfare.',
    coversTitle: 'What is covered',
    covers: [
      'Injury of a participant during activities at the place of work (accident cover)',
      'Liability of the operator for damage caused in the course of the activities (liability cover)',
    ],
    rules:
      'The cover follows the rules of the event insurance, with some arrangements specific to Hataraku Support Tokyo.',
    askTitle: 'Questions about the insurance',
    ask: 'For the scope of cover and the procedures, please ask:',
    agentLabel: 'Appointed insurance agent of the Tokyo Council of Social Welfare',
    agent: 'Tokyo Fukushi Kikaku Co., Ltd. (有限会社 東京福祉企画)',
    holderLabel: 'Group policyholder',
    holder:
      'Tokyo Council of Social Welfare, Welfare Department, Management Support (社会福祉法人 東京都社会福祉協議会 福祉部 経営支援担当)',
  },
};
