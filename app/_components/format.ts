// Dates shown in the interface, formatted the same on the server and in the browser (UTC, English).
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

export const formatDate = (value: Date | string): string => dateFormat.format(asDate(value));

export const formatDateTime = (value: Date | string): string => `${dateTimeFormat.format(asDate(value))} UTC`;

export const isoString = (value: Date | string): string => asDate(value).toISOString();

export const roleLabels = { owner: 'Owner', reviewer: 'Reviewer', observer: 'Observer' } as const;

export const roleDescriptions = {
  owner: 'manages members, invites, settings and documents',
  reviewer: 'reads and annotates',
  observer: 'reads only',
} as const;

/** A count with its noun: plural(1, 'reviewer') is "1 reviewer", plural(2, 'reviewer') "2 reviewers"; irregular plurals by pluralForm. */
export function plural(count: number, singular: string, pluralForm?: string): string {
  return `${count} ${count === 1 ? singular : (pluralForm ?? `${singular}s`)}`;
}
