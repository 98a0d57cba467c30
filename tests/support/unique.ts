// Values no other test uses: every test makes its own users, slugs and client addresses, so files never share state.
import { randomBytes } from 'node:crypto';

/** Eight hex digits, for emails, slugs and names. */
export const uniqueSuffix = (): string => randomBytes(4).toString('hex');

/** An address from a private range, so a test's sign-in failures count against its own "client", not loopback's. */
export const uniqueClientIp = (): string => {
  const [a = 0, b = 0, c = 1] = randomBytes(3);
  return `10.${a}.${b}.${(c % 254) + 1}`;
};
