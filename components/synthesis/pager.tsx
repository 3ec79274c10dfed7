import Link from "next/link";

/** Previous / next links that keep the page's other query parameters. */
export function Pager({
  page,
  pageSize,
  total,
  params,
  path,
}: {
  page: number;
  pageSize: number;
  total: number;
  params: Record<string, string | undefined>;
  path: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const q = new URLSearchParams(Object.entries({ ...params, page: String(p) }).filter((e): e is [string, string] => !!e[1]));
    return `${path}?${q}`;
  };
  return (
    <div className="mt-3 flex items-center justify-between text-sm text-slate-500">
      <span>
        {total.toLocaleString("en")} in all · page {page} of {pages}
      </span>
      <span className="flex gap-3">
        {page > 1 && (
          <Link href={href(page - 1)} className="text-indigo-600 hover:underline">
            ← Previous
          </Link>
        )}
        {page < pages && (
          <Link href={href(page + 1)} className="text-indigo-600 hover:underline">
            Next →
          </Link>
        )}
      </span>
    </div>
  );
}
