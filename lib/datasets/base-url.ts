// The app's public address, for the IRIs datasets carry (document versions, annotations, the JSON-LD context).
import { env } from '../env';
import { trimEndChars } from '../text-edges';

/** CRUXMAP_PUBLIC_URL, else NEXTAUTH_URL, else the local default; no trailing slash. The CLI and the server agree. */
export function publicBaseUrl(): string {
  return trimEndChars(env.CRUXMAP_PUBLIC_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`, '/');
}
