/** Pages of the はたらく場 import: upload (with the column guide), preview, and the result. */
import type { Locale, Messages } from '../../platform/i18n';
import { CsrfField, ErrorSummary } from '../../platform/ui/form';
import { columnHeaders, columnKeys } from './layout';
import type { ImportMessages } from './messages';
import { errorLine } from './report';
import { ERRORS_SHOWN, type Preview } from './service';
import { columnHelp } from './template';

/** Rows listed in a clean preview; the rest are counted. */
export const READY_SHOWN = 100;
/** From this many rows the preview warns that registering takes a while (10,000 ≈ 15–21 s). */
const SLOW_ROWS = 1_000;

export function UploadPage(props: {
  t: Messages;
  m: ImportMessages;
  csrfToken: string;
  scope: string;
  error?: string;
}) {
  const { t, m, error } = props;
  const errors: Record<string, string> = error ? { file: error } : {};
  return (
    <>
      <h1>{m.title}</h1>
      <ErrorSummary t={t} errors={errors} labels={{ file: m.fileLabel }} />
      <p>{m.intro}</p>
      <p>{props.scope}</p>

      <h2>{m.templateHeading}</h2>
      <p>{m.templateIntro}</p>
      <ul>
        <li>
          <a href="/opportunities/import/template.xlsx" download="hataraku-opportunities-template.xlsx">
            {m.templateXlsx}
          </a>
        </li>
        <li>
          <a href="/opportunities/import/template.csv" download="hataraku-opportunities-template.csv">
            {m.templateCsv}
          </a>
        </li>
      </ul>

      <h2>{m.uploadHeading}</h2>
      <form method="post" action="/opportunities/import" enctype="multipart/form-data">
        <CsrfField token={props.csrfToken} />
        <div class={error ? 'field field-error' : 'field'}>
          <label for="field-file">
            {m.fileLabel}
            <span class="tag tag-required">{t.form.required}</span>
          </label>
          <p class="hint" id="field-file-hint">
            {m.fileHint}
          </p>
          {error ? (
            <p class="error-message" id="field-file-error">
              {error}
            </p>
          ) : null}
          <input
            id="field-file"
            name="file"
            type="file"
            required
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'field-file-hint field-file-error' : 'field-file-hint'}
          />
        </div>
        <div class="button-row">
          <button type="submit" class="button">
            {m.upload}
          </button>
        </div>
      </form>

      <h2>{m.columnsHeading}</h2>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{m.columnsHeading}</caption>
          <thead>
            <tr>
              <th scope="col">{m.columnHeader}</th>
              <th scope="col">{m.columnHow}</th>
            </tr>
          </thead>
          <tbody>
            {columnKeys.map((key) => (
              <tr>
                <th scope="row">
                  {columnHeaders[key]}
                  {columnHelp[key].required ? <span class="tag tag-required">{t.form.required}</span> : null}
                </th>
                <td>{columnHelp[key].how}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function PreviewPage(props: {
  m: ImportMessages;
  locale: Locale;
  csrfToken: string;
  preview: Preview;
  fileName: string;
  token?: string;
}) {
  const { m, preview } = props;
  const read = (
    <p>
      {props.fileName ? `${props.fileName}: ` : ''}
      {m.read(preview.rowCount, m.formats[preview.format])}
      {preview.encoding ? m.encodings[preview.encoding] : ''}
    </p>
  );
  const ignored =
    preview.ignoredHeaders.length > 0 ? (
      <p>{m.ignoredColumns(preview.ignoredHeaders.map((h) => `『${h}』`).join(''))}</p>
    ) : null;
  if (preview.errors.length > 0) {
    const shown = preview.errors.slice(0, ERRORS_SHOWN);
    return (
      <>
        <h1>{m.previewTitle}</h1>
        {read}
        <div class="error-summary" role="alert" aria-labelledby="import-errors-title" tabindex={-1}>
          <h2 id="import-errors-title">{m.errorsTitle(preview.rowsWithErrors, preview.errors.length)}</h2>
          <p>{m.errorsFix}</p>
        </div>
        {ignored}
        <ul class="import-errors">
          {shown.map((error) => (
            <li>{errorLine(error, m, props.locale)}</li>
          ))}
        </ul>
        {preview.errors.length > shown.length ? (
          <p>{m.errorsMore(preview.errors.length - shown.length)}</p>
        ) : null}
        <p>
          <a href="/opportunities/import">{m.uploadAgain}</a>
        </p>
      </>
    );
  }
  const rows = preview.ready.slice(0, READY_SHOWN);
  return (
    <>
      <h1>{m.previewTitle}</h1>
      {read}
      {ignored}
      <h2>{m.readyTitle(preview.ready.length)}</h2>
      <p>{m.readyIntro}</p>
      {preview.ready.length >= SLOW_ROWS ? <p>{m.slowNote}</p> : null}
      {preview.ready.length > rows.length ? <p>{m.readyShown(rows.length, preview.ready.length)}</p> : null}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{m.tableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{m.rowColumn}</th>
              <th scope="col">{m.facilityColumn}</th>
              <th scope="col">{m.titleColumn}</th>
              <th scope="col">{m.windowsColumn}</th>
              <th scope="col">{m.statusColumn}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <th scope="row">{row.row}</th>
                <td>{row.facilityName}</td>
                <td>{row.title}</td>
                <td>{row.windows}</td>
                <td>{m.statuses[row.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action="/opportunities/import/confirm">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="token" value={props.token ?? ''} />
        <div class="button-row">
          <button type="submit" class="button">
            {m.confirm(preview.ready.length)}
          </button>
          <a href="/opportunities/import">{m.uploadAgain}</a>
        </div>
      </form>
    </>
  );
}

export function DonePage(props: {
  m: ImportMessages;
  count: number;
  opportunities: { id: string; title: string; facilityName: string }[];
}) {
  const { m } = props;
  return (
    <>
      <h1>{m.doneTitle}</h1>
      <div class="notice filter-panel" role="status">
        <p>{m.done(props.count)}</p>
      </div>
      {props.opportunities.length < props.count ? <p>{m.doneShown(props.opportunities.length)}</p> : null}
      <ul>
        {props.opportunities.map((o) => (
          <li>
            <a href={`/opportunities/${o.id}`}>{o.title}</a>({o.facilityName})
          </li>
        ))}
      </ul>
      <p>
        <a href="/opportunities">{m.toList}</a>
      </p>
      <p>
        <a href="/opportunities/import">{m.importAnother}</a>
      </p>
    </>
  );
}
