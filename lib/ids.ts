// Row ids made in the app for rows it writes with its own SQL (multi-row or one-statement INSERTs), shaped like
// Prisma's cuid() default that the other rows get: "c" and 24 base-36 characters.
import { randomBytes } from 'node:crypto';

export function newId(): string {
  const bytes = randomBytes(24);
  let id = 'c';
  for (const byte of bytes) id += (byte % 36).toString(36);
  return id;
}
