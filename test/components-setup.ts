import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// What jsdom does not implement and the components call: layout is not
// simulated, so there is nothing to observe or scroll.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
Element.prototype.scrollIntoView ??= function scrollIntoView() {};

afterEach(cleanup);
