// <faceio-authenticate>, one story per phase and per error the user can meet (CONVENTIONS habit
// 12), driven by the fake camera and node of fake-actors.ts; only "Live" uses the real camera and a
// node. Authentication has no terms or introduction: permission → scan → (pin) → reply → done.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/faceio-authenticate.js';
import { supportedLocales } from '../src/localization/localization.js';
import { GOOD, RESULTS, challengePlan, frames, node, steps } from './fake-actors.js';
import { HOLD_ARGS, doneStory, failureStory, renderFlow, scanStory } from './story-kit.js';

const meta = {
  title: 'faceio-authenticate',
  component: 'faceio-authenticate',
  render: renderFlow('faceio-authenticate'),
  args: { autostart: true, locale: 'en', ...HOLD_ARGS },
  argTypes: {
    locale: { control: 'select', options: ['auto', ...supportedLocales] },
    check: { control: 'inline-radio', options: ['authenticate', 'liveness', 'age'] },
  },
  parameters: { layout: 'centered' },
} satisfies Meta;
export default meta;

type Story = StoryObj;

const op = 'authenticate';
/** The application's PIN policy asks for the PIN (`pinPolicy: always`, or on doubt). */
const PIN_REQUEST = node.pinRequired({ reason: 'policy', digits: { min: 4, max: 4 }, confirm: false, attemptsLeft: 3 });

// ---- phases ----

/** Before a run: the start button (press it to play the happy path). */
export const Idle: Story = { ...doneStory(op), args: { autostart: false } };

/** The browser's camera prompt is open and unanswered. */
export const Permission: Story = { parameters: { fake: { permission: 'pending' } } };

export const ScanLooking: Story = { name: 'Scan: looking', ...scanStory([], steps(node.ready(op))) };
export const ScanNoFace: Story = { name: 'Scan: no face', ...scanStory([{ hint: 'no-face', faces: 0 }], steps(node.ready(op))) };
export const ScanManyFaces: Story = { name: 'Scan: many faces', ...scanStory([{ hint: 'many-faces', faces: 2 }], steps(node.ready(op))) };
export const ScanMoveBack: Story = { name: 'Scan: move back', ...scanStory([{ hint: 'move-back', faces: 1 }], steps(node.ready(op))) };
export const ScanCenter: Story = { name: 'Scan: center', ...scanStory([{ hint: 'center', faces: 1 }], steps(node.ready(op))) };
export const ScanTooBright: Story = { name: 'Scan: too bright', ...scanStory([{ hint: 'too-bright', faces: 1 }], steps(node.ready(op))) };
export const ScanHoldStill: Story = {
  name: 'Scan: hold still',
  ...scanStory([{ hint: 'hold-still', faces: 1 }], steps(node.ready(op), node.progress(1, 3))),
};
export const ScanProgress: Story = {
  name: 'Scan: frames accepted',
  ...scanStory(GOOD, steps(node.ready(op), node.progress(1, 3), node.progress(2, 3))),
};

/** The node is unsure (or the policy says always) and asks for the user's PIN. */
export const PinEnter: Story = { name: 'PIN: enter', ...scanStory(GOOD, steps(node.ready(op), ...frames(3), PIN_REQUEST)) };
/** An application whose PIN is 6 digits: six boxes, "Enter your 6-digit PIN." */
export const PinSixDigits: Story = {
  name: 'PIN: 6 digits',
  ...scanStory(
    GOOD,
    steps(node.ready(op), ...frames(3), node.pinRequired({ reason: 'policy', digits: { min: 6, max: 6 }, confirm: false, attemptsLeft: 3 })),
  ),
};
/** A wrong PIN with attempts left: the user tries again. */
export const PinWrong: Story = {
  name: 'PIN: wrong, 2 attempts left',
  ...scanStory(GOOD, steps(node.ready(op), ...frames(3), PIN_REQUEST), { onPin: [steps(node.pinRejected('wrong', 2))] }, { pins: ['0000'] }),
};

/** The node has the frames and searches the application's faces. */
export const Reply: Story = scanStory(GOOD, steps(node.ready(op), ...frames(3)));

export const Done: Story = doneStory(op);
/** The dark scheme (what `prefers-color-scheme: dark` gives; `theme="dark"` pins it). */
export const DarkFailure: Story = { name: 'Dark: failure', args: { theme: 'dark' }, ...failureStory(op, 'UNRECOGNIZED_FACE') };
export const DoneWithPin: Story = {
  name: 'Done (after PIN)',
  ...scanStory(GOOD, steps(node.ready(op), ...frames(3), PIN_REQUEST), { onPin: [steps(node.ok(RESULTS.authenticate))] }, { pins: ['2580'] }),
};
/** `check="liveness"`: FaceIO's liveness(), no identity looked up. */
export const DoneLiveness: Story = { name: 'Done (liveness check)', args: { check: 'liveness' }, ...doneStory('liveness') };
/** `check="age"`: FaceIO's ageVerify(). */
export const DoneAge: Story = { name: 'Done (age check)', args: { check: 'age' }, ...doneStory('age') };

// ---- the liveness challenge (the node asks it in doubt, or always with liveness: active) ----

const CHALLENGE = ['turn-left', 'turn-right', 'look-up', 'blink'] as const;
const challengeAt = (index: number) =>
  scanStory(GOOD, steps(node.ready(op, {}, challengePlan([...CHALLENGE])), node.progress(1, 8), ...node.challenge([...CHALLENGE], index)));
/** Step 1 of 4: turn to the user's own left (the cue points to the screen's left: the preview is a mirror). */
export const ChallengeTurnLeft: Story = { name: 'Challenge: turn left', ...challengeAt(0) };
export const ChallengeTurnRight: Story = { name: 'Challenge: turn right', ...challengeAt(1) };
export const ChallengeLookUp: Story = { name: 'Challenge: look up', ...challengeAt(2) };
export const ChallengeBlink: Story = { name: 'Challenge: blink', ...challengeAt(3) };
/** Arabic: the steps read right to left, the arrow keeps its physical direction. */
export const ChallengeRightToLeft: Story = { name: 'Challenge: RTL (Arabic)', args: { locale: 'ar' }, ...challengeAt(0) };
/** The step's window ended, or the movement was not a live head's: the node answers PAD_ATTACK (the reason stays in its log). */
export const ChallengeFailed: Story = {
  name: 'Challenge: failed (PAD_ATTACK)',
  ...scanStory(
    GOOD,
    steps(
      node.ready(op, {}, challengePlan(['turn-left', 'blink'])),
      node.progress(1, 8),
      ...node.challenge(['turn-left', 'blink'], 0),
      node.verdict('PAD_ATTACK'),
    ),
  ),
};

/** Arabic: the element follows the locale's direction. */
export const RightToLeft: Story = {
  name: 'RTL (Arabic)',
  args: { locale: 'ar' },
  ...scanStory([{ hint: 'center', faces: 1 }], steps(node.ready(op), node.progress(1, 3))),
};

// ---- errors (fio.js codes) ----

export const ErrorPermissionRefused: Story = { name: 'Error: PERMISSION_REFUSED (1)', ...failureStory(op, 'PERMISSION_REFUSED') };
export const ErrorNoCamera: Story = { name: 'Error: NO_CAMERA (24)', ...failureStory(op, 'NO_CAMERA') };
export const ErrorNoFacesDetected: Story = { name: 'Error: NO_FACES_DETECTED (2)', ...failureStory(op, 'NO_FACES_DETECTED') };
export const ErrorUnrecognizedFace: Story = { name: 'Error: UNRECOGNIZED_FACE (3)', ...failureStory(op, 'UNRECOGNIZED_FACE') };
export const ErrorManyFaces: Story = { name: 'Error: MANY_FACES (4)', ...failureStory(op, 'MANY_FACES') };
export const ErrorPadAttack: Story = { name: 'Error: PAD_ATTACK (5)', ...failureStory(op, 'PAD_ATTACK') };
export const ErrorFaceMismatch: Story = { name: 'Error: FACE_MISMATCH (6)', ...failureStory(op, 'FACE_MISMATCH') };
export const ErrorNetworkIo: Story = { name: 'Error: NETWORK_IO (7)', ...failureStory(op, 'NETWORK_IO') };
export const ErrorWrongPinCode: Story = { name: 'Error: WRONG_PIN_CODE (8)', ...failureStory(op, 'WRONG_PIN_CODE') };
export const ErrorProcessingErr: Story = { name: 'Error: PROCESSING_ERR (9)', ...failureStory(op, 'PROCESSING_ERR') };
export const ErrorUnauthorized: Story = { name: 'Error: UNAUTHORIZED (10)', ...failureStory(op, 'UNAUTHORIZED') };
export const ErrorUiNotReady: Story = { name: 'Error: UI_NOT_READY (12)', ...failureStory(op, 'UI_NOT_READY') };
export const ErrorSessionExpired: Story = { name: 'Error: SESSION_EXPIRED (13)', ...failureStory(op, 'SESSION_EXPIRED') };
export const ErrorTimeout: Story = { name: 'Error: TIMEOUT (14)', ...failureStory(op, 'TIMEOUT') };
export const ErrorTooManyRequests: Story = { name: 'Error: TOO_MANY_REQUESTS (15)', ...failureStory(op, 'TOO_MANY_REQUESTS') };
export const ErrorEmptyOrigin: Story = { name: 'Error: EMPTY_ORIGIN (16)', ...failureStory(op, 'EMPTY_ORIGIN') };
export const ErrorForbiddenOrigin: Story = { name: 'Error: FORBIDDDEN_ORIGIN (17)', ...failureStory(op, 'FORBIDDDEN_ORIGIN') };
export const ErrorForbiddenCountry: Story = { name: 'Error: FORBIDDDEN_COUNTRY (18)', ...failureStory(op, 'FORBIDDDEN_COUNTRY') };
export const ErrorMinorsNotAllowed: Story = { name: 'Error: MINORS_NOT_ALLOWED (22)', ...failureStory(op, 'MINORS_NOT_ALLOWED') };
export const ErrorAbortedByUser: Story = { name: 'Error: ABORTED_BY_USER (23)', ...failureStory(op, 'ABORTED_BY_USER') };

// ---- live ----

/**
 * The real camera and a running node (`npm start`, http://localhost:8080 unless PORT says
 * otherwise). The node must allow this page's origin: create an application with
 * `npx openfaceio app create --name storybook --origin http://localhost:6006`, enroll once (the
 * faceio-enroll Live story) and paste the public ID into the `public-id` control.
 */
export const Live: Story = {
  args: {
    autostart: false,
    node: 'http://localhost:8080',
    'public-id': '',
    'permission-timeout': undefined,
    'idle-timeout': undefined,
    'reply-timeout': undefined,
    'pin-timeout': undefined,
  },
};
