/** Previous/next links with "page n of m", keeping the other query parameters. */
import type { Messages } from '../i18n';

export const PAGE_SIZE = 50;

export function pageFromQuery(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

export function Pagination(props: {
  t: Messages;
  page: number;
  total: number;
  pageSize?: number;
  href: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(props.total / (props.pageSize ?? PAGE_SIZE)));
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={props.t.pages.page(props.page, pages)}>
      {props.page > 1 ? <a href={props.href(props.page - 1)}>{props.t.pages.previous}</a> : null}
      <span>{props.t.pages.page(props.page, pages)}</span>
      {props.page < pages ? <a href={props.href(props.page + 1)}>{props.t.pages.next}</a> : null}
    </nav>
  );
}
