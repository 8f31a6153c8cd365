// The few pictograms the views draw, inline (no requests, no icon font), decorative: every one sits
// beside a text that says the same, so they are aria-hidden.
import { svg } from 'lit';

const icon = (paths: ReturnType<typeof svg>, className = 'icon') =>
  svg`<svg class=${className} viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;

export const icons = {
  close: () => icon(svg`<path d="M6 6l12 12M18 6L6 18" />`),
  check: (className?: string) => icon(svg`<path d="M5 12.5l4.5 4.5L19 7.5" />`, className),
  alert: (className?: string) =>
    icon(svg`<path d="M12 5.5v8" stroke-width="2.75" /><circle cx="12" cy="18.25" r="1.6" fill="currentColor" stroke="none" />`, className),
  info: (className?: string) =>
    icon(svg`<circle cx="12" cy="5.75" r="1.6" fill="currentColor" stroke="none" /><path d="M12 10.5v8" stroke-width="2.75" />`, className),
  camera: (className?: string) =>
    icon(
      svg`<path d="M4 8.5A1.5 1.5 0 0 1 5.5 7h2l1.5-2h6l1.5 2h2A1.5 1.5 0 0 1 20 8.5v9a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 4 17.5z" /><circle cx="12" cy="13" r="3.5" />`,
      className,
    ),
  face: (className?: string) =>
    icon(
      svg`<path d="M4 8V6a2 2 0 0 1 2-2h2M16 4h2a2 2 0 0 1 2 2v2M20 16v2a2 2 0 0 1-2 2h-2M8 20H6a2 2 0 0 1-2-2v-2" /><path d="M9 10v.5M15 10v.5M9.5 15a3.5 3.5 0 0 0 5 0" />`,
      className,
    ),
  clock: () => icon(svg`<circle cx="12" cy="12" r="8" /><path d="M12 8v4l2.5 2.5" />`),
};
