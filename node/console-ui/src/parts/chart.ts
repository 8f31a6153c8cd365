// The console's charts in plain SVG (no chart library: see CONSOLE-NOTES.md for the sizes): stacked
// bars per day, lines per day and horizontal bars. The element measures its width and draws at
// that size, so labels keep their pixel size from a phone to a desktop. Time runs left to right in
// every language; the figure's text (caption, legend) follows the page's direction.
import { LitElement, css, html, nothing, svg, type SVGTemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { tokens } from '../styles.js';

export interface Series {
  key: string;
  label: string;
  color: string;
}

export type ChartSpec =
  | { kind: 'bars'; labels: string[]; series: Series[]; values: Record<string, number>[]; format?(n: number): string; integer?: boolean }
  | { kind: 'lines'; labels: string[]; series: Series[]; values: Record<string, number | null>[]; format?(n: number): string; integer?: boolean }
  | { kind: 'hbars'; items: { label: string; value: number }[]; color: string; format?(n: number): string };

const HEIGHT = 200;
const PAD = { top: 12, right: 8, bottom: 26, left: 44 };

/** The axis's top: four round steps (1, 2, 2.5, 5 × 10ⁿ) reaching `max`; whole steps for counts. */
function niceMax(max: number, integer: boolean): number {
  if (!(max > 0)) return integer ? 4 : 1;
  const raw = Math.max(max, integer ? 4 : Number.MIN_VALUE) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const steps = integer ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const step = (steps.find((s) => s * magnitude >= raw) ?? 10) * magnitude;
  return (integer ? Math.max(1, Math.round(step)) : step) * 4;
}

export class OfioChart extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      svg {
        display: block;
        direction: ltr;
        overflow: visible;
      }
      text {
        font: 12px var(--ofio-font);
        fill: var(--ofio-muted);
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        margin: 0.5rem 0 0;
        padding: 0;
        list-style: none;
        font-size: 0.875rem;
      }
      .swatch {
        display: inline-block;
        inline-size: 0.75rem;
        block-size: 0.75rem;
        margin-inline-end: 0.375rem;
        border-radius: 2px;
        vertical-align: -0.0625rem;
      }
    `,
  ];

  @property({ attribute: false }) spec: ChartSpec | null = null;
  /** What a screen reader hears instead of the drawing. */
  @property() summary = '';
  @state() private width = 0;
  private readonly observer = new ResizeObserver(([entry]) => (this.width = Math.floor(entry?.contentRect.width ?? 0)));

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer.disconnect();
  }

  override render() {
    const spec = this.spec;
    if (!spec || this.width === 0) return html`<div style="block-size: ${HEIGHT}px"></div>`;
    const drawing = spec.kind === 'hbars' ? this.hbars(spec) : this.timeChart(spec);
    const legend =
      spec.kind === 'hbars'
        ? nothing
        : html`<ul class="legend" aria-hidden="true">
            ${spec.series.map((s) => html`<li><span class="swatch" style="background:${s.color}"></span>${s.label}</li>`)}
          </ul>`;
    return html`${drawing}${legend}`;
  }

  private frame(height: number, body: SVGTemplateResult) {
    return html`<svg role="img" aria-label=${this.summary} width=${this.width} height=${height} viewBox="0 0 ${this.width} ${height}">${body}</svg>`;
  }

  private timeChart(spec: Extract<ChartSpec, { kind: 'bars' | 'lines' }>) {
    const format = spec.format ?? String;
    const plotW = Math.max(10, this.width - PAD.left - PAD.right);
    const plotH = HEIGHT - PAD.top - PAD.bottom;
    const n = spec.labels.length;
    const totals = spec.values.map((v) =>
      spec.kind === 'bars' ? spec.series.reduce((s, x) => s + (v[x.key] ?? 0), 0) : Math.max(0, ...spec.series.map((x) => v[x.key] ?? 0)),
    );
    const max = niceMax(Math.max(0, ...totals), spec.integer === true);
    const y = (value: number) => PAD.top + plotH - (value / max) * plotH;
    const slot = plotW / Math.max(1, n);
    const x = (i: number) => PAD.left + slot * i + slot / 2;
    const grid = [0, 0.25, 0.5, 0.75, 1].map(
      (f) => svg`<line x1=${PAD.left} x2=${PAD.left + plotW} y1=${y(max * f)} y2=${y(max * f)} stroke="#e3e3ea" />
        <text x=${PAD.left - 6} y=${y(max * f) + 4} text-anchor="end">${format(max * f)}</text>`,
    );
    // As many day labels as fit, about one per 56 px.
    const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plotW / 56))));
    const labels = spec.labels.map((label, i) =>
      i % every === 0 ? svg`<text x=${x(i)} y=${HEIGHT - 8} text-anchor="middle">${label}</text>` : nothing,
    );
    let marks: SVGTemplateResult[];
    if (spec.kind === 'bars') {
      const w = Math.max(1, Math.min(28, slot * 0.7));
      marks = spec.values.flatMap((v, i) => {
        let base = 0;
        return spec.series.map((s) => {
          const value = v[s.key] ?? 0;
          const top = y(base + value);
          const bar = svg`<rect x=${x(i) - w / 2} y=${top} width=${w} height=${Math.max(0, y(base) - top)} fill=${s.color} />`;
          base += value;
          return bar;
        });
      });
    } else {
      marks = spec.series.map((s) => {
        const points = spec.values.map((v, i) => (v[s.key] === null || v[s.key] === undefined ? null : `${x(i)},${y(v[s.key]!)}`));
        const runs = points
          .join(' ')
          .split(/\s*null\s*/)
          .filter(Boolean);
        const dots = spec.values.map((v, i) =>
          v[s.key] === null || v[s.key] === undefined ? nothing : svg`<circle cx=${x(i)} cy=${y(v[s.key]!)} r="3" fill=${s.color} />`,
        );
        return svg`${runs.map((run) => svg`<polyline points=${run} fill="none" stroke=${s.color} stroke-width="2" />`)}${dots}`;
      });
    }
    return this.frame(HEIGHT, svg`${grid}${marks}${labels}`);
  }

  private hbars(spec: Extract<ChartSpec, { kind: 'hbars' }>) {
    const format = spec.format ?? String;
    const max = Math.max(1, ...spec.items.map((i) => i.value));
    // Narrow: each label above its bar; wide: labels in a column before the bars.
    const stacked = this.width < 480;
    const row = stacked ? 40 : 28;
    const labelW = stacked ? 0 : Math.min(240, Math.floor(this.width * 0.4));
    const plotW = Math.max(10, this.width - labelW - 56);
    const height = Math.max(row, spec.items.length * row);
    const body = spec.items.map((item, i) => {
      const w = (item.value / max) * plotW;
      const barY = i * row + (stacked ? 20 : 6);
      const label = stacked
        ? svg`<text x="0" y=${i * row + 14}>${item.label}</text>`
        : svg`<text x=${labelW - 8} y=${i * row + 18} text-anchor="end">${item.label}</text>`;
      return svg`${label}<rect x=${labelW} y=${barY} width=${Math.max(2, w)} height="14" fill=${spec.color} rx="2" />
        <text x=${labelW + w + 6} y=${barY + 12}>${format(item.value)}</text>`;
    });
    return this.frame(height, svg`${body}`);
  }
}
customElements.define('ofio-chart', OfioChart);
