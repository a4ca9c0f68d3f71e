/** The facility detail page and the facility table used by the list and the organisation page. */
import type { Child } from 'hono/jsx';
import { formatPostalCode } from '../../../reference/postal-codes';
import type { FacilityMessages } from '../messages';
import type { FacilityDetail, FacilitySummary } from '../service';

export function Tag(props: { children: Child }) {
  return <span class="tag">{props.children}</span>;
}

export function FacilityTags(props: {
  m: FacilityMessages;
  facility: Pick<FacilitySummary, 'isDemo' | 'active'>;
  assigned?: boolean;
}) {
  const { m, facility } = props;
  return (
    <>
      {props.assigned ? <Tag>{m.assignedTag}</Tag> : null}
      {facility.isDemo === 1 ? <Tag>{m.demoTag}</Tag> : null}
      {facility.active === 1 ? null : <Tag>{m.inactiveTag}</Tag>}
    </>
  );
}

/** A table of facilities; `showCorporation` adds the corporation column (council and agencies). */
export function FacilityTable(props: {
  m: FacilityMessages;
  caption: string;
  items: FacilitySummary[];
  showCorporation?: boolean;
  assignedIds?: readonly string[];
}) {
  const { m } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.fields.name}</th>
            {props.showCorporation ? <th scope="col">{m.fields.corporation}</th> : null}
            <th scope="col">{m.fields.serviceType}</th>
            <th scope="col">{m.fields.municipality}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((facility) => (
            <tr>
              <td>
                <a href={`/facilities/${facility.id}`}>{facility.name}</a>
                <FacilityTags m={m} facility={facility} assigned={props.assignedIds?.includes(facility.id)} />
                {facility.nameKana ? <div class="hint">{facility.nameKana}</div> : null}
              </td>
              {props.showCorporation ? <td>{facility.corporationName}</td> : null}
              <td>{m.serviceTypes[facility.serviceType]}</td>
              <td>{facility.municipalityName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Row(props: { label: string; children: Child }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

export function FacilityPage(props: {
  m: FacilityMessages;
  facility: FacilityDetail;
  notice?: string;
  corporationHref?: string;
  editHref?: string;
  assigned?: boolean;
  /** Sections other areas add below the facility's details (e.g. its opportunities). */
  children?: Child;
}) {
  const { m, facility } = props;
  const postal = facility.postalCode ? `〒${formatPostalCode(facility.postalCode)} ` : '';
  const access = [
    facility.nearestStation,
    facility.walkMinutes === null ? null : m.minutesOnFoot(facility.walkMinutes),
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      {props.notice ? (
        <div class="notice filter-panel" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <h1>
        {facility.name}
        <FacilityTags m={m} facility={facility} assigned={props.assigned} />
      </h1>
      {facility.nameKana ? <p class="hint">{facility.nameKana}</p> : null}
      <dl class="summary-list">
        <Row label={m.fields.corporation}>
          {props.corporationHref ? (
            <a href={props.corporationHref}>{facility.corporationName}</a>
          ) : (
            facility.corporationName
          )}
        </Row>
        <Row label={m.fields.serviceType}>{m.serviceTypes[facility.serviceType]}</Row>
        <Row label={m.fields.municipality}>{facility.municipalityName}</Row>
        <Row label={m.fields.location}>
          {postal}
          {`東京都${facility.municipalityName}${facility.address}`}
        </Row>
        <Row label={m.fields.access}>{access || m.notSet}</Row>
        <Row label={m.fields.phone}>{facility.phone ?? m.notSet}</Row>
        <Row label={m.fields.contact}>
          {facility.contactName || facility.contactEmail ? (
            <>
              {facility.contactName ?? ''}
              {facility.contactEmail ? (
                <>
                  {facility.contactName ? ' ' : ''}
                  <a href={`mailto:${facility.contactEmail}`}>{facility.contactEmail}</a>
                </>
              ) : null}
            </>
          ) : (
            m.notSet
          )}
        </Row>
      </dl>
      {props.editHref ? (
        <p class="button-row">
          <a class="button" href={props.editHref}>
            {m.edit}
          </a>
        </p>
      ) : null}
      {props.children}
    </>
  );
}
