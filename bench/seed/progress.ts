/**
 * A one-line progress bar on stderr; without a terminal, one line per tenth.
 *
 * @module
 */

const WIDTH = 30;
const encoder = new TextEncoder();

/** Reports the progress of one long step. */
export interface Progress {
  /** Sets how much of `total` is done. */
  update(done: number): void;
  /** Ends the line with the step's duration. */
  finish(): void;
}

/** Starts a bar for `label`, counting to `total`. */
export function progressBar(label: string, total: number): Progress {
  const started = performance.now();
  const terminal = Deno.stderr.isTerminal();
  let lastTenth = -1;
  const write = (text: string) => Deno.stderr.writeSync(encoder.encode(text));
  const line = (done: number) => {
    const share = total === 0 ? 1 : done / total;
    const filled = Math.round(share * WIDTH);
    const bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
    const count = `${done.toLocaleString("en")}/${total.toLocaleString("en")}`;
    return `${label.padEnd(22)} [${bar}] ${String(Math.round(share * 100)).padStart(3)}% ${count}`;
  };
  return {
    update(done: number): void {
      if (terminal) {
        write(`\r${line(done)}`);
        return;
      }
      const tenth = Math.floor((done / Math.max(total, 1)) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        write(`${line(done)}\n`);
      }
    },
    finish(): void {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      write(`${terminal ? `\r${line(total)}` : line(total)} in ${seconds} s\n`);
    },
  };
}
