// Reads a user's text file for import, refusing what is not a non-empty UTF-8 text with a clear message.
import { readFile, stat } from 'node:fs/promises';
import { UsageError } from './usage-error';

export async function readTextFile(file: string): Promise<string> {
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new UsageError(`${file}: no such file`);
  }
  if (info.isDirectory()) throw new UsageError(`${file}: is a directory, not a text file`);
  const bytes = await readFile(file);
  if (bytes.length === 0) throw new UsageError(`${file}: the file is empty`);
  if (bytes.subarray(0, 8192).includes(0)) throw new UsageError(`${file}: looks like a binary file, not text`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${file}: is not valid UTF-8 text`);
  }
  if (text.trim().length === 0) throw new UsageError(`${file}: the file is empty (only whitespace)`);
  return text;
}
