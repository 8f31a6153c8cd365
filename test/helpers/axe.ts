// axe-core for `expect(el).to.be.accessible()` (chai-a11y-axe, from @open-wc/testing), limited to
// WCAG 2.0, 2.1 and 2.2, levels A and AA: the rules the project checks. chai-a11y-axe runs axe with
// its defaults (best-practice rules too) and takes no `runOnly`, so importing this module loads axe
// and enables exactly the rules a `runOnly: { type: 'tag', values: WCAG_TAGS }` run would (axe still
// leaves out its experimental rules, as it does for runOnly).
import 'axe-core/axe.min.js';
import type AxeCore from 'axe-core';

declare global {
  interface Window {
    /** axe.min.js registers itself here; chai-a11y-axe reuses it. */
    axe: typeof AxeCore;
  }
}

/** WCAG 2.0, 2.1 and 2.2, levels A and AA (axe's tags). */
export const WCAG_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const axe = window.axe;
axe.configure({ rules: axe.getRules().map((rule) => ({ id: rule.ruleId, enabled: rule.tags.some((tag) => WCAG_TAGS.includes(tag)) })) });

/** The ids of the rules a failed `.accessible()` names in its message ("Rule: label"). */
export const violatedRules = (error: unknown): string[] =>
  [...String((error as Error)?.message ?? error).matchAll(/^Rule: (\S+)$/gm)].map((m) => m[1]!);

/** The parts of axe's commons used below that its typings leave out. */
interface AxeCommonsAtRuntime {
  aria: { getRole(node: AxeCore.VirtualNode): string | null };
  dom: { isVisibleToScreenReaders(node: AxeCore.VirtualNode): boolean };
  text: { accessibleTextVirtual(node: AxeCore.VirtualNode): string };
}

/**
 * The elements in and under `host` (shadow trees included) that assistive technology sees with
 * `role` and, when given, an accessible name containing `name` (case-insensitive, as Playwright's
 * `getByRole(role, { name })`; `exact`: the whole name). Roles and names as axe computes them.
 */
export function byRole(host: Element, role: string, name?: string, options: { exact?: boolean } = {}): Element[] {
  const commons = axe.commons as unknown as AxeCommonsAtRuntime;
  const norm = (text: string) => text.replace(/\s+/g, ' ').trim();
  const matches = (text: string): boolean => {
    if (name === undefined) return true;
    return options.exact ? norm(text) === norm(name) : norm(text).toLowerCase().includes(norm(name).toLowerCase());
  };
  const found: Element[] = [];
  const walk = (node: AxeCore.VirtualNode): void => {
    if (node.actualNode instanceof Element && commons.aria.getRole(node) === role && commons.dom.isVisibleToScreenReaders(node)) {
      if (matches(commons.text.accessibleTextVirtual(node))) found.push(node.actualNode);
    }
    for (const child of node.children ?? []) walk(child);
  };
  try {
    walk(axe.setup(host));
  } finally {
    axe.teardown();
  }
  return found;
}
