/** Strings of the はたらく場 import pages; field rules' messages come from the opportunities catalogue. */
import { defineMessages } from '../../platform/i18n';

export const importMessages = defineMessages(
  {
    title: 'はたらく場を一括登録(Excel・CSV)',
    previewTitle: '一括登録の確認',
    doneTitle: '一括登録が終わりました',
    intro:
      '登録シート(Excel または CSV)から、はたらく場をまとめて登録します。アップロードすると、まず内容を確認する画面が出ます。この時点では何も登録されません。',
    scopeCouncil: 'すべての事業所のはたらく場を登録できます。',
    scopeCorporation: '自法人の事業所のはたらく場を登録できます。',
    scopeCoordinator: '担当している事業所のはたらく場を登録できます。',
    templateHeading: '登録シートのひな形',
    templateIntro:
      '見出しと記入例が1行入ったひな形です。記入例の行は書き換えるか、消してから使ってください。',
    templateXlsx: 'ひな形をダウンロード(Excel形式 .xlsx)',
    templateCsv: 'ひな形をダウンロード(CSV形式 .csv)',
    uploadHeading: 'ファイルをアップロード',
    fileLabel: '登録シートのファイル',
    fileHint:
      'Excel(.xlsx)または CSV(UTF-8 または Shift_JIS)。10,000行まで、10MBまで。1行目は見出しにしてください。',
    upload: 'アップロードして内容を確認する',
    columnsHeading: '列と書き方',
    columnHeader: '列の見出し',
    columnHow: '書き方',
    refusedTitle: 'このファイルは読み込めません',
    refused: {
      noFile: 'ファイルを選んでください。',
      tooLarge: 'ファイルが大きすぎます(10MBまで)。行を分けて、複数回に分けて登録してください。',
      empty: 'ファイルが空です。見出しの行と、登録する行を入れてください。',
      noRows: '見出しの行しかありません。2行目から、登録するはたらく場を1行に1つずつ書いてください。',
      wrongType:
        'Excel(.xlsx)または CSV のファイルではありません。Excel で開き、「Excel ブック(.xlsx)」か「CSV」で保存し直してください。',
      legacyExcel:
        '古い形式の Excel ファイル(.xls)です。Excel で開き、「Excel ブック(.xlsx)」で保存し直してください。',
      unreadableWorkbook:
        'Excel ファイル(.xlsx)として読み取れませんでした。ファイルが壊れていないか確認してください。',
      garbled:
        '文字を読み取れませんでした(文字化け)。CSV は UTF-8 か Shift_JIS で保存してください。Excel では「CSV UTF-8(コンマ区切り)」を選ぶと確実です。',
      noKnownHeaders:
        '1行目に登録シートの見出しが見つかりません。ひな形の見出しをそのまま使ってください。文字化けしている場合は、文字コード(UTF-8 か Shift_JIS)を確認してください。',
      unclosedQuote: (line: number) =>
        `${line}行目で始まる「"」(ダブルクォーテーション)が閉じられていません。CSV の形式を確認してください。`,
      missingColumns: (columns: string) =>
        `次の列がありません: ${columns}。ひな形の見出しをそのまま使ってください。`,
      tooManyRows: (rows: number) =>
        `${rows.toLocaleString('ja-JP')}行あります。一度に登録できるのは10,000行までです。ファイルを分けてください。`,
      expired:
        '確認してから30分以上たったため、アップロードしたファイルは削除されました。もう一度アップロードしてください。',
    },
    read: (rows: number, format: string) =>
      `${format}から${rows.toLocaleString('ja-JP')}行を読み込みました。`,
    formats: { xlsx: 'Excel ファイル', csv: 'CSV ファイル' },
    encodings: { 'utf-8': '(文字コード: UTF-8)', shift_jis: '(文字コード: Shift_JIS)' },
    errorsTitle: (rows: number, errors: number) =>
      `${rows.toLocaleString('ja-JP')}行に誤りがあります(${errors.toLocaleString('ja-JP')}か所)。何も登録していません。`,
    errorsFix:
      'ファイルを直してから、もう一度アップロードしてください。すべての行に誤りがないときだけ登録できます。',
    errorsMore: (n: number) =>
      `ほかに${n.toLocaleString('ja-JP')}か所の誤りがあります(最初の100か所を表示しています)。`,
    errorLine: (row: number, column: string, message: string) => `${row}行目 『${column}』: ${message}`,
    ignoredColumns: (names: string) => `次の列は登録シートにない列のため、読み込みません: ${names}`,
    readyTitle: (n: number) => `${n.toLocaleString('ja-JP')}件のはたらく場を登録できます`,
    readyIntro: '内容を確認して、「登録する」を押してください。すべての行をまとめて登録します。',
    slowNote:
      '件数が多いため、登録には時間がかかります(1万件でおよそ20秒)。ボタンを押したら、画面が切り替わるまでそのままお待ちください。',
    readyShown: (shown: number, total: number) =>
      `最初の${shown.toLocaleString('ja-JP')}件を表示しています(全${total.toLocaleString('ja-JP')}件)。`,
    tableCaption: '登録するはたらく場',
    rowColumn: '行',
    facilityColumn: '事業所',
    titleColumn: 'はたらく場の名前',
    statusColumn: '登録後の状態',
    windowsColumn: '曜日と時間',
    statuses: { draft: '下書き', published: '公開' },
    confirm: (n: number) => `${n.toLocaleString('ja-JP')}件を登録する`,
    uploadAgain: '別のファイルをアップロードする',
    done: (n: number) => `${n.toLocaleString('ja-JP')}件のはたらく場を登録しました。`,
    doneShown: (shown: number) => `最初の${shown.toLocaleString('ja-JP')}件:`,
    toList: 'はたらく場の一覧へ',
    importAnother: '続けて一括登録する',
    codes: {
      facilityRequired: '事業所の名前か事業所IDを入力してください',
      facilityNotFound: (v: string) =>
        `「${v}」という事業所は見つかりません。名前を登録どおり正確に書くか、事業所IDを使ってください`,
      facilityAmbiguous: (v: string) =>
        `「${v}」という名前の事業所が複数あります。事業所IDで指定してください`,
      facilityInactive: (v: string) => `「${v}」は利用を停止している事業所です`,
      facilityForbidden: (v: string) =>
        `「${v}」のはたらく場を登録する権限がありません(担当している事業所だけ登録できます)`,
      unknownLabel: (v: string) => `「${v}」は選べる項目にありません。記入方法の一覧から選んでください`,
      workFormFormat: (v: string) =>
        `「${v}」を読み取れません。「A 非雇用型」「B 雇用型」のように書いてください`,
      windowFormat: (v: string) =>
        `「${v}」を読み取れません。「月水金 8:30-12:00 2名」のように、曜日・時間・人数の順に書いてください`,
      flagFormat: (v: string) => `「${v}」を読み取れません。○ か × で書いてください(はい・いいえ も使えます)`,
      dateFormat: (v: string) =>
        `「${v}」を日付として読み取れません。2026-04-01 または 令和8年4月1日 のように書いてください`,
      payFormat: (v: string) =>
        `「${v}」を読み取れません。「なし」「時給1,100円」「日給5,000円」のように書いてください`,
      transportFormat: (v: string) =>
        `「${v}」を読み取れません。「なし」「あり」「あり(上限500円)」のように書いてください`,
      supportBoth: (v: string) => `「${v}」が「対応できる」と「対応できない」の両方にあります`,
      statusFormat: (v: string) => `「${v}」は使えません。「下書き」か「公開」を書いてください`,
      inWindow: (entry: string, message: string) => `「${entry}」: ${message}`,
    },
  },
  {
    title: 'Import work opportunities (Excel, CSV)',
    previewTitle: 'Check the import',
    doneTitle: 'Import finished',
    intro:
      'Register many work opportunities at once from the registration sheet (Excel or CSV). After the upload you see a check page; nothing is registered yet.',
    scopeCouncil: 'You can register work opportunities at every facility.',
    scopeCorporation: 'You can register work opportunities at your corporation’s facilities.',
    scopeCoordinator: 'You can register work opportunities at the facilities you look after.',
    templateHeading: 'Template of the registration sheet',
    templateIntro: 'Headers and one example row. Overwrite or delete the example row before use.',
    templateXlsx: 'Download the template (Excel .xlsx)',
    templateCsv: 'Download the template (CSV .csv)',
    uploadHeading: 'Upload a file',
    fileLabel: 'Registration sheet file',
    fileHint:
      'Excel (.xlsx) or CSV (UTF-8 or Shift_JIS). Up to 10,000 rows and 10 MB. The first row holds the headers.',
    upload: 'Upload and check',
    columnsHeading: 'Columns',
    columnHeader: 'Header',
    columnHow: 'How to fill it (in Japanese)',
    refusedTitle: 'This file cannot be read',
    refused: {
      noFile: 'Choose a file.',
      tooLarge: 'The file is too large (10 MB at most). Split it and import in several goes.',
      empty: 'The file is empty. Put the header row and the rows to register in it.',
      noRows: 'There is only the header row. From row 2, write one work opportunity per row.',
      wrongType: 'This is not an Excel (.xlsx) or CSV file. Open it in Excel and save it as .xlsx or CSV.',
      legacyExcel:
        'This is an old Excel file (.xls). Open it in Excel and save it as an Excel workbook (.xlsx).',
      unreadableWorkbook:
        'The file could not be read as an Excel workbook (.xlsx). Check that it is not damaged.',
      garbled: 'The characters could not be read. Save the CSV in UTF-8 or Shift_JIS ("CSV UTF-8" in Excel).',
      noKnownHeaders:
        'No header of the registration sheet was found in row 1. Use the template’s headers; if the text is garbled, check the encoding.',
      unclosedQuote: (line: number) =>
        `A double quote opened on line ${line} is never closed. Check the CSV.`,
      missingColumns: (columns: string) =>
        `These columns are missing: ${columns}. Use the template’s headers.`,
      tooManyRows: (rows: number) =>
        `The file has ${rows.toLocaleString('en-US')} rows; at most 10,000 can be imported at once. Split it.`,
      expired: 'More than 30 minutes passed since the check, so the upload was deleted. Upload it again.',
    },
    read: (rows: number, format: string) => `Read ${rows.toLocaleString('en-US')} rows from the ${format}.`,
    formats: { xlsx: 'Excel file', csv: 'CSV file' },
    encodings: { 'utf-8': ' (encoding: UTF-8)', shift_jis: ' (encoding: Shift_JIS)' },
    errorsTitle: (rows: number, errors: number) =>
      `${rows.toLocaleString('en-US')} rows have errors (${errors.toLocaleString('en-US')} in all). Nothing was registered.`,
    errorsFix: 'Correct the file and upload it again. Rows are registered only when every row is correct.',
    errorsMore: (n: number) => `${n.toLocaleString('en-US')} more errors (the first 100 are shown).`,
    errorLine: (row: number, column: string, message: string) => `Row ${row} “${column}”: ${message}`,
    ignoredColumns: (names: string) => `These columns are not part of the sheet and are ignored: ${names}`,
    readyTitle: (n: number) => `${n.toLocaleString('en-US')} work opportunities can be registered`,
    readyIntro: 'Check them, then press “Register”. All rows are registered together.',
    slowNote:
      'With this many rows the import takes a while (about 20 seconds for 10,000). After pressing the button, wait until the page changes.',
    readyShown: (shown: number, total: number) =>
      `The first ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} are shown.`,
    tableCaption: 'Work opportunities to register',
    rowColumn: 'Row',
    facilityColumn: 'Facility',
    titleColumn: 'Name',
    statusColumn: 'Status after import',
    windowsColumn: 'Days and times',
    statuses: { draft: 'Draft', published: 'Published' },
    confirm: (n: number) => `Register ${n.toLocaleString('en-US')}`,
    uploadAgain: 'Upload another file',
    done: (n: number) => `${n.toLocaleString('en-US')} work opportunities were registered.`,
    doneShown: (shown: number) => `The first ${shown.toLocaleString('en-US')}:`,
    toList: 'To the list of work opportunities',
    importAnother: 'Import more',
    codes: {
      facilityRequired: 'Enter the facility’s name or id',
      facilityNotFound: (v: string) => `No facility “${v}” was found. Write its exact name or use its id`,
      facilityAmbiguous: (v: string) => `Several facilities are called “${v}”. Use the facility id`,
      facilityInactive: (v: string) => `“${v}” is a deactivated facility`,
      facilityForbidden: (v: string) =>
        `You may not register work opportunities at “${v}” (only at the facilities you look after)`,
      unknownLabel: (v: string) => `“${v}” is not one of the choices. Use the list in the instructions`,
      workFormFormat: (v: string) => `“${v}” cannot be read. Write it like 「A 非雇用型」 or 「B 雇用型」`,
      windowFormat: (v: string) =>
        `“${v}” cannot be read. Write day, time and headcount like 「月水金 8:30-12:00 2名」`,
      flagFormat: (v: string) => `“${v}” cannot be read. Write ○ or ×`,
      dateFormat: (v: string) => `“${v}” is not a date. Write 2026-04-01 or 令和8年4月1日`,
      payFormat: (v: string) => `“${v}” cannot be read. Write なし, 時給1,100円 or 日給5,000円`,
      transportFormat: (v: string) => `“${v}” cannot be read. Write なし, あり or あり(上限500円)`,
      supportBoth: (v: string) => `“${v}” is both available and not available`,
      statusFormat: (v: string) => `“${v}” cannot be used. Write 下書き or 公開`,
      inWindow: (entry: string, message: string) => `“${entry}”: ${message}`,
    },
  },
);

export type ImportMessages = (typeof importMessages)['ja'];
