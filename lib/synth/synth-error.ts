/**
 * A synth failure the user can act on: the message is the whole story (what failed, why, and
 * that the previous output folder is unchanged), so it is printed without a stack trace.
 */
export class SynthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SynthError';
  }
}
