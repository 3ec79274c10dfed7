import type { ModelPrice } from "@/lib/db/client";
import type { FormAction } from "@/components/ui/action-form";
import { PriceAddForm, PriceRowForm } from "./price-forms";

const usd = (n: number) => `$${n.toLocaleString("en-US", { maximumFractionDigits: 6 })}`;

/** The price table the gateway charges calls from; admins edit it in place. */
export function PriceTable({ prices, save }: { prices: Pick<ModelPrice, "model" | "inputPerMillionUsd" | "outputPerMillionUsd">[]; save?: FormAction }) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-500">
        Dollars per million tokens, by the model name the endpoint knows. A call to a model with no price here costs $0 in the accounts. A change applies to
        calls made from a few seconds later; past calls keep their cost.
      </p>
      {save ? (
        <div className="space-y-2" data-testid="price-rows">
          {prices.map((p) => (
            <PriceRowForm key={p.model} price={p} save={save} />
          ))}
          <PriceAddForm save={save} />
        </div>
      ) : prices.length === 0 ? (
        <p className="text-sm text-slate-500">No prices yet: every call is counted at $0.</p>
      ) : (
        <table className="w-full text-sm" data-testid="price-rows">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-3 py-2">Model</th>
              <th className="px-3 py-2 text-right">Input / M tokens</th>
              <th className="px-3 py-2 text-right">Output / M tokens</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {prices.map((p) => (
              <tr key={p.model}>
                <td className="px-3 py-2 font-mono text-xs">{p.model}</td>
                <td className="px-3 py-2 text-right tabular-nums">{usd(p.inputPerMillionUsd)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{usd(p.outputPerMillionUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
