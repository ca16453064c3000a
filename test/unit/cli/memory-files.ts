import { type CliFiles, FileTooLargeError } from '../../../src-main/cli/cli-files';

/** CliFiles over a map of absolute path → text; paths in `readOnly` refuse appends with EACCES. */
export class MemoryFiles implements CliFiles {
  readonly files = new Map<string, string>();
  readonly readOnly = new Set<string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(initial)) this.files.set(path, text);
  }

  async readText(path: string, maxBytes: number): Promise<string> {
    const text = this.files.get(path);
    if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
    if (Buffer.byteLength(text, 'utf8') > maxBytes) throw new FileTooLargeError(maxBytes);
    return text;
  }

  async isFile(path: string): Promise<boolean> {
    return this.files.has(path);
  }

  async listFiles(folder: string, name: RegExp): Promise<string[]> {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    return [...this.files.keys()].filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/') && name.test(path.slice(prefix.length)));
  }

  async appendText(path: string, text: string): Promise<void> {
    if (this.readOnly.has(path)) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
    this.files.set(path, (this.files.get(path) ?? '') + text);
  }

  /** Every byte held, for "the password is nowhere" checks. */
  everything(): string {
    return [...this.files.values()].join('\n');
  }
}
