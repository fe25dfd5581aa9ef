import { SessionActivity } from '../types';

const WIDTH = 320;
const HEIGHT = 90;
const PAD = 6;

/** Active sessions over the last hour as a small line chart, with the numbers in text too. */
export function ActivityChart({ activity }: { activity: SessionActivity }) {
  const counts = activity.Points.map((point) => point.Count);
  const max = Math.max(1, ...counts);
  const step = (WIDTH - 2 * PAD) / Math.max(1, counts.length - 1);
  const xy = counts.map(
    (count, i) => [PAD + i * step, HEIGHT - PAD - (count / max) * (HEIGHT - 2 * PAD)] as const,
  );
  const line = xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const area = `${PAD},${HEIGHT - PAD} ${line} ${WIDTH - PAD},${HEIGHT - PAD}`;
  const summary =
    `Active sessions over the last hour, every five minutes: ${counts.join(', ')}. ` +
    `Highest ${Math.max(0, ...counts)}, now ${activity.ActiveNow}.`;
  return (
    <section class="activity" aria-labelledby="activity-title">
      <h2 id="activity-title">Active sessions</h2>
      <p class="big-number" data-testid="active-now">
        {activity.ActiveNow} <span>now</span>
      </p>
      <figure>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} class="chart">
          <line x1={PAD} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} class="axis" />
          <polygon points={area} class="area" />
          <polyline points={line} class="line" />
          {xy.map(([x, y], i) => (
            <circle cx={x} cy={y} r="2.5" class="dot" key={i}>
              <title>{`${activity.Points[i].At}: ${counts[i]}`}</title>
            </circle>
          ))}
        </svg>
        <figcaption>
          Last hour (peak {Math.max(0, ...counts)}); one point every five minutes, the last is now.
        </figcaption>
      </figure>
    </section>
  );
}
