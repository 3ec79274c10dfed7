import type { ScoreConfigView, ScoreValue } from "./score-config-schema";

// How a form turns clicks and keys into answers: pure, shared by the label
// form and the step annotation form. Yes/no and categorical options get a
// digit key while digits last (1–9, then 0), so a reviewer answers from the keyboard.

const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"];

export type OptionKey = { key: string; configId: string; option: string | boolean };

/** The choices a config offers as buttons: yes/no, or its options. */
export function choicesOf(config: ScoreConfigView): { value: string | boolean; label: string }[] {
  if (config.kind === "boolean")
    return [
      { value: true, label: "yes" },
      { value: false, label: "no" },
    ];
  if (config.kind === "categorical") return config.options.map((o) => ({ value: o, label: o }));
  return [];
}

/** Digit keys for the choices of these configs, in order, while digits last. */
export function optionKeys(configs: ScoreConfigView[]): OptionKey[] {
  const out: OptionKey[] = [];
  for (const c of configs)
    for (const choice of choicesOf(c)) if (out.length < DIGITS.length) out.push({ key: DIGITS[out.length], configId: c.id, option: choice.value });
  return out;
}

/** The `?` overlay's lines for those keys: one line per config. */
export function optionKeysHelp(configs: ScoreConfigView[], keys: OptionKey[]): { keys: string; does: string }[] {
  return configs.flatMap((c) => {
    const mine = keys.filter((k) => k.configId === c.id);
    if (mine.length === 0) return [];
    const labels = mine.map((k) => (typeof k.option === "boolean" ? (k.option ? "yes" : "no") : k.option));
    return [{ keys: mine.map((k) => k.key).join(" / "), does: `${c.name}: ${labels.join(" / ")}` }];
  });
}

/** What choosing `option` makes of the current answer: a multi-label config toggles it, the others set it (or clear it when chosen again). */
export function choose(config: ScoreConfigView, current: ScoreValue | undefined, option: string | boolean): ScoreValue | undefined {
  if (config.kind === "categorical" && config.multiple) {
    const list = Array.isArray(current) ? current : [];
    const next = list.includes(option as string) ? list.filter((o) => o !== option) : [...list, option as string];
    // kept in the config's order, so the stored answer does not depend on click order
    const ordered = config.options.filter((o) => next.includes(o));
    return ordered.length ? ordered : undefined;
  }
  return current === option ? undefined : option;
}

/** The answers worth sending: numbers read from what was typed, empty ones left out. */
export function answersToSend(configs: ScoreConfigView[], values: Record<string, ScoreValue | undefined>): { configId: string; value: ScoreValue }[] {
  return configs.flatMap((c) => {
    const v = values[c.id];
    if (v === undefined || v === "") return [];
    if (c.kind === "numeric") return [{ configId: c.id, value: typeof v === "number" ? v : Number(v) }];
    return [{ configId: c.id, value: v }];
  });
}
