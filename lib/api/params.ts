// Path parameter shapes shared by the route handlers.
import { z } from 'zod';

const segment = z.string().min(1).max(200);

export const workspaceParams = z.object({ ws: segment });
export const documentParams = z.object({ ws: segment, doc: segment });
export const memberParams = z.object({ ws: segment, userId: segment });
export const inviteParams = z.object({ ws: segment, inviteId: segment });
export const inviteTokenParams = z.object({ token: segment });
export const tokenParams = z.object({ tokenId: segment });
export const invitationParams = z.object({ invitationId: segment });
export const annotationParams = z.object({ ws: segment, annotationId: segment });
export const replyParams = z.object({ ws: segment, replyId: segment });
export const claimParams = z.object({ ws: segment, claimId: segment });
export const cruxLinkParams = z.object({ ws: segment, linkId: segment });
