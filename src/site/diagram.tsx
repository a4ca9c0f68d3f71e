/**
 * The 仕組み diagram as inline SVG: the person in the centre, the support agency and the
 * corporation's facility on either side, the council above. role="img" with <title>/<desc>, and
 * the same content as a list in the page (the text alternative) — the SVG adds nothing the list
 * does not say. Text is real text (scales, translates, gets no furigana inside the SVG).
 */
import type { SiteMessages } from './messages';

function Box(props: {
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
  fill: string;
  strong?: boolean;
}) {
  return (
    <g>
      <rect
        x={props.x}
        y={props.y}
        width={props.w}
        height={props.h}
        rx="12"
        fill={props.fill}
        stroke="#1a1a1c"
        stroke-width={props.strong ? '3' : '2'}
      />
      <text
        x={props.x + props.w / 2}
        y={props.y + props.h / 2 + 7}
        text-anchor="middle"
        font-size="17"
        font-weight="700"
        fill="#1a1a1c"
      >
        {props.label}
      </text>
    </g>
  );
}

export function HowItWorksDiagram(props: { m: SiteMessages }) {
  const l = props.m.howItWorks.labels;
  return (
    <svg
      class="diagram"
      viewBox="0 0 800 420"
      role="img"
      aria-labelledby="diagram-title diagram-desc"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="diagram-title">{props.m.howItWorks.diagramTitle}</title>
      <desc id="diagram-desc">{props.m.howItWorks.diagramDesc}</desc>
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="8"
          markerHeight="8"
          orient="auto-start-reverse"
        >
          <path d="M0 0 L10 5 L0 10 z" fill="#1a1a1c" />
        </marker>
      </defs>
      <Box x={250} y={20} w={300} h={60} label={l.council} fill="#e8f1fe" />
      <Box x={20} y={250} w={230} h={70} label={l.agency} fill="#f0f9f4" />
      <Box x={550} y={250} w={230} h={70} label={l.corporation} fill="#fdf3e7" />
      <Box x={290} y={250} w={220} h={70} label={l.person} fill="#ffffff" strong />
      <line x1="260" y1="80" x2="150" y2="248" stroke="#1a1a1c" stroke-width="2" marker-end="url(#arrow)" />
      <line x1="540" y1="80" x2="650" y2="248" stroke="#1a1a1c" stroke-width="2" marker-end="url(#arrow)" />
      <line
        x1="252"
        y1="285"
        x2="288"
        y2="285"
        stroke="#1a1a1c"
        stroke-width="2"
        marker-start="url(#arrow)"
        marker-end="url(#arrow)"
      />
      <line
        x1="512"
        y1="285"
        x2="548"
        y2="285"
        stroke="#1a1a1c"
        stroke-width="2"
        marker-start="url(#arrow)"
        marker-end="url(#arrow)"
      />
      <text x="400" y="112" text-anchor="middle" font-size="16" fill="#1a1a1c">
        {l.councilRole}
      </text>
      <text x="135" y="355" text-anchor="middle" font-size="16" fill="#1a1a1c">
        {l.agencyRole}
      </text>
      <text x="665" y="355" text-anchor="middle" font-size="16" fill="#1a1a1c">
        {l.corporationRole}
      </text>
    </svg>
  );
}
