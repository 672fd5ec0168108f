/**
 * What Maven has done so far, read from its batch-mode output line by line, so that a
 * fetch shows one progress line instead of Maven's hundreds ("Downloading from central:
 * …" twice per file), and a failure shows Maven's own reason instead of its whole log.
 */
export class MavenProgress {
  downloads = 0;
  bytes = 0;
  copiedJars = 0;
  private readonly errors: string[] = [];
  private sawNetworkProblem = false;

  /** Takes one line of Maven's output. */
  read(rawLine: string): void {
    const line = rawLine.replace(/\x1b\[[0-9;]*m/g, '').trim();
    const downloaded = /^\[INFO\] Downloaded from [^:]+: \S+ \(([\d.]+) (B|kB|MB|GB) at /.exec(line);
    if (downloaded) {
      this.downloads += 1;
      this.bytes += Number(downloaded[1]) * UNIT_BYTES[downloaded[2] as keyof typeof UNIT_BYTES];
    } else if (/^\[INFO\] Copying \S+\.jar to /.test(line)) {
      this.copiedJars += 1;
    } else if (line.startsWith('[ERROR] ')) {
      const message = line.slice('[ERROR] '.length).replace(/ -> \[Help \d+\]$/, '').trim();
      if (message && !GENERIC_ERROR_LINES.some((generic) => generic.test(message))) this.errors.push(message);
    }
    if (NETWORK_PROBLEMS.some((pattern) => pattern.test(line))) this.sawNetworkProblem = true;
  }

  /** The progress as one short line, e.g. "downloaded 210 files (48.2 MB) · copied 12 jars". */
  summary(): string {
    const parts = [`downloaded ${this.downloads} ${this.downloads === 1 ? 'file' : 'files'} (${formatBytes(this.bytes)})`];
    if (this.copiedJars > 0) parts.push(`copied ${this.copiedJars} jars`);
    return parts.join(' · ');
  }

  /** Maven's first specific error message, if it reported one. */
  firstError(): string | undefined {
    return this.errors[0];
  }

  /** Whether the output says Maven Central (or the configured mirror) could not be reached. */
  get networkProblem(): boolean {
    return this.sawNetworkProblem;
  }
}

const UNIT_BYTES = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9 } as const;

/** Maven's boilerplate after every failure, which says nothing about this one. */
const GENERIC_ERROR_LINES = [/^To see the full stack trace/, /^Re-run Maven using/, /^For more information about the errors/, /^\[Help \d+\]/];

const NETWORK_PROBLEMS = [
  /Could not transfer (artifact|metadata)/,
  /Unknown host|UnknownHostException|Name or service not known|Temporary failure in name resolution/,
  /Connection (refused|timed out|reset)|connect timed out|Network is unreachable/,
  /in offline mode/,
  /PKIX path building failed/,
];

function formatBytes(bytes: number): string {
  if (bytes < 1e3) return `${Math.round(bytes)} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}
