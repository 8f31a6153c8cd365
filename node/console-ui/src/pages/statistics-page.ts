import { localized, msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Statistics } from '../api.js';
import { AppPage, axisSeconds, formatDay, formatNumber, formatSeconds } from '../page-kit.js';
import '../parts/chart.js';
import type { ChartSpec } from '../parts/chart.js';

const COLORS = { enrollments: '#1f5eff', authentications: '#0a7d33', failures: '#b3261e', pad: '#8a5300', p50: '#1f5eff', p95: '#7a2cbf' };
const RANGES = [7, 30, 90] as const;

/** Statistics per day: verdicts, failures by code, PAD refusals, verdict time; each chart with its numbers as a table. */
@localized()
export class OfioStatisticsPage extends AppPage {
  static override styles = [
    ...AppPage.styles,
    css`
      .totals {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
        gap: 0.75rem;
      }
      .total {
        padding: 0.75rem;
        border: 1px solid var(--ofio-line);
        border-radius: calc(var(--ofio-radius) / 2);
        background: var(--ofio-surface);
      }
      .total strong {
        display: block;
        font-size: 1.5rem;
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr));
        gap: 1rem;
      }
      figure {
        margin: 0;
        align-content: start;
      }
      table {
        border-collapse: collapse;
        font-size: 0.875rem;
      }
      th,
      td {
        padding: 0.25rem 0.5rem;
        text-align: end;
        border-block-end: 1px solid var(--ofio-line);
      }
      th:first-child,
      td:first-child {
        text-align: start;
      }
      .table {
        overflow-x: auto;
      }
    `,
  ];

  @state() private days = 30;
  @state() private stats: Statistics | null = null;

  protected async load(): Promise<void> {
    this.stats = await this.api.statistics(this.days);
  }

  override render() {
    const s = this.stats;
    return html`<div class="stack">
      <div class="row spread">
        <h2>${msg('Statistics', { id: 'console.stats.title' })}</h2>
        <label class="row"
          >${msg('Period', { id: 'console.stats.period' })}
          <select @change=${this.setRange}>
            ${RANGES.map((d) => html`<option value=${d} ?selected=${d === this.days}>${msg(str`Last ${d} days`, { id: 'console.stats.last-days' })}</option>`)}
          </select></label
        >
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${s ? this.body(s) : html`<p class="muted">${msg('Loading…', { id: 'console.loading' })}</p>`}
    </div>`;
  }

  private body(s: Statistics) {
    const t = s.totals;
    const labels = s.days.map((d) => formatDay(d.day));
    const L = {
      enrollments: msg('Enrollments', { id: 'console.stats.enrollments' }),
      authentications: msg('Authentications', { id: 'console.stats.authentications' }),
      failures: msg('Failures', { id: 'console.stats.failures' }),
      pad: msg('PAD refusals', { id: 'console.stats.pad' }),
      p50: msg('Median (p50)', { id: 'console.stats.p50' }),
      p95: msg('p95', { id: 'console.stats.p95' }),
    };
    const verdicts: ChartSpec = {
      kind: 'bars',
      labels,
      series: [
        { key: 'enrollments', label: L.enrollments, color: COLORS.enrollments },
        { key: 'authentications', label: L.authentications, color: COLORS.authentications },
        { key: 'failures', label: L.failures, color: COLORS.failures },
      ],
      values: s.days.map((d) => ({ enrollments: d.enrollments, authentications: d.authentications, failures: d.failures })),
      format: formatNumber,
      integer: true,
    };
    const pad: ChartSpec = {
      kind: 'bars',
      labels,
      series: [{ key: 'pad', label: L.pad, color: COLORS.pad }],
      values: s.days.map((d) => ({ pad: d.padRefusals })),
      format: formatNumber,
      integer: true,
    };
    const time: ChartSpec = {
      kind: 'lines',
      labels,
      series: [
        { key: 'p50', label: L.p50, color: COLORS.p50 },
        { key: 'p95', label: L.p95, color: COLORS.p95 },
      ],
      values: s.days.map((d) => ({ p50: d.p50Ms, p95: d.p95Ms })),
      format: axisSeconds,
    };
    const codes: ChartSpec = {
      kind: 'hbars',
      items: s.failuresByCode.map((f) => ({ label: `${f.name} (${f.code})`, value: f.count })),
      color: COLORS.failures,
      format: formatNumber,
    };
    return html`
      <div class="totals">
        ${[
          [L.enrollments, formatNumber(t.enrollments)],
          [L.authentications, formatNumber(t.authentications)],
          [L.failures, formatNumber(t.failures)],
          [L.pad, formatNumber(t.padRefusals)],
          [msg('Verdict time, median', { id: 'console.stats.p50-total' }), formatSeconds(t.p50Ms)],
          [msg('Verdict time, p95', { id: 'console.stats.p95-total' }), formatSeconds(t.p95Ms)],
        ].map(([label, value]) => html`<div class="total"><span class="small muted">${label}</span><strong>${value}</strong></div>`)}
      </div>
      <div class="charts">
        ${this.figure(
          msg('Verdicts per day', { id: 'console.stats.verdicts-chart' }),
          verdicts,
          msg(str`${t.enrollments} enrollments, ${t.authentications} authentications and ${t.failures} failures from ${s.from} to ${s.to}.`, {
            id: 'console.stats.verdicts-summary',
          }),
          [L.enrollments, L.authentications, L.failures],
          s.days.map((d) => [formatDay(d.day), d.enrollments, d.authentications, d.failures].map(String)),
        )}
        ${this.figure(
          msg('Verdict time per day', { id: 'console.stats.time-chart' }),
          time,
          msg(str`Verdict time from the first frame, PIN typing excluded: median ${formatSeconds(t.p50Ms)}, p95 ${formatSeconds(t.p95Ms)}.`, {
            id: 'console.stats.time-summary',
          }),
          [L.p50, L.p95],
          s.days.map((d) => [formatDay(d.day), formatSeconds(d.p50Ms), formatSeconds(d.p95Ms)]),
        )}
        ${this.figure(
          msg('Failures by code', { id: 'console.stats.codes-chart' }),
          codes,
          s.failuresByCode.length
            ? s.failuresByCode.map((f) => `${f.name} (${f.code}): ${f.count}`).join(', ')
            : msg('No failures in this period.', { id: 'console.stats.no-failures' }),
          [msg('Failures', { id: 'console.stats.failures' })],
          s.failuresByCode.map((f) => [`${f.name} (${f.code})`, String(f.count)]),
        )}
        ${this.figure(
          msg('PAD refusals per day', { id: 'console.stats.pad-chart' }),
          pad,
          msg(str`${t.padRefusals} presentation attacks refused.`, { id: 'console.stats.pad-summary' }),
          [L.pad],
          s.days.map((d) => [formatDay(d.day), String(d.padRefusals)]),
        )}
      </div>
    `;
  }

  /** A chart card: its caption, the drawing (named by `summary`), and its numbers as a table on request. */
  private figure(caption: string, spec: ChartSpec, summary: string, columns: string[], rows: string[][]) {
    const empty = spec.kind === 'hbars' && spec.items.length === 0;
    return html`<figure class="card">
      <figcaption><h3>${caption}</h3></figcaption>
      ${empty ? html`<p class="muted">${summary}</p>` : html`<ofio-chart .spec=${spec} summary=${summary}></ofio-chart>`}
      ${
        rows.length
          ? html`<details>
              <summary>${msg('Show the numbers', { id: 'console.stats.table' })}</summary>
              <div class="table" tabindex="0" role="region" aria-label=${caption}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">
                        ${spec.kind === 'hbars' ? msg('Code', { id: 'console.stats.code' }) : msg('Day', { id: 'console.stats.day' })}
                      </th>
                      ${columns.map((c) => html`<th scope="col">${c}</th>`)}
                    </tr>
                  </thead>
                  <tbody>
                    ${rows.map(
                      ([head, ...cells]) =>
                        html`<tr>
                          <th scope="row">${head}</th>
                          ${cells.map((c) => html`<td>${c}</td>`)}
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
            </details>`
          : nothing
      }
    </figure>`;
  }

  private readonly setRange = (event: Event): void => {
    this.days = Number((event.target as HTMLSelectElement).value);
    void this.guard(() => this.load());
  };
}
customElements.define('ofio-statistics-page', OfioStatisticsPage);
