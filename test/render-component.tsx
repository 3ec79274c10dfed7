import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { AppRouterContext, type AppRouterInstance } from "next/dist/shared/lib/app-router-context.shared-runtime";
import type { ReactElement } from "react";

/** What a component asked of the router, for tests to read. */
export type RouterCalls = { refreshed: number; pushed: string[] };

/** Renders a client component with what the studio's pages give it: the app router and a query client. */
export function renderComponent(ui: ReactElement) {
  const calls: RouterCalls = { refreshed: 0, pushed: [] };
  const router: AppRouterInstance = {
    bfcacheId: "test",
    back() {},
    forward() {},
    refresh: () => void calls.refreshed++,
    push: (href: string) => void calls.pushed.push(href),
    replace: (href: string) => void calls.pushed.push(href),
    prefetch() {},
  };
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const rendered = render(
    <AppRouterContext.Provider value={router}>
      <QueryClientProvider client={queries}>{ui}</QueryClientProvider>
    </AppRouterContext.Provider>,
  );
  return { ...rendered, router: calls };
}
