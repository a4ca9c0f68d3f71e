/** The public site's words for the pages addressed to corporations and to support agencies. */
export const audiencesJa = {
  forCorporations: {
    title: '社会福祉法人の方へ',
    description:
      '社会福祉法人が、はたらくサポートとうきょうに参加して「はたらく場」を提供するまでの流れです。',
    intro:
      '社会福祉法人の地域における公益的な取り組みとして、事業所で「はたらく場」を用意し、働きたい方を受け入れていただけます。',
    stepsTitle: '参加の流れ',
    steps: [
      {
        name: '事務局へのご相談',
        text: '参加を検討されている法人は、まず協議会の事務局にご相談ください。仕組みや受け入れの進め方をご説明します。',
      },
      {
        name: '事業所ごとの登録',
        text: 'はたらく場は事業所ごとに登録します。一つの法人が複数の事業所で受け入れることもできます。',
      },
      {
        name: 'はたらく場の登録と更新',
        text: '仕事の内容、曜日と時間、できる配慮などを登録し、内容が変わったときや定期的な確認の時期に更新します。',
      },
      {
        name: '受け入れ依頼への回答',
        text: '相談支援機関から受け入れ依頼が届いたら、見学や面談をへて、ご本人・相談支援機関と三者で話し合います。',
      },
    ],
    certificationTitle: '就労訓練(B〜D)と認定',
    certification:
      '就労訓練の形(登録票のB〜D)で受け入れるには、生活困窮者自立支援法にもとづく就労訓練事業の認定が必要です。短期就労型(A)は認定がなくても始められます。',
    insurance: '受け入れ中の活動は、協議会の行事保険で補償されます。',
    digest:
      '登録されたはたらく場は「はたらく場情報」として、相談支援機関などへ定期的にメールで届けられます。',
  },
  forAgencies: {
    title: '相談支援機関の方へ',
    description:
      '相談支援機関の方が「はたらく場情報」を使って、相談者に合うはたらく場を探し、受け入れ依頼をするまでの使い方です。',
    intro:
      '自立相談支援機関をはじめとする相談支援機関の方は、相談者に合う「はたらく場」を探し、事業所に受け入れを依頼できます。',
    listTitle: 'はたらく場情報の使い方',
    list: [
      '「はたらく場情報」は、参加法人の事業所が受け入れているはたらく場の一覧です。仕事の内容、曜日と時間、働き方、できる配慮がわかります。',
      '相談員の方はログインすると、曜日・時間・作業・地域などの条件で検索し、相談者のアセスメントに合うはたらく場を探せます。',
      'このサイトの「はたらく場」のページでは、連絡先を除いた概要を公開しています。ご本人やご家族と一緒に、どんな仕事があるのかを見るときにお使いください。',
    ],
    subscribeTitle: 'はたらく場情報のメール配信',
    subscribe:
      'はたらく場情報は、登録された相談支援機関と社会福祉法人に、定期的にメールでお届けしています。配信を希望される方は、お申し込みください。',
    subscribeLink: 'はたらく場情報の配信を申し込む',
    accountTitle: '相談員のアカウント',
    account:
      'システムを使った検索や受け入れ依頼には、相談員ごとのアカウントが必要です。事務局にお問い合わせください。',
  },
};

export const audiencesEn: typeof audiencesJa = {
  forCorporations: {
    title: 'For social welfare corporations',
    description: 'How a social welfare corporation joins Hataraku Support Tokyo and offers places to work.',
    intro:
      'As part of their community public-interest activities, social welfare corporations offer places to work at their facilities and accept people who want to work.',
    stepsTitle: 'How to join',
    steps: [
      {
        name: 'Talk to the secretariat',
        text: "If your corporation is considering taking part, first contact the council's secretariat. We explain the scheme and how accepting people works.",
      },
      {
        name: 'Register each facility',
        text: 'Work places are registered per facility. One corporation may accept people at several facilities.',
      },
      {
        name: 'Register and update work places',
        text: 'Enter the work, the days and times and the support you can give; update them when they change and at the regular check.',
      },
      {
        name: 'Answer acceptance requests',
        text: 'When an agency sends a request, a visit or interview may follow, then the person, the agency and your facility decide together.',
      },
    ],
    certificationTitle: 'Work training (forms B–D) and certification',
    certification:
      'Accepting people in the work-training forms (B–D on the registration sheet) requires certification as a work-training provider under the Act on Self-Reliance Support for Needy Persons. Short-term work (A) can start without it.',
    insurance: "Activities during a placement are covered by the council's event insurance.",
    digest:
      'Registered work places are sent regularly by e-mail to support agencies and others as the work-place list.',
  },
  forAgencies: {
    title: 'For support agencies',
    description:
      'How support agencies use the work-place list to find suitable places for the people they support, and send acceptance requests.',
    intro:
      'Support agencies, above all self-reliance support centres, can look for places to work that suit the people they support and ask facilities to accept them.',
    listTitle: 'Using the work-place list',
    list: [
      'The work-place list shows the places to work that the facilities of participating corporations offer: the work, the days and times, the ways of working and the support available.',
      'Counsellors who sign in can search by day, time, task and area, and find places that fit the assessment of the person they support.',
      'The "Work places" page of this site shows a public summary without contact details, to look at together with the person and their family.',
    ],
    subscribeTitle: 'The work-place list by e-mail',
    subscribe:
      'The work-place list is e-mailed regularly to registered support agencies and social welfare corporations. Please apply if you would like to receive it.',
    subscribeLink: 'Apply for the work-place list by e-mail',
    accountTitle: 'Accounts for counsellors',
    account:
      'Searching and sending requests in the system needs an account for each counsellor. Please contact the secretariat.',
  },
};
