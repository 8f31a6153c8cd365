// A reactive controller that owns one XState actor for a Lit host (XState's Lit controller pattern,
// CONVENTIONS habit 3), generic over the machine: created and started on hostConnected with the
// host's current input and actors, stopped on hostDisconnected, requestUpdate() on every snapshot.
// The view-model is built once per snapshot. (The flow elements' FlowController predates it.)
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Actor, AnyStateMachine, EventFrom, InputFrom, SnapshotFrom } from 'xstate';
import { createActor } from 'xstate';

export interface MachineControllerOptions<M extends AnyStateMachine, Api> {
  /** The machine with its actors provided (read on every connect: tests and stories swap actors). */
  machine(): M;
  input(): InputFrom<M>;
  /** The view-model of a snapshot (`connect(snapshot, send)`). */
  connect(snapshot: SnapshotFrom<M>, send: (event: EventFrom<M>) => void): Api;
  /** Every new snapshot, after the host was asked to update. */
  onSnapshot?(snapshot: SnapshotFrom<M>, previous: SnapshotFrom<M> | undefined): void;
}

export class MachineController<M extends AnyStateMachine, Api> implements ReactiveController {
  private actor: Actor<M> | null = null;
  snapshot: SnapshotFrom<M> | undefined;
  private apiOf: { snapshot: SnapshotFrom<M>; api: Api } | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: MachineControllerOptions<M, Api>,
  ) {
    host.addController(this);
  }

  get api(): Api | null {
    const snapshot = this.snapshot;
    if (!snapshot) return null;
    if (this.apiOf?.snapshot !== snapshot) this.apiOf = { snapshot, api: this.options.connect(snapshot, (event) => this.send(event)) };
    return this.apiOf.api;
  }

  hostConnected(): void {
    const actor = createActor(this.options.machine(), { input: this.options.input() }) as Actor<M>;
    actor.subscribe((next) => {
      const previous = this.snapshot;
      const snapshot = next as SnapshotFrom<M>;
      this.snapshot = snapshot;
      this.host.requestUpdate();
      this.options.onSnapshot?.(snapshot, previous);
    });
    this.actor = actor;
    actor.start();
  }

  hostDisconnected(): void {
    // Stopping the actor stops its invoked actors: an open channel unsubscribes and closes.
    this.actor?.stop();
    this.actor = null;
    this.snapshot = undefined;
    this.apiOf = null;
  }

  send(event: EventFrom<M>): void {
    this.actor?.send(event);
  }

  /** A fresh actor with the current input (the node or lookup attribute changed at rest). */
  restart(): void {
    this.hostDisconnected();
    this.hostConnected();
  }
}
