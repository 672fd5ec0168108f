/**
 * One line of the terminal rewritten in place, for progress and live counts. On a terminal
 * it is redrawn at most ten times a second and cut to the terminal's width (a wrapped line
 * cannot be rewritten); in a log (not a TTY) it is written only every `logEveryMs`, so that
 * CI logs keep a trace without a line per update.
 */
export class TerminalLine {
  private lastWriteAt = 0;
  private drawn = false;
  private lastText = '';

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stdout,
    private readonly logEveryMs = 5000,
  ) {}

  update(text: string): void {
    const now = Date.now();
    if (text === this.lastText || now - this.lastWriteAt < (this.stream.isTTY ? 100 : this.logEveryMs)) return;
    this.lastWriteAt = now;
    this.lastText = text;
    this.write(text, false);
  }

  /** Writes the final text (whole, however long) in place of the line and moves on to the next line. */
  done(text: string): void {
    this.write(text, true);
    this.lastText = '';
  }

  private write(text: string, final: boolean): void {
    if (!this.stream.isTTY) {
      this.stream.write(`${text}\n`);
      return;
    }
    const width = this.stream.columns || 100;
    const shown = !final && text.length >= width ? `${text.slice(0, width - 2)}…` : text;
    this.stream.write(`${this.drawn ? '\r\x1b[2K' : ''}${shown}${final ? '\n' : ''}`);
    this.drawn = !final;
  }
}
