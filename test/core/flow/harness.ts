// Machine tests' harness: the flow machine with fake `camera` and `scanStream` actors and XState's
// SimulatedClock (no DOM, no network, no real time).

import { SimulatedClock, createActor, fromCallback } from 'xstate';
import type { ServerMessage, WireError } from '../../../src/protocol/index.js';
import { wireError } from '../../../src/protocol/index.js';
import type { FioErrorName } from '../../../src/core/errors.js';
import { flowMachine, phaseOf } from '../../../src/core/flow/flow.machine.js';
import type { CameraInput, FlowEvent, FlowInput, ScanStreamInput, StreamCommand } from '../../../src/core/flow/flow.types.js';
import { eventFromServer } from '../../../src/core/flow/flow.types.js';

export interface FakeLog {
  cameraStarts: number;
  cameraStops: number;
  streamStarts: number;
  streamStops: number;
  streamInputs: ScanStreamInput[];
  commands: StreamCommand[];
}

export interface FakeOptions {
  /** Thrown by the camera actor when it starts. */
  cameraError?: unknown;
  /** Thrown by the scan stream actor when it starts. */
  streamError?: unknown;
}

export function fakeActors(options: FakeOptions = {}) {
  const log: FakeLog = { cameraStarts: 0, cameraStops: 0, streamStarts: 0, streamStops: 0, streamInputs: [], commands: [] };
  let toMachineFromCamera: ((event: FlowEvent) => void) | null = null;
  let toMachineFromNode: ((event: FlowEvent) => void) | null = null;
  const camera = fromCallback<FlowEvent, CameraInput>(({ sendBack }) => {
    log.cameraStarts++;
    if (options.cameraError !== undefined) throw options.cameraError;
    toMachineFromCamera = sendBack;
    return () => {
      log.cameraStops++;
      toMachineFromCamera = null;
    };
  });
  const scanStream = fromCallback<StreamCommand, ScanStreamInput>(({ sendBack, receive, input }) => {
    log.streamStarts++;
    log.streamInputs.push(input);
    if (options.streamError !== undefined) throw options.streamError;
    toMachineFromNode = sendBack;
    receive((command) => log.commands.push(command));
    return () => {
      log.streamStops++;
      toMachineFromNode = null;
    };
  });
  return {
    log,
    actors: { camera, scanStream },
    /** What the camera actor reports (fails when the actor is not running: a stopped actor cannot talk). */
    camera(event: FlowEvent): void {
      if (!toMachineFromCamera) throw new Error('camera actor is not running');
      toMachineFromCamera(event);
    },
    /** A message from the node, through the scan stream actor. */
    node(message: ServerMessage): void {
      if (!toMachineFromNode) throw new Error('scan stream actor is not running');
      toMachineFromNode(eventFromServer(message));
    },
  };
}

export function startFlow(input: FlowInput, options: FakeOptions = {}) {
  const clock = new SimulatedClock();
  const fakes = fakeActors(options);
  const actor = createActor(flowMachine.provide({ actors: fakes.actors }), { input, clock });
  actor.start();
  return {
    actor,
    clock,
    fakes,
    send: (event: FlowEvent) => actor.send(event),
    phase: () => phaseOf(actor.getSnapshot()),
    context: () => actor.getSnapshot().context,
    /** The fio.js code the run failed with, or null. */
    code: () => actor.getSnapshot().context.error?.code ?? null,
  };
}

export type Flow = ReturnType<typeof startFlow>;

export const nodeError = (name: FioErrorName, message = `node says ${name}`): WireError => wireError(name, message);

export const progress = (accepted: number, needed: number): ServerMessage => ({ type: 'progress', event: 'need-more-frames', accepted, needed });

/** Starts the run and walks it to the scan phase (granting the camera, accepting terms, skipping the intro). */
export function toScan(flow: Flow): void {
  flow.send({ type: 'FLOW.START' });
  flow.fakes.camera({ type: 'PERMISSION.GRANTED' });
  if (flow.phase() === 'terms') flow.send({ type: 'TERMS.ACCEPT' });
  if (flow.phase() === 'intro') flow.send({ type: 'INTRO.CONTINUE' });
  if (flow.phase() !== 'scan') throw new Error(`expected scan, got ${flow.phase()}`);
}

/** From scan: a face, enough frames, and the node asking for a PIN. */
export function toPin(flow: Flow, request: { confirm: boolean; reason?: 'enroll' | 'policy' | 'doubt'; attemptsLeft?: number }): void {
  flow.send({ type: 'SCAN.GUIDANCE', hint: 'good', faces: 1 });
  flow.fakes.node(progress(3, 3));
  flow.fakes.node({
    type: 'pin-required',
    reason: request.reason ?? 'enroll',
    digits: { min: 4, max: 16 },
    confirm: request.confirm,
    attemptsLeft: request.attemptsLeft ?? 3,
  });
  if (flow.phase() !== 'pin') throw new Error(`expected pin, got ${flow.phase()}`);
}
