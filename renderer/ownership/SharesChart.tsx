import { Cell, Pie, PieChart, type PieLabelRenderProps } from 'recharts';
import type { ShareSlice } from './ownership';

/** Enough colours for a small group; more owners than this reuse them in order. */
export const SLICE_COLOURS = 8;

const label = ({ name, payload, x, y, textAnchor }: PieLabelRenderProps) => (
  <text x={x} y={y} textAnchor={textAnchor} dominantBaseline="central" className="share-label">
    {`${String(name)} ${(payload as ShareSlice).percent}%`}
  </text>
);

/**
 * The owners' shares as a donut. It is a picture only (aria-hidden): the table beside it says the
 * same in text. Colours come from CSS classes, so they follow the light or dark scheme.
 */
export const SharesChart = ({ slices }: { slices: ShareSlice[] }) => (
  <div className="shares-chart" aria-hidden="true">
    <PieChart width={360} height={260}>
      <Pie
        data={slices}
        dataKey="shares"
        nameKey="name"
        innerRadius={46}
        outerRadius={78}
        label={label}
        labelLine={false}
        isAnimationActive={false}
      >
        {slices.map((s, i) => (
          <Cell key={s.member} className={`share-slice share-slice-${i % SLICE_COLOURS}`} />
        ))}
      </Pie>
    </PieChart>
  </div>
);
