/** The pipeline, in the order data flows through it. */
export const NAV_ITEMS = [
  { href: "/", label: "Dashboard" },
  { href: "/sources", label: "Sources" },
  { href: "/tools", label: "Tools" },
  { href: "/categories", label: "Categories" },
  { href: "/agents", label: "Agents" },
  { href: "/tasks", label: "Tasks" },
  { href: "/runs", label: "Runs" },
  { href: "/trajectories", label: "Trajectories" },
  { href: "/review", label: "Review" },
  { href: "/calibration", label: "Calibration" },
  { href: "/datasets", label: "Datasets" },
  { href: "/settings", label: "Settings" },
] as const;
