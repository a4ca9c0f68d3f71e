/**
 * やさしい日本語 (easy Japanese) versions of the top, flow and insurance pages: short sentences,
 * common words, one idea a sentence. Shown with furigana. Japanese only by nature.
 */
export type EasyPage = {
  title: string;
  description: string;
  sections: { heading: string; lines: string[] }[];
};

export const easyPages: Record<'top' | 'flow' | 'insurance', EasyPage> = {
  top: {
    title: 'はたらくサポートとうきょう(やさしい日本語)',
    description: 'はたらきたい人を 手伝う しくみです。やさしい日本語で 説明します。',
    sections: [
      {
        heading: 'はたらくサポートとうきょうは 何ですか',
        lines: [
          'はたらきたい。でも、すぐに 仕事を するのは むずかしい。',
          'そんな 人を 手伝う しくみです。',
          'あなたに 合う はたらき方を 一緒に 考えます。',
          '福祉の 施設で はたらく ことが できます。',
        ],
      },
      {
        heading: 'だれが 使えますか',
        lines: [
          '長い あいだ 仕事を して いなかった 人。',
          '体の 調子などで、短い 時間から はじめたい 人。',
          'はたらく ことに こまって いる 人は、だれでも 相談できます。',
        ],
      },
      {
        heading: 'どこに 相談しますか',
        lines: [
          'あなたが 住んで いる 町の 相談の 窓口(相談支援機関)に 相談して ください。',
          '相談員が 話を 聞きます。',
        ],
      },
    ],
  },
  flow: {
    title: '支援の流れ(やさしい日本語)',
    description: 'はたらく 場所が 決まるまでの 4つの ステップです。やさしい日本語で 説明します。',
    sections: [
      {
        heading: '1. 話を 聞きます',
        lines: ['相談員が あなたの 話を 聞きます。', 'したい こと、得意な こと、体の 調子などを 聞きます。'],
      },
      {
        heading: '2. はたらく 場所を さがします',
        lines: ['相談員が はたらく 場所の リストを 見ます。', 'あなたに 合う 場所を さがします。'],
      },
      {
        heading: '3. 施設に お願いします',
        lines: [
          '相談員が 施設に「この 人を 受け入れて ください」と お願いします。',
          '見学や 面談を する ことも あります。',
        ],
      },
      {
        heading: '4. 3人で 決めます',
        lines: [
          'あなたと 相談員と 施設の 人で 話します。',
          'みんなで 話して、はたらく 場所を 決めます。',
          'はたらき はじめた あとも、相談員が 手伝います。',
        ],
      },
    ],
  },
  insurance: {
    title: '保険(やさしい日本語)',
    description: 'はたらく ときの けがなどの 保険の 説明です。やさしい日本語で 説明します。',
    sections: [
      {
        heading: '保険が あります',
        lines: [
          'はたらいて いる ときに けがを したら、保険で お金が 出ます。',
          '施設が 何かを こわして しまった ときの 保険も あります。',
          'この 保険は「行事保険」と いいます。',
        ],
      },
      {
        heading: 'わからない ときは',
        lines: [
          'わからない ことは、相談員に 聞いて ください。',
          'くわしい 窓口は、ふつうの 日本語の ページに 書いて あります。',
        ],
      },
    ],
  },
};
