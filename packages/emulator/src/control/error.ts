/** Failures of the control API (`emulator.control`, `/__emulator/…`). */

export class ControlError extends Error {
  readonly status: 400 | 404;
  constructor(message: string, status: 400 | 404 = 400) {
    super(message);
    this.name = 'ControlError';
    this.status = status;
  }
}
