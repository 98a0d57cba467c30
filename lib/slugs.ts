// Slugs, the readable ids in addresses (/w/<workspace>/documents/<document>): their shape, and one made from a
// name. Shared by workspaces and documents (safe to import from the client).
import { z } from 'zod';

export const slugSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single hyphens');

/** A slug from a file name or title: "Power-seeking agents.txt" -> "power-seeking-agents". */
export function slugify(value: string): string {
  const slug = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\.[a-z0-9]+$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)
    .replace(/-$/, '');
  return slug.length > 0 ? slug : 'document';
}
