import { makeStyles, tokens } from '@fluentui/react-components';
import type { RunView } from '../../src-main/contract';
import { formatBytes, formatDuration, timeOfDay } from '../state/incident-selectors';
import { usePageStyles } from './page-styles';

const WIDTH = 560;
const HEIGHT = 180;
const LEFT = 64;
const RIGHT = 12;
const TOP = 10;
const BOTTOM = 36;

const useStyles = makeStyles({
  svg: { width: '100%', maxWidth: `${WIDTH}px`, height: 'auto', backgroundColor: tokens.colorNeutralBackground2, borderRadius: tokens.borderRadiusMedium },
  legend: { margin: 0, padding: 0, listStyleType: 'none' },
});

/** A line per kind of bytes (the mirror's bytes left, the queue draining). */
const COLOURS = [tokens.colorBrandForeground1, tokens.colorPaletteDarkOrangeForeground1, tokens.colorPaletteGreenForeground1];
const DASHES = ['', '6 3', '2 3'];

/**
 * The bytes still to move over time, as a small SVG line chart with labelled axes (time since the first sample, bytes),
 * a line per kind (each with its own dash, not colour alone), and the last value of each as text.
 */
export function QueueChart({ series }: { series: RunView['series'] }) {
  const page = usePageStyles();
  const styles = useStyles();
  const points = series.map((s) => ({ t: Date.parse(s.at), bytes: s.bytes, what: s.what })).filter((p) => !Number.isNaN(p.t));
  if (points.length === 0) return null;
  const t0 = Math.min(...points.map((p) => p.t));
  const t1 = Math.max(...points.map((p) => p.t));
  const span = Math.max(1, t1 - t0);
  const top = Math.max(1, ...points.map((p) => p.bytes));
  const x = (t: number) => LEFT + ((t - t0) / span) * (WIDTH - LEFT - RIGHT);
  const y = (bytes: number) => TOP + (1 - bytes / top) * (HEIGHT - TOP - BOTTOM);
  const kinds = [...new Set(points.map((p) => p.what))];
  const last = kinds.map((what) => series.filter((s) => s.what === what).at(-1)!);
  const summary = last.map((s) => `${s.what}: ${formatBytes(s.bytes)} left at ${timeOfDay(s.at)}`).join('; ');
  return (
    <figure className={page.block} style={{ margin: 0 }} data-testid="queue-chart">
      <figcaption className={page.subTitle}>Bytes still to move</figcaption>
      <svg className={styles.svg} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Chart of the bytes still to move over ${formatDuration(span / 1000)}. ${summary}.`}>
        <line x1={LEFT} y1={TOP} x2={LEFT} y2={HEIGHT - BOTTOM} stroke={tokens.colorNeutralForeground2} />
        <line x1={LEFT} y1={HEIGHT - BOTTOM} x2={WIDTH - RIGHT} y2={HEIGHT - BOTTOM} stroke={tokens.colorNeutralForeground2} />
        <text x={LEFT - 6} y={TOP + 10} textAnchor="end" fontSize="11" fill={tokens.colorNeutralForeground1}>
          {formatBytes(top)}
        </text>
        <text x={LEFT - 6} y={HEIGHT - BOTTOM} textAnchor="end" fontSize="11" fill={tokens.colorNeutralForeground1}>
          0
        </text>
        <text x={LEFT} y={HEIGHT - BOTTOM + 14} fontSize="11" fill={tokens.colorNeutralForeground1}>
          {timeOfDay(new Date(t0).toISOString())}
        </text>
        <text x={WIDTH - RIGHT} y={HEIGHT - BOTTOM + 14} textAnchor="end" fontSize="11" fill={tokens.colorNeutralForeground1}>
          {timeOfDay(new Date(t1).toISOString())}
        </text>
        <text x={(LEFT + WIDTH - RIGHT) / 2} y={HEIGHT - 4} textAnchor="middle" fontSize="11" fill={tokens.colorNeutralForeground1}>
          Time (local)
        </text>
        <text x={12} y={(TOP + HEIGHT - BOTTOM) / 2} textAnchor="middle" fontSize="11" fill={tokens.colorNeutralForeground1} transform={`rotate(-90 12 ${(TOP + HEIGHT - BOTTOM) / 2})`}>
          Bytes left
        </text>
        {kinds.map((what, i) => (
          <polyline
            key={what}
            fill="none"
            stroke={COLOURS[i % COLOURS.length]}
            strokeWidth={2}
            strokeDasharray={DASHES[i % DASHES.length]}
            points={points
              .filter((p) => p.what === what)
              .map((p) => `${x(p.t).toFixed(1)},${y(p.bytes).toFixed(1)}`)
              .join(' ')}
          />
        ))}
      </svg>
      <ul className={styles.legend} aria-label="Last values" data-testid="queue-last">
        {last.map((s, i) => (
          <li key={s.what}>
            <span aria-hidden="true">{['—', '- -', '···'][i % 3]} </span>
            {s.what}: <strong>{formatBytes(s.bytes)}</strong> left at {timeOfDay(s.at)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
