// <faceio-sign-on>, one story per state and per kind of refusal (CONVENTIONS habit 12), driven by
// fake `startLogin` and `channel` actors: nothing reaches a node. Each story submits an account and
// lets the fakes bring the element to its state, where it rests.
import type { Args, Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { fromCallback, fromPromise } from 'xstate';
import '../src/faceio-sign-on.js';
import type { FaceioSignOn } from '../src/faceio-sign-on.js';
import { qrSvg } from '../src/core/sign-on/qr-code.js';
import { SignOnFailure, type ChannelInput, type LoginOutcome, type SignOnEvent, type StartLoginInput } from '../src/core/sign-on/sign-on.types.js';
import { supportedLocales } from '../src/localization/localization.js';
import { SIGN_ON_CODES, type SignOnCode, type SignOnResult } from '../src/protocol/index.js';

/** What the fakes do: how the login call ends, and what the channel then says (nothing: the element waits). */
interface SignOnScript {
  login: 'phone' | 'no-phone' | 'pending' | { refuse: SignOnCode };
  channel?: SignOnResult | 'closed';
}

const VERIFY_URL = 'https://faceio.example.com/sign-on/verify#t=vt_story';
const never = () => new Promise<never>(() => undefined);

function fakeSignOnActors(script: SignOnScript) {
  return {
    startLogin: fromPromise<LoginOutcome, StartLoginInput>(async () => {
      if (script.login === 'pending') return never();
      if (typeof script.login === 'object')
        throw new SignOnFailure(script.login.refuse, 'story refusal', script.login.refuse !== SIGN_ON_CODES.LOCKED_PERMANENTLY);
      const device = script.login === 'phone';
      const login = { verification_token: 'vt_story', subscription_secret: 'ss_story', device, verify_url: VERIFY_URL };
      return { login, qr: device ? '' : await qrSvg(VERIFY_URL) };
    }),
    channel: fromCallback<SignOnEvent, ChannelInput>(({ sendBack }) => {
      const timer = setTimeout(() => {
        if (script.channel === 'closed') sendBack({ type: 'CHANNEL.CLOSED' });
        else if (script.channel) sendBack({ type: 'CHANNEL.RESULT', result: script.channel });
      }, 400);
      return () => clearTimeout(timer);
    }),
  };
}

function render(args: Args, context: StoryContext): HTMLElement {
  const element = document.createElement('faceio-sign-on') as FaceioSignOn;
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined || value === '') continue;
    if (name.startsWith('--')) element.style.setProperty(name, String(value));
    else element.setAttribute(name, String(value));
  }
  const script = context.parameters['signOn'] as SignOnScript | undefined;
  if (script) {
    element.actors = fakeSignOnActors(script);
    // The user: types the account and sends the request once the form is there.
    void element.updateComplete.then(() => {
      const input = element.shadowRoot?.querySelector('input');
      if (!input) return;
      input.value = String(args['account'] ?? 'ada@example.com');
      element.shadowRoot?.querySelector('form')?.requestSubmit();
    });
  }
  return element;
}

const meta = {
  title: 'faceio-sign-on',
  component: 'faceio-sign-on',
  render,
  args: { locale: 'en', lookup: 'email', node: 'https://faceio.example.com' },
  argTypes: {
    locale: { control: 'select', options: ['auto', ...supportedLocales] },
    lookup: { control: 'inline-radio', options: ['email', 'uid'] },
  },
  parameters: { layout: 'centered' },
} satisfies Meta;
export default meta;

type Story = StoryObj;
const story = (signOn: SignOnScript, more: Partial<Story> = {}): Story => ({ parameters: { signOn }, ...more });
const failed = (code: number, lock?: 'temporary' | 'permanent'): SignOnResult => ({
  status: 'failed',
  verification_token: 'vt_story',
  code,
  message: 'story',
  user_message: 'story',
  ...(lock ? { lock } : {}),
});

// ---- states ----

/** The account form. */
export const Idle: Story = {};
/** The same, asking for a user ID. */
export const IdleUserId: Story = { name: 'Idle: user ID', args: { lookup: 'uid', account: 'ada' } };
export const LookingUp: Story = story({ login: 'pending' });
export const NotificationSent: Story = story({ login: 'phone' });
/** No phone registered: the QR code any phone can scan. */
export const Waiting: Story = story({ login: 'no-phone' });
export const Verified: Story = story({
  login: 'phone',
  channel: { status: 'verified', verification_token: 'vt_story', uid: 'ada', proof: 'a.b.c', verified_at: '2030-01-01T00:00:00Z' },
});
export const Expired: Story = story({ login: 'phone', channel: { status: 'expired', verification_token: 'vt_story' } });

// ---- failures ----

export const FailedFaceCheck: Story = story({ login: 'phone', channel: failed(3) }, { name: 'Failed: face check' });
export const FailedNowLocked: Story = story({ login: 'phone', channel: failed(5, 'temporary') }, { name: 'Failed: face check, now locked' });
export const FailedUserNotFound: Story = story({ login: { refuse: SIGN_ON_CODES.USER_NOT_FOUND } }, { name: 'Failed: user not found' });
export const FailedNoDevice: Story = story({ login: { refuse: SIGN_ON_CODES.NO_DEVICE } }, { name: 'Failed: no phone' });
export const FailedLocked: Story = story({ login: { refuse: SIGN_ON_CODES.LOCKED_PERMANENTLY } }, { name: 'Failed: locked' });
export const FailedFormExpired: Story = story({ login: { refuse: SIGN_ON_CODES.INVALID_START_TOKEN } }, { name: 'Failed: form expired' });
export const FailedNetwork: Story = story({ login: 'phone', channel: 'closed' }, { name: 'Failed: connection lost' });

/** Arabic, right to left. */
export const RightToLeft: Story = story({ login: 'no-phone' }, { name: 'Right to left (Arabic)', args: { locale: 'ar' } });
