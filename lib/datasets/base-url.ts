// The app's public address, for the IRIs datasets carry (document versions, annotations, the JSON-LD context).
import { env } from '../env';

/** NEXTAUTH_URL, else the local default; no trailing slash. */
export function publicBaseUrl(): string {
  return (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}
