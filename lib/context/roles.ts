// The three roles of a workspace member, least to most. Client-safe (no database types): the same names as the
// `Role` enum in prisma/schema.prisma.
export const roles = ['owner', 'reviewer', 'observer'] as const;

export type Role = (typeof roles)[number];
