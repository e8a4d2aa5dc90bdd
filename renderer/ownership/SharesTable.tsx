import { SLICE_COLOURS } from './SharesChart';
import type { ShareSlice } from './ownership';

/** The chart's text alternative: each owner's shares and percentage, with the chart's colour key. */
export const SharesTable = ({ slices, model }: { slices: ShareSlice[]; model: string }) => (
  <table className="shares-table" data-testid="ownership-table">
    <caption>Current shares of {model}</caption>
    <thead>
      <tr>
        <th scope="col">Owner</th>
        <th scope="col">Shares</th>
        <th scope="col">Percent</th>
      </tr>
    </thead>
    <tbody>
      {slices.map((s, i) => (
        <tr key={s.member} data-testid="ownership-owner">
          <th scope="row">
            <span className={`share-key share-slice-${i % SLICE_COLOURS}`} aria-hidden="true" />
            {s.name}
          </th>
          <td>{s.shares}</td>
          <td>{s.percent}%</td>
        </tr>
      ))}
    </tbody>
  </table>
);
