// The one reactive controller that owns the flow actor (XState's Lit controller pattern,
// CONVENTIONS.md habit 3): created and started on hostConnected, stopped on hostDisconnected (which
// closes the camera and cancels the node session), requestUpdate() on every snapshot. The camera
// and the node are wired in here as the machine's two actors; tests and stories replace them with
// `actors`.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Actor, AnyActorLogic } from 'xstate';
import { createActor } from 'xstate';
import type { NodeClient } from '../core/api/node-client.js';
import type { CameraSession, CameraSessionOptions } from '../core/camera/camera-session.js';
import { connect, type FlowApi } from '../core/flow/flow.connect.js';
import { flowMachine, type FlowMachine, type FlowSnapshot } from '../core/flow/flow.machine.js';
import type { FlowEvent, FlowInput } from '../core/flow/flow.types.js';
import { cameraActor } from '../core/scan/camera.actor.js';
import { scanStreamActor } from '../core/scan/scan-stream.actor.js';

/** Replacement actors (a fake camera, a fake node) for tests and stories. */
export interface FlowActors {
  camera: AnyActorLogic;
  scanStream: AnyActorLogic;
}

export interface FlowControllerOptions {
  /** The flow's input at start (read on every start: attributes may have changed). */
  input(): FlowInput;
  client(): NodeClient;
  publicId(): string;
  cameraOptions(): CameraSessionOptions;
  /** Overrides for tests and stories. */
  actors?(): Partial<FlowActors> | undefined;
  /** Every new snapshot, after the host was asked to update. */
  onSnapshot?(snapshot: FlowSnapshot, previous: FlowSnapshot | undefined): void;
  /** The camera session opened (the element shows its stream) or closed (null). */
  onCamera?(session: CameraSession | null): void;
}

export class FlowController implements ReactiveController {
  private actor: Actor<FlowMachine> | null = null;
  private camera: CameraSession | null = null;
  snapshot: FlowSnapshot | undefined;
  private apiOf: { snapshot: FlowSnapshot; api: FlowApi } | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: FlowControllerOptions,
  ) {
    host.addController(this);
  }

  /** The view-model of the current snapshot, built once per snapshot (render and the events read it several times). */
  get api(): FlowApi | null {
    const snapshot = this.snapshot;
    if (!snapshot) return null;
    if (this.apiOf?.snapshot !== snapshot) this.apiOf = { snapshot, api: connect(snapshot, (event) => this.send(event)) };
    return this.apiOf.api;
  }

  get cameraSession(): CameraSession | null {
    return this.camera;
  }

  hostConnected(): void {
    const overrides = this.options.actors?.() ?? {};
    const machine = flowMachine.provide({
      actors: {
        camera:
          overrides.camera ??
          cameraActor({
            session: () => this.options.cameraOptions(),
            onSession: (session) => {
              this.camera = session;
              this.options.onCamera?.(session);
              this.host.requestUpdate();
            },
          }),
        scanStream:
          overrides.scanStream ??
          scanStreamActor({ client: () => this.options.client(), publicId: () => this.options.publicId(), camera: () => this.camera }),
      },
    } as Parameters<FlowMachine['provide']>[0]);
    const actor = createActor(machine, { input: this.options.input() });
    actor.subscribe((snapshot) => {
      const previous = this.snapshot;
      this.snapshot = snapshot;
      this.host.requestUpdate();
      this.options.onSnapshot?.(snapshot, previous);
    });
    this.actor = actor;
    actor.start();
  }

  hostDisconnected(): void {
    // Leaving the page mid-scan: the node hears `cancel`, the camera light goes off.
    this.actor?.send({ type: 'FLOW.CLOSE' });
    this.actor?.stop();
    this.actor = null;
    this.snapshot = undefined;
  }

  send(event: FlowEvent): void {
    this.actor?.send(event);
  }
}
