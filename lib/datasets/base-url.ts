// The app's public address, for the IRIs datasets carry (document versions, annotations, the JSON-LD context).
import { env } from '../env';
import { trimEndChars } from '../text-edges';

/** NEXTAUTH_URL, else the local default; no trailing slash. */
export function publicBaseUrl(): string {
  return trimEndChars(env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`, '/');
}
