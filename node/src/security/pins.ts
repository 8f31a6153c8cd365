import { hash, verify } from '@node-rs/argon2';

/** argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): ~20 ms per check on one core. */
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPin = (pin: string): Promise<string> => hash(pin, ARGON2);
export const verifyPin = (pinHash: string, pin: string): Promise<boolean> => verify(pinHash, pin).catch(() => false);

export type PinProblem = 'not-digits' | 'too-short' | 'too-long' | 'weak' | 'confirm-mismatch';

// The most common 4-digit PINs (public PIN-frequency studies) beyond the patterns caught below.
const COMMON = new Set([
  '1234',
  '1212',
  '1004',
  '2000',
  '6969',
  '1122',
  '1313',
  '4321',
  '2001',
  '1010',
  '2580',
  '0852',
  '1111',
  '0000',
  '7777',
  '5683',
  '123456',
  '654321',
  '121212',
  '112233',
]);

/** Weak: one repeated digit, a straight ascending/descending run, a repeated pair, or a very common PIN. */
export function isWeakPin(pin: string): boolean {
  if (COMMON.has(pin)) return true;
  if (/^(\d)\1+$/.test(pin)) return true;
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10);
  if (steps.size === 1 && (steps.has(1) || steps.has(9))) return true;
  if (pin.length % 2 === 0 && /^(\d\d)\1+$/.test(pin)) return true;
  return false;
}

export function pinProblem(pin: string, rules: { minLength: number; maxLength: number; rejectWeak: boolean }, confirm?: string): PinProblem | null {
  if (!/^\d+$/.test(pin)) return 'not-digits';
  if (pin.length < rules.minLength) return 'too-short';
  if (pin.length > rules.maxLength) return 'too-long';
  if (confirm !== undefined && confirm !== pin) return 'confirm-mismatch';
  if (rules.rejectWeak && isWeakPin(pin)) return 'weak';
  return null;
}
