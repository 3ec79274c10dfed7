import type { ConfusionMatrix } from "@/lib/judge/agreement";

/**
 * The confusion matrix as a small coloured grid: rows are people's labels,
 * columns the judge's; agreement in green, disagreement in red, deeper for more.
 */
export function ConfusionGrid<L extends string>({
  matrix,
  rowsLabel = "people",
  columnsLabel = "judge",
}: {
  matrix: ConfusionMatrix<L>;
  rowsLabel?: string;
  columnsLabel?: string;
}) {
  const total = matrix.counts.flat().reduce((a, b) => a + b, 0);
  return (
    <table className="border-separate border-spacing-1 text-xs" data-testid="confusion-grid">
      <thead>
        <tr>
          <th className="text-right font-normal text-slate-500">
            {rowsLabel} ↓ · {columnsLabel} →
          </th>
          {matrix.labels.map((l) => (
            <th key={l} className="px-2 font-medium text-slate-600">
              {l}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.labels.map((row, i) => (
          <tr key={row}>
            <th className="pr-2 text-right font-medium text-slate-600">{row}</th>
            {matrix.counts[i].map((count, j) => {
              const share = total ? count / total : 0;
              const rgb = i === j ? "16, 185, 129" : "244, 63, 94";
              return (
                <td
                  key={j}
                  className="h-12 w-20 rounded text-center font-mono text-sm text-slate-900"
                  style={{ backgroundColor: `rgba(${rgb}, ${0.08 + 0.6 * share})` }}
                  title={`${rowsLabel} ${row}, ${columnsLabel} ${matrix.labels[j]}: ${count}`}
                  data-cell={`${row}/${matrix.labels[j]}`}
                >
                  {count}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
