/** Rounds numbers for output (JSON and text): 4 decimals is below every model's noise. */
export function rounded(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const writeLine = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export const writeError = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** The error shape every command prints for a bad input: a code a program can test, a message a person can act on. */
export function errorRecord(error: unknown): { code: string; message: string } {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return { code: error.code, message: error.message };
  }
  return { code: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error) };
}
