// The base of <faceio-enroll> and <faceio-authenticate>: the fio.js parameters as attributes, the
// flow controller, one pure view per phase, the faceio-* events, focus and announcements. The two
// elements differ only in their operation and their operation's own parameters. Subclasses carry
// @localized() (it cannot decorate an abstract class).
import { LitElement, html, type CSSResultGroup, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { createNodeClient } from '../../core/api/node-client.js';
import { sdkAssets, sdkBaseOf } from '../../core/camera/sdk-assets.js';
import { faceioError } from '../../core/errors.js';
import type { FlowOperation, FlowInput, FlowPhase } from '../../core/flow/flow.types.js';
import type { FlowApi } from '../../core/flow/flow.connect.js';
import type { FlowSnapshot } from '../../core/flow/flow.machine.js';
import { phaseOf } from '../../core/flow/flow.machine.js';
import { FlowController, type FlowActors } from '../../controllers/flow.controller.js';
import { PinInputController } from '../../controllers/pin-input.controller.js';
import { applyLocale, directionOf, requestedLocale, resolveLocale, type SupportedLocale } from '../../localization/localization.js';
import type { SessionResult } from '../../protocol/index.js';
import type { FaceioErrorDetail } from './events/faceio-error.js';
import { FaceioCompleteEvent, FaceioErrorEvent, FaceioPhaseChangeEvent, FaceioProgressEvent } from './events/index.js';
import { flowStyles } from './flow.styles.js';
import { errorText, statusText, ui } from './messages.js';
import { VIEWS, type ViewKit } from './views/index.js';

/** Where this module was served from: the SDK lives at `<node>/sdk/`, so the node is one level up. */
const nodeOfThisScript = (): string => new URL('../', import.meta.url).href;

export abstract class FaceioFlowElement extends LitElement {
  static override styles: CSSResultGroup = flowStyles;

  /** The application's public ID (fio.js `new faceIO(publicId)`). */
  @property({ attribute: 'public-id' }) publicId = '';
  /** The processing node's URL; defaults to the node this script was loaded from. */
  @property() node = '';
  /** `auto` (the browser's languages, as the node reads Accept-Language), `page` (the page's `<html lang>` first) or a language code. */
  @property() locale = 'auto';
  /** Seconds to answer the camera prompt (fio.js permissionTimeout, default 27). */
  @property({ attribute: 'permission-timeout', type: Number }) permissionTimeout?: number;
  /** Seconds without a usable face before the scan ends (fio.js idleTimeout, default 27). */
  @property({ attribute: 'idle-timeout', type: Number }) idleTimeout?: number;
  /** Seconds to wait for the node's verdict (fio.js replyTimeout, default 40). */
  @property({ attribute: 'reply-timeout', type: Number }) replyTimeout?: number;
  /** Seconds to type the PIN (default 60). */
  @property({ attribute: 'pin-timeout', type: Number }) pinTimeout?: number;
  /** Start as soon as the element is on the page instead of waiting for the start button. */
  @property({ type: Boolean }) autostart = false;
  /** A `deviceId` from `navigator.mediaDevices.enumerateDevices()`: use this camera instead of the user-facing one. */
  @property({ attribute: 'camera-id' }) cameraId = '';
  /** Cross-device sign-on: the node's one-time token this scan belongs to (set by the node's own phone pages). */
  @property({ attribute: 'sign-on-token' }) signOnToken = '';
  /** Where the runtime files are (default `<node>/sdk/`). */
  @property({ attribute: 'assets-base' }) assetsBase = '';
  /** Run the in-browser quality model for light, pose and blur hints (default true). */
  @property({ attribute: false }) qualityHints = true;
  /** Replacement actors for tests and stories (a fake camera, a fake node). */
  @property({ attribute: false }) actors: Partial<FlowActors> | undefined;

  /** The operation this element runs. */
  protected abstract readonly operation: FlowOperation;
  /** The operation's own input (payload, facial ID, terms …). */
  protected abstract operationInput(): Partial<FlowInput>;

  private readonly flow = new FlowController(this, {
    input: () => this.flowInput(),
    client: () => createNodeClient({ node: this.nodeUrl }),
    publicId: () => this.publicId,
    cameraOptions: () => ({
      assets: sdkAssets(this.assetsBase || sdkBaseOf(this.nodeUrl)),
      qualityHints: this.qualityHints,
      ...(this.cameraId ? { deviceId: this.cameraId } : {}),
    }),
    actors: () => this.actors,
    onSnapshot: (snapshot, previous) => this.announce(snapshot, previous),
    onCamera: () => this.attachVideo(),
  });
  private readonly pin = new PinInputController(this, (value) => this.flow.api?.submitPin(value));
  private video: HTMLVideoElement | null = null;
  private activeLocale: SupportedLocale = 'en';
  /** Focus moves with the phases once the user is in the widget (never stolen on page load by `autostart`). */
  private focusFollows = false;
  private lastProgressKey = '';

  /** The current phase. */
  get phase(): FlowPhase {
    return this.flow.snapshot ? phaseOf(this.flow.snapshot) : 'idle';
  }

  /** The last success's result (fio.js's result object), or null. */
  get result(): SessionResult | null {
    return this.flow.api?.result ?? null;
  }

  /** Starts a run. While one is under way it only reports SESSION_IN_PROGRESS (non-fatal). */
  start(): void {
    this.begin(true);
  }

  /** `moveFocus`: focus follows the phases (a user action or a modal); false for `autostart` on page load. */
  private begin(moveFocus: boolean): void {
    const api = this.flow.api;
    if (api?.busy) return this.emitError(faceioError('SESSION_IN_PROGRESS'), false);
    this.focusFollows = moveFocus;
    const input = this.flowInput();
    this.flow.send(api && (api.phase === 'done' || api.phase === 'failed') ? { type: 'FLOW.RESTART', input } : { type: 'FLOW.START', input });
  }

  /** Ends the run (ABORTED_BY_USER): the camera closes and the node session is cancelled. */
  close(): void {
    this.flow.send({ type: 'FLOW.CLOSE' });
  }

  protected get nodeUrl(): string {
    return this.node || nodeOfThisScript();
  }

  private flowInput(): FlowInput {
    const own = this.operationInput();
    return {
      op: this.operation,
      locale: requestedLocale(this.locale, this.activeLocale),
      ...(this.signOnToken ? { signOnToken: this.signOnToken } : {}),
      ...own,
      timeouts: {
        permissionTimeout: this.permissionTimeout,
        idleTimeout: this.idleTimeout,
        replyTimeout: this.replyTimeout,
        pinTimeout: this.pinTimeout,
        ...own.timeouts,
      },
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      this.activeLocale = resolveLocale(this.locale);
      void applyLocale(this.activeLocale);
    }
  }

  protected override firstUpdated(): void {
    // After this update settles: starting inside firstUpdated() would schedule an update mid-update (Lit dev warning).
    if (this.autostart) void this.updateComplete.then(() => this.begin(this.closest('dialog') !== null));
  }

  override render() {
    const flowApi = this.flow.api;
    if (!flowApi) return html``;
    // Start and retry read the attributes as they are now (a host may set `payload` after connecting).
    const api: FlowApi = { ...flowApi, start: () => this.start(), retry: () => this.start() };
    const kit: ViewKit = { status: statusText(api.statusKey, api.op), videoRef: this.setVideo, pin: this.pin };
    const dir = directionOf(this.activeLocale);
    return html`
      <section class="base" part="base" data-phase=${api.phase} lang=${this.activeLocale} dir=${dir} @keydown=${this.onKeyDown}>
        ${VIEWS[api.phase](api, kit)}
        ${api.busy ? html`<div class="actions"><button type="button" class="secondary" part="close-button" @click=${api.close}>${ui.close()}</button></div>` : ''}
        <p class="visually-hidden" role="status" aria-live="polite">${this.announcement(api, kit.status)}</p>
      </section>
    `;
  }

  /** The polite live region's text: the status line, except where the view itself has an alert (no double reading). */
  private announcement(api: FlowApi, status: string): string {
    if (api.phase === 'idle' || api.phase === 'failed') return '';
    if (api.phase === 'pin' && (api.pinRequest?.problem || api.notice)) return '';
    return status;
  }

  private readonly setVideo = (element: Element | undefined): void => {
    this.video = (element as HTMLVideoElement | undefined) ?? null;
    this.attachVideo();
  };

  private attachVideo(): void {
    const stream = this.flow.cameraSession?.stream ?? null;
    if (this.video && this.video.srcObject !== stream) {
      this.video.srcObject = stream;
      if (stream) void this.video.play().catch(() => undefined);
    }
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.flow.api?.busy) {
      event.stopPropagation();
      this.close();
    }
  };

  /** Events, focus and announcements for a new snapshot. */
  private announce(snapshot: FlowSnapshot, previous: FlowSnapshot | undefined): void {
    const phase = phaseOf(snapshot);
    const before = previous ? phaseOf(previous) : 'idle';
    const api = this.flow.api!;
    if (phase !== before) {
      this.focusFollows ||= this.shadowRoot?.activeElement != null || this.closest('dialog[open]') !== null;
      this.dispatchEvent(new FaceioPhaseChangeEvent({ phase, previous: before, op: api.op }));
      // Focus follows the flow: each phase's heading (a screen reader reads it), the button at rest.
      void this.updateComplete.then(() => this.focusPhase(phase));
      if (phase === 'done' && api.result) this.dispatchEvent(new FaceioCompleteEvent({ op: api.op, result: api.result }));
      if (phase === 'failed' && api.error) this.emitError(api.error, true);
    }
    if (api.notice && api.notice !== previous?.context.notice) this.emitError(api.notice, false);
    const progressKey = `${api.statusKey}|${api.progress}`;
    if ((phase === 'scan' || phase === 'reply') && progressKey !== this.lastProgressKey) {
      this.lastProgressKey = progressKey;
      const status = statusText(api.statusKey, api.op);
      this.dispatchEvent(new FaceioProgressEvent({ progress: api.progress, guidance: api.guidance, statusKey: api.statusKey, status }));
    }
  }

  private focusPhase(phase: FlowPhase): void {
    const root = this.shadowRoot;
    if (!root) return;
    const target = phase === 'pin' ? root.querySelector<HTMLElement>('input.digit') : root.querySelector<HTMLElement>('.heading');
    // Only once the user is in the widget (or its modal): never steal focus on page load.
    if (phase !== 'idle' && this.focusFollows) target?.focus();
  }

  private emitError(
    error: { code: FaceioErrorDetail['code']; name: FaceioErrorDetail['name']; retryable: boolean; detail?: string },
    fatal: boolean,
  ): void {
    const detail: FaceioErrorDetail = { code: error.code, name: error.name, message: errorText(error.name), retryable: error.retryable, fatal };
    if (error.detail) detail.detail = error.detail;
    this.dispatchEvent(new FaceioErrorEvent(detail));
  }
}
